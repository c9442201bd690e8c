// ----------------------------------------------------------------------------
// The `quicklook` pipeline kind: one runner that routes a payload by its step
// (step1a → per-detector ISR/PSF, step1b → visit gather) or one-off task
// (MOSAIC_POST_ISR → focal-plane mosaic; the other tasks → the one-off runners
// from ../oneoffs when that module exists). A payload nothing handles fails with
// RA_WORKER_NO_RUNNER rather than wedging the visit.
// ----------------------------------------------------------------------------
import type { QuicklookPipelineSpec } from '../spec.ts'
import type { PipelineRunner } from '../types.ts'
import type { QuicklookDeps } from './deps.ts'
import { mosaicRunner } from './mosaic.ts'
import { step1aRunner } from './step1a.ts'
import { step1bRunner } from './step1b.ts'

export function quicklookPipeline(
  spec: QuicklookPipelineSpec,
  deps: QuicklookDeps,
  oneOffs: Readonly<Record<string, PipelineRunner>> = {},
): PipelineRunner {
  const step1a = step1aRunner(deps, spec.binFactor === undefined ? {} : { binFactor: spec.binFactor })
  const step1b = step1bRunner(deps)
  const byTask: Record<string, PipelineRunner> = { ...oneOffs, MOSAIC_POST_ISR: mosaicRunner(deps) }
  return {
    describe: `quicklook (${[step1a.describe, step1b.describe, ...Object.keys(byTask)].join(', ')})`,
    run(payload, context) {
      // A one-off runner registered under the task or pipeline id wins over the built-in steps.
      const named =
        (payload.task === undefined ? undefined : byTask[payload.task]) ??
        (payload.pipeline === undefined ? undefined : oneOffs[payload.pipeline])
      const runner =
        named ??
        (payload.task !== undefined
          ? undefined
          : payload.step === 'step1a'
            ? step1a
            : payload.step === 'step1b'
              ? step1b
              : undefined)
      if (runner === undefined) {
        const what = payload.task ?? `${payload.step}/${payload.pipeline ?? '-'}`
        return Promise.resolve({ outcome: 'failed', reason: `RA_WORKER_NO_RUNNER: no quicklook runner for ${what}` })
      }
      return runner.run(payload, context)
    },
  }
}
