// Restart payloads: finish the current payload, say RESTARTING, take the restart off the claimed
// list, then stop (the process exits 0 so Kubernetes restarts it); queued work stays queued.
import type { RestartPayload } from '@rubin/ra-contract'
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import {
  claimed,
  eventually,
  heartbeat,
  keys,
  push,
  queued,
  spawnWorker,
  startWorker,
  statusOf,
  timings,
  workerIdFor,
} from './harness.ts'
import { processPayload, restartPayload } from './payloads.ts'

const ME = workerIdFor(94)

describe('restart payloads', () => {
  it('in-process: finishes the current payload, says RESTARTING, calls onRestart; queued work stays', async () => {
    await using server = await startRedisServer()
    const { client } = server
    const restarts: RestartPayload[] = []
    await using worker = await startWorker(
      server,
      { RA_TEST_PIPELINE_MS: '800' },
      { onRestart: (payload) => void restarts.push(payload) },
    )
    const running = processPayload({ exposure: 1, detector: 94 })
    await push(client, ME, running)
    await eventually(async () => (await heartbeat(client, ME))?.currentPayloadId).toBe(running.payloadId)
    const later = [processPayload({ exposure: 2, detector: 94 }), processPayload({ exposure: 3, detector: 94 })]
    const restart = restartPayload(ME)
    await push(client, ME, ...later, restart)
    await eventually(() => restarts).toHaveLength(1)
    expect(restarts[0]).toEqual(restart)
    expect((await timings(client)).map((t) => t.payloadId)).toEqual([running.payloadId])
    expect(await heartbeat(client, ME)).toMatchObject({ secondary: 'RESTARTING', currentPayloadId: restart.payloadId })
    expect(await claimed(client, ME)).toEqual([])
    expect(await queued(client, ME)).toEqual(later.map((p) => JSON.stringify(p)).reverse())
    expect((await statusOf(worker.http?.url)).state).toBe('restarting')
    // It has stopped working: nothing more is taken, and its heartbeat lapses like a dead pod's.
    await eventually(() => heartbeat(client, ME), 5000).toBeUndefined()
    expect(await queued(client, ME)).toHaveLength(2)
  })

  it('in-process: an onRestart hook may stop the service and wait for it (as the scenario runner does)', async () => {
    await using server = await startRedisServer()
    const holder: { stop?: () => Promise<void> } = {}
    let stoppedInHook = false
    const onRestart = async () => {
      await holder.stop?.()
      stoppedInHook = true
    }
    await using worker = await startWorker(server, {}, { onRestart })
    holder.stop = worker.stop
    await push(server.client, ME, restartPayload(ME))
    await eventually(() => stoppedInHook, 5000).toBe(true)
    expect(worker.context.redis.client.status).toBe('end')
  })

  it('as a process: exits 0 so Kubernetes restarts the pod', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await using child = spawnWorker(server)
    await eventually(async () => (await heartbeat(client, ME))?.state, 20_000).toBe('free')
    const queuedWork = processPayload({ exposure: 5, detector: 94 })
    await push(client, ME, queuedWork, restartPayload(ME))
    expect(await child.exited).toBe(0)
    expect((await heartbeat(client, ME))?.secondary).toBe('RESTARTING')
    expect(await claimed(client, ME)).toEqual([])
    expect(await queued(client, ME)).toEqual([JSON.stringify(queuedWork)])
  })

  it('a restart left in the claimed list by a crash is not honoured twice', async () => {
    await using server = await startRedisServer()
    const { client } = server
    const restart = restartPayload(ME)
    await client.rpush(keys.key('workerClaimed', { workerId: ME }), JSON.stringify(restart))
    const restarts: RestartPayload[] = []
    await using _worker = await startWorker(server, {}, { onRestart: (p) => void restarts.push(p) })
    await eventually(() => claimed(client, ME)).toEqual([])
    const work = processPayload({ exposure: 6, detector: 94 })
    await push(client, ME, work)
    await eventually(() => timings(client)).toHaveLength(1)
    expect(restarts).toEqual([])
  })

  it('a restart for another worker goes to the top of that worker’s queue; this one carries on', async () => {
    await using server = await startRedisServer()
    const { client } = server
    const other = workerIdFor(95)
    await push(client, other, processPayload({ exposure: 7, detector: 95 }))
    const restarts: RestartPayload[] = []
    await using _worker = await startWorker(server, {}, { onRestart: (p) => void restarts.push(p) })
    const misrouted = restartPayload(other)
    const mine = processPayload({ exposure: 8, detector: 94 })
    await push(client, ME, mine, misrouted)
    await eventually(() => timings(client)).toHaveLength(1)
    expect(restarts).toEqual([])
    expect((await queued(client, other))[0]).toBe(JSON.stringify(misrouted))
    expect(await claimed(client, ME)).toEqual([])
  })
})
