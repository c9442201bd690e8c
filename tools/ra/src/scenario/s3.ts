// ----------------------------------------------------------------------------
// The project's S3 server as a child process on a free port with a directory of
// its own. Stopping it and starting it again on the same port and directory is
// an S3 outage with the data kept (the s3-outage scenario).
// ----------------------------------------------------------------------------
import { freePort } from '@rubin/ra-runtime/testing'
import { type ChildHandle, spawnChild, waitUntil } from './child.ts'

export interface S3Process {
  readonly endpoint: string
  readonly dir: string
  readonly bucket: string
  readonly logFile: string
  /** Take the server away (SIGKILL: connections are cut mid-request, as in a crash). */
  stop(): Promise<void>
  /** Answer again on the same port and directory. */
  start(): Promise<void>
  readonly running: boolean
}

export async function startS3Process(options: { dir: string; bucket: string; logDir: string }): Promise<S3Process> {
  const port = await freePort()
  const endpoint = `http://127.0.0.1:${port}`
  let handle: ChildHandle | undefined
  const start = async () => {
    if (handle) return
    const child = await spawnChild({
      name: 's3-server',
      node: true,
      args: ['tools/s3-server/src/main.ts', '--dir', options.dir, '--port', String(port), '--bucket', options.bucket],
      logDir: options.logDir,
    })
    handle = child
    // Any HTTP answer means it listens (a bucket listing without credentials may be refused).
    await waitUntil(child, async () => {
      await fetch(`${endpoint}/${options.bucket}?max-keys=1`)
      return true
    })
  }
  const stop = async () => {
    const current = handle
    handle = undefined
    await current?.stop(0)
  }
  await start()
  return {
    endpoint,
    dir: options.dir,
    bucket: options.bucket,
    logFile: `${options.logDir}/s3-server.log`,
    stop,
    start,
    get running() {
      return handle !== undefined
    },
  }
}
