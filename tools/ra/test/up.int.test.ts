// ----------------------------------------------------------------------------
// The README's first command, as a newcomer runs it: `./ra up` brings the whole
// system up, a real browser on the printed RubinTV address shows products
// arriving in the open camera table (no reload), and Ctrl-C stops everything.
// A short night (2 exposures, fast) so the test stays short.
// ----------------------------------------------------------------------------
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Location } from '@rubin/ra-contract'
import { launchChromium } from '@rubin/ra-rubintv/testing'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../src/processes.ts'

/** RubinTV's location for this machine (`./ra up` serves only it). */
const LOCAL = 'local' satisfies Location

interface Up extends AsyncDisposable {
  readonly child: ChildProcess
  readonly exited: Promise<number | null>
  output(): string
  /** Resolves with the first capture of `pattern` in the output. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>
}

function startUp(data: string): Up {
  const child = spawn(join(ROOT, 'ra'), ['up', '--exposures', '2', '--speed', '20', '--data', data], {
    cwd: ROOT,
    env: { ...process.env, RA_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a failed test kills ./ra, its Node side and every service it started.
    detached: true,
  })
  let output = ''
  const waiters = new Set<() => void>()
  const append = (chunk: Buffer) => {
    output += chunk.toString()
    for (const check of waiters) check()
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    child,
    exited,
    output: () => output,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`./ra up did not print ${pattern} within ${timeoutMs} ms; output:\n${output}`))
        }, timeoutMs)
        const check = () => {
          const match = pattern.exec(output)
          if (match === null) return
          clearTimeout(timer)
          waiters.delete(check)
          resolve(match[1] ?? match[0])
        }
        waiters.add(check)
        check()
      }),
    async [Symbol.asyncDispose]() {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        process.kill(-child.pid, 'SIGKILL')
        await exited
      }
    },
  }
}

describe('./ra up', () => {
  it('brings the system up; a browser on localhost shows products arriving; Ctrl-C stops it all', async () => {
    const data = await mkdtemp(join(tmpdir(), 'ra-up-test-'))
    await using _data = { [Symbol.asyncDispose]: () => rm(data, { recursive: true, force: true }) }
    await using up = startUp(data)
    const url = await up.waitFor(/RubinTV\s+(http:\/\/127\.0\.0\.1:\d+)/, 120_000)

    await using browser = await launchChromium()
    const page = await browser.page()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${url}/${LOCAL}/lsstcam`)
    await page.locator('#live.on').waitFor({ timeout: 30_000 })
    const linked = page.locator('#camera-table td[data-channel] a.chan')
    const before = await linked.count()
    // Products of both exposures appear in the open page as the pipelines write them.
    await page.waitForFunction(
      () =>
        new Set([...document.querySelectorAll('#camera-table tr[data-seq]')].map((tr) => tr.getAttribute('data-seq')))
          .size >= 2,
      undefined,
      { timeout: 120_000 },
    )
    await expect.poll(() => linked.count(), { timeout: 120_000, interval: 250 }).toBeGreaterThan(before)
    const channels = () =>
      page
        .locator('#camera-table td[data-channel]:has(a.chan)')
        .evaluateAll((tds) => [...new Set(tds.map((td) => td.getAttribute('data-channel')))])
    await expect
      .poll(channels, { timeout: 120_000, interval: 250 })
      .toEqual(expect.arrayContaining(['witness_detector', 'focal_plane_mosaic']))
    const shots = join(ROOT, 'test-results', 'up')
    await mkdir(shots, { recursive: true })
    await page.screenshot({ path: join(shots, 'camera-table.png'), fullPage: true })
    expect(errors).toEqual([])
    await up.waitFor(/products (\d+)/, 60_000)

    up.child.kill('SIGINT')
    const code = await Promise.race([up.exited, new Promise((r) => setTimeout(() => r('still running'), 45_000))])
    expect(code, up.output()).toBe(0)
    expect(up.output()).toMatch(/ra up: stopped/)
  })
})
