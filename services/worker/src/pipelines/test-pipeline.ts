// ----------------------------------------------------------------------------
// The test pipeline: takes a configurable time and fails on demand, so
// scenarios and tests can exercise every completion path without the LSST
// science stack. The sleep is abortable like a real pipeline must be.
// ----------------------------------------------------------------------------
import { sleep } from '@rubin/ra-runtime'
import type { TestPipelineSpec } from './spec.ts'
import type { PipelineRunner } from './types.ts'

export function testPipeline(spec: TestPipelineSpec): PipelineRunner {
  const failDetectors = new Set(spec.failDetectors ?? [])
  let runs = 0
  return {
    describe: `test(sleepMs=${spec.sleepMs ?? 0})`,
    async run(payload, { signal }) {
      runs += 1
      const run = runs
      await sleep(spec.sleepMs ?? 0, signal)
      if (signal.aborted) return { outcome: 'failed', reason: 'aborted' }
      const detector = payload.dataIds[0]?.detector
      if (detector !== undefined && failDetectors.has(detector)) {
        return { outcome: 'failed', reason: `test pipeline: detector ${detector} is configured to fail` }
      }
      if (spec.failEvery !== undefined && run % spec.failEvery === 0) {
        return { outcome: 'failed', reason: `test pipeline: run ${run} fails (failEvery=${spec.failEvery})` }
      }
      return { outcome: 'finished' }
    },
  }
}
