// The watcher’s environment: defaults, and named errors for a bad instrument.
import { ConfigError, loadConfig } from '@rubin/ra-runtime'
import { describe, expect, it } from 'vitest'
import { WatcherConfig } from './config.ts'

describe('WatcherConfig', () => {
  it('has every source on by default and polls every 5 s', () => {
    expect(loadConfig('watcher', WatcherConfig, { RA_INSTRUMENT: 'LSSTCam' })).toEqual({
      RA_INSTRUMENT: 'LSSTCam',
      RA_WEBHOOK: true,
      RA_RAW_LANDED: true,
      RA_POLL_INTERVAL_S: 5,
      RA_SEEN_DAYS: 3,
    })
  })

  it('names a missing or unknown instrument', () => {
    expect(() => loadConfig('watcher', WatcherConfig, {})).toThrow(ConfigError)
    expect(() => loadConfig('watcher', WatcherConfig, { RA_INSTRUMENT: 'LSSTcam' })).toThrow(/RA_INSTRUMENT/)
  })
})
