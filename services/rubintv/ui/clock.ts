// "Time since last image" (rubintv.md §3.1): from the newest row that has
// `Date begin` (UTC when no zone is given) plus its `Exposure time`.
import type { MetadataTable } from '@rubin/ra-contract'

const DATE_BEGIN = 'Date begin'
const EXPOSURE_TIME = 'Exposure time'

export function lastImageEnd(metadata: MetadataTable): number | undefined {
  const seqs = Object.keys(metadata)
    .map(Number)
    .sort((a, b) => b - a)
  for (const seq of seqs) {
    const row = metadata[String(seq)]
    const begin = row?.[DATE_BEGIN]
    if (typeof begin !== 'string') continue
    const at = Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(begin) ? begin : `${begin}Z`)
    if (Number.isNaN(at)) continue
    const exposure = row?.[EXPOSURE_TIME]
    return at + (typeof exposure === 'number' ? exposure * 1000 : 0)
  }
  return undefined
}

/** hh:mm:ss since the end of the newest image, or undefined when no row says when it was taken. */
export function sinceLastImage(metadata: MetadataTable, now: number): string | undefined {
  const end = lastImageEnd(metadata)
  if (end === undefined) return undefined
  const total = Math.max(0, Math.floor((now - end) / 1000))
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`
}
