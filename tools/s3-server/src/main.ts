#!/usr/bin/env node
// ra-s3-server --dir DIR [--port N] [--host H] [--bucket NAME]...: run the server until SIGINT/SIGTERM.
import { parseArgs } from 'node:util'
import { listenS3Server } from './server.ts'

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    port: { type: 'string', default: '9000' },
    host: { type: 'string', default: '127.0.0.1' },
    bucket: { type: 'string', multiple: true, default: [] },
  },
})
if (!values.dir) {
  process.stderr.write('ra-s3-server: --dir DIR is required (where objects are kept across restarts)\n')
  process.exit(2)
}
const server = await listenS3Server({
  dir: values.dir,
  port: Number(values.port),
  host: values.host,
  buckets: values.bucket,
})
process.stdout.write(`ra-s3-server: listening on ${server.endpoint}, objects in ${values.dir}\n`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0))
  })
}
