// ----------------------------------------------------------------------------
// ./ra scenario NAME [--json] [options]: run the real services through a named
// situation and report what happened. Progress goes to stderr; with --json the
// last line of stdout is one JSON object of figures.
// ----------------------------------------------------------------------------
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { ROOT } from '../processes.ts'
import { runDispatch } from './dispatch.ts'
import { runWorkerCrash } from './worker-crash.ts'

const USAGE = `usage: ./ra scenario dispatch|worker-crash [--json] [--exposures N] [--pipeline-ms MS] [--cadence-s S] [--timeout-s S]

  dispatch       a few LSSTCam exposures through watcher, head node, workers, visit steps
  worker-crash   the same while a pool of workers is SIGKILLed mid-payload and restarted`

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        exposures: { type: 'string' },
        'pipeline-ms': { type: 'string' },
        'cadence-s': { type: 'string' },
        'timeout-s': { type: 'string' },
        help: { type: 'boolean' },
      },
    })
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`)
    return 2
  }
  const { values, positionals } = parsed
  const name = positionals[0]
  if (values.help || name === undefined) {
    process.stdout.write(`${USAGE}\n`)
    return name === undefined && !values.help ? 2 : 0
  }
  const number = (flag: string, fallback: number) => {
    const text = values[flag] as string | undefined
    if (text === undefined) return fallback
    const n = Number(text)
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${flag} must be a non-negative number; got '${text}'`)
    return n
  }
  const logDir = join(ROOT, 'test-results', 'scenarios', name, new Date().toISOString().replace(/[:.]/g, '-'))
  const progress = (line: string) => process.stderr.write(`scenario ${name}: ${line}\n`)
  progress(`logs in ${logDir}`)
  const common = {
    exposures: number('exposures', 3),
    pipelineMs: number('pipeline-ms', 1000),
    cadenceS: number('cadence-s', 2),
    timeoutS: number('timeout-s', 120),
    logDir,
    progress,
  }
  let result: Record<string, unknown>
  if (name === 'dispatch') result = await runDispatch(common)
  else if (name === 'worker-crash')
    result = await runWorkerCrash({ ...common, pipelineMs: number('pipeline-ms', 3000) })
  else {
    process.stderr.write(`unknown scenario '${name}'\n${USAGE}\n`)
    return 2
  }
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`)
  else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  return result.lost === 0 ? 0 : 1
}

process.exitCode = await main().catch((error) => {
  process.stderr.write(`scenario failed: ${(error as Error).message}\n`)
  return 1
})
