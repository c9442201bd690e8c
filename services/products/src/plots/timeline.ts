// event_timeline: what happened around one exposure, one lane per source, in UTC.
import type { TimelineEvent } from '../types.ts'
import { epochMs, requireRows } from './common.ts'
import { type PlotOptions, type RenderedPlot, renderVegaLite, type TopLevelSpec } from './vega.ts'

export async function renderEventTimeline(
  events: readonly TimelineEvent[],
  options: PlotOptions & { readonly title?: string } = {},
): Promise<RenderedPlot> {
  requireRows(events, 'timeline events')
  const rows = events.map((e) => {
    const start = epochMs(e.start, `event '${e.label}' start`)
    const end = e.end === undefined ? start : epochMs(e.end, `event '${e.label}' end`)
    return { label: e.label, lane: e.lane, start, end, instant: e.end === undefined }
  })
  const x = { field: 'start', type: 'temporal', scale: { type: 'utc' }, title: 'Time (UTC)' } as const
  const y = { field: 'lane', type: 'nominal', title: null } as const
  const spec: TopLevelSpec = {
    title: options.title ?? 'Event timeline',
    width: 720,
    height: { step: 40 },
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: '!datum.instant' }],
        mark: { type: 'bar', height: 18, cornerRadius: 2 },
        encoding: { x, x2: { field: 'end' }, y, color: { field: 'lane', type: 'nominal', legend: null } },
      },
      {
        transform: [{ filter: 'datum.instant' }],
        mark: { type: 'point', shape: 'diamond', filled: true, size: 90, color: '#222' },
        encoding: { x, y },
      },
      {
        mark: { type: 'text', align: 'left', dx: 3, dy: -14, fontSize: 10 },
        encoding: { x, y, text: { field: 'label' } },
      },
    ],
  }
  return renderVegaLite(spec, options)
}
