// ----------------------------------------------------------------------------
// The camera's side of a scenario night: each planned exposure is simulated,
// written where the raws land and announced (as the camera's announcer would),
// at the plan's cadence or when the scenario's `pace` lets it. Each landed
// exposure carries what it should produce, its camera fault taken into account.
// ----------------------------------------------------------------------------
import { join } from 'node:path'
import {
  announceLanding,
  directorySink,
  expandPlan,
  type NightPlan,
  simulateExposure,
  truthKeyOf,
} from '@rubin/ra-camera-simulator'
import { connectRedis, sleep } from '@rubin/ra-runtime'
import { SCENARIO_DAY_OBS } from './common.ts'
import { type ExpectedRun, expectedForFault } from './expected-products.ts'
import type { Landed, NightRunOptions, Tally } from './night-run.ts'
import type { WholeSystem } from './whole.ts'

/**
 * Seeing of the simulated night. The quicklook PSF stars must be resolved at the system tests'
 * binning: its cosmic-ray test rejects anything sharper than σ ≈ 0.85 px, and at --binning 4 a
 * pixel is 0.8″, so the FWHM has to be ≳ 1.6″ (≈ 2 binned px) for stars to be measured at all.
 */
export const SEEING_ARCSEC = 1.8

/** Simulates the night's exposures and lands each at the cadence, or when `options.pace` says. */
export async function land(
  options: NightRunOptions,
  run: ExpectedRun,
  system: WholeSystem,
  landed: Landed[],
  tally: () => Promise<Tally>,
): Promise<void> {
  const plan: NightPlan = {
    instrument: options.instrument as NightPlan['instrument'],
    dayObs: SCENARIO_DAY_OBS,
    start: new Date().toISOString(),
    cadenceSeconds: options.cadenceS,
    seed: 1,
    exposures: Array.from({ length: options.exposures }, (_, i) => ({
      imageType: 'science' as const,
      seeing: SEEING_ARCSEC + 0.05 * (i % 5),
      ...options.planEntry?.(i),
    })),
  }
  const specs = expandPlan(plan, {
    ...(options.binning === undefined ? {} : { binning: options.binning }),
    ...(options.detectors === undefined ? {} : { detectors: [...options.detectors] }),
  })
  const redis = connectRedis({ url: system.redis.url, name: 'camera-simulator' })
  const files = directorySink(system.rawDir)
  const made = options.presimulate ? specs.map((spec) => simulateExposure(spec)) : []
  const started = Date.now()
  try {
    for (const [i, spec] of specs.entries()) {
      // Made before its turn: the simulation overlaps the wait instead of delaying the landing.
      const exposure = made.shift() ?? simulateExposure(spec)
      if (options.pace) await options.pace(i, { system, landed, tally })
      else await sleep(Math.max(0, started + i * options.cadenceS * 1000 - Date.now()))
      await options.beforeExposure?.(i, system)
      const result = await files.land(exposure)
      // As the camera's announcer would: keep trying while Redis is away (redis-restart).
      for (let attempt = 0; ; attempt++) {
        try {
          await announceLanding(redis, result.record)
          break
        } catch (error) {
          if (attempt > 100) throw error
          await sleep(200)
        }
      }
      const recordKey = result.keys.at(-1) ?? ''
      landed.push({
        record: result.record,
        at: Date.now(),
        expected: expectedForFault(run, spec.fault),
        truthFile: join(system.rawDir, truthKeyOf(recordKey)),
      })
      options.progress(`landed ${result.record.obsId} (${landed.length}/${options.exposures})`)
    }
  } finally {
    await redis.close()
  }
}
