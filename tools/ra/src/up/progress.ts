// Progress lines for `./ra up`: exposures landed and gathered, products written (the
// objectWritten stream), metadata rows (the day's metadata.json) and ConsDB rows.
import { cameraForInstrument, type Instrument } from '@rubin/ra-contract'
import { connectRedis } from '@rubin/ra-runtime'
import { consdbRows, metadataRows, readObjectWritten } from '../scenario/measure.ts'
import type { WholeSystem } from '../scenario/whole.ts'

export function watchProgress(options: {
  system: WholeSystem
  instrument: Instrument
  dayObs: number
  say: (line: string) => void
  everyMs?: number
}): () => void {
  const { system, instrument, dayObs, say } = options
  const camera = cameraForInstrument(instrument) ?? 'lsstcam'
  let last = ''
  let busy = false
  const tick = async () => {
    if (busy) return
    busy = true
    const redis = connectRedis({ url: system.redis.url, name: 'ra-up-progress' })
    try {
      const landed = await redis.client.xlen(redis.keys.key('rawLanded', { instrument }))
      const gathered = await redis.client.xlen(redis.keys.key('completions', { instrument }))
      const written = (await readObjectWritten(redis)).filter((w) => w.message.kind === 'event').length
      const metadata = (await metadataRows(system.s3, camera, dayObs).catch(() => new Map())).size
      const consdb = (await consdbRows(system.db, instrument)).total
      const line = `landed ${landed}, gathered ${gathered}, products ${written}, metadata rows ${metadata}, ConsDB rows ${consdb}`
      if (line !== last) say(line)
      last = line
    } catch (error) {
      say(`progress unavailable: ${(error as Error).message}`)
    } finally {
      await redis.close().catch(() => {})
      busy = false
    }
  }
  const timer = setInterval(() => void tick(), options.everyMs ?? 2000)
  return () => clearInterval(timer)
}
