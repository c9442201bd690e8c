// ----------------------------------------------------------------------------
// Reads the worker registry (`workers` zset) and every registered worker's
// heartbeat in two round trips, into a WorkerDirectory for the planners. A
// heartbeat that is missing or unreadable counts as `missing`: the worker is
// not chosen as free, but detector work still queues for it.
// ----------------------------------------------------------------------------
import { type Instrument, parseWorkerId } from '@rubin/ra-contract'
import { validateReceived } from '@rubin/ra-contract/validate'
import type { RedisHandle } from '@rubin/ra-runtime'
import { type HeartbeatState, WorkerDirectory, type WorkerInfo } from '../plan/workers.ts'

function heartbeatState(text: string | null): HeartbeatState {
  if (text === null) return 'missing'
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return 'missing'
  }
  const report = validateReceived('WorkerStatusReport', value)
  if (!report.ok) return 'missing'
  return report.value.state
}

export async function readWorkers(redis: RedisHandle, instrument: Instrument): Promise<WorkerDirectory> {
  const members = await redis.client.zrange(redis.keys.key('workers', { instrument }), '0', '-1')
  const parsed = members.flatMap((id) => {
    const result = parseWorkerId(id)
    return result.ok && result.value.instrument === instrument ? [{ id, ...result.value }] : []
  })
  const beats =
    parsed.length === 0
      ? []
      : await redis.client.mget(parsed.map((w) => redis.keys.key('workerHeartbeat', { workerId: w.id })))
  const workers: WorkerInfo[] = parsed.map((w, i) => ({
    id: w.id,
    flavour: w.flavour,
    depth: w.depth,
    detector: w.detector,
    heartbeat: heartbeatState(beats[i] ?? null),
  }))
  return new WorkerDirectory(instrument, workers)
}
