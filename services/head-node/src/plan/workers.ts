// ----------------------------------------------------------------------------
// Choosing a worker (ra_framework §7.5): a detector goes to its own SFM/AOS
// worker at the lowest depth whose heartbeat says free, else to depth 0 even if
// busy or absent (the queue is the backlog; the cluster manager rebalances). A
// single-worker flavour (one-offs, step1b) goes to the lowest free registered
// worker, else the lowest live one, else the lowest registered one; with none
// registered the caller decides (skip a one-off, keep a gather pending). Pure.
// ----------------------------------------------------------------------------
import { type Instrument, type WorkerFlavour, workerId } from '@rubin/ra-contract'

export type HeartbeatState = 'free' | 'busy' | 'missing'

export interface WorkerInfo {
  readonly id: string
  readonly flavour: WorkerFlavour
  readonly depth: number | undefined
  readonly detector: number | undefined
  /** From the worker's heartbeat; missing when the key has expired (dead or not started). */
  readonly heartbeat: HeartbeatState
}

const RANK: Record<HeartbeatState, number> = { free: 0, busy: 1, missing: 2 }

const slot = (flavour: WorkerFlavour, detector: number | undefined) => `${flavour}/${detector ?? ''}`

/** The registered workers of one instrument, indexed for choosing targets. */
export class WorkerDirectory {
  readonly instrument: Instrument
  readonly workers: readonly WorkerInfo[]
  readonly #bySlot = new Map<string, WorkerInfo[]>()

  constructor(instrument: Instrument, workers: readonly WorkerInfo[]) {
    this.instrument = instrument
    this.workers = workers
    for (const worker of workers) {
      const key = slot(worker.flavour, worker.detector)
      const list = this.#bySlot.get(key) ?? []
      list.push(worker)
      this.#bySlot.set(key, list)
    }
    for (const list of this.#bySlot.values()) list.sort((a, b) => (a.depth ?? 0) - (b.depth ?? 0))
  }

  registered(flavour: WorkerFlavour, detector?: number): readonly WorkerInfo[] {
    return this.#bySlot.get(slot(flavour, detector)) ?? []
  }

  /** SFM_WORKER / AOS_WORKER: lowest free depth for the detector, else depth 0. */
  detectorTarget(flavour: 'SFM_WORKER' | 'AOS_WORKER', detector: number): string {
    const free = this.registered(flavour, detector).find((w) => w.heartbeat === 'free')
    if (free) return free.id
    const fallback = workerId({ flavour, instrument: this.instrument, depth: 0, detector })
    if (!fallback.ok) throw new TypeError(`no ${flavour} id for detector ${detector}: ${fallback.issues[0]?.message}`)
    return fallback.value
  }

  /** A per-instrument flavour's best worker, or undefined when none is registered. */
  singleTarget(flavour: WorkerFlavour): string | undefined {
    const candidates = [...this.registered(flavour)]
    candidates.sort((a, b) => RANK[a.heartbeat] - RANK[b.heartbeat] || (a.depth ?? 0) - (b.depth ?? 0))
    return candidates[0]?.id
  }
}
