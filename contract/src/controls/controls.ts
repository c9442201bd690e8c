// ----------------------------------------------------------------------------
// The processing controls, in one table: the key RubinTV writes, the read-back
// key it watches, the values accepted, who consumes the key and how, and the
// admin menu today's RubinTV shows (models_data.yaml `admin_redis_menus`).
//
// Keys carry no instrument: today only the LSSTCam consumers take them, and two
// consumers GETDELing one key would race, so `instruments` says who may.
// RESET_OTHER_QUEUES: RubinTV derives a reset key for every cluster-status set,
// OTHER_QUEUES included, and today that key lingers forever. We make it a control
// the cluster manager consumes and rejects (read-back REJECTED_NOT_A_WORKER_SET!),
// so an operator pressing the button learns why nothing restarted.
// ----------------------------------------------------------------------------
import type { Instrument } from '../identifiers/instruments.ts'
import { TimeMode, WorkerMode } from '../identifiers/modes.ts'
import { FocalPlanePattern } from '../identifiers/patterns.ts'
import type { Service } from '../identifiers/services.ts'
import { CLUSTER_STATUS_SETS, ClusterStatusSet } from '../redis/cluster-status-sets.ts'
import { redisKey } from '../redis/key-codec.ts'
import {
  AosCwfsPipeline,
  AosFamPipeline,
  type ControlDomain,
  EXPOSURE_ID_DOMAIN,
  identifiersDomain,
  TRUTHY_DOMAIN,
  WITNESS_DETECTOR_DOMAIN,
} from './domains.ts'
import type { ControlName, ResetControlName } from './names.ts'

export type ControlSemantics = 'consume-once' | 'read'

export interface RubinTvMenu {
  readonly title: string
  /** Exactly as models_data.yaml lists them; each parses to a canonical value. */
  readonly items: readonly string[]
}

export interface ControlSpec<D extends ControlDomain = ControlDomain> {
  readonly name: ControlName
  /** Heading for admin UIs. */
  readonly title: string
  /** `RUBINTV_CONTROL_{NAME}`. */
  readonly key: string
  /** `{key}_READBACK`. */
  readonly readbackKey: string
  readonly domain: D
  /** consume-once: taken with GETDEL and acted on once. read: read with GET each time it is needed, never deleted. */
  readonly semantics: ControlSemantics
  readonly consumer: Service
  readonly writers: readonly Service[]
  /** Only consumers for these instruments take the key. */
  readonly instruments: readonly Instrument[]
  /** Today's RubinTV admin drop-down, where one exists. */
  readonly rubintvMenu?: RubinTvMenu
  readonly description: string
}

type Authored<D extends ControlDomain> = Omit<ControlSpec<D>, 'key' | 'readbackKey' | 'writers' | 'instruments'>

const WRITERS = ['rubintv', 'ra-cli'] as const satisfies readonly Service[]
const LSSTCAM_ONLY = ['LSSTCam'] as const satisfies readonly Instrument[]

function control<D extends ControlDomain>(spec: Authored<D>): ControlSpec<D> {
  return {
    ...spec,
    key: redisKey('control', { control: spec.name }),
    readbackKey: redisKey('controlReadback', { control: spec.name }),
    writers: WRITERS,
    instruments: LSSTCAM_ONLY,
  }
}

function resetControl(set: ClusterStatusSet): ControlSpec {
  const { title, resettable } = CLUSTER_STATUS_SETS[set]
  return control({
    name: `RESET_${set}`,
    title: `Restart ${title}`,
    domain: resettable
      ? TRUTHY_DOMAIN
      : { kind: 'refused', code: 'NOT_A_WORKER_SET', reason: `${set} is a table of queue lengths, not a worker set` },
    semantics: 'consume-once',
    consumer: 'cluster-manager',
    description: resettable
      ? `Sends a restart payload to the top of every ${set} worker's queue: each finishes its current payload, then restarts.`
      : 'RubinTV writes it from the Other Queues section; consumed and rejected so it does not linger.',
  })
}

const FIXED = {
  AOS_PIPELINE: control({
    name: 'AOS_PIPELINE',
    title: 'AOS Pipeline',
    domain: identifiersDomain(AosCwfsPipeline),
    semantics: 'consume-once',
    consumer: 'head-node',
    rubintvMenu: {
      title: 'AOS Pipeline',
      items: ['DANISH', 'TIE', 'REFIT_WCS', 'TARTS', 'AI_DONUT', 'UNPAIRED_DANISH'],
    },
    description: 'Corner-wavefront pipeline for exposures dispatched from now on (recorded per exposure at fan-out).',
  }),
  AOS_FAM_PIPELINE: control({
    name: 'AOS_FAM_PIPELINE',
    title: 'AOS FAM Pipeline',
    domain: identifiersDomain(AosFamPipeline),
    semantics: 'consume-once',
    consumer: 'head-node',
    description: 'Full-array-mode pipeline; refused (REJECTED_BETWEEN_PAIR!) between the intra and extra exposure.',
  }),
  CHIP_SELECTION: control({
    name: 'CHIP_SELECTION',
    title: 'Chip selection',
    domain: identifiersDomain(FocalPlanePattern),
    semantics: 'consume-once',
    consumer: 'head-node',
    rubintvMenu: {
      title: 'Chip selection',
      items: [
        'ALL',
        'RAFT_CHECKERBOARD',
        'CCD_CHECKERBOARD',
        '5_ON_A_DIE',
        'MINIMAL',
        'ULTRA_MINIMAL',
        'ALL_UNVIGNETTED',
      ],
    },
    description: 'Named focal-plane pattern of imaging detectors; republishes the ignored-detector set.',
  }),
  VISIT_PROCESSING_MODE: control({
    name: 'VISIT_PROCESSING_MODE',
    title: 'Selection strategy',
    domain: identifiersDomain(TimeMode),
    semantics: 'consume-once',
    consumer: 'head-node',
    rubintvMenu: { title: 'Selection strategy', items: ['CONSTANT', 'ALTERNATING', 'ALTERNATING_IN_TWOS'] },
    description: 'Time mode: how the selection changes per dispatched exposure (applied per dispatch, not per loop).',
  }),
  WORKER_MODE: control({
    name: 'WORKER_MODE',
    title: 'Worker mode',
    domain: identifiersDomain(WorkerMode),
    semantics: 'consume-once',
    consumer: 'head-node',
    description: 'How workers treat backlog when a new image lands (WAITING, CONSUMING, MURDEROUS).',
  }),
  WITNESS_DETECTOR: control({
    name: 'WITNESS_DETECTOR',
    title: 'Witness Detector',
    domain: WITNESS_DETECTOR_DOMAIN,
    semantics: 'read',
    consumer: 'worker',
    description:
      'Detector the visit-image one-off shows; read with GET each time. Missing or invalid → the default (94).',
  }),
  GUARANTEED_EXPOSURE: control({
    name: 'GUARANTEED_EXPOSURE',
    title: 'Guaranteed exposure',
    domain: EXPOSURE_ID_DOMAIN,
    semantics: 'consume-once',
    consumer: 'head-node',
    description: 'In ID_GUARANTEED mode this exposure gets the full focal plane whatever the selection.',
  }),
  RESET_HEAD_NODE: control({
    name: 'RESET_HEAD_NODE',
    title: 'Reset Head Node',
    domain: TRUTHY_DOMAIN,
    semantics: 'consume-once',
    consumer: 'head-node',
    description: 'The head node exits cleanly and is restarted; checked before anything else in its loop.',
  }),
} as const

const RESETS = Object.fromEntries(ClusterStatusSet.values.map((set) => [`RESET_${set}`, resetControl(set)])) as Record<
  ResetControlName,
  ControlSpec
>

export const CONTROLS: typeof FIXED & Readonly<Record<ResetControlName, ControlSpec>> = { ...FIXED, ...RESETS }

/** The canonical value type a control's domain yields. */
export type ControlValue<N extends ControlName> = (typeof CONTROLS)[N]['domain'] extends {
  readonly set: { values: readonly (infer T)[] }
}
  ? T
  : string
