// ----------------------------------------------------------------------------
// ./ra scenario NAME [--json] [options]: run the real services through a named
// situation and report what happened. Progress goes to stderr; with --json the
// last line of stdout is one JSON object of figures.
// ----------------------------------------------------------------------------
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Instrument } from '@rubin/ra-contract'
import { ROOT } from '../processes.ts'
import { runBadInputs } from './bad-inputs.ts'
import { runDispatch } from './dispatch.ts'
import { runNightScenario } from './night.ts'
import { FEW_DETECTORS, type NightRunOptions } from './night-run.ts'
import { runOutage } from './outages.ts'
import { runOverload } from './overload.ts'
import { runWorkerCrash } from './worker-crash.ts'

const USAGE = `usage: ./ra scenario NAME [--json] [--exposures N] [--pipeline-ms MS] [--cadence-s S] [--timeout-s S]
       [--camera lsstcam] [--detectors all|ID,ID] [--binning N] [--outage-s S]

  RA core only (watcher, head node, cluster manager, workers):
  dispatch         a few LSSTCam exposures through watcher, head node, workers, visit steps
  worker-crash     the same while a pool of workers is SIGKILLed mid-payload and restarted
  whole system (+ S3 server, PostgreSQL database, metadata server, ConsDB writer, RubinTV, camera simulator):
  night            a short night, nothing in the way (end-to-end latency)
  overload         exposures land at twice the processing rate: newest first, backlog drains after
  redis-restart    Redis restarts mid-night
  s3-outage        the S3 server is away for --outage-s (default 60)
  postgres-outage  PostgreSQL is unreachable for --outage-s (default 60; a proxy is cut, the server is shared)
  bad-inputs       corrupt raws, invalid payloads and controls, hostile metadata text and S3 keys

  whole-system scenarios simulate --detectors ${FEW_DETECTORS.join(',')} at --binning 4 unless told
  (the head node still fans out to every detector); with --json the last line is the figures.`

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
        camera: { type: 'string' },
        detectors: { type: 'string' },
        binning: { type: 'string' },
        'outage-s': { type: 'string' },
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
  const camera = (values.camera as string | undefined) ?? 'lsstcam'
  const instrument = Instrument.values.find((i) => i.toLowerCase() === camera.toLowerCase())
  if (instrument !== 'LSSTCam') throw new Error(`--camera ${camera}: the whole-system scenarios run lsstcam for now`)
  const detectorsText = (values.detectors as string | undefined) ?? FEW_DETECTORS.join(',')
  const whole: NightRunOptions = {
    ...common,
    instrument,
    exposures: number('exposures', 4),
    pipelineMs: number('pipeline-ms', 1000),
    cadenceS: number('cadence-s', 3),
    timeoutS: number('timeout-s', 180),
    binning: number('binning', 4),
    ...(detectorsText === 'all' ? {} : { detectors: detectorsText.split(',').map(Number) }),
  }
  const outageS = number('outage-s', 60)
  let result: Record<string, unknown>
  if (name === 'dispatch') result = await runDispatch(common)
  else if (name === 'worker-crash')
    result = await runWorkerCrash({ ...common, pipelineMs: number('pipeline-ms', 3000) })
  else if (name === 'night') result = await runNightScenario(whole)
  else if (name === 'overload') result = await runOverload({ ...whole, exposures: number('exposures', 10) })
  else if (name === 'redis-restart' || name === 's3-outage' || name === 'postgres-outage')
    result = await runOutage(name, {
      ...whole,
      outageS: name === 'redis-restart' ? number('outage-s', 2) : outageS,
      timeoutS: number('timeout-s', 180 + outageS),
    })
  else if (name === 'bad-inputs') result = await runBadInputs(whole)
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
