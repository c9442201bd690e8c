// ----------------------------------------------------------------------------
// Small pieces every quicklook runner shares: contract keys for products and
// scratch images, the pixel scale, the per-detector record kept in Redis for
// step1b, and turning an error into a failed result that carries its code.
// ----------------------------------------------------------------------------
import {
  buildS3Key,
  type ChannelName,
  formatIssues,
  type Instrument,
  type ProcessPayload,
  parseExposureId,
} from '@rubin/ra-contract'
import { LSSTCAM_PIXEL_SCALE_ARCSEC } from '@rubin/ra-quicklook'
import { isTransientError } from '@rubin/ra-runtime'
import type { PipelineResult } from '../types.ts'
import type { QuicklookDeps } from './deps.ts'

/** Arcsec per unbinned pixel; LATISS has 10 µm pixels at a longer focal length. */
const PIXEL_SCALE: Partial<Record<Instrument, number>> = { LATISS: 0.1 }
export const pixelScaleOf = (instrument: Instrument) => PIXEL_SCALE[instrument] ?? LSSTCAM_PIXEL_SCALE_ARCSEC

/** The data product name in scratch binned-image keys (today's `post_isr_image`). */
export const POST_ISR_PRODUCT = 'post_isr_image'
/** Binning of the scratch images the mosaic reads (today's 8×). */
export const DEFAULT_BIN_FACTOR = 8

export class QuicklookRunError extends Error {
  readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.name = 'QuicklookRunError'
    this.code = code
  }
}

/** A failed result whose reason starts with the error's stable code. */
export function failure(error: unknown): PipelineResult {
  const code = (error as { code?: unknown })?.code
  const message = (error as Error)?.message ?? String(error)
  const reason = typeof code === 'string' ? `${code}: ${message}` : message
  return isTransientError(error) ? { outcome: 'failed', reason, retryable: true } : { outcome: 'failed', reason }
}

export function exposureOf(payload: ProcessPayload): { exposure: number; detector?: number } {
  const id = payload.dataIds[0]
  const exposure = id?.exposure ?? id?.visit
  if (exposure === undefined) {
    throw new QuicklookRunError('RA_WORKER_PAYLOAD_NO_EXPOSURE', `payload ${payload.payloadId} names no exposure`)
  }
  return id?.detector === undefined ? { exposure } : { exposure, detector: id.detector }
}

export function dayObsSeq(exposure: number): { dayObs: number; seq: number } {
  const parsed = parseExposureId(exposure)
  if (!parsed.ok) throw new QuicklookRunError('RA_WORKER_PAYLOAD_NO_EXPOSURE', formatIssues(parsed.issues))
  return { dayObs: parsed.value.dayObs, seq: parsed.value.seqNum }
}

function built(result: ReturnType<typeof buildS3Key>): string {
  if (!result.ok) throw new QuicklookRunError('RA_WORKER_KEY_INVALID', formatIssues(result.issues))
  return result.value
}

/** The `event` key of a RubinTV product of this worker's camera. */
export function eventKey(deps: QuicklookDeps, channel: ChannelName, exposure: number, ext: string): string {
  const { dayObs, seq } = dayObsSeq(exposure)
  return built(buildS3Key({ kind: 'event', camera: deps.camera, channel, dayObs, seq, ext } as never))
}

export function scratchKey(deps: QuicklookDeps, exposure: number, detectorName: string, binSize: number): string {
  const { dayObs, seq } = dayObsSeq(exposure)
  return built(
    buildS3Key({
      kind: 'scratchBinnedImage',
      scratchPrefix: deps.scratchPrefix,
      dayObs,
      seq,
      instrument: deps.instrument,
      dataProduct: POST_ISR_PRODUCT,
      detectorName,
      binSize,
    } as never),
  )
}

/** What step1a keeps per detector (visitSummaryStats hash) for step1b: a summary or the failure. */
export type DetectorRecord =
  | {
      readonly detector: number
      readonly summary: {
        readonly fwhm: number | null
        readonly e1: number | null
        readonly e2: number | null
        readonly nStars: number
        readonly sky: number | null
        readonly noise: number | null
        readonly postIsrMedian: number | null
        readonly ixx: number | null
        readonly iyy: number | null
        readonly ixy: number | null
        readonly pixelScaleArcsec: number
      }
    }
  | { readonly detector: number; readonly error: { readonly code: string; readonly message: string } }

export function summaryStatsKey(deps: QuicklookDeps, exposure: number): string {
  return deps.redis.keys.key('visitSummaryStats', { instrument: deps.instrument, visit: exposure })
}
