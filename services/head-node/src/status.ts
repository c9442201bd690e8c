// ----------------------------------------------------------------------------
// /status: what an operator wants to see at a glance. It is served synchronously,
// so the list lengths are sampled every second (also exported as a gauge).
// ----------------------------------------------------------------------------
import { sleep } from '@rubin/ra-runtime'
import type { HeadNodeCore } from './core.ts'

export interface Lengths {
  incoming: number | undefined
  incomingClaimed: number | undefined
  sampledAt: string | undefined
}

export async function sampleLengths(core: HeadNodeCore, lengths: Lengths, intervalMs: number): Promise<void> {
  const { redis, instrument } = core
  while (!core.signal.aborted) {
    try {
      const [incoming, claimed] = await Promise.all([
        redis.client.llen(redis.keys.key('incoming', { instrument })),
        redis.client.llen(redis.keys.key('incomingClaimed', { instrument })),
      ])
      lengths.incoming = incoming
      lengths.incomingClaimed = claimed
      lengths.sampledAt = new Date().toISOString()
      core.metrics.queueLength.set({ queue: 'incoming' }, incoming)
      core.metrics.queueLength.set({ queue: 'incomingClaimed' }, claimed)
    } catch {
      // Redis down: keep the last sample; readiness already says why.
    }
    await sleep(intervalMs, core.signal)
  }
}

export function statusSnapshot(
  core: HeadNodeCore,
  extra: { lengths: Lengths; pendingGathers: number; consumer: string; controls: readonly string[] },
) {
  const { controls, dispatch } = core.state
  return {
    instrument: core.instrument,
    run: core.run,
    resetRequested: core.resetRequested,
    controls,
    consumedControls: extra.controls,
    dispatch: {
      dispatchCount: dispatch.dispatchCount,
      latestExposureId: dispatch.latestExposureId ?? null,
      openFamPair: dispatch.openFamPair ?? null,
      guaranteedExposures: dispatch.guaranteedExposures,
    },
    queues: extra.lengths,
    lastDispatched: core.lastDispatch ?? null,
    pendingGathers: extra.pendingGathers,
    gatherConsumer: extra.consumer,
    counts: core.counts,
  }
}

export type HeadNodeStatus = ReturnType<typeof statusSnapshot>
