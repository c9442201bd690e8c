// ----------------------------------------------------------------------------
// The head node as a ServiceSpec: one per instrument (RA_INSTRUMENT). It loads
// the state in effect from controlState, then runs four loops until stopped:
// incoming → fan-out, completions → visit-level steps, control commands, and
// its own heartbeat. `onReset` is what RESET_HEAD_NODE does once its read-back
// is written: the process exits 0 so Kubernetes restarts it; tests stop it.
// ----------------------------------------------------------------------------
import { CONSUMER_GROUPS } from '@rubin/ra-contract'
import type { ServiceSpec } from '@rubin/ra-runtime'
import type { Redis } from 'ioredis'
import { HeadNodeConfig, outputRun } from './config.ts'
import { ControlConsumer } from './controls/consumer.ts'
import { HeadNodeCore } from './core.ts'
import { Gatherer } from './gather.ts'
import { beat, runHeartbeat } from './heartbeat.ts'
import { runIncomingLoop } from './incoming.ts'
import { createHeadNodeMetrics } from './metrics.ts'
import { ignoredByPattern } from './plan/selection.ts'
import { STATEFUL_CONTROLS, stateFromHash } from './state.ts'
import { type Lengths, sampleLengths, statusSnapshot } from './status.ts'

export interface HeadNodeOptions {
  /** After a RESET_HEAD_NODE read-back. Default: SIGTERM to this process (a clean stop, exit 0). */
  readonly onReset?: () => void | Promise<void>
  /** Consumer name in the completions group (default host/pid). */
  readonly consumerName?: string
}

const SAMPLE_MS = 1000

export function headNodeService(options: HeadNodeOptions = {}): ServiceSpec<typeof HeadNodeConfig> {
  return {
    name: 'head-node',
    config: HeadNodeConfig,
    async start(context) {
      const { config, redis, logger } = context
      const instrument = config.RA_INSTRUMENT
      const core = new HeadNodeCore({
        instrument,
        run: outputRun(config),
        redis,
        logger,
        metrics: createHeadNodeMetrics(context.metrics),
        deadLetters: context.deadLetters,
        signal: context.signal,
      })
      const stateKey = redis.keys.key('controlState', { instrument })
      const loaded = stateFromHash(await redis.client.hgetall(stateKey))
      if (loaded.problems.length > 0) logger.warn({ problems: loaded.problems }, 'controlState fields ignored')
      core.state = loaded.state

      const controls = new ControlConsumer(core, {
        pollMs: config.RA_CONTROL_POLL_MS,
        onReset: options.onReset ?? (() => void process.kill(process.pid, 'SIGTERM')),
      })
      if (controls.controls.length > 0) await publishControlState(core, stateKey)
      const gatherer = new Gatherer(core, {
        group: CONSUMER_GROUPS.completions,
        retryMs: config.RA_GATHER_RETRY_MS,
        ...(options.consumerName === undefined ? {} : { consumer: options.consumerName }),
      })
      await beat(core)

      const connections: Redis[] = []
      const connection = (name: string) => {
        const made = redis.blocking(name)
        connections.push(made)
        return made
      }
      // Blocking reads return at once when stopping; a claim whose reply is lost stays in a claimed list.
      core.signal.addEventListener('abort', () => {
        for (const c of connections) c.disconnect()
      })
      await controls.subscribe(connection('controls'))
      // Commands sent while the head node was down apply before the first exposure is dispatched.
      await controls.drain()

      const lengths: Lengths = { incoming: undefined, incomingClaimed: undefined, sampledAt: undefined }
      const loops = [
        runIncomingLoop(core, connection('incoming')),
        gatherer.run(connection('gather')),
        controls.run(),
        runHeartbeat(core, config.RA_HEARTBEAT_MS),
        sampleLengths(core, lengths, SAMPLE_MS),
      ]
      logger.info(
        { instrument, run: core.run, controls: core.state.controls, consumer: gatherer.consumer },
        'head node running',
      )
      return {
        notReady: () => (core.resetRequested ? ['RESET_HEAD_NODE accepted; restarting'] : []),
        status: () =>
          statusSnapshot(core, {
            lengths,
            pendingGathers: gatherer.pending,
            consumer: gatherer.consumer,
            controls: controls.controls,
          }),
        async stop() {
          core.halt()
          await Promise.allSettled(loops)
        },
      }
    },
  }
}

/**
 * Writes the values in effect (defaults included) for controls never set, and the ignored-detector
 * set for the chip selection in effect, so the cluster manager and `./ra status` read what the head
 * node does rather than guessing defaults of their own.
 */
async function publishControlState(core: HeadNodeCore, stateKey: string): Promise<void> {
  const { redis, instrument, state } = core
  const tx = redis.client.multi()
  for (const name of STATEFUL_CONTROLS) {
    const value = state.controls[name]
    if (value !== undefined) tx.hsetnx(stateKey, name, value)
  }
  if (instrument === 'LSSTCam') {
    const ignoredKey = redis.keys.key('ignoredDetectors', { instrument })
    const ignored = ignoredByPattern(state.controls.CHIP_SELECTION)
    tx.del(ignoredKey)
    if (ignored.length > 0) tx.sadd(ignoredKey, ...ignored)
  }
  await tx.exec()
}
