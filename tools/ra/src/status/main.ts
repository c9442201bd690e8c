// ----------------------------------------------------------------------------
// ./ra status [--json] [--instrument I]: what the cluster is doing, read from
// Redis through the contract. Exit codes: 0 shown, 1 Redis unreachable, 2 usage.
// ----------------------------------------------------------------------------
import { parseArgs } from 'node:util'
import { connect, targetFrom, UsageError } from '../control/connect.ts'
import { formatStatus } from './format.ts'
import { readStatus } from './read.ts'

const USAGE = `usage: ./ra status [--json] [--instrument I]

  workers (heartbeats, busy ones), queues, controls in effect, cluster-status streams, dead letters.
  Redis: RA_REDIS_URL (default redis://127.0.0.1:6379), key prefix RA_KEY_PREFIX.`

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { json: { type: 'boolean' }, instrument: { type: 'string' }, help: { type: 'boolean' } },
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (positionals.length > 0) throw new UsageError(`status takes no arguments (got ${positionals.join(' ')})`)
  const target = targetFrom(values.instrument)
  const redis = await connect(target)
  try {
    const report = await readStatus(redis, target.instrument)
    process.stdout.write(`${values.json ? JSON.stringify(report) : formatStatus(report)}\n`)
    return 0
  } finally {
    await redis.close()
  }
}

process.exitCode = await main().catch((error: Error) => {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  process.stderr.write(usage ? `${error.message}\n${USAGE}\n` : `status failed: ${error.message}\n`)
  return usage ? 2 : 1
})
