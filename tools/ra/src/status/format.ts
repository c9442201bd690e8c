// ----------------------------------------------------------------------------
// The terminal rendering of a StatusReport: one section per subject, busy
// workers listed by name, cluster-status cells counted by status.
// ----------------------------------------------------------------------------
import { CLUSTER_STATUS_SETS, type ClusterStatusCells, type ClusterStatusSet } from '@rubin/ra-contract'
import type { StatusReport } from './read.ts'

const MAX_BUSY_LISTED = 12

function describeCells(cells: ClusterStatusCells): string {
  const counts = new Map<string, number>()
  const texts: string[] = []
  for (const [id, cell] of Object.entries(cells)) {
    if (cell.type === 'worker_status') counts.set(cell.status, (counts.get(cell.status) ?? 0) + 1)
    else if (cell.type === 'text_status') texts.push(`${id}=${cell.text}`)
    else texts.push(`${id}=${cell.count}`)
  }
  const parts = [...counts].map(([status, n]) => `${status} ${n}`)
  return [...parts, ...texts].join(', ') || 'empty'
}

export function formatStatus(report: StatusReport): string {
  const lines: string[] = [`RA status for ${report.instrument} at ${report.at}`, '', 'workers']
  const flavours = Object.entries(report.flavours)
  if (flavours.length === 0) lines.push('  none registered (are the workers running against this Redis?)')
  for (const [flavour, s] of flavours) {
    const missing = s.missing > 0 ? `, ${s.missing} MISSING` : ''
    lines.push(
      `  ${flavour.padEnd(26)} ${s.alive}/${s.total} alive${missing}, ${s.busy} busy, queued ${s.queued}, claimed ${s.claimed}`,
    )
    if (s.busyWorkers.length > 0) {
      const shown = s.busyWorkers.slice(0, MAX_BUSY_LISTED).join(' ')
      const more = s.busyWorkers.length > MAX_BUSY_LISTED ? ` … (+${s.busyWorkers.length - MAX_BUSY_LISTED})` : ''
      lines.push(`    busy: ${shown}${more}`)
    }
  }
  const secondary = report.workers.filter((w) => w.secondary !== '')
  for (const w of secondary) lines.push(`  ${w.workerId}: ${w.secondary}`)
  lines.push('', 'queues', `  incoming ${report.queues.incoming}, incoming claimed ${report.queues.incomingClaimed}`)
  lines.push('', 'controls in effect')
  const controls = Object.entries(report.controls)
  if (controls.length === 0) lines.push('  none set (defaults apply)')
  for (const [name, value] of controls) lines.push(`  ${name.padEnd(26)} ${value}`)
  lines.push('', 'cluster status (newest entry per set)')
  const sets = Object.entries(report.clusterStatus) as [
    ClusterStatusSet,
    StatusReport['clusterStatus'][ClusterStatusSet],
  ][]
  if (sets.length === 0) lines.push('  no entries (is the cluster manager running?)')
  for (const [set, entry] of sets) {
    const body = entry?.cells === undefined ? `unreadable: ${entry?.error}` : describeCells(entry.cells)
    lines.push(`  ${CLUSTER_STATUS_SETS[set].title.padEnd(22)} ${body}`)
  }
  lines.push('', `dead letters: ${report.deadLetters.count}`)
  for (const d of report.deadLetters.last) lines.push(`  ${d.id} ${d.service} ${d.code}: ${d.reason}`)
  if (report.problems.length > 0) {
    lines.push('', 'problems (refused by the contract)')
    for (const p of report.problems) lines.push(`  ${p}`)
  }
  return lines.join('\n')
}
