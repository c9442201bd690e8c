// Per-visit quicklook (step1b): aggregate the per-detector summaries, tolerating failed and
// missing detectors (they are listed, never silently averaged in).
import { QuicklookError } from './errors.ts'
import { median } from './stats.ts'
import type { Step1aSummary } from './step1a.ts'

export type DetectorOutcome =
  | { readonly detector: number; readonly summary: Pick<Step1aSummary, VisitInput> }
  | { readonly detector: number; readonly error: { readonly code: string; readonly message: string } }

type VisitInput = 'fwhm' | 'e1' | 'e2' | 'nStars' | 'sky' | 'noise' | 'postIsrMedian'

export interface VisitSummary {
  /** Medians over detectors with at least one PSF star (NaN when none). */
  readonly fwhm: number
  readonly e1: number
  readonly e2: number
  /** √(FWHM₉₅² − FWHM₀₅²) over detectors: RA's "PSF gradient" (NaN with fewer than 2 detectors). */
  readonly psfGradient: number
  /** Medians over succeeded detectors. */
  readonly sky: number
  readonly noise: number
  readonly postIsrMedian: number
  readonly nStars: number
  readonly nStarsMedian: number
  readonly nDetectors: number
  readonly nSucceeded: number
  readonly nWithStars: number
  readonly failed: readonly { readonly detector: number; readonly code: string; readonly message: string }[]
  /** Expected detectors that reported nothing. */
  readonly missing: readonly number[]
}

const percentile = (sorted: readonly number[], p: number): number => {
  const at = (sorted.length - 1) * p
  const lo = Math.floor(at)
  const hi = Math.ceil(at)
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo)
}

export function aggregateVisit(outcomes: readonly DetectorOutcome[], expected?: readonly number[]): VisitSummary {
  if (outcomes.length === 0 && (expected === undefined || expected.length === 0)) {
    throw new QuicklookError(
      'RA_QUICKLOOK_NO_INPUT',
      'step1b needs at least one detector outcome or an expected detector list',
    )
  }
  // Last report per detector wins (a retried detector may report twice).
  const latest = new Map<number, DetectorOutcome>()
  for (const o of outcomes) latest.set(o.detector, o)
  const ok: { detector: number; summary: Pick<Step1aSummary, VisitInput> }[] = []
  const failed: VisitSummary['failed'][number][] = []
  for (const o of latest.values()) {
    if ('summary' in o) ok.push(o)
    else failed.push({ detector: o.detector, code: o.error.code, message: o.error.message })
  }
  failed.sort((a, b) => a.detector - b.detector)
  const missing = (expected ?? []).filter((d) => !latest.has(d)).sort((a, b) => a - b)
  const withStars = ok.filter((o) => o.summary.nStars > 0 && Number.isFinite(o.summary.fwhm))
  const med = (list: typeof ok, f: (s: Pick<Step1aSummary, VisitInput>) => number) => {
    const values = list.map((o) => f(o.summary)).filter(Number.isFinite)
    return values.length === 0 ? Number.NaN : median(values)
  }
  const fwhms = withStars.map((o) => o.summary.fwhm).sort((a, b) => a - b)
  return {
    fwhm: med(withStars, (s) => s.fwhm),
    e1: med(withStars, (s) => s.e1),
    e2: med(withStars, (s) => s.e2),
    psfGradient:
      fwhms.length < 2
        ? Number.NaN
        : Math.sqrt(Math.max(0, percentile(fwhms, 0.95) ** 2 - percentile(fwhms, 0.05) ** 2)),
    sky: med(ok, (s) => s.sky),
    noise: med(ok, (s) => s.noise),
    postIsrMedian: med(ok, (s) => s.postIsrMedian),
    nStars: ok.reduce((n, o) => n + o.summary.nStars, 0),
    nStarsMedian: med(ok, (s) => s.nStars),
    nDetectors: latest.size + missing.length,
    nSucceeded: ok.length,
    nWithStars: withStars.length,
    failed,
    missing,
  }
}
