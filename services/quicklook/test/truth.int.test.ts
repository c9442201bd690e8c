// Quicklook against the camera simulator's injected truth, through the real FITS library
// (RICE_1 tile-compressed raws, as the camera writes them).

import {
  amplifierCards,
  binnedLayout,
  type DetectorTruth,
  defaultEncoder,
  expectedElectrons,
  readOut,
  simulateExposure,
} from '@rubin/ra-camera-simulator'
import { CWFS_PAIRS, detectorById, LSSTCAM_GUIDER_IDS, sensorLayoutOf } from '@rubin/ra-contract'
import { writeFits } from '@rubin/ra-fits'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  aggregateVisit,
  analyzeCwfsPair,
  analyzeGuider,
  guiderStampsOf,
  openRaw,
  runStep1a,
  type Step1aResult,
} from '../src/index.ts'

const PIXEL_SCALE = 0.2

function detectorOf(id: number) {
  const detector = detectorById('LSSTCam', id)
  if (detector === undefined) throw new Error(`no LSSTCam detector ${id}`)
  return detector
}
let encode: Awaited<ReturnType<typeof defaultEncoder>>['encode']

beforeAll(async () => {
  const encoder = await defaultEncoder()
  expect(encoder.compressed).toBe(true) // the real @rubin/ra-fits writer, RICE_1
  encode = encoder.encode
})

function simulate(
  id: number,
  options: { seeing?: number; imageType?: 'science' | 'cwfs'; binning?: number; seqNum?: number },
) {
  const sim = simulateExposure(
    {
      instrument: 'LSSTCam',
      dayObs: 20260315,
      seqNum: options.seqNum ?? 7,
      start: new Date('2026-03-16T03:00:00Z'),
      seed: 11,
      imageType: options.imageType ?? 'science',
      detectors: [id],
      binning: options.binning ?? 1,
      ...(options.seeing === undefined ? {} : { seeing: options.seeing }),
    },
    { encoder: encode, compress: true },
  )
  const detector = detectorOf(id)
  const bytes = sim.files.get(detector.name)
  const truth = sim.truth.detectors[0]
  if (bytes === undefined || truth === undefined) throw new Error(`simulator made no ${detector.name}`)
  return { detector, bytes, truth }
}

function expectMatchesTruth(result: Step1aResult, truth: DetectorTruth) {
  const s = result.summary
  expect(s.nStars).toBeGreaterThanOrEqual(20)
  expect(Math.abs(s.fwhm / truth.psf.fwhmArcsec - 1)).toBeLessThan(0.05)
  expect(Math.abs(s.e1 - truth.psf.e1)).toBeLessThan(0.02)
  expect(Math.abs(s.e2 - truth.psf.e2)).toBeLessThan(0.02)
  const sky = truth.sky.electronsPerPixel + truth.darkElectronsPerPixel
  expect(Math.abs(s.sky / sky - 1)).toBeLessThan(0.01)
  // Every measured star is an injected one (no cosmic ray or hot column got through).
  for (const star of result.stars) {
    expect(truth.stars.some((t) => Math.hypot(t.x - star.x, t.y - star.y) < 0.5)).toBe(true)
  }
}

describe('step1a against the simulator truth', () => {
  const results = new Map<number, Step1aResult>()

  for (const [id, type, seeing] of [
    [94, 'E2V', 0.65],
    [0, 'ITL', 1.3],
  ] as const) {
    it(`${type} detector ${id}, seeing ${seeing}″: FWHM within 5 %, e1/e2 within 0.02, sky within 1 %`, () => {
      const { detector, bytes, truth } = simulate(id, { seeing })
      expect(detector.physicalType).toBe(type)
      const result = runStep1a(bytes, detector, { pixelScaleArcsec: PIXEL_SCALE })
      expectMatchesTruth(result, truth)
      const layout = sensorLayoutOf(detector)
      expect([result.assembled?.width, result.assembled?.height]).toEqual([layout.width, layout.height])
      expect([result.binned.width, result.binned.height]).toEqual([
        Math.ceil(layout.width / 8),
        Math.ceil(layout.height / 8),
      ])
      // Overscan levels are the injected per-amp biases; read noise comes out in electrons.
      result.summary.amplifiers.forEach((amp, i) => {
        const injected = truth.amplifiers[i]
        if (injected === undefined) throw new Error('amp')
        expect(Math.abs(amp.overscanLevel - injected.bias)).toBeLessThan(0.5)
        expect(Math.abs(amp.readNoise / injected.readNoise - 1)).toBeLessThan(0.05)
      })
      results.set(id, result)
    })
  }

  it('strong ellipticity and wide PSF (binned raw, geometry from its header sections)', () => {
    const { detector, truth } = simulate(29, { binning: 2, seeing: 1.6 })
    // Same stars, re-rendered with a PSF the simulator's field model would not produce.
    const psf = { ...truth.psf, e1: 0.15, e2: -0.1 }
    const strong: DetectorTruth = { ...truth, psf, stars: truth.stars.filter((_, i) => i % 2 === 0) }
    const layout = binnedLayout(detector, 2)
    const amps = readOut(strong, layout, expectedElectrons(strong), 5)
    const bytes = writeFits([
      {},
      ...layout.amplifiers.map((amp, i) => {
        const raw = amps[i]
        if (raw === undefined) throw new Error('amp')
        return {
          header: amplifierCards(amp, layout, i + 1, 2),
          image: { width: raw.width, height: raw.height, data: raw.data },
          compress: 'RICE_1' as const,
        }
      }),
    ])
    const result = runStep1a(bytes, detector, { pixelScaleArcsec: 2 * PIXEL_SCALE })
    expect(result.summary.width).toBe(layout.width)
    expectMatchesTruth(result, strong)
  })

  it('step1b aggregates the detectors and lists failed and missing ones', () => {
    const outcomes = [...results].map(([detector, r]) => ({ detector, summary: r.summary }))
    const visit = aggregateVisit(
      [...outcomes, { detector: 5, error: { code: 'RA_QUICKLOOK_BAD_FITS', message: 'truncated' } }],
      [0, 5, 94, 100],
    )
    expect(visit.nSucceeded).toBe(2)
    expect(visit.failed.map((f) => f.detector)).toEqual([5])
    expect(visit.missing).toEqual([100])
    const fwhms = outcomes.map((o) => o.summary.fwhm)
    expect(visit.fwhm).toBeCloseTo((Math.min(...fwhms) + Math.max(...fwhms)) / 2, 6)
    expect(visit.nStars).toBe(outcomes.reduce((n, o) => n + o.summary.nStars, 0))
  })
})

describe('AOS stand-in on a corner wavefront pair', () => {
  it('measures donut radii within 3 % and the ±1.5 mm defocus of the half-chips', () => {
    const pair = CWFS_PAIRS[0]
    if (pair === undefined) throw new Error('no pair')
    const images = [pair.intra, pair.extra].map((id) => {
      const { detector, bytes, truth } = simulate(id, { seqNum: 8 })
      expect(detector.physicalType).toBe('ITL_WF')
      const r = runStep1a(bytes, detector, { pixelScaleArcsec: PIXEL_SCALE })
      if (r.assembled === undefined) throw new Error('assembled')
      return { image: r.assembled, truth }
    })
    const [intra, extra] = images as [(typeof images)[0], (typeof images)[0]]
    const aos = analyzeCwfsPair(intra.image, extra.image)
    for (const [measured, truth] of [
      [aos.intra, intra.truth],
      [aos.extra, extra.truth],
    ] as const) {
      expect(truth.donuts.length).toBeGreaterThan(0)
      expect(measured.nDonuts).toBeGreaterThanOrEqual(Math.max(1, truth.donuts.length - 2))
      for (const d of measured.donuts) {
        const t = truth.donuts.find((td) => Math.hypot(td.x - d.x, td.y - d.y) < 2)
        if (t === undefined) throw new Error(`donut at ${d.x},${d.y} is not injected`)
        expect(Math.abs(d.outerRadius / t.outerRadius - 1)).toBeLessThan(0.03)
        expect(Math.abs(d.innerRadius / t.innerRadius - 1)).toBeLessThan(0.05)
      }
      expect(Math.abs(measured.defocusMm - 1.5)).toBeLessThan(0.05)
    }
    expect(Math.abs(aos.zernikeLike.z4FocusOffsetMm)).toBeLessThan(0.03)
    expect(aos.standIn).toBe(true)
  })
})

describe('guider stamps', () => {
  it('follows the injected centroid walk; flux steady, FWHM as injected', () => {
    const id = LSSTCAM_GUIDER_IDS[0]
    if (id === undefined) throw new Error('no guider')
    // Binning 2 keeps the stamps' PSF sampled (FWHM ≈ 2 px); adaptive moments need that.
    const binning = 2
    const { bytes, truth } = simulate(id, { binning, seqNum: 9 })
    const guider = truth.guider
    if (guider === undefined) throw new Error('simulator wrote no guider truth')
    const stamps = guiderStampsOf(openRaw(bytes))
    expect(stamps.length).toBe(guider.stamps.length)
    const result = analyzeGuider(stamps, PIXEL_SCALE * binning)
    result.stamps.forEach((m, i) => {
      const t = guider.stamps[i]
      if (t === undefined) throw new Error('stamp')
      expect(m.t).toBe(t.t)
      expect(Math.hypot(m.x - t.x, m.y - t.y)).toBeLessThan(0.15)
    })
    expect(result.trends.nMeasured).toBe(guider.stamps.length)
    // Drift: the least-squares slope of the injected walk.
    const n = guider.stamps.length
    const mt = guider.stamps.reduce((a, s) => a + s.t, 0) / n
    const slope = (k: 'x' | 'y') => {
      const m = guider.stamps.reduce((a, s) => a + s[k], 0) / n
      const num = guider.stamps.reduce((a, s) => a + (s.t - mt) * (s[k] - m), 0)
      return num / guider.stamps.reduce((a, s) => a + (s.t - mt) ** 2, 0)
    }
    expect(Math.abs(result.trends.driftX - slope('x'))).toBeLessThan(0.01)
    expect(Math.abs(result.trends.driftY - slope('y'))).toBeLessThan(0.01)
    expect(result.trends.fluxRms).toBeLessThan(0.05)
    expect(Math.abs(result.trends.meanFwhm / truth.psf.fwhmArcsec - 1)).toBeLessThan(0.05)
  })
})

describe('bad input', () => {
  const detector = detectorOf(94)
  it('truncated FITS: RA_QUICKLOOK_BAD_FITS', () => {
    const { bytes } = simulate(29, { binning: 8 })
    const d29 = detectorOf(29)
    expect(() => runStep1a(bytes.slice(0, Math.floor(bytes.length / 2)), d29)).toThrow(
      expect.objectContaining({ code: 'RA_QUICKLOOK_BAD_FITS' }),
    )
  })
  it('not FITS at all, or empty: RA_QUICKLOOK_BAD_FITS', () => {
    expect(() => runStep1a(new TextEncoder().encode('hello world'.repeat(300)), detector)).toThrow(
      expect.objectContaining({ code: 'RA_QUICKLOOK_BAD_FITS' }),
    )
    expect(() => runStep1a(new Uint8Array(0), detector)).toThrow(
      expect.objectContaining({ code: 'RA_QUICKLOOK_BAD_FITS' }),
    )
  })
  it('a binned raw without DATASEC: RA_QUICKLOOK_MISSING_KEYWORD naming the keyword', () => {
    const d29 = detectorOf(29)
    const layout = binnedLayout(d29, 8)
    const bytes = writeFits([
      {},
      ...layout.amplifiers.map((amp, i) => ({
        header: amplifierCards(amp, layout, i + 1, 8).filter((c) => c.key !== 'DATASEC'),
        image: {
          width: amp.rawBBox.width,
          height: amp.rawBBox.height,
          data: new Int32Array(amp.rawBBox.width * amp.rawBBox.height).fill(1000),
        },
      })),
    ])
    expect(() => runStep1a(bytes, d29)).toThrow(
      expect.objectContaining({ code: 'RA_QUICKLOOK_MISSING_KEYWORD', message: expect.stringContaining('DATASEC') }),
    )
  })
  it('an unknown detector: RA_QUICKLOOK_UNKNOWN_DETECTOR', () => {
    const { bytes } = simulate(29, { binning: 8 })
    const unknown = { ...detector, id: 999, name: 'R99_S99', physicalType: 'XYZ' } as unknown as typeof detector
    expect(() => runStep1a(bytes, unknown)).toThrow(expect.objectContaining({ code: 'RA_QUICKLOOK_UNKNOWN_DETECTOR' }))
  })
  it('a raw of another detector type: RA_QUICKLOOK_GEOMETRY_MISMATCH or a header-derived geometry, never garbage', () => {
    // An ITL raw read as a wavefront half-chip: 16 extensions where 8 are expected are fine by
    // name, but the sizes differ and the sections describe an ITL frame wider than the layout's.
    const { bytes } = simulate(29, { binning: 8 })
    const wf = detectorOf(CWFS_PAIRS[0]?.intra ?? 192)
    expect(() => runStep1a(bytes, wf)).toThrow(expect.objectContaining({ code: 'RA_QUICKLOOK_GEOMETRY_MISMATCH' }))
  })
})
