// ----------------------------------------------------------------------------
// EXPOSURE_RECORD one-off: everything RA shows about an exposure without reading
// its pixels. Products (per instrument camera, from the products catalogue):
// event_timeline (renderEventTimeline) and mount (renderMountPlot, from the
// SIMULATED telemetry of ./telemetry.ts). Rows: a MetadataShard with the record's
// columns on the instrument's camera, and the ConsDB exposure_quicklook mount row.
// ----------------------------------------------------------------------------
import type { ExposureRecord } from '@rubin/ra-contract'
import { type MountErrorStats, renderEventTimeline, renderMountPlot } from '@rubin/ra-products'
import type { QuicklookDeps } from '../quicklook/deps.ts'
import type { PipelineRunner } from '../types.ts'
import { COLUMN, measuredCells, recordCells } from './columns.ts'
import { failed } from './errors.ts'
import { putEvent, requireTargets } from './products.ts'
import { recordOf } from './record.ts'
import { simulatedMountTelemetry } from './telemetry.ts'
import { timelineOf } from './timeline.ts'

const title = (record: ExposureRecord, what: string) => `${what} — ${record.obsId}`

/** The ConsDB exposure_quicklook row of the (simulated) mount analysis. */
export function mountRow(record: ExposureRecord, stats: MountErrorStats): Record<string, number> {
  return {
    exposure_id: record.exposureId,
    day_obs: record.dayObs,
    seq_num: record.seqNum,
    mount_motion_image_degradation: stats.imageDegradationArcsec,
    mount_motion_image_degradation_az: stats.azimuthRmsArcsec,
    mount_motion_image_degradation_el: stats.elevationRmsArcsec,
  }
}

export function exposureRecordRunner(deps: QuicklookDeps): PipelineRunner {
  return {
    describe: 'one-off EXPOSURE_RECORD: event timeline, mount (simulated telemetry), metadata, ConsDB exposure row',
    async run(payload, context) {
      try {
        const record = await recordOf(deps, payload)
        const at = { dayObs: record.dayObs, seq: record.seqNum }
        const keys: string[] = []
        const timeline = await renderEventTimeline(timelineOf(record), { title: title(record, 'Event timeline') })
        for (const entry of requireTargets(deps.instrument, 'renderEventTimeline')) {
          keys.push(await putEvent(deps, entry, at, timeline))
        }
        context.signal.throwIfAborted()
        const mount = await renderMountPlot(simulatedMountTelemetry(record), {
          title: title(record, 'Mount tracking (simulated telemetry)'),
        })
        for (const entry of requireTargets(deps.instrument, 'renderMountPlot')) {
          keys.push(await putEvent(deps, entry, at, mount))
        }
        context.signal.throwIfAborted()
        await deps.publishShard({
          camera: deps.camera,
          dayObs: record.dayObs,
          rows: {
            [String(record.seqNum)]: {
              ...recordCells(record),
              ...measuredCells(COLUMN.mountDegradation, mount.stats.imageDegradationArcsec),
            },
          },
        })
        await deps.publishConsdbRows({
          table: 'exposure_quicklook',
          controller: record.controller,
          rows: [mountRow(record, mount.stats)],
        })
        return { outcome: 'finished', outputs: keys }
      } catch (error) {
        return failed(error)
      }
    },
  }
}
