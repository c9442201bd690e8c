// ConsDB quicklook rows RA writes (boundary 7), as messages: the row schemas come
// from ../consdb (columns extracted from the Felis schemas), restricted to RA's whitelist.
import type { TSchema } from '@sinclair/typebox'
import {
  CcdVisit1QuicklookRow,
  ExposureQuicklookRow,
  LatissCcdVisit1QuicklookRow,
  LatissExposureQuicklookRow,
  LatissVisit1QuicklookRow,
  Visit1QuicklookRow,
} from '../consdb/index.ts'
import { defineMessage, type MessageSpec, schemaId } from '../internal/message.ts'

function rowMessage<S extends TSchema>(schema: S, stem: string, examples: readonly unknown[]): MessageSpec<S> {
  const withId = { ...schema, $id: schemaId(stem) }
  return defineMessage({
    name: String(schema.title),
    stem,
    schema: withId,
    carrier: 'postgres-row',
    producers: ['consdb-writer'],
    consumers: ['rubintv', 'catcher'],
    examples,
  })
}

// ccdvisit_id packs (day_obs, seq_num, detector, controller); 730865976064 is ComCamSim S 20240403 seq 451 det 0.
export const ConsdbRowMessages = [
  rowMessage(CcdVisit1QuicklookRow, 'consdb-lsstcam-ccdvisit1-quicklook', [
    {
      day_obs: 20240403,
      seq_num: 451,
      detector: 0,
      ccdvisit_id: 730865976064,
      psf_sigma: 1.93,
      sky_bg: 812.5,
      n_psf_star: 41,
    },
  ]),
  rowMessage(Visit1QuicklookRow, 'consdb-lsstcam-visit1-quicklook', [
    { visit_id: 2025111500226, day_obs: 20251115, seq_num: 226, n_inputs: 189, psf_sigma_median: 1.9 },
  ]),
  rowMessage(ExposureQuicklookRow, 'consdb-lsstcam-exposure-quicklook', [
    { exposure_id: 2025111500226, day_obs: 20251115, seq_num: 226, mount_motion_image_degradation: 0.12 },
  ]),
  rowMessage(LatissCcdVisit1QuicklookRow, 'consdb-latiss-ccdvisit1-quicklook', [
    { day_obs: 20240624, seq_num: 106, detector: 0, ccdvisit_id: 44358986240, psf_sigma: 2.4 },
  ]),
  rowMessage(LatissVisit1QuicklookRow, 'consdb-latiss-visit1-quicklook', [
    { visit_id: 2024062400106, day_obs: 20240624, seq_num: 106, n_inputs: 1 },
  ]),
  rowMessage(LatissExposureQuicklookRow, 'consdb-latiss-exposure-quicklook', [
    { exposure_id: 2024062400106, day_obs: 20240624, seq_num: 106, mount_jitter_rms: 0.05 },
  ]),
] as const
