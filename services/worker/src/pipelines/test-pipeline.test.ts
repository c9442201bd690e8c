import { createLogger } from '@rubin/ra-runtime'
import { describe, expect, it } from 'vitest'
import { processPayload } from '../../test/payloads.ts'
import { testPipeline } from './test-pipeline.ts'

const logger = createLogger('worker', 'silent')
const context = (signal = new AbortController().signal) => ({ instrument: 'LSSTCam' as const, signal, logger })

describe('test pipeline', () => {
  it('takes sleepMs and finishes', async () => {
    const started = Date.now()
    const result = await testPipeline({ kind: 'test', sleepMs: 60 }).run(
      processPayload({ exposure: 1, detector: 1 }),
      context(),
    )
    expect(result).toEqual({ outcome: 'finished' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(55)
  })

  it('fails the listed detectors and every K-th run', async () => {
    const failing = testPipeline({ kind: 'test', failDetectors: [7] })
    expect(await failing.run(processPayload({ exposure: 1, detector: 7 }), context())).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/detector 7/),
    })
    expect(await failing.run(processPayload({ exposure: 1, detector: 8 }), context())).toEqual({ outcome: 'finished' })
    const every = testPipeline({ kind: 'test', failEvery: 3 })
    const outcomes = []
    for (let i = 0; i < 6; i++)
      outcomes.push((await every.run(processPayload({ exposure: 1, detector: 1 }), context())).outcome)
    expect(outcomes).toEqual(['finished', 'finished', 'failed', 'finished', 'finished', 'failed'])
  })

  it('stops early when aborted', async () => {
    const controller = new AbortController()
    const started = Date.now()
    const running = testPipeline({ kind: 'test', sleepMs: 10_000 }).run(
      processPayload({ exposure: 1, detector: 1 }),
      context(controller.signal),
    )
    setTimeout(() => controller.abort(), 30)
    expect(await running).toMatchObject({ outcome: 'failed', reason: 'aborted' })
    expect(Date.now() - started).toBeLessThan(2000)
  })
})
