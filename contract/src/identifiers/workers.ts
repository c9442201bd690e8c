// Worker flavours and the statuses RubinTV shows for them.
import { defineIdentifiers } from '../internal/identifier-set.ts'

export const WorkerFlavour = defineIdentifiers({
  name: 'WorkerFlavour',
  description: 'What kind of work a worker takes; part of its identity and its queue name.',
  values: [
    'SFM_WORKER',
    'AOS_WORKER',
    'STEP1B_WORKER',
    'STEP1B_AOS_WORKER',
    'BACKLOG_WORKER',
    'MOSAIC_WORKER',
    'ONE_OFF_EXPRECORD_WORKER',
    'ONE_OFF_POSTISR_WORKER',
    'ONE_OFF_VISITIMAGE_WORKER',
    'GUIDER_WORKER',
    'NIGHTLYROLLUP_WORKER',
    'PSF_PLOTTER',
    'PERFORMANCE_MONITOR',
    'HEAD_NODE',
  ],
  docs: {
    SFM_WORKER: 'Per-detector step1a for imaging detectors (detector affinity).',
    AOS_WORKER: 'Per-detector step1a for the corner wavefront sensors.',
    STEP1B_WORKER: 'Visit-level SFM gather.',
    STEP1B_AOS_WORKER: 'Visit-level AOS gather (Zernikes).',
    BACKLOG_WORKER: 'Spare worker that takes rebalanced step1a work for any detector.',
    MOSAIC_WORKER: 'Full focal-plane binned mosaics.',
    ONE_OFF_EXPRECORD_WORKER: 'Per-exposure analysis needing no pixels (exposure record, mount).',
    ONE_OFF_POSTISR_WORKER: 'Per-exposure analysis of the post-ISR witness detector.',
    ONE_OFF_VISITIMAGE_WORKER: 'Per-exposure analysis of the visit image.',
    GUIDER_WORKER: 'Guider stamp analysis for on-sky exposures.',
    NIGHTLYROLLUP_WORKER: 'Night-level aggregation.',
    PSF_PLOTTER: 'Per-visit PSF plots.',
    PERFORMANCE_MONITOR: 'Timing diagrams of the processing itself.',
    HEAD_NODE: 'The per-instrument dispatcher.',
  },
  loose: false,
})
export type WorkerFlavour = (typeof WorkerFlavour.values)[number]

/** How a flavour is addressed: by (depth, detector), by depth, or a singleton. */
export const WORKER_FLAVOUR_SHAPE = {
  SFM_WORKER: 'perDetector',
  AOS_WORKER: 'perDetector',
  STEP1B_WORKER: 'perInstrument',
  STEP1B_AOS_WORKER: 'perInstrument',
  BACKLOG_WORKER: 'perInstrument',
  MOSAIC_WORKER: 'perInstrument',
  ONE_OFF_EXPRECORD_WORKER: 'perInstrument',
  ONE_OFF_POSTISR_WORKER: 'perInstrument',
  ONE_OFF_VISITIMAGE_WORKER: 'perInstrument',
  GUIDER_WORKER: 'perInstrument',
  NIGHTLYROLLUP_WORKER: 'perInstrument',
  PSF_PLOTTER: 'perInstrument',
  PERFORMANCE_MONITOR: 'singleton',
  HEAD_NODE: 'singleton',
} as const satisfies Record<WorkerFlavour, 'perDetector' | 'perInstrument' | 'singleton'>

export const WorkerStatus = defineIdentifiers({
  name: 'WorkerStatus',
  description: 'A worker as RubinTV shows it on the cluster-status page.',
  values: ['free', 'busy', 'queued', 'restarting', 'guest', 'missing'],
  docs: {
    free: 'Alive and idle.',
    busy: 'Processing a payload, nothing queued behind it.',
    queued: 'Busy with payloads queued behind the current one (the count is shown).',
    restarting: 'Received a restart payload and is restarting.',
    guest: 'Processing work moved to it from another detector’s queue.',
    missing: 'No heartbeat: the worker is not running.',
  },
  loose: false,
})
export type WorkerStatus = (typeof WorkerStatus.values)[number]

/** Secondary statuses a worker advertises while handling a special payload. */
export const SecondaryStatus = defineIdentifiers({
  name: 'SecondaryStatus',
  description: 'Marks a payload moved to another worker (GUEST) or a restart request (RESTARTING).',
  values: ['', 'GUEST', 'RESTARTING'],
  docs: {
    '': 'An ordinary payload.',
    GUEST: 'Moved by the cluster manager to a worker that does not own the detector.',
    RESTARTING: 'A restart request: finish current work, then exit so the pod restarts.',
  },
  loose: false,
})
export type SecondaryStatus = (typeof SecondaryStatus.values)[number]
