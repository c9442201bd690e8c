// ----------------------------------------------------------------------------
// Processes that are not RA services (the S3 server, in `./ra up` the camera
// simulator): spawned with their output in a log file, a readiness probe of
// their own, and the same clean stop (SIGTERM, then SIGKILL after a grace).
// A start that fails names the process and shows the end of its log.
// ----------------------------------------------------------------------------
import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT, type ServiceProcess, waitReady } from '../processes.ts'

export interface ChildHandle {
  readonly name: string
  readonly child: ChildProcess
  readonly logFile: string
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  stop(graceMs?: number): Promise<void>
}

/** The last lines of a log file, for an error message (empty when there is none). */
export async function logTail(file: string, lines = 20): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '')
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}

/** An error naming the process and quoting the end of its log. */
export async function startFailure(name: string, logFile: string, cause: unknown): Promise<Error> {
  const tail = await logTail(logFile)
  const message = cause instanceof Error ? cause.message : String(cause)
  return new Error(`${name} did not start: ${message}\n--- last lines of ${logFile} ---\n${tail || '(empty)'}`, {
    cause,
  })
}

/** waitReady for an RA service, with the log tail in the error. */
export async function ready(service: ServiceProcess, timeoutMs = 120_000): Promise<void> {
  try {
    await waitReady(service, timeoutMs)
  } catch (error) {
    throw await startFailure(service.name, service.logFile, error)
  }
}

export interface ChildOptions {
  readonly name: string
  readonly args: readonly string[]
  readonly logDir: string
  readonly env?: Readonly<Record<string, string>>
  /** Run a Node script (relative to the repository root) instead of a program. */
  readonly node?: boolean
  readonly command?: string
}

export async function spawnChild(options: ChildOptions): Promise<ChildHandle> {
  await mkdir(options.logDir, { recursive: true })
  const logFile = join(options.logDir, `${options.name}.log`)
  const log = createWriteStream(logFile, { flags: 'a' })
  const [command, args] = options.node
    ? [process.execPath, ['--conditions=@rubin/source', ...options.args]]
    : [options.command ?? '', [...options.args]]
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.pipe(log, { end: false })
  child.stderr?.pipe(log, { end: false })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.once('exit', (code, signal) => {
      log.end()
      done({ code, signal })
    })
    child.once('error', (error) => {
      log.write(`spawn failed: ${error.message}\n`)
      log.end()
      done({ code: -1, signal: null })
    })
  })
  return {
    name: options.name,
    child,
    logFile,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Poll `probe` until it resolves true; fails with the log tail when the process exits or time runs out. */
export async function waitUntil(handle: ChildHandle, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last: unknown = 'no answer'
  while (Date.now() < deadline) {
    if (handle.child.exitCode !== null) {
      throw await startFailure(handle.name, handle.logFile, `exited with code ${handle.child.exitCode}`)
    }
    try {
      if (await probe()) return
    } catch (error) {
      last = error
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw await startFailure(handle.name, handle.logFile, `not ready after ${timeoutMs} ms (${String(last)})`)
}
