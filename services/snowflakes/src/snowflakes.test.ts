import type { PayloadTiming } from '@rubin/ra-contract'
import { Value } from '@sinclair/typebox/value'
import { describe, expect, it } from 'vitest'
import { dayMoviesOf, timingChannel } from './channels.ts'
import { minutesOf, SnowflakesConfig } from './config.ts'
import { channelDayPrefix } from './day-movie.ts'
import { exposureOfProcessingId } from './performance.ts'
import { TimingIndex } from './timings.ts'

const timing = (payloadId: string, who: PayloadTiming['who'], processingId = '2025111500226'): PayloadTiming => ({
  payloadId,
  workerId: 'SFM_WORKER-LSSTCam-000-094',
  instrument: 'LSSTCam',
  who,
  processingId,
  outcome: 'finished',
  enqueuedAt: '2025-11-16T03:12:45.000Z',
  startedAt: '2025-11-16T03:12:46.000Z',
  finishedAt: '2025-11-16T03:12:50.000Z',
})

describe('timing index', () => {
  it('groups by processing id and branch, replaces re-runs, and forgets stale groups', () => {
    const index = new TimingIndex(1000)
    index.add(timing('a-1', 'SFM'), 0)
    index.add({ ...timing('a-1', 'SFM'), outcome: 'failed' }, 0)
    index.add(timing('b-1', 'AOS'), 0)
    index.add(timing('c-1', 'SFM', '2025111500227'), 900)
    expect(index.take('2025111500226', 'SFM').map((t) => t.outcome)).toEqual(['failed'])
    expect(index.take('2025111500226', 'SFM')).toEqual([])
    index.prune(1500)
    expect(index.size).toBe(1)
  })
})

describe('channels and keys', () => {
  it('maps branches to the performance camera’s channels and finds LSSTCam’s day movie', () => {
    expect(timingChannel('LSSTCam', 'SFM')).toEqual({ camera: 'ra_performance', channel: 'timing_diagram' })
    expect(timingChannel('LSSTCam', 'AOS')?.channel).toBe('aos_timing')
    expect(timingChannel('LSSTCam', 'ONE_OFF')).toBeUndefined()
    expect(timingChannel('LATISS', 'SFM')).toBeUndefined()
    expect(dayMoviesOf('LSSTCam').map((m) => m.camera)).toEqual(['lsstcam'])
    expect(channelDayPrefix('lsstcam', 'focal_plane_mosaic', 20251115)).toBe('lsstcam/2025-11-15/focal_plane_mosaic/')
    expect(exposureOfProcessingId('2025111500226')).toEqual({ dayObs: 20251115, seq: 226 })
    expect(exposureOfProcessingId('nope')).toBeUndefined()
  })

  it('reads the day-movie time as UTC minutes and refuses a malformed one', () => {
    expect([minutesOf('12:30'), minutesOf('')]).toEqual([750, undefined])
    const base = { RA_INSTRUMENT: 'LSSTCam', RA_DAY_MOVIE_AT: '25:00' }
    expect(Value.Check(SnowflakesConfig, Value.Default(SnowflakesConfig, { ...base, RA_DAY_MOVIE_AT: '12:30' }))).toBe(
      true,
    )
    expect(Value.Check(SnowflakesConfig, Value.Default(SnowflakesConfig, base))).toBe(false)
  })
})
