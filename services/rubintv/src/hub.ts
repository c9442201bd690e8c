// ----------------------------------------------------------------------------
// Subscriptions of the live protocol. A topic (resolved to a concrete day) has an
// epoch, a version that grows by one per change, and the last changes kept for
// resumes. A subscriber gets a snapshot, then deltas; a reconnecting one that
// names an epoch and version we still cover gets only what it missed. Topics
// without a day follow the current day: on rollover they are told, then get the
// new day's snapshot.
// ----------------------------------------------------------------------------
import type { DayObs, RubinTvServerMessage, RubinTvTopic } from '@rubin/ra-contract'

export type Delta = Extract<RubinTvServerMessage, { type: 'delta' }>
export type Change = Delta['change']
export type SnapshotData = Extract<RubinTvServerMessage, { type: 'snapshot' }>['data']

/** A topic with its day filled in (current-day topics resolved to today). */
export type ResolvedTopic =
  | (Extract<RubinTvTopic, { kind: 'cameraTable' }> & { readonly dayObs: DayObs })
  | (Extract<RubinTvTopic, { kind: 'currentChannel' }> & { readonly dayObs: DayObs })
  | Extract<RubinTvTopic, { kind: 'clusterStatus' | 'controlReadbacks' }>

export interface Subscriber {
  send(message: RubinTvServerMessage): void
}

export function topicKey(topic: ResolvedTopic): string {
  switch (topic.kind) {
    case 'cameraTable':
      return `${topic.kind}|${topic.location}|${topic.camera}|${topic.dayObs}`
    case 'currentChannel':
      return `${topic.kind}|${topic.location}|${topic.camera}|${topic.channel}|${topic.dayObs}`
    default:
      return `${topic.kind}|${topic.location}`
  }
}

interface TopicState {
  readonly key: string
  readonly epoch: string
  version: number
  readonly ring: { version: number; change: Change }[]
  readonly subscribers: Map<Subscriber, Set<string>>
}

interface Subscription {
  readonly requested: RubinTvTopic
  resolved: ResolvedTopic
}

export interface HubOptions {
  /** Distinguishes server runs: a resume across a restart gets a snapshot. */
  readonly runId: string
  readonly today: () => DayObs
  readonly snapshot: (topic: ResolvedTopic) => SnapshotData
  /** Deltas kept per topic for resumes. */
  readonly keep?: number
}

export class Hub {
  readonly #topics = new Map<string, TopicState>()
  readonly #subs = new Map<Subscriber, Map<string, Subscription>>()
  readonly #options: HubOptions
  readonly #keep: number
  #day: DayObs

  constructor(options: HubOptions) {
    this.#options = options
    this.#keep = options.keep ?? 500
    this.#day = options.today()
  }

  get currentDay(): DayObs {
    return this.#day
  }

  resolve(topic: RubinTvTopic): ResolvedTopic {
    if (topic.kind === 'cameraTable' || topic.kind === 'currentChannel') {
      if (topic.kind === 'currentChannel') return { ...topic, dayObs: this.#day }
      return { ...topic, dayObs: topic.dayObs ?? this.#day }
    }
    return topic
  }

  #state(key: string): TopicState {
    let state = this.#topics.get(key)
    if (state === undefined) {
      state = { key, epoch: `${this.#options.runId}:${key}`, version: 0, ring: [], subscribers: new Map() }
      this.#topics.set(key, state)
    }
    return state
  }

  /** Topics someone is subscribed to (to know which days to keep fresh). */
  activeTopics(): ResolvedTopic[] {
    const out = new Map<string, ResolvedTopic>()
    for (const subs of this.#subs.values()) for (const s of subs.values()) out.set(topicKey(s.resolved), s.resolved)
    return [...out.values()]
  }

  subscribe(subscriber: Subscriber, id: string, topic: RubinTvTopic, resume?: { epoch: string; version: number }) {
    this.unsubscribe(subscriber, id)
    const resolved = this.resolve(topic)
    const state = this.#state(topicKey(resolved))
    let subs = this.#subs.get(subscriber)
    if (subs === undefined) {
      subs = new Map()
      this.#subs.set(subscriber, subs)
    }
    subs.set(id, { requested: topic, resolved })
    let ids = state.subscribers.get(subscriber)
    if (ids === undefined) {
      ids = new Set()
      state.subscribers.set(subscriber, ids)
    }
    ids.add(id)
    const oldest = state.ring[0]?.version ?? state.version + 1
    if (
      resume !== undefined &&
      resume.epoch === state.epoch &&
      resume.version <= state.version &&
      resume.version >= oldest - 1
    ) {
      subscriber.send({ type: 'resumed', id, epoch: state.epoch, version: resume.version })
      for (const entry of state.ring) {
        if (entry.version > resume.version) {
          subscriber.send({ type: 'delta', id, epoch: state.epoch, version: entry.version, change: entry.change })
        }
      }
      return
    }
    this.#sendSnapshot(subscriber, id, resolved, state)
  }

  #sendSnapshot(subscriber: Subscriber, id: string, resolved: ResolvedTopic, state: TopicState) {
    const data = this.#options.snapshot(resolved)
    subscriber.send({ type: 'snapshot', id, epoch: state.epoch, version: state.version, data })
  }

  unsubscribe(subscriber: Subscriber, id: string): void {
    const subs = this.#subs.get(subscriber)
    const sub = subs?.get(id)
    if (subs === undefined || sub === undefined) return
    subs.delete(id)
    const state = this.#topics.get(topicKey(sub.resolved))
    const ids = state?.subscribers.get(subscriber)
    ids?.delete(id)
    if (ids?.size === 0) state?.subscribers.delete(subscriber)
  }

  drop(subscriber: Subscriber): void {
    for (const id of [...(this.#subs.get(subscriber)?.keys() ?? [])]) this.unsubscribe(subscriber, id)
    this.#subs.delete(subscriber)
  }

  /** Record a change of a topic and send it to its subscribers. Topics nobody watches still count versions. */
  publish(topic: ResolvedTopic, change: Change): void {
    const key = topicKey(topic)
    const state = this.#topics.get(key)
    // Nobody has ever subscribed: nothing to resume, the next snapshot has it.
    if (state === undefined) return
    state.version += 1
    state.ring.push({ version: state.version, change })
    if (state.ring.length > this.#keep) state.ring.shift()
    for (const [subscriber, ids] of state.subscribers) {
      for (const id of ids) subscriber.send({ type: 'delta', id, epoch: state.epoch, version: state.version, change })
    }
  }

  /** Check the day; on a change move every current-day subscription to the new day. */
  checkRollover(): boolean {
    const today = this.#options.today()
    if (today === this.#day) return false
    this.#day = today
    for (const [subscriber, subs] of this.#subs) {
      for (const [id, sub] of [...subs]) {
        const follows =
          sub.requested.kind === 'currentChannel' ||
          (sub.requested.kind === 'cameraTable' && sub.requested.dayObs === undefined)
        if (!follows) continue
        subscriber.send({ type: 'dayRollover', id, dayObs: today })
        this.subscribe(subscriber, id, sub.requested)
      }
    }
    return true
  }
}
