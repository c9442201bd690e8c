// ----------------------------------------------------------------------------
// What a pipeline implementation is to the worker: run one process payload and
// say how it ended. The worker owns the bookkeeping (claim, completion, modes);
// an implementation only does the work and honours the abort signal (MURDEROUS
// mode abandons backlog work through it).
// ----------------------------------------------------------------------------
import type { Instrument, ProcessPayload } from '@rubin/ra-contract'
import type { Logger } from '@rubin/ra-runtime'

export type PipelineResult =
  | { readonly outcome: 'finished'; readonly outputs?: readonly string[] }
  | {
      readonly outcome: 'failed'
      readonly reason: string
      /** The infrastructure was away (S3, Redis unreachable): the worker runs the payload again after a backoff. */
      readonly retryable?: boolean
    }

export interface PipelineContext {
  readonly instrument: Instrument
  /** Aborted when the worker abandons this payload; the result is then ignored. */
  readonly signal: AbortSignal
  readonly logger: Logger
}

export interface PipelineRunner {
  /** For logs and /status (e.g. `test`, `exec:/usr/bin/run-isr`). */
  readonly describe: string
  run(payload: ProcessPayload, context: PipelineContext): Promise<PipelineResult>
}
