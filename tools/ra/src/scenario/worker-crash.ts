// ----------------------------------------------------------------------------
// `./ra scenario worker-crash`: the dispatch scenario while a pool of 20 imaging
// workers is SIGKILLed mid-payload (their claimed payloads in flight) and, as
// Kubernetes would, started again later. Nothing may be lost: each killed
// payload must complete, re-queued by the cluster manager or re-run on restart.
// ----------------------------------------------------------------------------
import { createRedisKeys, type PayloadTiming, workerId } from '@rubin/ra-contract'
import { sleep, xaddJson } from '@rubin/ra-runtime'
import { observe } from './collect.ts'
import { SCENARIO_DAY_OBS, SCENARIO_WHOS, type ScenarioOptions, statusOf } from './common.ts'
import { figures, type HeadNodeStatus, isVisitStep } from './dispatch.ts'
import { scienceExposure } from './records.ts'
import { LSSTCAM_POOLS, startSystem } from './system.ts'

const WHOS = SCENARIO_WHOS
const CRASHED = { first: 0, last: 19 }
/** How long the killed pool stays down: longer than the heartbeat TTL, so the cluster manager acts first. */
const DOWN_S = 15

const POOLS = {
  'pool-crash': `SFM_WORKER:${CRASHED.first}-${CRASHED.last}`,
  'pool-sfm-a': `SFM_WORKER:${CRASHED.last + 1}-94`,
  'pool-sfm-b': 'SFM_WORKER:95-188',
  'pool-other': LSSTCAM_POOLS['pool-other'],
}

export async function runWorkerCrash(options: ScenarioOptions): Promise<Record<string, unknown>> {
  const say = options.progress
  await using system = await startSystem({
    instrument: 'LSSTCam',
    logDir: options.logDir,
    pools: POOLS,
    env: { RA_TEST_PIPELINE_MS: String(options.pipelineMs) },
    progress: say,
  })
  const keys = createRedisKeys()
  const client = system.redis.client
  const announced = new Map<string, number>()
  const announce = async (seq: number) => {
    const record = scienceExposure(SCENARIO_DAY_OBS, seq, new Date())
    announced.set(String(record.exposureId), Date.now())
    await xaddJson(client, keys.key('rawLanded', { instrument: 'LSSTCam' }), record)
    say(`announced ${record.obsId}`)
  }

  await announce(1)
  // Wait until the pool's workers are mid-payload, then note what they hold and kill them.
  const claimedKeys: string[] = []
  for (let detector = CRASHED.first; detector <= CRASHED.last; detector++) {
    const id = workerId({ flavour: 'SFM_WORKER', instrument: 'LSSTCam', depth: 0, detector })
    if (id.ok) claimedKeys.push(keys.key('workerClaimed', { workerId: id.value }))
  }
  const inFlight = async () => (await Promise.all(claimedKeys.map((k) => client.lrange(k, 0, -1)))).flat()
  const deadline = Date.now() + 30_000
  let held: string[] = []
  while (Date.now() < deadline && held.length < claimedKeys.length / 2) {
    await sleep(50)
    held = await inFlight()
  }
  const killedPayloads = new Set(held.map((raw) => (JSON.parse(raw) as { payloadId: string }).payloadId))
  system.services.get('pool-crash')?.kill('SIGKILL')
  const killedAt = Date.now()
  say(`SIGKILLed pool-crash holding ${killedPayloads.size} claimed payloads`)

  for (let seq = 2; seq <= options.exposures; seq++) {
    await sleep(options.cadenceS * 1000)
    await announce(seq)
  }
  const restartIn = killedAt + DOWN_S * 1000 - Date.now()
  if (restartIn > 0) await sleep(restartIn)
  await system.respawn('pool-crash')
  say(`pool-crash restarted ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`)

  const ids = [...announced.keys()]
  const finishBy = Date.now() + options.timeoutS * 1000
  let observed = await observe(system.redis.url, 'LSSTCam', ids, WHOS)
  const wanted = ids.length * WHOS.length
  // Done when every exposure is gathered, every visit step has run, and no expected detector is missing.
  const done = () =>
    observed.gathers.length >= wanted &&
    observed.timings.filter(isVisitStep).length >= wanted &&
    ids.every((id) => WHOS.every((who) => !observed.missing.has(`${id}/${who}`)))
  while (Date.now() < finishBy && !done()) {
    await sleep(500)
    observed = await observe(system.redis.url, 'LSSTCam', ids, WHOS)
  }
  const recovery = recoverySeconds(observed.timings, killedPayloads, killedAt)
  const cmStatus = await statusOf<{ requeuedTotal: number }>(system, 'cluster-manager')
  const hnStatus = await statusOf<HeadNodeStatus>(system, 'head-node')
  return {
    ...figures(observed, announced, ids, hnStatus.counts?.payloadsQueued),
    killed_in_flight: killedPayloads.size,
    requeued: cmStatus.requeuedTotal ?? 0,
    unrecovered: recovery.unrecovered,
    recovery_s_max: recovery.max,
  }
}

/** For each payload killed in flight: seconds from the kill to its completion by whoever ran it. */
function recoverySeconds(timings: readonly PayloadTiming[], killed: ReadonlySet<string>, killedAt: number) {
  let max = 0
  let unrecovered = 0
  for (const payloadId of killed) {
    const done = timings.filter((t) => t.payloadId === payloadId && t.outcome !== 'abandoned')
    if (done.length === 0) {
      unrecovered++
      continue
    }
    max = Math.max(max, (Math.min(...done.map((t) => Date.parse(t.finishedAt))) - killedAt) / 1000)
  }
  return { max: Math.round(max * 10) / 10, unrecovered }
}
