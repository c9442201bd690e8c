// ----------------------------------------------------------------------------
// What the worker tells operators: the /status JSON (identity, state, current
// payload, counts, mode) and the same counts as Prometheus metrics.
// ----------------------------------------------------------------------------
import { Counter, Gauge, type Registry } from '@rubin/ra-runtime'

export type PayloadEnd = 'finished' | 'failed' | 'skipped' | 'abandoned'

export interface Counts {
  finished: number
  failed: number
  skipped: number
  abandoned: number
  /** Claimed entries set aside as dead letters. */
  invalid: number
}

export interface WorkerMetrics {
  ended(outcome: PayloadEnd, seconds: number): void
  invalid(): void
  busy(isBusy: boolean): void
}

export function createWorkerMetrics(registry: Registry): WorkerMetrics {
  const payloads = new Counter({
    name: 'ra_worker_payloads_total',
    help: 'Payloads this worker ended, by outcome (finished, failed, skipped, abandoned)',
    labelNames: ['outcome'],
    registers: [registry],
  })
  const seconds = new Counter({
    name: 'ra_worker_payload_seconds_total',
    help: 'Time spent on payloads, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  })
  const invalid = new Counter({
    name: 'ra_worker_invalid_payloads_total',
    help: 'Claimed entries that were not valid payloads (set aside as dead letters)',
    registers: [registry],
  })
  const busy = new Gauge({ name: 'ra_worker_busy', help: '1 while a payload runs', registers: [registry] })
  // Zero-valued series from the start, so dashboards and rate() see every outcome.
  for (const outcome of ['finished', 'failed', 'skipped', 'abandoned']) {
    payloads.inc({ outcome }, 0)
    seconds.inc({ outcome }, 0)
  }
  busy.set(0)
  return {
    ended(outcome, s) {
      payloads.inc({ outcome })
      seconds.inc({ outcome }, s)
    },
    invalid: () => invalid.inc(),
    busy: (isBusy) => busy.set(isBusy ? 1 : 0),
  }
}
