// ----------------------------------------------------------------------------
// The night report's text object (the `..._md.json` RubinTV renders): a summary
// of one camera's night → numbered text blocks (`text_NNN`, the Efficiency tab)
// and plot links, under the contract's nightReportText key. Pure: the service
// uploads the result with the ProductStore (which announces it). The text is
// checked against the contract's NightReportText schema before it is returned.
// ----------------------------------------------------------------------------
import { buildS3Key, type Camera, type DayObs, formatDayObs, formatIssues } from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'

export interface NightSummary {
  readonly camera: Camera
  readonly dayObs: DayObs
  readonly exposures: number
  readonly onSky: number
  /** Fraction 0..1 of the night the shutter was open, when known. */
  readonly openShutterFraction?: number
  /** Median PSF FWHM of the night in arcsec, when measured. */
  readonly medianFwhmArcsec?: number
  /** QA plot title → link. */
  readonly plots?: Readonly<Record<string, string>>
}

export interface NightReportText {
  readonly key: string
  readonly content: Readonly<Record<string, string>>
  readonly contentType: 'application/json'
}

export class NightReportError extends Error {
  readonly code: 'RA_NIGHT_REPORT_INVALID'
  constructor(message: string) {
    super(message)
    this.name = 'NightReportError'
    this.code = 'RA_NIGHT_REPORT_INVALID'
  }
}

/** Block keys sort as RubinTV shows them: text_010, text_020, … */
const block = (n: number) => `text_${String(n * 10).padStart(3, '0')}`

export function nightReportText(summary: NightSummary): NightReportText {
  const key = buildS3Key({ kind: 'nightReportText', camera: summary.camera, dayObs: summary.dayObs })
  if (!key.ok) throw new NightReportError(`no night-report key for ${summary.camera}: ${formatIssues(key.issues)}`)
  if (!Number.isInteger(summary.exposures) || summary.exposures < 0 || summary.onSky > summary.exposures) {
    throw new NightReportError(
      `night summary of ${summary.camera} ${summary.dayObs}: exposures must be a count ≥ the on-sky count; got ${summary.exposures} and ${summary.onSky}`,
    )
  }
  const lines = [
    `Night of ${formatDayObs(summary.dayObs)}: ${summary.exposures} exposures, ${summary.onSky} on sky.`,
    ...(summary.openShutterFraction === undefined
      ? []
      : [`Open-shutter fraction ${Math.round(summary.openShutterFraction * 100)}%.`]),
  ]
  const blocks = [lines.join('\n')]
  if (summary.medianFwhmArcsec !== undefined) blocks.push(`Median PSF FWHM ${summary.medianFwhmArcsec.toFixed(2)}"`)
  const content: Record<string, string> = Object.fromEntries(blocks.map((text, i) => [block(i + 1), text]))
  for (const [title, link] of Object.entries(summary.plots ?? {})) content[title] = link
  const checked = validate('NightReportText', content)
  if (!checked.ok)
    throw new NightReportError(`night report text refused by the contract: ${formatIssues(checked.issues)}`)
  return { key: key.value, content, contentType: 'application/json' }
}
