// camera-simulator CLI: runs a night plan and lands each exposure in a raw directory,
// announcing it on the rawLanded stream when --redis is given.
//   node --conditions=@rubin/source services/camera-simulator/src/main.ts \
//     --camera lsstcam --plan night.yaml --speed 10 --out /data/raw --redis redis://localhost:6379 \
//     --seed 1 --detectors all|94,0,191 [--binning 8]
import { parseArgs } from 'node:util'
import { Instrument } from '@rubin/ra-contract'
import { connectRedis, createS3Client, type RedisHandle } from '@rubin/ra-runtime'
import { defaultEncoder } from './fits.ts'
import { runNight } from './night.ts'
import { readPlan } from './plan.ts'
import { directorySink, s3Sink } from './sink.ts'

const USAGE =
  'usage: main.ts --plan FILE (--out DIR | --s3 ENDPOINT [--bucket raw]) [--camera lsstcam|latiss|lsstcomcam] [--speed N|max] [--redis URL] [--seed N] [--detectors all|ID,ID] [--binning N]'

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      camera: { type: 'string' },
      plan: { type: 'string' },
      speed: { type: 'string', default: '1' },
      out: { type: 'string' },
      s3: { type: 'string' },
      bucket: { type: 'string', default: 'raw' },
      redis: { type: 'string' },
      seed: { type: 'string' },
      detectors: { type: 'string', default: 'all' },
      binning: { type: 'string' },
    },
  })
  if (values.plan === undefined || (values.out === undefined) === (values.s3 === undefined)) {
    console.error(USAGE)
    return 2
  }
  const plan = await readPlan(values.plan)
  if (values.camera !== undefined) {
    const camera = Instrument.values.find((i) => i.toLowerCase() === values.camera?.toLowerCase())
    if (camera === undefined) {
      console.error(`camera-simulator: unknown --camera ${values.camera}; one of ${Instrument.values.join(', ')}`)
      return 2
    }
    if (camera !== plan.instrument) {
      console.error(`camera-simulator: --camera ${camera} but the plan is for ${plan.instrument}`)
      return 2
    }
  }
  const speed = values.speed === 'max' ? Number.POSITIVE_INFINITY : Number(values.speed)
  if (!(speed > 0)) {
    console.error(`camera-simulator: --speed must be a positive number or 'max'; got ${values.speed}`)
    return 2
  }
  const detectors = values.detectors === 'all' ? undefined : values.detectors.split(',').map(Number)
  const { encode, compressed } = await defaultEncoder()
  let redis: RedisHandle | undefined
  if (values.redis !== undefined) redis = connectRedis({ url: values.redis, name: 'camera-simulator' })
  const controller = new AbortController()
  process.once('SIGINT', () => controller.abort())
  process.once('SIGTERM', () => controller.abort())
  try {
    const summary = await runNight(
      plan,
      values.s3 !== undefined
        ? s3Sink(createS3Client({ endpoint: values.s3 }), values.bucket, redis)
        : directorySink(values.out as string, redis),
      {
        speed,
        encoder: encode,
        compress: compressed,
        signal: controller.signal,
        progress: (line) => console.log(`camera-simulator: ${line}`),
        ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
        ...(values.binning === undefined ? {} : { binning: Number(values.binning) }),
        ...(detectors === undefined ? {} : { detectors }),
      },
    )
    console.log(`camera-simulator: ${summary.exposures} exposure(s), ${summary.files} file(s) written to ${values.out}`)
    return 0
  } finally {
    await redis?.close()
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`camera-simulator: ${(error as Error).message}`)
  return 1
})
