// ----------------------------------------------------------------------------
// `./ra scenario night`: a short night through the whole system, nothing in the
// way. Figures: the common ones, end-to-end latency (raw landed → last product
// of that exposure written, from the objectWritten stream's own timestamps) and
// FWHM against the simulator's truth — pending until the worker runs the
// quicklook pipelines (the stand-in measures nothing).
// ----------------------------------------------------------------------------
import { type NightRunOptions, runWholeNight } from './night-run.ts'

export async function runNightScenario(options: NightRunOptions): Promise<Record<string, unknown>> {
  return runWholeNight(options, async () => ({
    fwhm_rel_err_max: null,
    pending: ['fwhm_rel_err_max: needs the quicklook pipelines in the worker (measured FWHM vs truth)'],
  }))
}
