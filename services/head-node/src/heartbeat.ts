// ----------------------------------------------------------------------------
// The head node's own heartbeat (HEAD_NODE-{instrument}): the same
// WorkerStatusReport and registry entry a worker writes, so the cluster
// manager and `./ra status` see the head node alive or missing like any pod.
// ----------------------------------------------------------------------------
import { hostname } from 'node:os'
import { redisKeyTtl, type WorkerStatusReport, workerId } from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import { sleep, utcNow } from '@rubin/ra-runtime'
import type { HeadNodeCore } from './core.ts'

export function headNodeId(instrument: HeadNodeCore['instrument']): string {
  const id = workerId({ flavour: 'HEAD_NODE', instrument })
  if (!id.ok) throw new TypeError(`no HEAD_NODE id for ${instrument}`)
  return id.value
}

export async function beat(core: HeadNodeCore): Promise<void> {
  const { redis, instrument } = core
  const id = headNodeId(instrument)
  const report: WorkerStatusReport = {
    workerId: id,
    flavour: 'HEAD_NODE',
    instrument,
    state: 'free',
    secondary: '',
    mode: core.state.controls.WORKER_MODE,
    updatedAt: utcNow(),
    host: hostname(),
    pid: process.pid,
  }
  const checked = validate('WorkerStatusReport', report)
  if (!checked.ok) core.logger.error({ issues: checked.issues }, 'head-node heartbeat does not match the contract')
  await redis.client
    .multi()
    .set(
      redis.keys.key('workerHeartbeat', { workerId: id }),
      JSON.stringify(report),
      'EX',
      redisKeyTtl('workerHeartbeat'),
    )
    .zadd(redis.keys.key('workers', { instrument }), Date.now(), id)
    .exec()
}

export async function runHeartbeat(core: HeadNodeCore, intervalMs: number): Promise<void> {
  while (!core.signal.aborted) {
    try {
      await beat(core)
    } catch (error) {
      if (core.signal.aborted) break
      core.logger.warn({ err: (error as Error).message }, 'heartbeat failed')
    }
    await sleep(intervalMs, core.signal)
  }
}
