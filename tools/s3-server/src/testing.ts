// A private S3 server for a test (or a scenario): its own directory and free port,
// `restart()` and `stop()`/`start()` to simulate outages with the data kept, and
// `await using` cleanup.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listenS3Server, type RunningS3Server } from './server.ts'

export interface TestS3Server extends AsyncDisposable {
  readonly endpoint: string
  readonly port: number
  readonly dir: string
  /** Creates the bucket if it does not exist; returns its name. */
  bucket(name: string): Promise<string>
  /** Cut every connection and stop answering (the data stays). */
  stop(): Promise<void>
  /** Answer again on the same port and directory. */
  start(): Promise<void>
  /** stop, wait, start. */
  restart(options?: { downMs?: number }): Promise<void>
  /** Stop and delete the directory. */
  dispose(): Promise<void>
}

export async function startS3Server(options: { buckets?: readonly string[] } = {}): Promise<TestS3Server> {
  const dir = await mkdtemp(join(tmpdir(), 'ra-s3-'))
  let running: RunningS3Server | undefined = await listenS3Server({ dir, buckets: options.buckets ?? [] })
  const port = running.port
  const stop = async () => {
    const current = running
    running = undefined
    await current?.close()
  }
  const start = async () => {
    if (!running) running = await listenS3Server({ dir, port })
  }
  const dispose = async () => {
    await stop()
    await rm(dir, { recursive: true, force: true })
  }
  return {
    endpoint: running.endpoint,
    port,
    dir,
    async bucket(name) {
      if (!running) throw new Error('the test S3 server is stopped; start() it first')
      if (!running.store.hasBucket(name)) await running.store.createBucket(name)
      return name
    },
    stop,
    start,
    async restart(o = {}) {
      await stop()
      if (o.downMs) await new Promise((r) => setTimeout(r, o.downMs))
      await start()
    },
    dispose,
    [Symbol.asyncDispose]: dispose,
  }
}
