// ----------------------------------------------------------------------------
// The pipeline registry: pipeline id (or one-off task) → implementation, with
// "*" as the fallback. A payload nothing is configured for fails (counted as
// finished-but-failed) rather than wedging the visit step.
// ----------------------------------------------------------------------------
import type { ProcessPayload } from '@rubin/ra-contract'
import { type ExecOptions, execPipeline } from './exec-pipeline.ts'
import { ANY_PIPELINE, type PipelineSpec, type PipelineSpecs } from './spec.ts'
import { testPipeline } from './test-pipeline.ts'
import type { PipelineRunner } from './types.ts'

export interface PipelineRegistry {
  /** The implementation for a payload, or undefined when none is configured. */
  resolve(payload: ProcessPayload): PipelineRunner | undefined
  /** Key → description, for /status. */
  describe(): Record<string, string>
}

export function pipelineFromSpec(spec: PipelineSpec, options: ExecOptions = {}): PipelineRunner {
  return spec.kind === 'test' ? testPipeline(spec) : execPipeline(spec, options)
}

/** The name a payload is looked up by: its pipeline, else its one-off task. */
export function pipelineKey(payload: ProcessPayload): string | undefined {
  return payload.pipeline ?? payload.task
}

export function createPipelineRegistry(
  specs: PipelineSpecs,
  overrides: Readonly<Record<string, PipelineRunner>> = {},
  options: ExecOptions = {},
): PipelineRegistry {
  const runners = new Map<string, PipelineRunner>()
  for (const [key, spec] of Object.entries(specs)) runners.set(key, pipelineFromSpec(spec, options))
  for (const [key, runner] of Object.entries(overrides)) runners.set(key, runner)
  return {
    resolve(payload) {
      const key = pipelineKey(payload)
      return (key === undefined ? undefined : runners.get(key)) ?? runners.get(ANY_PIPELINE)
    },
    describe: () => Object.fromEntries([...runners].map(([key, runner]) => [key, runner.describe])),
  }
}
