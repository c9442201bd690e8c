// ----------------------------------------------------------------------------
// The cluster-status sets: one Redis stream per group of workers, drawn as one
// section of RubinTV's cluster-status page. The set names are load-bearing
// three times over: the stream key (`stream:CLUSTER_STATUS_{SET}`), RubinTV's
// `redis_detectors` config (models_data.yaml) and the reset control key RubinTV
// derives by text substitution (`RUBINTV_CONTROL_RESET_{SET}`).
// ----------------------------------------------------------------------------

import type { WorkerFlavour } from '../identifiers/workers.ts'
import { defineIdentifiers } from '../internal/identifier-set.ts'

export const ClusterStatusSet = defineIdentifiers({
  name: 'ClusterStatusSet',
  description: 'A group of workers with one cluster-status stream and one section on the RubinTV cluster page.',
  values: [
    'SFM_SET_0',
    'SFM_SET_1',
    'AOS_SET_0',
    'AOS_SET_1',
    'AOS_SET_2',
    'AOS_SET_3',
    'SFM_STEP1B_SET_0',
    'AOS_STEP1B_SET_0',
    'SPAREWORKERS_SET_0',
    'OTHER_QUEUES',
  ],
  docs: {
    SFM_SET_0: 'SFM workers at depth 0, one cell per detector.',
    SFM_SET_1: 'SFM workers at depth 1, one cell per detector.',
    AOS_SET_0: 'AOS (corner wavefront) workers at depth 0, one cell per CWFS detector.',
    AOS_SET_1: 'AOS workers at depth 1.',
    AOS_SET_2: 'AOS workers at depth 2.',
    AOS_SET_3: 'AOS workers at depth 3.',
    SFM_STEP1B_SET_0: 'Visit-level SFM workers, one cell per depth.',
    AOS_STEP1B_SET_0: 'Visit-level AOS workers, one cell per depth.',
    SPAREWORKERS_SET_0: 'Backlog workers, one cell per depth.',
    OTHER_QUEUES: 'Total queued payloads per other worker flavour (a table, not workers).',
  },
  // Stream and control keys are exact strings; no loose matching.
  loose: false,
})
export type ClusterStatusSet = (typeof ClusterStatusSet.values)[number]

/** Which workers a set shows, and what each cell of its `data` object is keyed by. */
export type ClusterStatusCoverage =
  | { readonly kind: 'detectors'; readonly flavour: WorkerFlavour; readonly depth: number }
  | { readonly kind: 'depths'; readonly flavour: WorkerFlavour }
  | { readonly kind: 'flavours'; readonly flavours: readonly WorkerFlavour[] }

export interface ClusterStatusSetSpec {
  /** RubinTV's name for the set (`redis_detectors[].name` in models_data.yaml). */
  readonly rubintvName: string
  /** Section heading on RubinTV's cluster-status page. */
  readonly title: string
  readonly coverage: ClusterStatusCoverage
  /**
   * Whether a worker's secondary status (GUEST, RESTARTING) overrides its cell. Today's
   * cluster manager applies it for the step1a sets only.
   */
  readonly showsSecondaryStatus: boolean
  /**
   * Whether RUBINTV_CONTROL_RESET_{SET} restarts the workers of this set. OTHER_QUEUES is a
   * table of queue lengths, not a worker set: its reset key is consumed and rejected.
   */
  readonly resettable: boolean
}

/** Flavours whose queues are summarised in OTHER_QUEUES: everything not drawn as a worker cell. */
const OTHER_QUEUE_FLAVOURS = [
  'MOSAIC_WORKER',
  'ONE_OFF_EXPRECORD_WORKER',
  'ONE_OFF_POSTISR_WORKER',
  'ONE_OFF_VISITIMAGE_WORKER',
  'GUIDER_WORKER',
  'NIGHTLYROLLUP_WORKER',
  'PSF_PLOTTER',
  'PERFORMANCE_MONITOR',
] as const satisfies readonly WorkerFlavour[]

const step1a = (flavour: WorkerFlavour, depth: number, rubintvName: string, title: string): ClusterStatusSetSpec => ({
  rubintvName,
  title,
  coverage: { kind: 'detectors', flavour, depth },
  showsSecondaryStatus: true,
  resettable: true,
})

const byDepth = (flavour: WorkerFlavour, rubintvName: string, title: string): ClusterStatusSetSpec => ({
  rubintvName,
  title,
  coverage: { kind: 'depths', flavour },
  showsSecondaryStatus: false,
  resettable: true,
})

export const CLUSTER_STATUS_SETS = {
  SFM_SET_0: step1a('SFM_WORKER', 0, 'sfmSet0', 'Imaging Worker Set 1'),
  SFM_SET_1: step1a('SFM_WORKER', 1, 'sfmSet1', 'Imaging Worker Set 2'),
  AOS_SET_0: step1a('AOS_WORKER', 0, 'aosSet0', 'CWFS Worker Set 1'),
  AOS_SET_1: step1a('AOS_WORKER', 1, 'aosSet1', 'CWFS Worker Set 2'),
  AOS_SET_2: step1a('AOS_WORKER', 2, 'aosSet2', 'CWFS Worker Set 3'),
  AOS_SET_3: step1a('AOS_WORKER', 3, 'aosSet3', 'CWFS Worker Set 4'),
  SFM_STEP1B_SET_0: byDepth('STEP1B_WORKER', 'sfmStep1b', 'SFM Step 1b'),
  AOS_STEP1B_SET_0: byDepth('STEP1B_AOS_WORKER', 'aosStep1b', 'AOS Step 1b'),
  SPAREWORKERS_SET_0: byDepth('BACKLOG_WORKER', 'spareWorkers', 'Backlog Workers'),
  OTHER_QUEUES: {
    rubintvName: 'otherQueues',
    title: 'Other Queues',
    coverage: { kind: 'flavours', flavours: OTHER_QUEUE_FLAVOURS },
    showsSecondaryStatus: false,
    resettable: false,
  },
} as const satisfies Record<ClusterStatusSet, ClusterStatusSetSpec>

/** Sets whose reset control restarts workers (every set but OTHER_QUEUES). */
export const RESETTABLE_CLUSTER_STATUS_SETS = ClusterStatusSet.values.filter((s) => CLUSTER_STATUS_SETS[s].resettable)

/** The worker fields that decide which set (and which cell) a worker is drawn in. */
export interface ClusterStatusPlacement {
  readonly flavour: WorkerFlavour
  readonly depth?: number
  readonly detector?: number
}

/** The set a worker is drawn in, or undefined (HEAD_NODE, or SFM/AOS depths RubinTV has no section for). */
export function clusterStatusSetOf(worker: ClusterStatusPlacement): ClusterStatusSet | undefined {
  for (const set of ClusterStatusSet.values) {
    const { coverage } = CLUSTER_STATUS_SETS[set]
    if (coverage.kind === 'detectors' && coverage.flavour === worker.flavour && coverage.depth === worker.depth) {
      return set
    }
    if (coverage.kind === 'depths' && coverage.flavour === worker.flavour) return set
    if (coverage.kind === 'flavours' && (coverage.flavours as readonly WorkerFlavour[]).includes(worker.flavour)) {
      return set
    }
  }
  return undefined
}

/**
 * The key of a worker's cell in its set's `data` object: the detector number (step1a
 * sets), the depth (step1b and backlog sets) or the flavour name (OTHER_QUEUES), as
 * today's cluster manager writes them.
 */
export function clusterStatusCellId(worker: ClusterStatusPlacement): string | undefined {
  const set = clusterStatusSetOf(worker)
  if (set === undefined) return undefined
  const { coverage } = CLUSTER_STATUS_SETS[set]
  if (coverage.kind === 'detectors') return worker.detector === undefined ? undefined : String(worker.detector)
  if (coverage.kind === 'depths') return worker.depth === undefined ? undefined : String(worker.depth)
  return worker.flavour
}
