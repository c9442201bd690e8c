// Small statistics for scenario and benchmark figures.

/** The q-quantile (0..1) by the nearest-rank method; undefined for no samples. */
export function quantile(samples: readonly number[], q: number): number | undefined {
  if (samples.length === 0) return undefined
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)))
  return sorted[rank - 1]
}

export interface Summary {
  readonly n: number
  readonly p50: number | null
  readonly p99: number | null
  readonly max: number | null
}

const round = (value: number | undefined) => (value === undefined ? null : Math.round(value * 100) / 100)

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    p50: round(quantile(samples, 0.5)),
    p99: round(quantile(samples, 0.99)),
    max: round(samples.length === 0 ? undefined : Math.max(...samples)),
  }
}
