// ----------------------------------------------------------------------------
// Controls from the admin page: a write is a ControlCommand, checked with the
// contract (message schema, then the control's own value domain), then SET on
// the control key exactly as RubinTV does. Read-backs come two ways, both from
// the contract: the legacy `{key}_READBACK` strings (keyspace notifications,
// plus a slow poll as safety net) and the structured `controlReadbacks` stream.
// ----------------------------------------------------------------------------
import {
  type ControlCommand,
  ControlName,
  type ControlReadback,
  controlKey,
  formatIssues,
  type Issue,
  parseControlValue,
  readbackKey,
  readbackKeyspaceChannel,
} from '@rubin/ra-contract'
import { parseMessage, validateReceived } from '@rubin/ra-contract/validate'
import { entriesOf, type Logger, type RedisHandle } from '@rubin/ra-runtime'
import type { Redis } from 'ioredis'
import { lastStreamId } from '../discovery/notifications.ts'

export interface ReadbackState {
  readback: string | null
  last?: ControlReadback
}

export type ReadbackListener = (control: ControlName, state: ReadbackState) => void

export type WriteResult =
  | { readonly ok: true; readonly control: ControlName; readonly value: string; readonly canonical: string }
  | { readonly ok: false; readonly issues: readonly Issue[] }

/** How far back the structured stream is scanned at start for each control's newest read-back. */
const HISTORY = 500

export class Controls {
  readonly state = new Map<ControlName, ReadbackState>()
  readonly #listeners: ReadbackListener[] = []
  readonly #redis: RedisHandle
  readonly #logger: Logger

  constructor(redis: RedisHandle, logger: Logger) {
    this.#redis = redis
    this.#logger = logger
    for (const name of ControlName.values) this.state.set(name, { readback: null })
  }

  onChange(listener: ReadbackListener): void {
    this.#listeners.push(listener)
  }

  #set(name: ControlName, next: ReadbackState): void {
    const before = this.state.get(name)
    if (before?.readback === next.readback && before?.last === next.last) return
    this.state.set(name, next)
    for (const listener of this.#listeners) listener(name, next)
  }

  /** Validate and write one command; nothing is written when the contract refuses it. */
  async write(body: unknown, user: string): Promise<WriteResult> {
    const command = validateReceived('ControlCommand', body)
    if (!command.ok) return { ok: false, issues: command.issues }
    const { control, value } = command.value as ControlCommand
    const parsed = parseControlValue(control, value)
    if (!parsed.ok) return { ok: false, issues: parsed.issues }
    await this.#redis.client.set(controlKey(control, this.#redis.keys.prefix), value)
    this.#logger.info({ user, control, value }, 'control written')
    return { ok: true, control, value, canonical: String(parsed.value) }
  }

  async #pollLegacy(): Promise<void> {
    const prefix = this.#redis.keys.prefix
    const values = await this.#redis.client.mget(...ControlName.values.map((n) => readbackKey(n, prefix)))
    ControlName.values.forEach((name, i) => {
      const current = this.state.get(name) ?? { readback: null }
      this.#set(name, { ...current, readback: values[i] ?? null })
    })
  }

  /** Load what is there now: the legacy strings and the newest structured read-back per control. */
  async load(): Promise<void> {
    await this.#pollLegacy()
    const stream = this.#redis.keys.key('controlReadbacks')
    const recent = await this.#redis.client.xrevrange(stream, '+', '-', 'COUNT', HISTORY)
    const seen = new Set<ControlName>()
    for (const [, fields] of recent) {
      const entry = this.#decode(fields)
      if (entry === undefined || seen.has(entry.control)) continue
      seen.add(entry.control)
      const current = this.state.get(entry.control) ?? { readback: null }
      this.#set(entry.control, { ...current, last: entry })
    }
  }

  #decode(fields: readonly string[]): ControlReadback | undefined {
    const at = fields.findIndex((f, i) => i % 2 === 0 && f === 'data')
    const text = at === -1 ? undefined : fields[at + 1]
    if (text === undefined) return undefined
    const parsed = parseMessage('ControlReadback', text)
    if (!parsed.ok) {
      this.#logger.warn({ issues: formatIssues(parsed.issues) }, 'control read-back refused by the contract')
      return undefined
    }
    return parsed.value
  }

  /** Follow the structured stream, the keyspace notifications and a slow poll until the signal aborts. */
  async run(o: {
    streamConnection: Redis
    subscriber: Redis
    signal: AbortSignal
    pollMs: number
    blockMs?: number
  }): Promise<void> {
    const prefix = this.#redis.keys.prefix
    const channels = new Map(ControlName.values.map((n) => [readbackKeyspaceChannel(n, { prefix }), n]))
    o.subscriber.on('message', (channel: string) => {
      const name = channels.get(channel)
      if (name === undefined) return
      void this.#redis.client.get(readbackKey(name, prefix)).then((value) => {
        const current = this.state.get(name) ?? { readback: null }
        this.#set(name, { ...current, readback: value })
      })
    })
    await o.subscriber.subscribe(...channels.keys())
    const poll = setInterval(() => void this.#pollLegacy().catch(() => {}), o.pollMs)
    o.signal.addEventListener('abort', () => clearInterval(poll))

    const stream = this.#redis.keys.key('controlReadbacks')
    let last = await lastStreamId(this.#redis.client, stream)
    while (!o.signal.aborted) {
      let reply: unknown
      try {
        reply = await o.streamConnection.xread('COUNT', 100, 'BLOCK', o.blockMs ?? 5000, 'STREAMS', stream, last)
      } catch (error) {
        if (o.signal.aborted) return
        this.#logger.warn({ err: (error as Error).message }, 'reading control read-backs failed; retrying')
        await new Promise((r) => setTimeout(r, 1000))
        continue
      }
      for (const entry of entriesOf(reply as Parameters<typeof entriesOf>[0], stream)) {
        last = entry.id
        const decoded = entry.data === undefined ? undefined : this.#decode(['data', entry.data])
        if (decoded === undefined) continue
        // The legacy string is written in the same step by the consumer; read it so both agree.
        const legacy = await this.#redis.client.get(readbackKey(decoded.control, prefix))
        this.#set(decoded.control, { readback: legacy, last: decoded })
      }
    }
  }
}
