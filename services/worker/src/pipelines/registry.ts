// ----------------------------------------------------------------------------
// The pipeline registry: pipeline id (or one-off task) → implementation, with
// "*" as the fallback. A payload nothing is configured for fails (counted as
// finished-but-failed) rather than wedging the visit step.
// ----------------------------------------------------------------------------
import type { ProcessPayload } from '@rubin/ra-contract'
import { type ExecOptions, execPipeline } from './exec-pipeline.ts'
import type { QuicklookDeps } from './quicklook/deps.ts'
import { quicklookPipeline } from './quicklook/pipeline.ts'
import { ANY_PIPELINE, type PipelineSpec, type PipelineSpecs } from './spec.ts'
import { testPipeline } from './test-pipeline.ts'
import type { PipelineRunner } from './types.ts'

export interface PipelineRegistry {
  /** The implementation for a payload, or undefined when none is configured. */
  resolve(payload: ProcessPayload): PipelineRunner | undefined
  /** Key → description, for /status. */
  describe(): Record<string, string>
}

/** What the `quicklook` kind runs with: its dependencies and the one-off runners (keyed by task or pipeline). */
export interface QuicklookRuntime {
  readonly deps: QuicklookDeps
  readonly oneOffs?: Readonly<Record<string, PipelineRunner>>
}

export function pipelineFromSpec(
  spec: PipelineSpec,
  options: ExecOptions = {},
  quicklook?: QuicklookRuntime,
): PipelineRunner {
  switch (spec.kind) {
    case 'test':
      return testPipeline(spec)
    case 'exec':
      return execPipeline(spec, options)
    case 'quicklook':
      if (quicklook === undefined)
        throw new Error('RA_WORKER_QUICKLOOK_UNCONFIGURED: the quicklook kind needs its S3/raw dependencies')
      return quicklookPipeline(spec, quicklook.deps, quicklook.oneOffs)
  }
}

/** The name a payload is looked up by: its pipeline, else its one-off task. */
export function pipelineKey(payload: ProcessPayload): string | undefined {
  return payload.pipeline ?? payload.task
}

export function createPipelineRegistry(
  specs: PipelineSpecs,
  overrides: Readonly<Record<string, PipelineRunner>> = {},
  options: ExecOptions = {},
  quicklook?: QuicklookRuntime,
): PipelineRegistry {
  const runners = new Map<string, PipelineRunner>()
  for (const [key, spec] of Object.entries(specs)) runners.set(key, pipelineFromSpec(spec, options, quicklook))
  for (const [key, runner] of Object.entries(overrides)) runners.set(key, runner)
  return {
    resolve(payload) {
      const key = pipelineKey(payload)
      return (key === undefined ? undefined : runners.get(key)) ?? runners.get(ANY_PIPELINE)
    },
    describe: () => Object.fromEntries([...runners].map(([key, runner]) => [key, runner.describe])),
  }
}
