// ----------------------------------------------------------------------------
// A day's night report for the browser: the text file (read from S3 when asked,
// parsed with the contract's NightReportText schema; refusals dead-lettered)
// and the plots the index knows, grouped by their tab. The page renders text_*
// keys as the Efficiency tab, other keys as QA links, and each group as a tab.
// ----------------------------------------------------------------------------
import { type Camera, type DayObs, formatIssues, type Location, type NightReportText } from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import type { DeadLetters } from '@rubin/ra-runtime'
import { mediaUrl } from './keys.ts'
import type { ProductIndex } from './product-index.ts'
import type { Bucket } from './s3.ts'

export interface NightReportView {
  readonly dayObs: DayObs
  /** null when there is no text file, or it was refused (see `problem`). */
  readonly text: NightReportText | null
  readonly problem?: string
  /** group → plots, each { name, url }, sorted by name. */
  readonly groups: Record<string, { name: string; url: string }[]>
}

export async function readNightReport(
  location: Location,
  camera: Camera,
  dayObs: DayObs,
  deps: { index: ProductIndex; bucket: Bucket | undefined; deadLetters: DeadLetters },
): Promise<NightReportView> {
  const report = deps.index.day(location, camera, dayObs).nightReport
  const groups: Record<string, { name: string; url: string }[]> = {}
  for (const plot of report.plots.values()) {
    const list = groups[plot.group] ?? []
    list.push({ name: plot.name, url: mediaUrl(location, plot.key) })
    groups[plot.group] = list
  }
  for (const list of Object.values(groups)) list.sort((a, b) => a.name.localeCompare(b.name))
  if (report.text === undefined || deps.bucket === undefined) return { dayObs, text: null, groups }
  const read = await deps.bucket.getText(report.text.key)
  if (read === undefined) return { dayObs, text: null, groups }
  const parsed = parseMessage('NightReportText', read.text)
  if (!parsed.ok) {
    const problem = `night report text refused by the contract's NightReportText schema: ${formatIssues(parsed.issues)}`
    await deps.deadLetters({
      source: `s3://${deps.bucket.target.bucket}/${report.text.key}`,
      code: 'RUBINTV_NIGHT_REPORT_INVALID',
      reason: problem,
      input: read.text.slice(0, 10_000),
    })
    return { dayObs, text: null, problem, groups }
  }
  return { dayObs, text: parsed.value as NightReportText, groups }
}
