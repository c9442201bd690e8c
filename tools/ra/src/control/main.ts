// ----------------------------------------------------------------------------
// ./ra control set|get|list: processing controls from the terminal, through
// the same keys RubinTV writes. Exit codes: 0 applied/unchanged/shown,
// 1 rejected, invalid or no read-back, 2 usage.
// ----------------------------------------------------------------------------
import { parseArgs } from 'node:util'
import { ControlName, parseControlValue } from '@rubin/ra-contract'
import type { RedisHandle } from '@rubin/ra-runtime'
import { connect, targetFrom, UsageError } from './connect.ts'
import { resolveControlName } from './name.ts'
import { viewControls } from './read.ts'
import { describeReadback, setControl } from './set.ts'

const USAGE = `usage: ./ra control set NAME VALUE [--timeout-s S] [--json] [--instrument I]
       ./ra control get NAME [--json] [--instrument I]
       ./ra control list [--json] [--instrument I]

  NAME is a control (CHIP_SELECTION, any case) or its key (RUBINTV_CONTROL_CHIP_SELECTION).
  set waits (default 10 s) for the consumer's read-back and prints it.
  Redis: RA_REDIS_URL (default redis://127.0.0.1:6379), key prefix RA_KEY_PREFIX.`

const out = (line: string) => process.stdout.write(`${line}\n`)
const err = (line: string) => process.stderr.write(`${line}\n`)

interface Options {
  readonly json: boolean
  readonly timeoutMs: number
}

async function runSet(redis: RedisHandle, args: readonly string[], options: Options): Promise<number> {
  const [nameText, value, ...rest] = args
  if (nameText === undefined || value === undefined || rest.length > 0) throw new UsageError('set takes NAME VALUE')
  const name = resolveControlName(nameText)
  const result = await setControl(redis, name, value, options.timeoutMs)
  switch (result.kind) {
    case 'invalid':
      err(`not sent (nothing written): ${result.message}`)
      return 1
    case 'unwatched':
      out(`set: ${name} = ${result.value} (read by its consumer each time it is needed; no read-back)`)
      return 0
    case 'timeout':
      err(result.message)
      return 1
    case 'readback':
      out(options.json ? JSON.stringify(result.readback) : describeReadback(result.readback))
      return result.readback.outcome === 'rejected' ? 1 : 0
  }
}

async function runShow(
  redis: RedisHandle,
  instrument: Parameters<typeof viewControls>[1],
  names: readonly ControlName[],
  json: boolean,
): Promise<number> {
  const { views, problems } = await viewControls(redis, instrument, names)
  if (problems !== '') err(`control-state fields ignored: ${problems}`)
  if (json) {
    out(JSON.stringify(names.length === 1 ? views[0] : views))
    return 0
  }
  for (const v of views) {
    const readback = v.readback === null ? '' : `  (read-back: ${v.readback})`
    if (names.length === 1) out(`${v.control} = ${v.value || '(not set)'}${readback}`)
    else out(`${v.control.padEnd(26)} ${(v.value || '-').padEnd(20)} ${v.accepted}${readback}`)
  }
  return 0
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      'timeout-s': { type: 'string' },
      instrument: { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  const [command, ...args] = positionals
  if (values.help) {
    out(USAGE)
    return 0
  }
  const timeoutS = Number(values['timeout-s'] ?? 10)
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) throw new UsageError('--timeout-s must be a positive number')
  const target = targetFrom(values.instrument)
  const json = values.json === true
  if (command === 'set' || command === 'get' || command === 'list') {
    // Resolve names before connecting, so a typo is a usage error even without Redis.
    if (command === 'get' && args.length !== 1) throw new UsageError('get takes NAME')
    const names = command === 'get' ? [resolveControlName(args[0] ?? '')] : ControlName.values
    if (command === 'list' && args.length !== 0) throw new UsageError('list takes no arguments')
    if (command === 'set') {
      // Validate before connecting: an invalid value is refused here and nothing is written anywhere.
      const [nameText = '', value = ''] = args
      const parsed = parseControlValue(resolveControlName(nameText), value)
      if (args.length === 2 && !parsed.ok) {
        err(`not sent (nothing written): ${parsed.issues.map((i) => i.message).join('; ')}`)
        return 1
      }
    }
    const redis = await connect(target)
    try {
      if (command === 'set') return await runSet(redis, args, { json, timeoutMs: timeoutS * 1000 })
      return await runShow(redis, target.instrument, names, json)
    } finally {
      await redis.close()
    }
  }
  throw new UsageError(command === undefined ? 'no command given' : `unknown command '${command}'`)
}

process.exitCode = await main().catch((error: Error) => {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  err(usage ? `${error.message}\n${USAGE}` : `control failed: ${error.message}`)
  return usage ? 2 : 1
})
