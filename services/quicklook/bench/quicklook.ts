// The quicklook benchmark (run by `./ra bench quicklook`): per-CCD quicklook time on a full
// 4k×4k RICE-compressed simulated raw against the time to decode its pixels once in the same
// run, and the focal-plane mosaic time from @rubin/ra-products when it has one.

import { defaultEncoder, simulateExposure } from '@rubin/ra-camera-simulator'
import { detectorById, LSSTCAM_IMAGING_IDS } from '@rubin/ra-contract'
import { readFits } from '@rubin/ra-fits'
import { amplifiersOf, layoutOf, openRaw, runStep1a, runStep1aOnAmps, type Step1aResult } from '../src/index.ts'

export interface QuicklookBenchOptions {
  /** Timed repetitions (the median is reported); default 5. */
  readonly runs?: number
  /** LSSTCam detector id; default 94 (R22_S11, E2V 4096×4004). */
  readonly detector?: number
  readonly progress?: (line: string) => void
}

const median = (values: readonly number[]) => {
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}
const ms = (v: number) => Math.round(v * 10) / 10

function time<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now()
  const value = f()
  return { value, ms: performance.now() - t0 }
}

export async function benchQuicklook(options: QuicklookBenchOptions = {}) {
  const runs = Math.max(1, options.runs ?? 5)
  const progress = options.progress ?? (() => {})
  const id = options.detector ?? 94
  const detector = detectorById('LSSTCam', id)
  if (detector === undefined) throw new Error(`no LSSTCam detector ${id}`)
  const encoder = await defaultEncoder()
  progress(
    `simulating ${detector.name} (${detector.physicalType}), full size, ${encoder.compressed ? 'RICE_1' : 'uncompressed'}`,
  )
  const sim = simulateExposure(
    {
      instrument: 'LSSTCam',
      dayObs: 20260315,
      seqNum: 1,
      start: new Date('2026-03-16T03:00:00Z'),
      seed: 1,
      imageType: 'science',
      seeing: 0.8,
      detectors: [id],
    },
    { encoder: encoder.encode, compress: true },
  )
  const bytes = sim.files.get(detector.name)
  if (bytes === undefined) throw new Error('simulator made no raw')
  const layout = layoutOf(detector)

  // Warm up the JIT on both paths, then alternate so machine load hits both alike.
  const decodeOnce = () =>
    readFits(bytes)
      .hdus.filter((h) => h.hasImage)
      .map((h) => h.image())
  decodeOnce()
  runStep1a(bytes, detector)
  const decode: number[] = []
  const total: number[] = []
  const algorithms: number[] = []
  let last: Step1aResult | undefined
  for (let r = 0; r < runs; r++) {
    decode.push(time(decodeOnce).ms)
    const full = time(() => runStep1a(bytes, detector))
    total.push(full.ms)
    last = full.value
    const { raws, geometry } = amplifiersOf(openRaw(bytes), layout)
    algorithms.push(time(() => runStep1aOnAmps(raws, geometry)).ms)
    progress(`run ${r + 1}/${runs}: decode ${ms(decode[r] as number)} ms, quicklook ${ms(full.ms)} ms`)
  }
  if (last === undefined) throw new Error('no run')
  const decodeMs = median(decode)
  const totalMs = median(total)
  const algorithmsMs = median(algorithms)

  const mosaic = await benchMosaic(last, progress)
  return {
    benchmark: 'quicklook',
    detector: { id, name: detector.name, physicalType: detector.physicalType },
    image: {
      width: last.summary.width,
      height: last.summary.height,
      rawBytes: bytes.length,
      compressed: encoder.compressed,
    },
    runs,
    decode_ms: ms(decodeMs),
    quicklook_ms: ms(totalMs),
    quicklook_without_decode_ms: ms(algorithmsMs),
    ratio: Math.round((totalMs / decodeMs) * 100) / 100,
    ratio_without_decode: Math.round((algorithmsMs / decodeMs) * 100) / 100,
    target_ratio: 3,
    stage_ms: last.summary.timings,
    measured: { fwhm: last.summary.fwhm, nStars: last.summary.nStars, sky: last.summary.sky },
    mosaic,
  }
}

/** 189 binned CCDs into the focal-plane mosaic, if @rubin/ra-products has the function. */
async function benchMosaic(result: Step1aResult, progress: (line: string) => void) {
  const name = '@rubin/ra-products'
  let products: { composeMosaic?: unknown; renderFocalPlaneMosaic?: unknown }
  try {
    products = (await import(name)) as typeof products
  } catch (error) {
    return { available: false, reason: `${name} could not be loaded: ${(error as Error).message}` }
  }
  const compose = products.composeMosaic
  const render = products.renderFocalPlaneMosaic
  if (typeof compose !== 'function' || typeof render !== 'function') {
    return { available: false, reason: `${name} exports no composeMosaic/renderFocalPlaneMosaic` }
  }
  const { width, height, pixels, factor } = result.binned
  const images = LSSTCAM_IMAGING_IDS.map((detector) => ({ detector, width, height, pixels, binning: factor }))
  const composeMs = time(() => compose(images)).ms
  const t0 = performance.now()
  await render(images)
  const renderMs = performance.now() - t0
  progress(`mosaic of ${images.length} CCDs: compose ${ms(composeMs)} ms, compose+encode ${ms(renderMs)} ms`)
  return { available: true, detectors: images.length, compose_ms: ms(composeMs), render_ms: ms(renderMs) }
}
