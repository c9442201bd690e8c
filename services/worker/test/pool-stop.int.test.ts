// The worker-pool process: each member spools products in a directory of its own (as
// one pod each would), and the pool stops on SIGTERM even when Redis is gone: its
// members' clients keep reconnecting, so it exits after its grace period instead of
// waiting for ever (Ctrl-C on `./ra up`, a pod deleted while Redis restarts).
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort, startRedisServer } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import { eventually, workerEnv } from './harness.ts'

const POOL_MAIN = fileURLToPath(new URL('../src/pool-main.ts', import.meta.url))

describe('worker pool process', () => {
  it('gives each member its own spool; exits within its grace period after SIGTERM while Redis is unreachable', async () => {
    await using redis = await startRedisServer()
    const spool = await mkdtemp(join(tmpdir(), 'ra-pool-spool-'))
    await using _spool = { [Symbol.asyncDispose]: () => rm(spool, { recursive: true, force: true }) }
    const port = await freePort()
    const child = spawn(process.execPath, ['--conditions=@rubin/source', POOL_MAIN], {
      env: {
        ...process.env,
        ...workerEnv(redis),
        RA_WORKER_POOL: 'SFM_WORKER@0:0-3',
        RA_HTTP_PORT: String(port),
        RA_POOL_STOP_GRACE_MS: '1500',
        // The quicklook pipeline, so every member builds its product store (S3 is not needed to start).
        RA_PIPELINES: JSON.stringify({ '*': { kind: 'quicklook' } }),
        RA_RAW_URI: `file://${spool}/raws/`,
        RA_S3_ENDPOINT: `http://127.0.0.1:${await freePort()}`,
        RA_PRODUCT_SPOOL_DIR: join(spool, 'products'),
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
    expect((await readdir(join(spool, 'products'))).sort()).toEqual([
      'SFM_WORKER_0_0',
      'SFM_WORKER_0_1',
      'SFM_WORKER_0_2',
      'SFM_WORKER_0_3',
    ])
    await redis.stop()
    const sent = Date.now()
    child.kill('SIGTERM')
    const outcome = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 10_000))])
    expect(outcome).toBe(0)
    expect(Date.now() - sent).toBeLessThan(6000)
  })
})
