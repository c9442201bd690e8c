import { describe, expect, it } from 'vitest'
import type { MountSample, PayloadTiming } from '../types.ts'
import { bestFocus, nollToNm } from './aos.ts'
import { mountErrorStats } from './mount.ts'
import { summariseTimings, timingRows } from './timing.ts'

describe('analysis helpers behind the plots', () => {
  it('maps Noll indices to (n, m)', () => {
    const nm = [1, 2, 3, 4, 5, 6, 7, 8, 11, 22].map((j) => Object.values(nollToNm(j)))
    expect(nm).toEqual([
      [0, 0],
      [1, 1],
      [1, -1],
      [2, 0],
      [2, -2],
      [2, 2],
      [3, -1],
      [3, 1],
      [4, 0],
      [6, 0],
    ])
  })

  it('finds the vertex of a focus sweep parabola', () => {
    const points = [-200, -100, 0, 100, 200].map((z, seq) => ({ focusZUm: z, fwhm: 0.8 + 1e-5 * (z - 37) ** 2, seq }))
    const best = bestFocus(points)
    expect(best?.focusZUm).toBeCloseTo(37, 6)
    expect(best?.fwhm).toBeCloseTo(0.8, 6)
    expect(bestFocus(points.map((p) => ({ ...p, fwhm: -p.fwhm })))).toBeUndefined()
  })

  it('measures mount errors on the sky (azimuth scaled by cos el)', () => {
    const sample = (t: number, dAz: number, dEl: number): MountSample => ({
      t,
      azimuthDeg: 10 + dAz / 3600,
      elevationDeg: 60 + dEl / 3600,
      rotatorDeg: 0,
      azimuthDemandDeg: 10,
      elevationDemandDeg: 60,
      rotatorDemandDeg: 0,
    })
    const stats = mountErrorStats([sample(0, 2, 0), sample(1, -2, 0)])
    expect(stats.azimuthRmsArcsec).toBeCloseTo(1, 3)
    expect(stats.elevationRmsArcsec).toBe(0)
    expect(stats.imageDegradationArcsec).toBeCloseTo(1, 3)
  })

  it('turns payload timings into rows by detector, in seconds since the first enqueue', () => {
    const t = (
      detector: number,
      q: number,
      s: number,
      f: number,
      outcome: PayloadTiming['outcome'] = 'finished',
    ): PayloadTiming => ({
      workerId: `W${detector}`,
      who: 'SFM',
      detector,
      outcome,
      enqueuedAt: new Date(1e12 + q * 1000).toISOString(),
      startedAt: new Date(1e12 + s * 1000).toISOString(),
      finishedAt: new Date(1e12 + f * 1000).toISOString(),
    })
    const rows = timingRows([t(5, 1, 2, 10), t(3, 0, 1, 4, 'failed')])
    expect(rows.map((r) => [r.label, r.queued, r.started, r.finished])).toEqual([
      ['3', 0, 1, 4],
      ['5', 1, 2, 10],
    ])
    expect(summariseTimings([t(5, 1, 2, 10), t(3, 0, 1, 4, 'failed')])).toEqual({
      payloads: 2,
      wallSeconds: 10,
      maxQueuedSeconds: 1,
      maxRunSeconds: 8,
      failed: 1,
    })
    expect(() => timingRows([{ ...t(1, 0, 0, 0), startedAt: 'soon' }])).toThrow(/startedAt 'soon' is not a date-time/)
  })
})
