import type { ExposureRecord } from '@rubin/ra-contract'
import { mountErrorStats } from '@rubin/ra-products'
import { describe, expect, it } from 'vitest'
import { airmassOf, bandOf, filterFlag, recordCells } from './columns.ts'
import { codeOf, failed, OneOffError } from './errors.ts'
import { simulatedMountTelemetry, TELEMETRY_MARGIN_S, TELEMETRY_STEP_S } from './telemetry.ts'
import { READOUT_S, timelineOf } from './timeline.ts'
import { cutout, focusOffsetMm, sideOf, z4MicronsOf, zernikeRows } from './wavefront.ts'

const record: ExposureRecord = {
  instrument: 'LSSTCam',
  exposureId: 2025111500226,
  obsId: 'MC_O_20251115_000226',
  dayObs: 20251115,
  seqNum: 226,
  controller: 'O',
  groupId: 'g',
  observationType: 'science',
  observationReason: 'field_survey_science',
  physicalFilter: 'i_39',
  exposureTime: 30,
  darkTime: 31,
  targetName: 'field',
  scienceProgram: 'BLOCK-365',
  trackingRa: 320.1,
  trackingDec: -15.2,
  skyAngle: 12.5,
  azimuth: 140.2,
  zenithAngle: 60,
  canSeeSky: true,
  timespanBegin: '2025-11-16T03:12:05.000Z',
  timespanEnd: '2025-11-16T03:12:35.000Z',
}

describe('simulated mount telemetry', () => {
  it('is deterministic per exposure, spans the exposure with margins, and tracks the record’s pointing', () => {
    const a = simulatedMountTelemetry(record)
    expect(simulatedMountTelemetry(record)).toEqual(a)
    expect(simulatedMountTelemetry({ ...record, exposureId: record.exposureId + 1 })).not.toEqual(a)
    expect(a[0]?.t).toBe(-TELEMETRY_MARGIN_S)
    expect(a.at(-1)?.t).toBe(30 + TELEMETRY_MARGIN_S)
    expect(a).toHaveLength((30 + 2 * TELEMETRY_MARGIN_S) / TELEMETRY_STEP_S + 1)
    expect(a[4]?.azimuthDemandDeg).toBeCloseTo(140.2, 3)
    expect(a[4]?.elevationDemandDeg).toBeCloseTo(30, 3)
    const stats = mountErrorStats(a)
    expect(stats.imageDegradationArcsec).toBeGreaterThan(0.005)
    expect(stats.imageDegradationArcsec).toBeLessThan(0.2)
  })
})

describe('event timeline', () => {
  it('puts the exposure, dark time and readout on the record’s times', () => {
    const events = timelineOf(record)
    const exposure = events.find((e) => e.label.startsWith('Exposure'))
    expect([exposure?.start, exposure?.end]).toEqual([record.timespanBegin, record.timespanEnd])
    const readout = events.find((e) => e.label === 'Readout')
    expect(Date.parse(readout?.end ?? '') - Date.parse(record.timespanEnd)).toBe(READOUT_S * 1000)
    expect(events.find((e) => e.label.startsWith('Dark'))?.end).toBe('2025-11-16T03:12:36.000Z')
  })
})

describe('metadata cells', () => {
  it('fills the record’s columns with the filter colour and the airmass', () => {
    const row = recordCells(record)
    expect(row).toMatchObject({ 'Exposure time': 30, 'Image type': 'science', Filter: 'i_39', _Filter: 'i_color' })
    expect(row.Airmass).toBeCloseTo(2, 6)
    expect(row.Elevation).toBe(30)
    const unknown = recordCells({ ...record, zenithAngle: null, azimuth: null })
    expect(unknown).not.toHaveProperty('Airmass')
    expect(unknown).not.toHaveProperty('Azimuth')
  })

  it('knows LSST, SDSS and empty filters', () => {
    expect([bandOf('r_57'), bandOf('SDSSg_65mm~empty'), bandOf('empty'), bandOf('ph_5')]).toEqual([
      'r',
      'g',
      undefined,
      undefined,
    ])
    expect([filterFlag('y_10'), filterFlag('empty'), filterFlag('ph_5')]).toEqual(['y_color', 'white_color', undefined])
    expect([airmassOf(0), airmassOf(null), airmassOf(89)]).toEqual([1, undefined, undefined])
  })
})

describe('wavefront stand-in', () => {
  const intra = { id: 191, zMm: 1.5 }
  const extra = { id: 192, zMm: -1.5 }
  it('turns each half-chip’s defocus into one focus offset, and that into Z4', () => {
    expect([sideOf(intra), sideOf(extra)]).toEqual(['intra', 'extra'])
    // Camera 0.1 mm towards extra: extra donuts grow to 1.6 mm, intra shrink to 1.4 mm; both say +0.1.
    expect(focusOffsetMm(extra, 1.6)).toBeCloseTo(0.1, 9)
    expect(focusOffsetMm(intra, 1.4)).toBeCloseTo(0.1, 9)
    expect(z4MicronsOf(1, 1)).toBeCloseTo(1000 / (16 * Math.sqrt(3)), 9)
    const summary = { nDonuts: 3, defocusMm: 1.5, e1: 0.02, e2: Number.NaN } as Parameters<typeof zernikeRows>[1]
    expect(zernikeRows(extra, summary).map((z) => [z.noll, z.measuredUm])).toEqual([
      [4, 0],
      [5, 0.02],
      [6, 0],
    ])
    expect(zernikeRows(extra, { ...summary, nDonuts: 0 })).toEqual([])
  })

  it('cuts a stamp clipped to the image', () => {
    const image = { width: 4, height: 3, pixels: Float32Array.from({ length: 12 }, (_, i) => i) }
    const c = cutout(image, 0, 0, 1)
    expect([c.width, c.height, [...c.pixels]]).toEqual([2, 2, [0, 1, 4, 5]])
  })
})

describe('failures', () => {
  it('carry a stable code first', () => {
    expect(failed(new OneOffError('RA_ONEOFF_NO_RAWS', 'none'))).toEqual({
      outcome: 'failed',
      reason: 'RA_ONEOFF_NO_RAWS: none',
    })
    expect(failed(Object.assign(new Error('RA_PRODUCTS_BAD_INPUT: empty'), { code: 'RA_PRODUCTS_BAD_INPUT' }))).toEqual(
      {
        outcome: 'failed',
        reason: 'RA_PRODUCTS_BAD_INPUT: empty',
      },
    )
    expect(codeOf(new TypeError('x'))).toBe('RA_ONEOFF_INTERNAL')
  })
})
