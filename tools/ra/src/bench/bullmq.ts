// ----------------------------------------------------------------------------
// The baseline: BullMQ on a private Redis of the same build, shaped like our
// dispatch (197 jobs per exposure, 197 workers of concurrency 1, a no-op job),
// with its own at-least-once guarantee (job locks, stalled-job recovery).
// ----------------------------------------------------------------------------
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { Queue, Worker } from 'bullmq'
import type { RunResult } from './result.ts'

const PER_EXPOSURE = 197

export async function runBullmq(exposures: number, progress: (line: string) => void): Promise<RunResult> {
  await using redis = await startRedisServer()
  const connection = { host: '127.0.0.1', port: redis.port }
  const queue = new Queue('dispatch', { connection })
  const latencies: number[] = []
  const wanted = exposures * PER_EXPOSURE
  let done = 0
  let resolveDone: () => void = () => {}
  const finished = new Promise<void>((resolve) => {
    resolveDone = resolve
  })
  const workers: Worker[] = []
  try {
    for (let i = 0; i < PER_EXPOSURE; i++) {
      const worker = new Worker(
        'dispatch',
        async (job) => {
          latencies.push(Date.now() - job.timestamp)
        },
        { connection, concurrency: 1, removeOnComplete: { count: 0 }, removeOnFail: { count: 1000 } },
      )
      worker.on('completed', () => {
        done++
        if (done >= wanted) resolveDone()
      })
      workers.push(worker)
    }
    await Promise.all(workers.map((w) => w.waitUntilReady()))
    progress(`bullmq: ${workers.length} workers up`)
    const begin = performance.now()
    for (let e = 0; e < exposures; e++) {
      await queue.addBulk(
        Array.from({ length: PER_EXPOSURE }, (_, d) => ({
          name: 'step1a',
          data: { exposure: 2025112300000 + e, detector: d },
        })),
      )
    }
    await finished
    return { payloads: wanted, seconds: (performance.now() - begin) / 1000, queueToStartMs: latencies }
  } finally {
    await Promise.allSettled(workers.map((w) => w.close()))
    await queue.close()
  }
}
