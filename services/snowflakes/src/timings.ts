// ----------------------------------------------------------------------------
// Payload timings grouped by processing id and branch, until the branch's gather
// says every payload has completed. Bounded: groups older than the lookback are
// dropped (their GatherReady never came, e.g. an expired expected set).
// ----------------------------------------------------------------------------
import type { PayloadTiming, Who } from '@rubin/ra-contract'

const groupKey = (processingId: string, who: Who) => `${processingId}\u0000${who}`

export class TimingIndex {
  readonly #groups = new Map<string, { timings: PayloadTiming[]; touched: number }>()
  readonly #maxAgeMs: number

  constructor(maxAgeMs: number) {
    this.#maxAgeMs = maxAgeMs
  }

  get size(): number {
    return this.#groups.size
  }

  add(timing: PayloadTiming, now = Date.now()): void {
    const key = groupKey(timing.processingId, timing.who)
    const group = this.#groups.get(key) ?? { timings: [], touched: now }
    // A re-run of the same payload (attempt n+1) replaces the earlier record.
    const i = group.timings.findIndex((t) => t.payloadId === timing.payloadId)
    if (i === -1) group.timings.push(timing)
    else group.timings[i] = timing
    group.touched = now
    this.#groups.set(key, group)
  }

  /** The timings of a completed branch, removed from the index. */
  take(processingId: string, who: Who): PayloadTiming[] {
    const key = groupKey(processingId, who)
    const group = this.#groups.get(key)
    this.#groups.delete(key)
    return group?.timings ?? []
  }

  prune(now = Date.now()): void {
    for (const [key, group] of this.#groups) if (now - group.touched > this.#maxAgeMs) this.#groups.delete(key)
  }
}
