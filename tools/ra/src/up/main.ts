// ----------------------------------------------------------------------------
// ./ra up: the whole system on this machine on embedded defaults — Redis, the
// S3 server, a PostgreSQL database of its own, metadata server, ConsDB writer,
// RubinTV, the RA core and the camera simulator running a night — with progress
// lines until the night is over, then it keeps serving until Ctrl-C, which stops
// every process it started (and drops its database).
// ----------------------------------------------------------------------------
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { type NightPlan, readPlan } from '@rubin/ra-camera-simulator'
import { dayObsOf, Instrument } from '@rubin/ra-contract'
import { ROOT } from '../processes.ts'
import { spawnChild } from '../scenario/child.ts'
import { DEFAULT_WITNESS_DETECTOR } from '../scenario/expected-products.ts'
import { WHOLE_LSSTCAM_POOLS } from '../scenario/system.ts'
import { startWholeSystem } from '../scenario/whole.ts'
import { watchProgress } from './progress.ts'

const USAGE = `usage: ./ra up [--camera lsstcam] [--speed 10] [--exposures N] [--plan FILE]
             [--detectors all|ID,ID] [--binning N] [--data DIR]

  Starts everything locally and runs a night with the camera simulator; Ctrl-C stops it all.
  Data (S3 objects, raws, spool) persists under --data (default .ra-data/); logs under DIR/logs/.`

const say = (line: string) => process.stdout.write(`ra up: ${line}\n`)

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      camera: { type: 'string', default: 'lsstcam' },
      speed: { type: 'string', default: '10' },
      exposures: { type: 'string', default: '20' },
      plan: { type: 'string' },
      detectors: { type: 'string', default: '0,94,188,191,192' },
      binning: { type: 'string', default: '4' },
      data: { type: 'string', default: join(ROOT, '.ra-data') },
      help: { type: 'boolean' },
    },
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const instrument = Instrument.values.find((i) => i.toLowerCase() === values.camera.toLowerCase())
  if (instrument !== 'LSSTCam') {
    process.stderr.write(`ra up: --camera ${values.camera}: only lsstcam runs on one machine for now\n${USAGE}\n`)
    return 2
  }
  const run = new Date().toISOString().replace(/[:.]/g, '-')
  const logDir = join(values.data, 'logs', run)
  await mkdir(logDir, { recursive: true })
  const planFile = values.plan ?? join(values.data, `plan-${run}.json`)
  let plan: NightPlan
  if (values.plan) plan = await readPlan(values.plan)
  else {
    plan = {
      instrument,
      dayObs: dayObsOf(new Date()),
      firstSeqNum: Math.floor((Date.now() / 1000) % 86_400), // a fresh seq range per run of the same day
      start: new Date().toISOString(),
      exposures: [{ imageType: 'science', count: Number(values.exposures) }],
    }
    await writeFile(planFile, JSON.stringify(plan, null, 1))
  }

  say(`starting (logs in ${logDir})`)
  const system = await startWholeSystem({
    instrument,
    dataDir: values.data,
    logDir,
    pools: WHOLE_LSSTCAM_POOLS,
    witnessDetector: DEFAULT_WITNESS_DETECTOR,
    progress: say,
  })
  const simulator = await spawnChild({
    name: 'camera-simulator',
    node: true,
    logDir,
    args: [
      'services/camera-simulator/src/main.ts',
      ...['--camera', values.camera, '--plan', planFile, '--out', system.rawDir, '--speed', values.speed],
      ...['--redis', system.redis.url, '--detectors', values.detectors, '--binning', values.binning],
    ],
  })
  say('everything is up:')
  say(`  RubinTV         ${system.rubintvUrl ?? '(not built yet: services/rubintv/src/main.ts is missing)'}`)
  say(`  S3 endpoint     ${system.s3.endpoint} (bucket ${system.s3.bucket}; objects in ${system.s3.dir})`)
  say(`  Redis           ${system.redis.url}`)
  say(`  PostgreSQL      ${system.db.url()} (dropped when you stop)`)
  say(`  raws            ${system.rawDir}`)
  say(`  logs            ${logDir}`)
  say('Ctrl-C stops everything.')

  const stopProgress = watchProgress({ system, instrument, dayObs: plan.dayObs, say })
  let stopping = false
  const stopAll = async (why: string) => {
    if (stopping) return
    stopping = true
    say(`${why}: stopping every process`)
    stopProgress()
    await simulator.stop()
    // Every process gets SIGTERM, then SIGKILL after a grace period; the database is dropped.
    await system.stop()
    say('stopped')
  }
  void simulator.exited.then(({ code }) => {
    if (!stopping) say(`camera simulator finished (exit ${code}); still serving — Ctrl-C to stop`)
  })
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => void stopAll(signal === 'SIGINT' ? 'Ctrl-C' : signal).then(resolve))
    }
  })
  return 0
}

// Exit once stopped: a client still retrying a Redis that is gone must not keep the process alive.
process.exit(
  await main().catch((error) => {
    process.stderr.write(`ra up failed: ${(error as Error).message}\n`)
    return 1
  }),
)
