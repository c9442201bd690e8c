// The event_timeline of an exposure from its record alone: the exposure and dark-time
// windows, the shutter instants, and the readout after them. The readout and the
// tracking window before the shutter opens are nominal durations, not measurements.
import type { ExposureRecord } from '@rubin/ra-contract'
import type { TimelineEvent } from '@rubin/ra-products'

/** Nominal LSSTCam readout, seconds. */
export const READOUT_S = 2
/** Nominal settle-and-track time before the shutter opens, seconds. */
export const SETTLE_S = 3

const plus = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString()

export function timelineOf(record: ExposureRecord): TimelineEvent[] {
  const begin = record.timespanBegin
  const end = record.timespanEnd
  return [
    { label: 'Tracking', lane: 'mount', start: plus(begin, -SETTLE_S), end },
    { label: `Exposure ${record.exposureTime} s`, lane: 'camera', start: begin, end },
    { label: `Dark time ${record.darkTime} s`, lane: 'camera (dark)', start: begin, end: plus(begin, record.darkTime) },
    { label: 'Shutter open', lane: 'shutter', start: begin },
    { label: 'Shutter closed', lane: 'shutter', start: end },
    { label: 'Readout', lane: 'camera', start: end, end: plus(end, READOUT_S) },
  ]
}
