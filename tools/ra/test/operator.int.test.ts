// ----------------------------------------------------------------------------
// The operator's commands against the RA core as processes: ./ra control sets
// a control the way RubinTV does and prints the head node's read-back; ./ra
// status shows the workers, the control in effect and a dead letter.
// ----------------------------------------------------------------------------
import { execFile } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { controlKey, createRedisKeys, STREAM_DATA_FIELD } from '@rubin/ra-contract'
import { sleep } from '@rubin/ra-runtime'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../src/processes.ts'
import { LSSTCAM_POOLS, startSystem } from '../src/scenario/system.ts'
import type { StatusReport } from '../src/status/read.ts'

const keys = createRedisKeys()
const run = promisify(execFile)

async function cli(redisUrl: string, script: string, args: readonly string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--conditions=@rubin/source', join(ROOT, script), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, RA_REDIS_URL: redisUrl, RA_KEY_PREFIX: '' },
      },
    )
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

const control = (url: string, ...args: string[]) => cli(url, 'tools/ra/src/control/main.ts', args)
const status = async (url: string): Promise<StatusReport> =>
  JSON.parse((await cli(url, 'tools/ra/src/status/main.ts', ['--json'])).stdout) as StatusReport

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let value = await read()
  while (!ok(value) && Date.now() < deadline) {
    await sleep(500)
    value = await read()
  }
  return value
}

describe('./ra control and ./ra status against the RA core', () => {
  it('sets, refuses and shows controls, and reports workers, controls and dead letters', async () => {
    await using system = await startSystem({
      instrument: 'LSSTCam',
      logDir: await mkdtemp(join(tmpdir(), 'ra-operator-')),
      pools: LSSTCAM_POOLS,
    })
    const url = system.redis.url
    const redis = system.redis.client

    const set = await control(url, 'set', 'CHIP_SELECTION', '5-on-a-die')
    expect(set.stderr).toBe('')
    expect(set.code).toBe(0)
    expect(set.stdout).toContain('applied')
    expect(set.stdout).toContain('5_ON_A_DIE')

    const refused = await control(url, 'set', 'chip_selection', 'checkers')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('CCD_CHECKERBOARD')
    expect(refused.stderr).toContain('5_ON_A_DIE')
    expect(await redis.exists(controlKey('CHIP_SELECTION'))).toBe(0)

    const got = await control(url, 'get', 'RUBINTV_CONTROL_CHIP_SELECTION')
    expect(got.code).toBe(0)
    expect(got.stdout).toContain('5_ON_A_DIE')

    const report = await until(
      () => status(url),
      (r) => r.flavours.SFM_WORKER?.alive === 189,
    )
    expect(report.flavours.SFM_WORKER).toMatchObject({ total: 189, alive: 189, missing: 0 })
    expect(report.controls.CHIP_SELECTION).toBe('5_ON_A_DIE')

    await redis.xadd(keys.key('rawLanded', { instrument: 'LSSTCam' }), '*', STREAM_DATA_FIELD, '{not json')
    const withLetter = await until(
      () => status(url),
      (r) => r.deadLetters.count >= 1,
    )
    expect(withLetter.deadLetters.count).toBe(1)
    expect(withLetter.deadLetters.last[0]).toMatchObject({ service: 'watcher' })
    const text = await cli(url, 'tools/ra/src/status/main.ts', [])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('dead letters: 1')
    expect(text.stdout).toMatch(/SFM_WORKER\s+189\/189 alive/)
  })
})
