// ----------------------------------------------------------------------------
// Control names: the `{NAME}` in `RUBINTV_CONTROL_{NAME}`. Kept apart from the
// CONTROLS table so the Redis key catalogue can use them as a parameter format
// without an import cycle (the table itself builds its keys from the catalogue).
// ----------------------------------------------------------------------------
import { defineIdentifiers } from '../internal/identifier-set.ts'
import { ClusterStatusSet } from '../redis/cluster-status-sets.ts'

const FIXED_CONTROLS = [
  'AOS_PIPELINE',
  'AOS_FAM_PIPELINE',
  'CHIP_SELECTION',
  'VISIT_PROCESSING_MODE',
  'WORKER_MODE',
  'WITNESS_DETECTOR',
  'GUARANTEED_EXPOSURE',
  'RESET_HEAD_NODE',
] as const

/** RubinTV derives one reset control per cluster-status set (`CLUSTER_STATUS_X` → `RUBINTV_CONTROL_RESET_X`). */
export type ResetControlName = `RESET_${ClusterStatusSet}`

const RESET_CONTROLS = ClusterStatusSet.values.map((set): ResetControlName => `RESET_${set}`)

export const ControlName = defineIdentifiers<(typeof FIXED_CONTROLS)[number] | ResetControlName>({
  name: 'ControlName',
  description: 'A processing control RubinTV (or ./ra) writes as RUBINTV_CONTROL_{NAME}.',
  values: [...FIXED_CONTROLS, ...RESET_CONTROLS],
  docs: {
    AOS_PIPELINE: 'Corner-wavefront AOS pipeline for subsequent exposures.',
    AOS_FAM_PIPELINE: 'Full-array-mode AOS pipeline; refused between the two exposures of a pair.',
    CHIP_SELECTION: 'Named focal-plane pattern of imaging detectors to process.',
    VISIT_PROCESSING_MODE: 'Time mode: how the selection changes from one exposure to the next.',
    WORKER_MODE: 'How workers treat backlog when a new image lands.',
    WITNESS_DETECTOR: 'Detector shown as the witness image (read each time, not consumed).',
    GUARANTEED_EXPOSURE: 'Exposure id that gets the full focal plane in ID_GUARANTEED mode.',
    RESET_HEAD_NODE: 'Restart the head node.',
    ...(Object.fromEntries(
      ClusterStatusSet.values.map((set) => [
        `RESET_${set}`,
        set === 'OTHER_QUEUES'
          ? 'Written by RubinTV’s Other Queues reset button; consumed and rejected (not a worker set).'
          : `Restart every worker in cluster-status set ${set}.`,
      ]),
    ) as Record<ResetControlName, string>),
  },
  // Key segments are exact strings.
  loose: false,
})
export type ControlName = (typeof ControlName.values)[number]
