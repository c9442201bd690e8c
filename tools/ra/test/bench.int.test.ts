// The benchmark must keep working (it is not a timed test: only what it counts is checked).
import { describe, expect, it } from 'vitest'
import { runBullmq } from '../src/bench/bullmq.ts'
import { runOurs } from '../src/bench/ours.ts'

describe('bench dispatch', () => {
  it('runs both sides over the same 197 payloads of one exposure', async () => {
    const quiet = () => {}
    const baseline = await runBullmq(1, quiet)
    const ours = await runOurs(1, quiet)
    for (const side of [baseline, ours]) {
      expect(side.payloads).toBe(197)
      expect(side.queueToStartMs).toHaveLength(197)
      expect(side.seconds).toBeGreaterThan(0)
    }
  })
})
