// ----------------------------------------------------------------------------
// A private redis-server for tests: its own free port, its own temporary data
// directory, append-only persistence (fsync always) so a restart keeps every
// key, and `await using` cleanup. Tests never touch the machine's shared Redis.
// ----------------------------------------------------------------------------
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { freePort } from './free-port.ts'

export interface TestRedisServer extends AsyncDisposable {
  readonly port: number
  readonly url: string
  /** A plain client for assertions (closed with the server). */
  readonly client: Redis
  /** Kill the server (SIGKILL: like a crash) and start it again on the same port and data. */
  restart(options?: { downMs?: number }): Promise<void>
  stop(): Promise<void>
}

async function waitForPing(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  while (Date.now() < deadline) {
    const probe = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    })
    probe.on('error', () => {})
    try {
      await probe.connect()
      if ((await probe.ping()) === 'PONG') return
    } catch (error) {
      lastError = error
    } finally {
      probe.disconnect()
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`redis-server on port ${port} did not answer within ${timeoutMs} ms: ${String(lastError)}`)
}

export async function startRedisServer(): Promise<TestRedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'ra-redis-'))
  const port = await freePort()
  let child: ChildProcess | undefined
  const launch = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--notify-keyspace-events',
        'K$',
      ],
      { stdio: 'ignore' },
    )
    child.once('error', (error) => {
      throw new Error(`cannot start redis-server (is it installed? ./ra setup installs it): ${error.message}`)
    })
    await waitForPing(port, 10_000)
  }
  const kill = async () => {
    const running = child
    if (!running || running.exitCode !== null) return
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve())
      running.kill('SIGKILL')
    })
  }
  await launch()
  const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: null })
  client.on('error', () => {})
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    client.disconnect()
    await kill()
    await rm(dir, { recursive: true, force: true })
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    client,
    async restart(options = {}) {
      await kill()
      if (options.downMs) await new Promise((r) => setTimeout(r, options.downMs))
      await launch()
    },
    stop,
    [Symbol.asyncDispose]: stop,
  }
}
