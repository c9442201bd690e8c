// Detector catalogue invariants; expected numbers come from ra_framework.md §7.1 and the reference-data README.
import { describe, expect, it } from 'vitest'
import { COMCAM_DETECTORS } from './comcam.ts'
import { detectorById, detectorByName, detectorsOf, parseDetector } from './lookup.ts'
import {
  CWFS_PAIRS,
  EXTRA_FOCAL_IDS,
  INTRA_FOCAL_IDS,
  LSSTCAM_GUIDER_IDS,
  LSSTCAM_IMAGING_IDS,
  LSSTCAM_WAVEFRONT_IDS,
} from './sets.ts'

const lsstcam = detectorsOf('LSSTCam')
const count = (type: string) => lsstcam.filter((d) => d.physicalType === type).length

describe('LSSTCam detectors', () => {
  it('has 205 detectors with unique ids 0..204 and unique names', () => {
    expect(lsstcam).toHaveLength(205)
    expect(lsstcam.map((d) => d.id)).toEqual(Array.from({ length: 205 }, (_, i) => i))
    expect(new Set(lsstcam.map((d) => d.name)).size).toBe(205)
  })

  it('splits into 189 imaging (117 E2V, 72 ITL), 8 guider and 8 wavefront', () => {
    expect(LSSTCAM_IMAGING_IDS).toHaveLength(189)
    expect([count('E2V'), count('ITL'), count('ITL_G'), count('ITL_WF')]).toEqual([117, 72, 8, 8])
    expect(LSSTCAM_GUIDER_IDS).toEqual([189, 190, 193, 194, 197, 198, 201, 202])
    expect(LSSTCAM_WAVEFRONT_IDS).toEqual([191, 192, 195, 196, 199, 200, 203, 204])
    // The SFM workers own detectors 0..188 (§7.6: "SFM pods with detector >= 189" are inaccessible).
    expect(LSSTCAM_IMAGING_IDS).toEqual(Array.from({ length: 189 }, (_, i) => i))
  })

  it('names R22_S11 as detector 94 at the centre of the focal plane', () => {
    const centre = detectorByName('LSSTCam', 'R22_S11')
    expect(centre).toMatchObject({ id: 94, raft: 'R22', sensor: 'S11', physicalType: 'E2V', purpose: 'imaging' })
    expect([centre?.xMm, centre?.yMm]).toEqual([0, 0])
    expect(detectorById('LSSTCam', 94)?.name).toBe('R22_S11')
  })

  it('gives the corner wavefront pairs (intra, extra) and corners bl, br, tl, tr in order', () => {
    expect(CWFS_PAIRS.map((p) => [p.intra, p.extra, p.corner])).toEqual([
      [192, 191, 'bl'],
      [196, 195, 'br'],
      [200, 199, 'tl'],
      [204, 203, 'tr'],
    ])
    expect(INTRA_FOCAL_IDS).toEqual([192, 196, 200, 204])
    expect(EXTRA_FOCAL_IDS).toEqual([191, 195, 199, 203])
  })

  it('places each wavefront pair in its named corner, SW1 intra-focal (+1.5 mm) and SW0 extra-focal', () => {
    const quadrant = { bl: [-1, -1], br: [1, -1], tl: [-1, 1], tr: [1, 1] } as const
    for (const pair of CWFS_PAIRS) {
      const intra = detectorById('LSSTCam', pair.intra)
      const extra = detectorById('LSSTCam', pair.extra)
      expect(intra?.sensor).toBe('SW1')
      expect(extra?.sensor).toBe('SW0')
      expect(intra?.raft).toBe(extra?.raft)
      expect([intra?.zMm, extra?.zMm]).toEqual([1.5, -1.5])
      expect([Math.sign(intra?.xMm ?? 0), Math.sign(intra?.yMm ?? 0)]).toEqual(quadrant[pair.corner])
    }
  })
})

describe('other instruments', () => {
  it('LATISS has one ITL detector, RXX_S00 with id 0', () => {
    expect(detectorsOf('LATISS').map((d) => [d.id, d.name, d.physicalType, d.purpose])).toEqual([
      [0, 'RXX_S00', 'ITL', 'imaging'],
    ])
  })

  it('ComCam and ComCamSim have nine ITL imaging CCDs in raft R22, id = 3 * row + col', () => {
    for (const instrument of ['LSSTComCam', 'LSSTComCamSim'] as const) {
      const all = detectorsOf(instrument)
      expect(all.map((d) => [d.id, d.name])).toEqual([
        [0, 'R22_S00'],
        [1, 'R22_S01'],
        [2, 'R22_S02'],
        [3, 'R22_S10'],
        [4, 'R22_S11'],
        [5, 'R22_S12'],
        [6, 'R22_S20'],
        [7, 'R22_S21'],
        [8, 'R22_S22'],
      ])
      expect(all.every((d) => d.physicalType === 'ITL' && d.purpose === 'imaging')).toBe(true)
    }
  })

  it('puts ComCam sensors where LSSTCam has the same R22 sensor', () => {
    for (const d of COMCAM_DETECTORS) {
      const twin = detectorByName('LSSTCam', d.name)
      expect([d.xMm, d.yMm]).toEqual([twin?.xMm, twin?.yMm])
    }
  })
})

describe('parseDetector', () => {
  it('accepts an id, a numeric string or a name', () => {
    for (const input of [94, '94', ' 94 ', 'R22_S11', 'r22_s11', 'R22S11']) {
      const result = parseDetector('LSSTCam', input)
      expect(result.ok && result.value.id).toBe(94)
    }
    const latiss = parseDetector('LATISS', 0)
    expect(latiss.ok && latiss.value.name).toBe('RXX_S00')
  })

  it('refuses unknown detectors with the accepted range and an example name', () => {
    for (const input of [205, -1, 1.5, '205', '-1', '', 'R99_S00', 'R00_S00', 'R22_S11 and more']) {
      const result = parseDetector('LSSTCam', input, '/detector')
      expect(result.ok).toBe(false)
      if (result.ok) continue
      expect(result.issues[0]).toMatchObject({ path: '/detector', expected: 'an id 0..204 or a name like R22_S11' })
      expect(result.issues[0]?.message).toContain('LSSTCam has no detector')
    }
  })

  it('checks against the instrument given', () => {
    expect(parseDetector('LATISS', 'R22_S11').ok).toBe(false)
    expect(parseDetector('LSSTComCam', 9).ok).toBe(false)
    const comcam = parseDetector('LSSTComCam', 'R22_S11')
    expect(comcam.ok && comcam.value.id).toBe(4)
  })
})
