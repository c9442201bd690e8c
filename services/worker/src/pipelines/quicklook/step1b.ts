// ----------------------------------------------------------------------------
// Step1b (visit-level SFM gather): aggregate the detectors' step1a records
// (visitSummaryStats hash) against the dispatched set (expectedDetectors), then
// upload `fwhm_focal_plane` and `psf_shape_azel`, publish the exposure's row of
// the metadata table, and send the visit1_quicklook ConsDB row. Failed and
// missing detectors are counted, never averaged in.
// ----------------------------------------------------------------------------
import {
  QUICKLOOK_METADATA_COLUMNS as COL,
  type Controller,
  type MetadataRow,
  PSF_GRADIENT_THRESHOLDS,
  parseExposureId,
  Visit1QuicklookRow,
} from '@rubin/ra-contract'
import { type DetectorSummary, renderFwhmFocalPlane, renderPsfShapeAzel } from '@rubin/ra-products'
import { aggregateVisit, type DetectorOutcome, type VisitSummary } from '@rubin/ra-quicklook'
import { isTransientError } from '@rubin/ra-runtime'
import type { PipelineResult, PipelineRunner } from '../types.ts'
import { type DetectorRecord, eventKey, exposureOf, failure, summaryStatsKey } from './common.ts'
import type { QuicklookDeps } from './deps.ts'
import { finiteOrNull } from './publish.ts'

const FLAG = '_'
const MEASURED = 'measured'
const FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.LN2)
const nan = (v: number | null) => v ?? Number.NaN

async function detectorRecords(deps: QuicklookDeps, visit: number): Promise<DetectorRecord[]> {
  const hash = await deps.redis.client.hgetall(summaryStatsKey(deps, visit))
  const records: DetectorRecord[] = []
  for (const [field, text] of Object.entries(hash)) {
    try {
      records.push(JSON.parse(text) as DetectorRecord)
    } catch {
      deps.logger.warn({ visit, field }, 'unreadable detector summary: treated as missing')
    }
  }
  return records
}

function outcomeOf(record: DetectorRecord): DetectorOutcome {
  if ('error' in record) return record
  const s = record.summary
  return {
    detector: record.detector,
    summary: {
      fwhm: nan(s.fwhm),
      e1: nan(s.e1),
      e2: nan(s.e2),
      nStars: s.nStars,
      sky: nan(s.sky),
      noise: nan(s.noise),
      postIsrMedian: nan(s.postIsrMedian),
    },
  }
}

function gradientFlag(gradient: number): string {
  if (gradient >= PSF_GRADIENT_THRESHOLDS.bad) return 'bad'
  if (gradient >= PSF_GRADIENT_THRESHOLDS.warning) return 'warning'
  return MEASURED
}

/** The exposure's metadata row: values with `measured` flags (the gradient coloured by threshold). */
export function metadataRow(v: VisitSummary): MetadataRow {
  const row: Record<string, MetadataRow[string]> = {}
  const put = (column: string, value: number, flag = MEASURED) => {
    row[column] = finiteOrNull(value)
    if (Number.isFinite(value)) row[`${FLAG}${column}`] = flag
  }
  put(COL.psfFwhm, v.fwhm)
  put(COL.psfE1, v.e1)
  put(COL.psfE2, v.e2)
  put(COL.skyMean, v.sky)
  put(COL.skyRms, v.noise)
  put(COL.psfStarCount, v.nStars)
  put(COL.postIsrPixelMedian, v.postIsrMedian)
  put(COL.psfGradient, v.psfGradient, gradientFlag(v.psfGradient))
  const fails = v.failed.length + v.missing.length
  row[COL.retrievalFails] = fails
  if (fails > 0) row[`${FLAG}${COL.retrievalFails}`] = 'warning'
  return row
}

const stats = (values: readonly number[]) => {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (finite.length === 0) return { min: null, max: null, median: null }
  const mid = finite.length >> 1
  const median =
    finite.length % 2 ? (finite[mid] as number) : ((finite[mid - 1] as number) + (finite[mid] as number)) / 2
  return { min: finite[0] as number, max: finite[finite.length - 1] as number, median }
}

export function visitRow(visit: number, dayObs: number, seqNum: number, v: VisitSummary, records: DetectorRecord[]) {
  const ok = records.flatMap((r) => ('summary' in r ? [r.summary] : []))
  const row: Record<string, number | null> = {
    visit_id: visit,
    day_obs: dayObs,
    seq_num: seqNum,
    n_inputs: v.nSucceeded,
  }
  const add = (column: string, values: number[]) => {
    const s = stats(values)
    row[`${column}_min`] = s.min
    row[`${column}_max`] = s.max
    row[`${column}_median`] = s.median
  }
  add(
    'psf_sigma',
    ok.map((s) => nan(s.fwhm) / FWHM_PER_SIGMA / s.pixelScaleArcsec),
  )
  add(
    'sky_bg',
    ok.map((s) => nan(s.sky)),
  )
  add(
    'sky_noise',
    ok.map((s) => nan(s.noise)),
  )
  add(
    'n_psf_star',
    ok.map((s) => s.nStars),
  )
  row.n_psf_star_total = v.nStars
  // The median of an even number of counts is x.5; integer columns (by the contract's row schema) take it rounded.
  for (const [column, value] of Object.entries(row)) {
    const type = (Visit1QuicklookRow.properties as Record<string, { type?: unknown }>)[column]?.type
    const integer = type === 'integer' || (Array.isArray(type) && type.includes('integer'))
    if (value !== null && integer) row[column] = Math.round(value)
  }
  return row
}

async function uploadPlots(deps: QuicklookDeps, visit: number, summaries: DetectorSummary[]): Promise<string[]> {
  if (summaries.length === 0) return []
  const keys: string[] = []
  const fwhm = await renderFwhmFocalPlane(summaries, { instrument: deps.instrument })
  const fwhmKey = eventKey(deps, 'fwhm_focal_plane', visit, fwhm.ext)
  await deps.products.put({ key: fwhmKey, body: fwhm.bytes, contentType: fwhm.mimeType })
  keys.push(fwhmKey)
  const shape = await renderPsfShapeAzel(summaries, { instrument: deps.instrument })
  const shapeKey = eventKey(deps, 'psf_shape_azel', visit, shape.ext)
  await deps.products.put({ key: shapeKey, body: shape.bytes, contentType: shape.mimeType })
  keys.push(shapeKey)
  return keys
}

export function step1bRunner(deps: QuicklookDeps): PipelineRunner {
  return {
    describe: 'quicklook:step1b',
    async run(payload, context): Promise<PipelineResult> {
      try {
        const { exposure: visit } = exposureOf(payload)
        const expectedKey = deps.redis.keys.key('expectedDetectors', {
          instrument: deps.instrument,
          who: payload.who,
          processingId: String(visit),
        })
        const expected = (await deps.redis.client.smembers(expectedKey)).map(Number).filter(Number.isInteger)
        const records = await detectorRecords(deps, visit)
        const summary = aggregateVisit(records.map(outcomeOf), expected)
        const summaries: DetectorSummary[] = records.flatMap((r) =>
          'summary' in r
            ? [
                {
                  detector: r.detector,
                  fwhm: nan(r.summary.fwhm),
                  e1: nan(r.summary.e1),
                  e2: nan(r.summary.e2),
                  nStars: r.summary.nStars,
                  sky: nan(r.summary.sky),
                },
              ]
            : [],
        )
        const outputs = await uploadPlots(deps, visit, summaries)
        // Without its record the visit's rows still go out (ids from the exposure id); not so when S3 is away.
        const record = await deps.raws.exposureRecord(deps.instrument, visit).catch((error: unknown) => {
          if (isTransientError(error)) throw error
          return undefined
        })
        const parsed = parseExposureId(visit)
        const dayObs = record?.dayObs ?? (parsed.ok ? parsed.value.dayObs : 0)
        const seqNum = record?.seqNum ?? (parsed.ok ? parsed.value.seqNum : 0)
        await deps.publishShard({ camera: deps.camera, dayObs, rows: { [String(seqNum)]: metadataRow(summary) } })
        const controller: Controller | undefined = record?.controller
        await deps.publishConsdbRows({
          table: 'visit1_quicklook',
          ...(controller === undefined ? {} : { controller }),
          rows: [visitRow(visit, dayObs, seqNum, summary, records)],
        })
        context.logger.info(
          { visit, fwhm: summary.fwhm, succeeded: summary.nSucceeded, failed: summary.failed.length },
          'step1b done',
        )
        return { outcome: 'finished', outputs }
      } catch (error) {
        if (context.signal.aborted) throw error
        return failure(error)
      }
    },
  }
}
