// Truth against pixels: what was injected is what the raw amplifiers hold, through gain, bias and flips.
import { detectorByName, rawToAssembled, type SensorLayout } from '@rubin/ra-contract'
import { Value } from '@sinclair/typebox/value'
import { describe, expect, it } from 'vitest'
import { simulateExposure } from './exposure.ts'
import { binnedLayout } from './layout.ts'
import type { RawAmplifier } from './render.ts'
import type { ExposureSpec } from './spec.ts'
import { type DetectorTruth, ExposureTruth } from './truth.ts'

const base: ExposureSpec = {
  instrument: 'LSSTCam',
  dayObs: 20250415,
  seqNum: 60,
  start: new Date('2025-04-16T03:00:00Z'),
  seed: 11,
  imageType: 'science',
  binning: 2,
  detectors: [94],
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

function region(amp: RawAmplifier, box: { x: number; y: number; width: number; height: number }): number[] {
  const out: number[] = []
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) out.push(amp.data[y * amp.width + x] ?? 0)
  }
  return out
}

/** Electrons in the assembled frame, rebuilt from the raw amplifiers with the contract's mapping. */
function assemble(layout: SensorLayout, raws: RawAmplifier[], truth: DetectorTruth): Float64Array {
  const image = new Float64Array(layout.width * layout.height)
  layout.amplifiers.forEach((amp, i) => {
    const raw = raws[i] as RawAmplifier
    const { bias, gain } = truth.amplifiers[i] as DetectorTruth['amplifiers'][number]
    const box = amp.rawDataBBox
    for (let ry = box.y; ry < box.y + box.height; ry++) {
      for (let rx = box.x; rx < box.x + box.width; rx++) {
        const { x, y } = rawToAssembled(amp, rx, ry)
        image[y * layout.width + x] = ((raw.data[ry * raw.width + rx] ?? 0) - bias) * gain
      }
    }
  })
  return image
}

const science = simulateExposure(base, { keepPixels: true })
const truth = science.truth.detectors[0] as DetectorTruth
const raws = science.amplifiers?.get('R22_S11') as RawAmplifier[]
const detector = detectorByName('LSSTCam', 'R22_S11')
if (detector === undefined) throw new Error('no R22_S11')
const layout = binnedLayout(detector, 2)

describe('simulateExposure', () => {
  it('writes truth that matches its schema, with >= 30 stars on an imaging detector', () => {
    expect(Value.Check(ExposureTruth, science.truth)).toBe(true)
    expect(truth.stars.length).toBeGreaterThanOrEqual(30)
    expect(truth.amplifiers.map((a) => a.extname)[0]).toBe('Segment10')
    expect(science.record).toMatchObject({
      obsId: 'MC_O_20250415_000060',
      exposureId: 2025041500060,
      observationType: 'science',
    })
  })

  it('is deterministic for a seed and changes with it', () => {
    const small = { ...base, binning: 8 }
    const once = simulateExposure(small)
    const again = simulateExposure(small)
    expect(again.truth).toEqual(once.truth)
    expect(again.files.get('R22_S11')).toEqual(once.files.get('R22_S11'))
    const other = simulateExposure({ ...small, seed: 12 })
    expect(other.truth.detectors[0]?.stars).not.toEqual(once.truth.detectors[0]?.stars)
    expect(other.files.get('R22_S11')).not.toEqual(once.files.get('R22_S11'))
  })

  it('puts bias + sky x gain in the data section and bias in the overscan, per amplifier', () => {
    layout.amplifiers.forEach((amp, i) => {
      const raw = raws[i] as RawAmplifier
      const t = truth.amplifiers[i] as DetectorTruth['amplifiers'][number]
      const sky = (truth.sky.electronsPerPixel + truth.darkElectronsPerPixel) / t.gain
      expect(Math.abs(median(region(raw, amp.rawDataBBox)) - (t.bias + sky))).toBeLessThan(3)
      expect(Math.abs(median(region(raw, amp.rawSerialOverscanBBox)) - t.bias)).toBeLessThan(2)
      expect(Math.abs(median(region(raw, amp.rawSerialPrescanBBox)) - t.bias)).toBeLessThan(2)
    })
  })

  it('recovers each injected star flux, within its noise, at its position in the assembled frame', () => {
    const image = assemble(layout, raws, truth)
    const sky = truth.sky.electronsPerPixel + truth.darkElectronsPerPixel
    const r = Math.ceil(2.5 * truth.psf.fwhmPixels)
    for (const star of truth.stars.slice(0, 10)) {
      let sum = 0
      let n = 0
      for (let y = Math.round(star.y) - r; y <= Math.round(star.y) + r; y++) {
        for (let x = Math.round(star.x) - r; x <= Math.round(star.x) + r; x++) {
          sum += image[y * layout.width + x] ?? 0
          n++
        }
      }
      const defect = truth.hotColumns.some((c) => Math.abs(c.x - star.x) <= r) || truth.cosmicRays.length > 50
      const readNoise = truth.amplifiers[0]?.readNoise ?? 0
      const sigma = Math.sqrt(n * (sky + readNoise ** 2) + star.flux)
      if (!defect) expect(Math.abs(sum - n * sky - star.flux)).toBeLessThan(5 * sigma + 0.01 * star.flux)
    }
  })

  it('draws donuts on the wavefront sensors, sized by their defocus', () => {
    const wf = simulateExposure({ ...base, detectors: [191, 192], binning: 4 }).truth.detectors
    for (const d of wf) {
      expect(d.stars).toHaveLength(0)
      expect(d.donuts.length).toBeGreaterThanOrEqual(4)
      expect(d.donuts[0]?.outerRadius).toBeCloseTo((1.5 * 40.5) / 4, 5)
    }
  })

  it('writes guider stamp sequences on guiders and no sources on a bias', () => {
    const guider = simulateExposure({ ...base, detectors: [189], binning: 8 }).truth.detectors[0]
    expect(guider?.guider?.stamps).toHaveLength(30)
    const bias = simulateExposure({ ...base, imageType: 'bias', binning: 8 }).truth
    expect(bias.exposureTime).toBe(0)
    expect(bias.detectors[0]?.stars).toHaveLength(0)
    expect(bias.detectors[0]?.sky.electronsPerPixel).toBe(0)
  })

  it('refuses an unknown detector id with a stable code', () => {
    expect(() => simulateExposure({ ...base, detectors: [999] })).toThrow(/SIM_UNKNOWN_DETECTOR/)
  })
})

describe('raw file content', () => {
  const text = (bytes: Uint8Array | undefined) => new TextDecoder('latin1').decode(bytes ?? new Uint8Array())
  const small = { ...base, binning: 8 }

  it('has the exposure keywords in the primary header and sections per amplifier', () => {
    const file = text(simulateExposure(small).files.get('R22_S11'))
    const has = (key: string, value: string) => new RegExp(`${key}\\s*=\\s*'${value.replace(/[[\]]/g, '\\$&')}\\s*'`)
    expect(file).toMatch(has('OBSID', 'MC_O_20250415_000060'))
    expect(file).toMatch(has('IMGTYPE', 'OBJECT'))
    expect(file).toMatch(has('CCD_MANU', 'E2V'))
    expect(file).toMatch(has('RAFTBAY', 'R22'))
    expect(file).toMatch(has('EXTNAME', 'Segment10'))
    expect(file).toMatch(has('EXTNAME', 'Segment00'))
    // E2V 4096x4004 binned by 8 -> 8 x 64 by 2 x 250.
    expect(file).toMatch(has('DETSIZE', '[1:512,1:500]'))
    expect(file).toMatch(has('DATASEC', '[2:65,1:250]'))
  })

  it('writes the real amplifier sections at full size (ITL: DATASEC [4:512,1:2000])', () => {
    const layoutItl = binnedLayout(detectorByName('LSSTCam', 'R01_S01') ?? detector, 1)
    expect(layoutItl.amplifiers[0]?.rawBBox).toEqual({ x: 0, y: 0, width: 576, height: 2048 })
  })

  it('makes the scenario faults: truncated, missing keyword, unknown detector', () => {
    const whole = simulateExposure(small).files.get('R22_S11')?.length ?? 0
    expect(simulateExposure({ ...small, fault: 'truncated' }).files.get('R22_S11')?.length).toBe(Math.floor(whole / 2))
    expect(text(simulateExposure({ ...small, fault: 'missingKeyword' }).files.get('R22_S11'))).not.toContain(
      'FILTER  =',
    )
    expect([...simulateExposure({ ...small, fault: 'unknownDetector' }).files.keys()]).toContain('R99_S99')
  })
})

describe('RICE_1 raw files through @rubin/ra-fits', () => {
  it('round-trips the amplifier pixels and headers losslessly', async () => {
    const { readFits } = await import('@rubin/ra-fits')
    const { riceFitsEncoder } = await import('./fits.ts')
    const made = simulateExposure(
      { ...base, binning: 8 },
      { encoder: riceFitsEncoder, compress: true, keepPixels: true },
    )
    const bytes = made.files.get('R22_S11')
    const plain = simulateExposure({ ...base, binning: 8 }).files.get('R22_S11')
    expect(bytes?.length).toBeLessThan((plain?.length ?? 0) / 2)
    const file = readFits(bytes as Uint8Array)
    expect(file.hdus).toHaveLength(17)
    const c10 = file.hdu('Segment10')
    expect(c10.compression?.type).toBe('RICE_1')
    expect(file.hdus[0]?.header.get('OBSID')).toBe('MC_O_20250415_000060')
    expect(Array.from(c10.image().data)).toEqual(Array.from(made.amplifiers?.get('R22_S11')?.[0]?.data ?? []))
  })
})
