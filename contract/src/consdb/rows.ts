// The ConsDB rows RA writes: one schema per quicklook table, limited to RA's column whitelist.
import type { Static } from '@sinclair/typebox'
import { RA_WRITTEN_COLUMNS } from './ra-columns.ts'
import { consdbRowSchema } from './row-schema.ts'

const LSSTCAM = RA_WRITTEN_COLUMNS.cdb_lsstcam
const LATISS = RA_WRITTEN_COLUMNS.cdb_latiss

export const CcdVisit1QuicklookRow = consdbRowSchema('cdb_lsstcam', 'ccdvisit1_quicklook', {
  columns: LSSTCAM.ccdvisit1_quicklook,
  title: 'CcdVisit1QuicklookRow',
  description: 'An LSSTCam per-detector quicklook row RA writes to cdb_lsstcam.ccdvisit1_quicklook.',
})
export type CcdVisit1QuicklookRow = Static<typeof CcdVisit1QuicklookRow>

export const Visit1QuicklookRow = consdbRowSchema('cdb_lsstcam', 'visit1_quicklook', {
  columns: LSSTCAM.visit1_quicklook,
  title: 'Visit1QuicklookRow',
  description: 'An LSSTCam per-visit quicklook row (or partial update) RA writes to cdb_lsstcam.visit1_quicklook.',
})
export type Visit1QuicklookRow = Static<typeof Visit1QuicklookRow>

export const ExposureQuicklookRow = consdbRowSchema('cdb_lsstcam', 'exposure_quicklook', {
  columns: LSSTCAM.exposure_quicklook,
  title: 'ExposureQuicklookRow',
  description: 'An LSSTCam per-exposure quicklook row (mount analysis) RA writes to cdb_lsstcam.exposure_quicklook.',
})
export type ExposureQuicklookRow = Static<typeof ExposureQuicklookRow>

export const CcdExposureQuicklookRow = consdbRowSchema('cdb_lsstcam', 'ccdexposure_quicklook', {
  columns: LSSTCAM.ccdexposure_quicklook,
  title: 'CcdExposureQuicklookRow',
  description: 'An LSSTCam per-detector post-ISR row RA writes to cdb_lsstcam.ccdexposure_quicklook.',
})
export type CcdExposureQuicklookRow = Static<typeof CcdExposureQuicklookRow>

export const LatissCcdExposureQuicklookRow = consdbRowSchema('cdb_latiss', 'ccdexposure_quicklook', {
  columns: LATISS.ccdexposure_quicklook,
  title: 'LatissCcdExposureQuicklookRow',
  description: 'A LATISS per-detector post-ISR row RA writes to cdb_latiss.ccdexposure_quicklook.',
})
export type LatissCcdExposureQuicklookRow = Static<typeof LatissCcdExposureQuicklookRow>

export const LatissCcdVisit1QuicklookRow = consdbRowSchema('cdb_latiss', 'ccdvisit1_quicklook', {
  columns: LATISS.ccdvisit1_quicklook,
  title: 'LatissCcdVisit1QuicklookRow',
  description: 'A LATISS per-detector quicklook row RA writes to cdb_latiss.ccdvisit1_quicklook.',
})
export type LatissCcdVisit1QuicklookRow = Static<typeof LatissCcdVisit1QuicklookRow>

export const LatissVisit1QuicklookRow = consdbRowSchema('cdb_latiss', 'visit1_quicklook', {
  columns: LATISS.visit1_quicklook,
  title: 'LatissVisit1QuicklookRow',
  description: 'A LATISS per-visit quicklook row RA writes to cdb_latiss.visit1_quicklook.',
})
export type LatissVisit1QuicklookRow = Static<typeof LatissVisit1QuicklookRow>

export const LatissExposureQuicklookRow = consdbRowSchema('cdb_latiss', 'exposure_quicklook', {
  columns: LATISS.exposure_quicklook,
  title: 'LatissExposureQuicklookRow',
  description: 'A LATISS per-exposure quicklook row (mount analysis) RA writes to cdb_latiss.exposure_quicklook.',
})
export type LatissExposureQuicklookRow = Static<typeof LatissExposureQuicklookRow>
