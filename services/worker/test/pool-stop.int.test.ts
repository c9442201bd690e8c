// A worker pool stops on SIGTERM even when Redis is gone: its members' clients keep
// reconnecting, so the pool exits after its grace period instead of waiting for ever
// (Ctrl-C on `./ra up`, a pod deleted while Redis restarts).
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { freePort, startRedisServer } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import { eventually, workerEnv } from './harness.ts'

const POOL_MAIN = fileURLToPath(new URL('../src/pool-main.ts', import.meta.url))

describe('worker pool process', () => {
  it('exits within its stop grace period after SIGTERM while Redis is unreachable', async () => {
    await using redis = await startRedisServer()
    const port = await freePort()
    const child = spawn(process.execPath, ['--conditions=@rubin/source', POOL_MAIN], {
      env: {
        ...process.env,
        ...workerEnv(redis),
        RA_WORKER_POOL: 'SFM_WORKER@0:0-3',
        RA_HTTP_PORT: String(port),
        RA_POOL_STOP_GRACE_MS: '1500',
      },
      stdio: 'ignore',
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    await using _child = {
      async [Symbol.asyncDispose]() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
        await exited
      },
    }
    await eventually(
      () =>
        fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.status,
          () => 0,
        ),
      30_000,
    ).toBe(200)
    await redis.stop()
    const sent = Date.now()
    child.kill('SIGTERM')
    const outcome = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 10_000))])
    expect(outcome).toBe(0)
    expect(Date.now() - sent).toBeLessThan(6000)
  })
})
