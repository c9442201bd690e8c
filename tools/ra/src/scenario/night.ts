// ----------------------------------------------------------------------------
// `./ra scenario night`: a short night through the whole system, nothing in the
// way. Figures: the common ones, end-to-end latency (raw landed → last product
// of that exposure written, from the objectWritten stream's own timestamps) and
// FWHM against the simulator's truth:
//   fwhm_rel_err_max = max over exposures of |measured − injected| / injected, where
//   measured = the exposure's metadata.json `PSF FWHM` cell (step1b: the median
//              over the detectors whose step1a measured a PSF), and
//   injected = the median of `psf.fwhmArcsec` over the imaging detectors in the
//              simulator's `{obsId}_truth.json` (the same detectors: only those
//              have raws). Both are per-detector FWHM in arcsec, medianed over
//              the same set, so like is compared with like. Wavefront and guider
//              detectors are excluded on both sides (step1b's SFM gather does not
//              include them).
// ----------------------------------------------------------------------------
import { readFile } from 'node:fs/promises'
import { QUICKLOOK_METADATA_COLUMNS } from '@rubin/ra-contract'
import { type Landed, type NightRunOptions, runWholeNight, type Tally } from './night-run.ts'

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length === 0
    ? Number.NaN
    : s.length % 2 === 1
      ? (s[mid] as number)
      : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

interface TruthFile {
  readonly detectors: readonly { readonly purpose: string; readonly psf: { readonly fwhmArcsec: number } }[]
}

/** The injected FWHM of an exposure: median over its simulated imaging detectors. */
export async function injectedFwhm(landed: Landed): Promise<number> {
  const truth = JSON.parse(await readFile(landed.truthFile, 'utf8')) as TruthFile
  return median(truth.detectors.filter((d) => d.purpose === 'imaging').map((d) => d.psf.fwhmArcsec))
}

export interface FwhmComparison {
  readonly seq: number
  readonly measured: number | null
  readonly injected: number
  readonly relErr: number | null
}

export async function compareFwhm(tally: Tally): Promise<FwhmComparison[]> {
  const out: FwhmComparison[] = []
  for (const landed of tally.landed) {
    const cell = tally.metadata.get(String(landed.record.seqNum))?.[QUICKLOOK_METADATA_COLUMNS.psfFwhm]
    const measured = typeof cell === 'number' && Number.isFinite(cell) ? cell : null
    const injected = await injectedFwhm(landed)
    const relErr = measured === null ? null : Math.abs(measured - injected) / injected
    out.push({ seq: landed.record.seqNum, measured, injected, relErr })
  }
  return out
}

export async function runNightScenario(options: NightRunOptions): Promise<Record<string, unknown>> {
  return runWholeNight(options, async ({ tally }) => {
    const fwhm = await compareFwhm(tally)
    const round = (x: number) => Math.round(x * 1e4) / 1e4
    // An exposure without a measured FWHM makes the figure null (not a silently better maximum).
    const errors = fwhm.map((f) => f.relErr)
    return {
      fwhm_rel_err_max: errors.length === 0 || errors.includes(null) ? null : round(Math.max(...(errors as number[]))),
      fwhm_arcsec: fwhm.map((f) => ({
        seq: f.seq,
        measured: f.measured === null ? null : round(f.measured),
        injected: round(f.injected),
      })),
    }
  })
}
