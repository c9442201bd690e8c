import { ConfigError, loadConfig } from '@rubin/ra-runtime'
import { describe, expect, it } from 'vitest'
import { WorkerConfig, workerSettings } from './config.ts'

const load = (env: Record<string, string>) => workerSettings('worker', loadConfig('worker', WorkerConfig, env))

describe('worker configuration', () => {
  it('applies defaults: 10 s heartbeat TTL, 2 s interval, the test pipeline for everything', () => {
    const settings = load({ RA_INSTRUMENT: 'LSSTCam', RA_WORKER_FLAVOUR: 'SFM_WORKER', WORKER_NAME: 'sfm-94' })
    expect(settings.identity.id).toBe('SFM_WORKER-LSSTCam-000-094')
    expect(settings.heartbeatTtlMs).toBe(10_000)
    expect(settings.heartbeatIntervalMs).toBe(2000)
    expect(settings.pipelines).toEqual({ '*': { kind: 'test', sleepMs: 0 } })
  })

  it('uses RA_TEST_PIPELINE_MS for the default pipeline and RA_PIPELINES when given', () => {
    const base = {
      RA_INSTRUMENT: 'LATISS',
      RA_WORKER_FLAVOUR: 'SFM_WORKER',
      RA_WORKER_DEPTH: '0',
      RA_WORKER_DETECTOR: '0',
    }
    expect(load({ ...base, RA_TEST_PIPELINE_MS: '250' }).pipelines).toEqual({ '*': { kind: 'test', sleepMs: 250 } })
    const pipelines = load({ ...base, RA_PIPELINES: '{"SFM":{"kind":"exec","command":["run-sfm"],"timeoutS":60}}' })
    expect(pipelines.pipelines).toEqual({ SFM: { kind: 'exec', command: ['run-sfm'], timeoutS: 60 } })
  })

  it('stops at start naming every bad variable', () => {
    let error: unknown
    try {
      load({
        RA_INSTRUMENT: 'LSSTCam',
        RA_WORKER_FLAVOUR: 'SFM_WORKER',
        RA_PIPELINES: '{"SFMM":{"kind":"test"}}',
        RA_HEARTBEAT_TTL_S: '1',
        RA_HEARTBEAT_INTERVAL_MS: '1000',
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const { message } = error as ConfigError
    expect(message).toMatch(/worker identity: .*WORKER_NAME/)
    expect(message).toMatch(/RA_PIPELINES: \/SFMM: unknown pipeline 'SFMM'/)
    expect(message).toMatch(/RA_HEARTBEAT_INTERVAL_MS must be shorter than RA_HEARTBEAT_TTL_S/)
  })

  it('refuses an unknown flavour through the schema', () => {
    expect(() => loadConfig('worker', WorkerConfig, { RA_INSTRUMENT: 'LSSTCam', RA_WORKER_FLAVOUR: 'SFM' })).toThrow(
      /RA_WORKER_FLAVOUR/,
    )
  })
})
