// Amplifier layout invariants: amplifiers tile the assembled detector, raw boxes partition the raw image.
import { describe, expect, it } from 'vitest'
import { fitsSection, type PixelBox, rawToAssembled, type SensorLayout, sensorLayoutOf } from './amplifiers.ts'
import { COMCAM_DETECTORS } from './comcam.ts'
import { detectorByName, detectorsOf } from './lookup.ts'
import type { Detector } from './types.ts'

function named(instrument: 'LSSTCam' | 'LATISS', name: string): Detector {
  const found = detectorByName(instrument, name)
  if (found === undefined) throw new Error(`no ${name}`)
  return found
}

/** Counts how often each pixel of a width x height grid is covered by the boxes. */
function coverage(width: number, height: number, boxes: readonly PixelBox[]): Uint8Array {
  const hits = new Uint8Array(width * height)
  for (const b of boxes) {
    for (let y = b.y; y < b.y + b.height; y++) {
      for (let x = b.x; x < b.x + b.width; x++) hits[y * width + x] = (hits[y * width + x] ?? 0) + 1
    }
  }
  return hits
}

function expectExactTiling(layout: SensorLayout): void {
  const hits = coverage(
    layout.width,
    layout.height,
    layout.amplifiers.map((a) => a.bbox),
  )
  expect(hits.every((h) => h === 1)).toBe(true)
}

describe('sensorLayoutOf', () => {
  const e2v = sensorLayoutOf(named('LSSTCam', 'R22_S11'))
  const itl = sensorLayoutOf(named('LSSTCam', 'R01_S00'))
  const guider = sensorLayoutOf(named('LSSTCam', 'R00_SG0'))
  const wavefront = sensorLayoutOf(named('LSSTCam', 'R00_SW1'))

  it('gives the assembled sizes: E2V 4096x4004, ITL 4072x4000, WF half chips 4072x2000 with 8 amps', () => {
    expect([e2v.physicalType, e2v.width, e2v.height, e2v.amplifiers.length]).toEqual(['E2V', 4096, 4004, 16])
    expect([itl.physicalType, itl.width, itl.height, itl.amplifiers.length]).toEqual(['ITL', 4072, 4000, 16])
    expect([guider.width, guider.height, guider.amplifiers.length]).toEqual([4072, 4000, 16])
    expect([wavefront.physicalType, wavefront.width, wavefront.height]).toEqual(['ITL_WF', 4072, 2000])
    expect(wavefront.amplifiers.map((a) => a.name)).toEqual(['C10', 'C11', 'C12', 'C13', 'C14', 'C15', 'C16', 'C17'])
  })

  it('names amplifiers in readout order C10..C17, C07..C00 with extensions Segment10..Segment00', () => {
    const names = ['C10', 'C11', 'C12', 'C13', 'C14', 'C15', 'C16', 'C17']
    const lower = ['C07', 'C06', 'C05', 'C04', 'C03', 'C02', 'C01', 'C00']
    expect(itl.amplifiers.map((a) => a.name)).toEqual([...names, ...lower])
    expect(itl.amplifiers.map((a) => a.extname).slice(7, 9)).toEqual(['Segment17', 'Segment07'])
    expect(itl.amplifiers.map((a) => a.index)).toEqual(Array.from({ length: 16 }, (_, i) => i))
  })

  it('tiles every physical type exactly, with no gap or overlap', () => {
    for (const layout of [e2v, itl, guider, wavefront]) expectExactTiling(layout)
  })

  it('partitions each raw amplifier into prescan, data, serial and parallel overscan', () => {
    for (const layout of [e2v, itl, wavefront]) {
      for (const amp of layout.amplifiers) {
        const { rawBBox: raw } = amp
        const parts = [
          amp.rawSerialPrescanBBox,
          amp.rawDataBBox,
          amp.rawSerialOverscanBBox,
          amp.rawParallelOverscanBBox,
        ]
        const hits = coverage(raw.width, raw.height, parts)
        expect(hits.every((h) => h <= 1)).toBe(true)
        expect(amp.rawDataBBox.width * amp.rawDataBBox.height).toBe(amp.bbox.width * amp.bbox.height)
      }
    }
    expect(itl.amplifiers[0]?.rawBBox).toEqual({ x: 0, y: 0, width: 576, height: 2048 })
    expect(itl.amplifiers[0]?.rawDataBBox).toEqual({ x: 3, y: 0, width: 509, height: 2000 })
    expect(e2v.amplifiers[0]?.rawDataBBox).toEqual({ x: 10, y: 0, width: 512, height: 2002 })
  })

  it('carries per-amplifier gain and read noise from the geometry, none for ComCam', () => {
    expect(e2v.amplifiers[0]).toMatchObject({ name: 'C10', gain: 1.40088, readNoise: 5.212 })
    expect(guider.amplifiers[0]).toMatchObject({ gain: 1.47879, readNoise: 10.407, saturation: 128980 })
    const latiss = sensorLayoutOf(named('LATISS', 'RXX_S00'))
    expect(latiss.amplifiers[0]).toMatchObject({ gain: 1.0811, readNoise: 8.4 })
    const comcam = sensorLayoutOf(COMCAM_DETECTORS[4] as Detector)
    expect(comcam.physicalType).toBe('ITL')
    expect(comcam.amplifiers.every((a) => a.gain === null && a.readNoise === null)).toBe(true)
    for (const d of detectorsOf('LSSTCam')) {
      expect(sensorLayoutOf(d).amplifiers.every((a) => a.gain !== null && a.gain > 0.5 && a.gain < 3)).toBe(true)
    }
  })
})

describe('rawToAssembled and fitsSection', () => {
  const itl = sensorLayoutOf(named('LSSTCam', 'R01_S01'))
  const c10 = itl.amplifiers[0]
  const c07 = itl.amplifiers[8]
  if (c10 === undefined || c07 === undefined) throw new Error('layout lost amplifiers')

  it('maps the first raw data pixel through the readout flips', () => {
    // C10 sits top-left and is flipped in x and y: raw (3, 0) lands at the top-right of its box.
    expect(rawToAssembled(c10, 3, 0)).toEqual({ x: 508, y: 3999 })
    // C07 sits bottom-right, flipped in x only (ITL).
    expect(rawToAssembled(c07, 3, 0)).toEqual({ x: 7 * 509 + 508, y: 0 })
  })

  it('writes FITS sections 1-based and inclusive, high-to-low when flipped', () => {
    expect(fitsSection(c10.rawDataBBox)).toBe('[4:512,1:2000]') // the real raw's DATASEC
    expect(fitsSection(c10.bbox, true, true)).toBe('[509:1,4000:2001]')
  })
})
