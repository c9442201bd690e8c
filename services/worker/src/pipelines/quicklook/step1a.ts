// ----------------------------------------------------------------------------
// Step1a (SFM/ISR on one imaging detector): raw → ISR → binned image + PSF
// summary. Writes the 8×-binned post-ISR image to its scratch key (the mosaic
// reads it), keeps the detector's summary (or failure) in the exposure's
// visitSummaryStats hash for step1b, sends the per-detector ConsDB rows, and for
// the witness detector uploads `witness_detector` and `imexam`.
//
// The payload carries only (exposure, detector): the ExposureRecord (obsId,
// rawUri, controller) is read from the rawRecord key beside the raws.
// ----------------------------------------------------------------------------
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { type Detector, detectorById, type ExposureRecord, redisKeyTtl } from '@rubin/ra-contract'
import { writeFits } from '@rubin/ra-fits'
import {
  amplifiersOf,
  layoutOf,
  openRaw,
  QuicklookError,
  runStep1aOnAmps,
  type Step1aResult,
} from '@rubin/ra-quicklook'
import type { PipelineResult, PipelineRunner } from '../types.ts'
import {
  DEFAULT_BIN_FACTOR,
  type DetectorRecord,
  exposureOf,
  failure,
  pixelScaleOf,
  QuicklookRunError,
  scratchKey,
  summaryStatsKey,
} from './common.ts'
import type { QuicklookDeps } from './deps.ts'
import { finiteOrNull } from './publish.ts'
import { currentWitness, uploadWitness } from './witness.ts'

export interface Step1aRunnerOptions {
  readonly binFactor?: number
}

/** Binning the raw was read out with (CCDSUM 'n n'; the simulator bins for fast system tests). */
function ccdBinning(header: { get(key: string): unknown }): number {
  const value = header.get('CCDSUM')
  const n = typeof value === 'string' ? Number.parseInt(value.trim().split(/\s+/)[0] ?? '', 10) : Number.NaN
  return Number.isInteger(n) && n >= 1 ? n : 1
}

export async function loadRecord(deps: QuicklookDeps, exposure: number): Promise<ExposureRecord> {
  const record = await deps.raws.exposureRecord(deps.instrument, exposure)
  if (record === undefined) {
    throw new QuicklookRunError(
      'RA_WORKER_RAW_RECORD_MISSING',
      `no exposure record for exposure ${exposure} under ${deps.raws.describe} (rawRecord key)`,
    )
  }
  return record
}

async function keepRecord(deps: QuicklookDeps, exposure: number, record: DetectorRecord): Promise<void> {
  const key = summaryStatsKey(deps, exposure)
  await deps.redis.client
    .multi()
    .hset(key, String(record.detector), JSON.stringify(record))
    .expire(key, redisKeyTtl('visitSummaryStats'))
    .exec()
}

function detectorRecord(detector: number, result: Step1aResult): DetectorRecord {
  const s = result.summary
  return {
    detector,
    summary: {
      fwhm: finiteOrNull(s.fwhm),
      e1: finiteOrNull(s.e1),
      e2: finiteOrNull(s.e2),
      nStars: s.nStars,
      sky: finiteOrNull(s.sky),
      noise: finiteOrNull(s.noise),
      postIsrMedian: finiteOrNull(s.postIsrMedian),
      ixx: finiteOrNull(s.ixx),
      iyy: finiteOrNull(s.iyy),
      ixy: finiteOrNull(s.ixy),
      pixelScaleArcsec: s.pixelScaleArcsec,
    },
  }
}

/** psf_sigma is in pixels (ExposureSummaryStats): FWHM / 2.3548 / pixel scale. */
const FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.LN2)

async function publishDetectorRows(deps: QuicklookDeps, record: ExposureRecord, detector: number, r: Step1aResult) {
  const s = r.summary
  const ids = { day_obs: record.dayObs, seq_num: record.seqNum, detector }
  await deps.publishConsdbRows({
    table: 'ccdexposure_quicklook',
    controller: record.controller,
    rows: [{ ...ids, postisr_pixel_median: finiteOrNull(s.postIsrMedian) }],
  })
  await deps.publishConsdbRows({
    table: 'ccdvisit1_quicklook',
    controller: record.controller,
    rows: [
      {
        ...ids,
        psf_sigma: finiteOrNull(s.fwhm / FWHM_PER_SIGMA / s.pixelScaleArcsec),
        sky_bg: finiteOrNull(s.sky),
        sky_noise: finiteOrNull(s.noise),
        n_psf_star: s.nStars,
        psf_ixx: finiteOrNull(s.ixx),
        psf_iyy: finiteOrNull(s.iyy),
        psf_ixy: finiteOrNull(s.ixy),
      },
    ],
  })
}

async function writeScratch(deps: QuicklookDeps, exposure: number, det: Detector, r: Step1aResult, binning: number) {
  const totalBin = r.binned.factor * binning
  const key = scratchKey(deps, exposure, det.name, totalBin)
  const body = writeFits([
    {
      header: { DETECTOR: det.id, DETNAME: det.name, BINNING: totalBin, BUNIT: 'electron' },
      image: { width: r.binned.width, height: r.binned.height, data: r.binned.pixels, bitpix: -32 },
    },
  ])
  await deps.s3.send(
    new PutObjectCommand({ Bucket: deps.productBucket, Key: key, Body: body, ContentType: 'application/fits' }),
  )
  return key
}

export function step1aRunner(deps: QuicklookDeps, options: Step1aRunnerOptions = {}): PipelineRunner {
  const binFactor = options.binFactor ?? DEFAULT_BIN_FACTOR
  return {
    describe: `quicklook:step1a (bin ${binFactor}, default witness ${deps.witnessDetector})`,
    async run(payload, context): Promise<PipelineResult> {
      let exposure: number | undefined
      let detectorId: number | undefined
      try {
        ;({ exposure, detector: detectorId } = exposureOf(payload))
        if (detectorId === undefined) {
          throw new QuicklookRunError(
            'RA_WORKER_PAYLOAD_NO_DETECTOR',
            `step1a payload ${payload.payloadId} names no detector`,
          )
        }
        const det = detectorById(deps.instrument, detectorId)
        if (det === undefined) {
          throw new QuicklookError('RA_QUICKLOOK_UNKNOWN_DETECTOR', `${deps.instrument} has no detector ${detectorId}`)
        }
        const record = await loadRecord(deps, exposure)
        const bytes = await deps.raws.rawImage(record, det.name)
        if (bytes === undefined) {
          throw new QuicklookRunError('RA_WORKER_RAW_MISSING', `no raw for ${record.obsId} ${det.name}`)
        }
        context.signal.throwIfAborted()
        const file = openRaw(bytes)
        const binning = ccdBinning(file.hdus[0]?.header ?? { get: () => undefined })
        const { raws, geometry } = amplifiersOf(file, layoutOf(det))
        const witness = det.id === (await currentWitness(deps))
        const result = runStep1aOnAmps(raws, geometry, {
          binFactor,
          pixelScaleArcsec: pixelScaleOf(deps.instrument) * binning,
          keepAssembled: witness,
        })
        context.signal.throwIfAborted()
        const outputs = [await writeScratch(deps, exposure, det, result, binning)]
        await keepRecord(deps, exposure, detectorRecord(det.id, result))
        await publishDetectorRows(deps, record, det.id, result)
        if (witness) outputs.push(...(await uploadWitness(deps, exposure, result)))
        context.logger.info(
          { exposure, detector: det.id, fwhm: result.summary.fwhm, nStars: result.summary.nStars },
          'step1a done',
        )
        return { outcome: 'finished', outputs }
      } catch (error) {
        if (context.signal.aborted) throw error
        if (exposure !== undefined && detectorId !== undefined) {
          const code = String((error as { code?: unknown }).code ?? 'RA_WORKER_STEP1A_FAILED')
          await keepRecord(deps, exposure, {
            detector: detectorId,
            error: { code, message: (error as Error).message },
          }).catch(() => {})
        }
        return failure(error)
      }
    },
  }
}
