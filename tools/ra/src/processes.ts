// ----------------------------------------------------------------------------
// Real service processes for scenarios and `./ra up`: spawned with their
// environment, logs to a file each, readiness from /readyz, and a clean stop
// (SIGTERM, then SIGKILL after a grace period). Disposable with `await using`.
// ----------------------------------------------------------------------------
import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '@rubin/ra-runtime/testing'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

export interface ServiceProcess {
  readonly name: string
  readonly url: string
  readonly child: ChildProcess
  readonly logFile: string
  /** Resolves when the process has exited (code or signal). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  kill(signal?: NodeJS.Signals): void
  stop(graceMs?: number): Promise<void>
}

export interface SpawnOptions {
  readonly name: string
  /** Entry script, relative to the repository root. */
  readonly script: string
  readonly env: Record<string, string>
  readonly logDir: string
}

export async function spawnService(options: SpawnOptions): Promise<ServiceProcess> {
  const port = await freePort()
  await mkdir(options.logDir, { recursive: true })
  const logFile = join(options.logDir, `${options.name}.log`)
  const log = createWriteStream(logFile, { flags: 'a' })
  const child = spawn(process.execPath, ['--conditions=@rubin/source', join(ROOT, options.script)], {
    cwd: ROOT,
    env: { ...process.env, RA_LOG_LEVEL: 'info', ...options.env, RA_HTTP_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.pipe(log, { end: false })
  child.stderr?.pipe(log, { end: false })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => {
      log.end()
      done({ code, signal })
    }),
  )
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    await exited
    clearTimeout(timer)
  }
  return {
    name: options.name,
    url: `http://127.0.0.1:${port}`,
    child,
    logFile,
    exited,
    kill: (signal = 'SIGKILL') => child.kill(signal),
    stop,
  }
}

/** Wait until /readyz answers 200, or fail with the process's log file named. */
export async function waitReady(service: ServiceProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = 'no answer'
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) {
      throw new Error(`${service.name} exited with code ${service.child.exitCode}; see ${service.logFile}`)
    }
    try {
      const response = await fetch(`${service.url}/readyz`)
      if (response.ok) return
      last = (await response.text()).trim()
    } catch (error) {
      last = (error as Error).message
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${service.name} not ready after ${timeoutMs} ms (${last}); see ${service.logFile}`)
}
