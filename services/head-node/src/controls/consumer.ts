// ----------------------------------------------------------------------------
// The control consumer (services/README.md step 5). Every control the contract
// gives to the head node (for this instrument) is taken with GETDEL, so a
// command is consumed exactly once even when a keyspace notification and the
// polling safety net see it at the same moment. RESET_HEAD_NODE is taken alone
// (./take.ts), so commands sent with it apply after the restart. Each command
// is applied, stored in controlState and answered with both read-backs in one
// MULTI.
// ----------------------------------------------------------------------------
import {
  CONTROLS,
  ControlName,
  controlReadback,
  formatIssues,
  parseControlKey,
  readbackValue,
  redisKeyMaxLength,
} from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import { xaddJson } from '@rubin/ra-runtime'
import type { Redis } from 'ioredis'
import type { HeadNodeCore } from '../core.ts'
import { type ControlDecision, decideControl } from './decide.ts'
import { ensureKeyspaceEvents, keyOfChannel } from './keyspace.ts'
import { takeControls } from './take.ts'

/** The controls this head node consumes, RESET_HEAD_NODE first. */
export function consumedControls(instrument: HeadNodeCore['instrument']): ControlName[] {
  const mine = ControlName.values.filter((name) => {
    const spec = CONTROLS[name]
    return spec.consumer === 'head-node' && spec.semantics === 'consume-once' && spec.instruments.includes(instrument)
  })
  return mine.sort((a, b) => Number(b === 'RESET_HEAD_NODE') - Number(a === 'RESET_HEAD_NODE'))
}

export interface ControlConsumerOptions {
  readonly pollMs: number
  /** Called (not awaited) after a RESET_HEAD_NODE read-back is written. */
  readonly onReset: () => void | Promise<void>
}

export class ControlConsumer {
  readonly #core: HeadNodeCore
  readonly #options: ControlConsumerOptions
  readonly #names: readonly ControlName[]
  #wake: (() => void) | undefined
  #woken = false
  #subscribed = false

  constructor(core: HeadNodeCore, options: ControlConsumerOptions) {
    this.#core = core
    this.#options = options
    this.#names = consumedControls(core.instrument)
  }

  get controls(): readonly ControlName[] {
    return this.#names
  }

  get subscribed(): boolean {
    return this.#subscribed
  }

  /** Subscribes to keyspace notifications for control keys on `subscriber` (a dedicated connection). */
  async subscribe(subscriber: Redis): Promise<void> {
    const { redis, logger } = this.#core
    if (this.#names.length === 0) return
    subscriber.on('pmessage', (_pattern: string, channel: string, event: string) => {
      if (event !== 'set') return
      const parsed = parseControlKey(keyOfChannel(channel), redis.keys.prefix)
      if (parsed.ok && !parsed.value.readback && this.#names.includes(parsed.value.control)) this.wake()
    })
    // After a Redis restart the server may have lost a CONFIG SET; ioredis re-subscribes by itself.
    subscriber.on('ready', () => void ensureKeyspaceEvents(redis.client, logger))
    await ensureKeyspaceEvents(redis.client, logger)
    await subscriber.psubscribe(`__keyspace@*__:${redis.keys.pattern('control')}`)
    this.#subscribed = true
  }

  wake(): void {
    this.#woken = true
    this.#wake?.()
  }

  async run(): Promise<void> {
    const { signal, logger } = this.#core
    while (!signal.aborted && this.#names.length > 0) {
      try {
        await this.drain()
      } catch (error) {
        if (signal.aborted) break
        logger.error({ err: error }, 'control consumer: error; retrying')
      }
      await this.#nap()
    }
  }

  /** Until woken by a notification, the poll interval passes, or the service stops. */
  #nap(): Promise<void> {
    if (this.#woken) {
      this.#woken = false
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const signal = this.#core.signal
      const done = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        this.#wake = undefined
        this.#woken = false
        resolve()
      }
      const timer = setTimeout(done, this.#options.pollMs)
      signal.addEventListener('abort', done, { once: true })
      this.#wake = done
    })
  }

  /** Takes and handles every pending control command once. */
  async drain(): Promise<void> {
    if (this.#core.signal.aborted) return
    const commands = await takeControls(this.#core.redis, this.#names)
    for (const { name, raw } of commands) {
      // Taken commands are applied even when stopping: they are no longer in Redis.
      let decision: ControlDecision
      try {
        decision = await this.#core.lock.run(() => this.#apply(name, raw))
      } catch (error) {
        // One failed command must not cost the others taken with it; this one is lost, say so.
        this.#core.logger.error({ err: error, control: name, requested: raw }, 'control command lost: not applied')
        continue
      }
      if (decision.reset) {
        this.#core.logger.warn('RESET_HEAD_NODE: restarting')
        this.#core.resetRequested = true
        this.#core.halt()
        void Promise.resolve()
          .then(() => this.#options.onReset())
          .catch((error) => this.#core.logger.error({ err: error }, 'reset hook failed'))
        return
      }
    }
  }

  async #apply(name: ControlName, raw: string): Promise<ControlDecision> {
    const core = this.#core
    const { redis, instrument } = core
    const decision = decideControl(name, raw, core.state)
    const readback = controlReadback(name, raw, decision.outcome, new Date())
    const checked = validate('ControlReadback', readback)
    if (!checked.ok) core.logger.error({ issues: checked.issues }, 'control read-back does not match the contract')
    const tx = redis.client.multi()
    if (Object.keys(decision.fields).length > 0)
      tx.hset(redis.keys.key('controlState', { instrument }), decision.fields)
    if (decision.ignoredDetectors !== undefined) {
      const key = redis.keys.key('ignoredDetectors', { instrument })
      tx.del(key)
      if (decision.ignoredDetectors.length > 0) tx.sadd(key, ...decision.ignoredDetectors)
    }
    tx.set(redis.keys.key('controlReadback', { control: name }), readbackValue(decision.outcome))
    xaddJson(tx, redis.keys.key('controlReadbacks'), readback, redisKeyMaxLength('controlReadbacks'))
    const results = await tx.exec()
    const failed = results?.find(([error]) => error !== null)?.[0]
    if (failed) throw failed
    core.state = decision.state
    const outcome = decision.outcome.outcome
    core.metrics.controls.inc({ control: name, outcome })
    if (outcome === 'applied') core.counts.controlsApplied++
    else if (outcome === 'unchanged') core.counts.controlsUnchanged++
    else core.counts.controlsRejected++
    const log = { control: name, requested: raw, outcome, value: readback.value, reason: readback.reason }
    if (outcome === 'rejected') core.logger.warn(log, 'control command rejected')
    else core.logger.info(log, `control command ${outcome}`)
    if (decision.invalid !== undefined) {
      await core.deadLetters({
        source: redis.keys.key('control', { control: name }),
        code: 'RA_CONTROL_INVALID',
        reason: formatIssues(decision.invalid),
        input: raw,
      })
    }
    return decision
  }
}
