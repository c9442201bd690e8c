// ----------------------------------------------------------------------------
// What the head node's loops share: the service context, the state in effect
// (the controls and the dispatch state, guarded by one lock), the counters
// behind /status, and the halt switch a RESET_HEAD_NODE throws.
// ----------------------------------------------------------------------------
import type { Instrument } from '@rubin/ra-contract'
import type { DeadLetters, Logger, RedisHandle } from '@rubin/ra-runtime'
import type { HeadNodeMetrics } from './metrics.ts'
import { Mutex } from './mutex.ts'
import { type HeadNodeState, INITIAL_STATE } from './state.ts'

export interface LastDispatch {
  readonly exposureId: number
  readonly obsId: string
  readonly observationType: string
  readonly route: string
  readonly payloads: number
  readonly latencyMs: number
  readonly at: string
}

export interface Counts {
  exposuresDispatched: number
  duplicatesDropped: number
  recordsInvalid: number
  payloadsQueued: number
  oneOffsSkipped: number
  gathersDispatched: number
  gathersWithoutStep: number
  gatherEntriesInvalid: number
  controlsApplied: number
  controlsUnchanged: number
  controlsRejected: number
}

export class HeadNodeCore {
  readonly instrument: Instrument
  readonly run: string
  readonly redis: RedisHandle
  readonly logger: Logger
  readonly metrics: HeadNodeMetrics
  readonly deadLetters: DeadLetters
  readonly lock = new Mutex()
  readonly counts: Counts = {
    exposuresDispatched: 0,
    duplicatesDropped: 0,
    recordsInvalid: 0,
    payloadsQueued: 0,
    oneOffsSkipped: 0,
    gathersDispatched: 0,
    gathersWithoutStep: 0,
    gatherEntriesInvalid: 0,
    controlsApplied: 0,
    controlsUnchanged: 0,
    controlsRejected: 0,
  }
  state: HeadNodeState = INITIAL_STATE
  lastDispatch: LastDispatch | undefined
  /** A RESET_HEAD_NODE was accepted: the head node is on its way out. */
  resetRequested = false
  readonly #halt = new AbortController()
  readonly #stop: AbortSignal

  constructor(fields: {
    instrument: Instrument
    run: string
    redis: RedisHandle
    logger: Logger
    metrics: HeadNodeMetrics
    deadLetters: DeadLetters
    signal: AbortSignal
  }) {
    this.instrument = fields.instrument
    this.run = fields.run
    this.redis = fields.redis
    this.logger = fields.logger
    this.metrics = fields.metrics
    this.deadLetters = fields.deadLetters
    this.#stop = AbortSignal.any([fields.signal, this.#halt.signal])
  }

  /** Aborted when the service stops or a reset halts the head node: loops finish and return. */
  get signal(): AbortSignal {
    return this.#stop
  }

  get halted(): boolean {
    return this.#halt.signal.aborted
  }

  /** Stop taking work (a reset is under way); the service's stop() then releases everything. */
  halt(): void {
    this.#halt.abort()
  }
}
