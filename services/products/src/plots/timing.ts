// timing_diagram and aos_timing (ra_performance): per payload, the wait in the queue (grey) and the
// run (coloured by outcome), from the contract's PayloadTiming records, in seconds since the first
// payload was enqueued.
import { PayloadOutcome } from '@rubin/ra-contract'
import type { PayloadTiming } from '../types.ts'
import { epochMs, requireRows } from './common.ts'
import { type PlotOptions, type RenderedPlot, renderVegaLite, type TopLevelSpec } from './vega.ts'

/** Every outcome the contract knows, in its order, and a colour for each (finished blue, failed red). */
const OUTCOMES: readonly string[] = PayloadOutcome.anyOf.map((literal) => literal.const)
const OUTCOME_COLOURS = ['#2a7ab0', '#d62728', '#9467bd', '#ff7f0e']
const FINISHED: PayloadTiming['outcome'] = 'finished'

export interface TimingSummary {
  readonly payloads: number
  /** Seconds from the first enqueue to the last finish. */
  readonly wallSeconds: number
  /** Longest queue wait and longest run, seconds. */
  readonly maxQueuedSeconds: number
  readonly maxRunSeconds: number
  readonly failed: number
}

export function timingRows(timings: readonly PayloadTiming[]) {
  requireRows(timings, 'payload timings')
  const parsed = timings.map((t) => ({
    t,
    q: epochMs(t.enqueuedAt, 'enqueuedAt'),
    s: epochMs(t.startedAt, 'startedAt'),
    f: epochMs(t.finishedAt, 'finishedAt'),
  }))
  const t0 = Math.min(...parsed.map((p) => p.q))
  // One row per payload: by detector when it has one, one-offs after the detectors by worker.
  const sorted = [...parsed].sort(
    (a, b) =>
      (a.t.detector ?? Number.MAX_SAFE_INTEGER) - (b.t.detector ?? Number.MAX_SAFE_INTEGER) ||
      a.t.workerId.localeCompare(b.t.workerId) ||
      a.s - b.s,
  )
  return sorted.map((p, row) => ({
    row,
    label: p.t.detector === undefined ? `${p.t.who} ${p.t.workerId}` : String(p.t.detector),
    outcome: p.t.outcome,
    queued: (p.q - t0) / 1000,
    started: (p.s - t0) / 1000,
    finished: (p.f - t0) / 1000,
  }))
}

export function summariseTimings(timings: readonly PayloadTiming[]): TimingSummary {
  const rows = timingRows(timings)
  return {
    payloads: rows.length,
    wallSeconds: Math.max(...rows.map((r) => r.finished)),
    maxQueuedSeconds: Math.max(...rows.map((r) => r.started - r.queued)),
    maxRunSeconds: Math.max(...rows.map((r) => r.finished - r.started)),
    failed: rows.filter((r) => r.outcome !== FINISHED).length,
  }
}

export async function renderTimingDiagram(
  timings: readonly PayloadTiming[],
  options: PlotOptions & { readonly title?: string } = {},
): Promise<RenderedPlot & { readonly summary: TimingSummary }> {
  const rows = timingRows(timings)
  const summary = summariseTimings(timings)
  const y = { field: 'row', type: 'quantitative', title: 'Payload (by detector)', scale: { reverse: true } } as const
  const spec: TopLevelSpec = {
    title: {
      text: options.title ?? 'Timing diagram',
      subtitle: `${summary.payloads} payloads, ${summary.failed} not finished; wall ${summary.wallSeconds.toFixed(1)} s, longest wait ${summary.maxQueuedSeconds.toFixed(1)} s, longest run ${summary.maxRunSeconds.toFixed(1)} s`,
    },
    width: 720,
    height: Math.min(900, Math.max(200, rows.length * 4)),
    data: { values: rows },
    layer: [
      {
        mark: { type: 'rule', color: '#bbbbbb', strokeWidth: 2 },
        encoding: {
          x: { field: 'queued', type: 'quantitative', title: 'Seconds since first enqueue' },
          x2: { field: 'started' },
          y,
        },
      },
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          x: { field: 'started', type: 'quantitative' },
          x2: { field: 'finished' },
          y,
          color: {
            field: 'outcome',
            type: 'nominal',
            title: 'Outcome',
            scale: { domain: [...OUTCOMES], range: OUTCOME_COLOURS.slice(0, OUTCOMES.length) },
          },
        },
      },
    ],
  }
  return { ...(await renderVegaLite(spec, options)), summary }
}
