// Running a night: each planned exposure is made, landed and announced at the plan's cadence
// divided by the speed factor (speed 1: realistic; speed Infinity: as fast as the machine goes).
import { sleep } from '@rubin/ra-runtime'
import { type SimulateOptions, simulateExposure } from './exposure.ts'
import { expandPlan, type NightPlan, REALISTIC_CADENCE_SECONDS } from './plan.ts'
import type { ExposureSink } from './sink.ts'

export interface NightOptions extends SimulateOptions {
  readonly speed?: number
  readonly seed?: number
  readonly binning?: number
  readonly detectors?: number[]
  readonly signal?: AbortSignal
  readonly progress?: (line: string) => void
}

export interface NightSummary {
  readonly exposures: number
  readonly files: number
  readonly obsIds: readonly string[]
}

export async function runNight(plan: NightPlan, sink: ExposureSink, options: NightOptions = {}): Promise<NightSummary> {
  const specs = expandPlan(plan, options)
  const speed = options.speed ?? 1
  const cadenceMs = ((plan.cadenceSeconds ?? REALISTIC_CADENCE_SECONDS) * 1000) / speed
  const started = Date.now()
  const obsIds: string[] = []
  let files = 0
  for (const [i, spec] of specs.entries()) {
    if (options.signal?.aborted) break
    const due = started + i * cadenceMs
    if (Number.isFinite(cadenceMs) && Date.now() < due) await sleep(due - Date.now(), options.signal)
    const t = Date.now()
    const exposure = simulateExposure(spec, options)
    const landed = await sink.land(exposure)
    obsIds.push(landed.record.obsId)
    files += exposure.files.size
    options.progress?.(
      `[${i + 1}/${specs.length}] ${landed.record.obsId} ${spec.imageType} ${exposure.files.size} detector(s) in ${Date.now() - t} ms`,
    )
  }
  return { exposures: obsIds.length, files, obsIds }
}
