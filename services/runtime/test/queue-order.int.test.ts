import { describe, expect, it } from 'vitest'
import { defineScript, QUEUE_INSERT_LUA } from '../src/index.ts'
import { startRedisServer } from '../src/testing/index.ts'

const insert = defineScript('test-queue-insert', `${QUEUE_INSERT_LUA}\nreturn ra_queue_insert(KEYS[1], ARGV[1])`)
const payload = (exposure: number) =>
  JSON.stringify({ kind: 'process', dataIds: [{ instrument: 'LSSTCam', exposure, detector: 94 }] })
const restart = JSON.stringify({ kind: 'restart', payloadId: 'r', target: 'SFM_WORKER-LSSTCam-000-094' })

describe('worker queue order', () => {
  it('keeps the newest exposure at the head whatever order payloads arrive in, restarts on top', async () => {
    await using server = await startRedisServer()
    // A burst dispatched newest-first, a late re-queue of an old one, a visit-level payload, a restart.
    for (const text of [
      payload(2025112200004),
      payload(2025112200003),
      payload(2025112200002),
      payload(2025112200005),
      payload(2025112200001),
      restart,
      JSON.stringify({ kind: 'process', dataIds: [{ instrument: 'LSSTCam', visit: 2025112200006 }] }),
    ]) {
      await insert.run(server.client, ['q'], [text])
    }
    const order = (await server.client.lrange('q', 0, -1)).map((t) => {
      const p = JSON.parse(t)
      return p.kind === 'restart' ? 'restart' : (p.dataIds[0].exposure ?? p.dataIds[0].visit) % 100
    })
    expect(order).toEqual(['restart', 6, 5, 4, 3, 2, 1])
  })
})
