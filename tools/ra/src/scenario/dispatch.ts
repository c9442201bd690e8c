// ----------------------------------------------------------------------------
// `./ra scenario dispatch`: a few LSSTCam exposures through the real services.
// Each exposure is announced on the raw-landed stream (as a camera would), fanned
// out to 189 + 8 workers running a pipeline of configurable duration, gathered
// into visit steps. Figures come from what Redis recorded.
// ----------------------------------------------------------------------------
import { createRedisKeys, type PayloadTiming, parseWorkerId } from '@rubin/ra-contract'
import { sleep, xaddJson } from '@rubin/ra-runtime'
import { summarize } from '../stats.ts'
import { completionCounts, ms, observe } from './collect.ts'
import { SCENARIO_DAY_OBS, SCENARIO_WHOS, type ScenarioOptions, statusOf } from './common.ts'
import { scienceExposure } from './records.ts'
import { LSSTCAM_POOLS, startSystem } from './system.ts'

const WHOS = SCENARIO_WHOS

export async function runDispatch(options: ScenarioOptions): Promise<Record<string, unknown>> {
  const say = options.progress
  await using system = await startSystem({
    instrument: 'LSSTCam',
    logDir: options.logDir,
    pools: LSSTCAM_POOLS,
    env: { RA_TEST_PIPELINE_MS: String(options.pipelineMs), RA_LOG_LEVEL: 'info' },
    progress: say,
  })
  const announced = new Map<string, number>()
  const landed = system.redis.client
  const stream = createRedisKeys().key('rawLanded', { instrument: 'LSSTCam' })
  for (let seq = 1; seq <= options.exposures; seq++) {
    const record = scienceExposure(SCENARIO_DAY_OBS, seq, new Date())
    announced.set(String(record.exposureId), Date.now())
    await xaddJson(landed, stream, record)
    say(`announced ${record.obsId} (${seq}/${options.exposures})`)
    if (seq < options.exposures) await sleep(options.cadenceS * 1000)
  }
  const ids = [...announced.keys()]
  const deadline = Date.now() + options.timeoutS * 1000
  let observed = await observe(system.redis.url, 'LSSTCam', ids, WHOS)
  const visitSteps = () => observed.timings.filter(isVisitStep).length
  while (
    Date.now() < deadline &&
    (observed.gathers.length < ids.length * WHOS.length || visitSteps() < ids.length * WHOS.length)
  ) {
    await sleep(500)
    observed = await observe(system.redis.url, 'LSSTCam', ids, WHOS)
    say(`gathered ${observed.gathers.length}/${ids.length * WHOS.length}, visit steps run ${visitSteps()}`)
  }
  const status = await statusOf<HeadNodeStatus>(system, 'head-node')
  return figures(observed, announced, ids, status.counts?.payloadsQueued)
}

/** The part of the head node's /status the figures use. */
export interface HeadNodeStatus {
  readonly counts: { readonly payloadsQueued: number }
}

/** A visit-level (step1b) payload: run by a STEP1B worker. */
export function isVisitStep(t: PayloadTiming): boolean {
  const worker = parseWorkerId(t.workerId)
  return worker.ok && (worker.value.flavour === 'STEP1B_WORKER' || worker.value.flavour === 'STEP1B_AOS_WORKER')
}

export function figures(
  observed: Awaited<ReturnType<typeof observe>>,
  announced: ReadonlyMap<string, number>,
  ids: readonly string[],
  step1aQueued: number | undefined,
) {
  const step1a = observed.timings.filter((t) => announced.has(t.processingId) && t.detector !== undefined)
  const step1b = observed.timings.filter(isVisitStep)
  const dispatch: number[] = []
  for (const id of ids) {
    const enqueued = step1a.filter((t) => t.processingId === id).map((t) => ms(t.enqueuedAt))
    const t0 = announced.get(id)
    if (enqueued.length > 0 && t0 !== undefined) dispatch.push(Math.max(...enqueued) - t0)
  }
  const gather: number[] = []
  for (const g of observed.gathers) {
    const step = step1b.find((t) => t.processingId === g.processingId && t.who === g.who)
    if (step) gather.push(ms(step.enqueuedAt) - ms(g.at))
  }
  const counts = completionCounts(observed.timings.filter((t) => announced.has(t.processingId) || isVisitStep(t)))
  const lost = [...observed.missing.values()].reduce((n, d) => n + d.length, 0)
  return {
    exposures: ids.length,
    payloads_dispatched: (step1aQueued ?? new Set(step1a.map((t) => t.payloadId)).size) + step1b.length,
    payloads_completed: counts.completed,
    visit_steps_dispatched: step1b.length,
    gathers: observed.gathers.length,
    lost,
    duplicates: counts.duplicates,
    dispatch_latency_ms: summarize(dispatch),
    gather_latency_ms: summarize(gather),
  }
}
