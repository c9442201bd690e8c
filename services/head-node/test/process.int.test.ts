// The head-node process itself (src/main.ts): it dispatches, and RESET_HEAD_NODE makes it exit 0.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import { announce, expectedKey, exposureRecord, INSTRUMENT, keys, waitForDispatchCount } from './helpers.ts'

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url))

describe('head-node process', () => {
  it('runs from main.ts, fans out, and exits 0 after answering RESET_HEAD_NODE', async () => {
    await using server = await startRedisServer()
    const child = spawn(process.execPath, ['--conditions=@rubin/source', MAIN], {
      env: { ...process.env, RA_REDIS_URL: server.url, RA_INSTRUMENT: INSTRUMENT, RA_LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      const heartbeat = keys.key('workerHeartbeat', { workerId: `HEAD_NODE-${INSTRUMENT}` })
      await expect.poll(() => server.client.exists(heartbeat), { timeout: 20_000 }).toBe(1)
      const record = exposureRecord(700)
      await announce(server, record)
      await waitForDispatchCount(server, 1)
      expect(await server.client.scard(expectedKey('SFM', record.exposureId))).toBe(189)
      await server.client.set(keys.key('control', { control: 'RESET_HEAD_NODE' }), 'reset')
      expect(await exited).toBe(0)
      expect(await server.client.get(keys.key('controlReadback', { control: 'RESET_HEAD_NODE' }))).toBe('RESET')
    } finally {
      child.kill('SIGKILL')
    }
  })
})
