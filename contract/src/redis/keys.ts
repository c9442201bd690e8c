// ----------------------------------------------------------------------------
// Every Redis name RA or RubinTV uses, in one table. Builders, parsers, the docs
// and the "who breaks" report all derive from it (see ./key-codec.ts).
//
// wire: 'rubintv-compatible' names are byte-exact to what today's RubinTV reads or
// writes (boundaries 5 and 6); 'external' names belong to another system (MTAOS,
// OCS) and must not change; 'internal' names are RA's own, under `ra:`.
// Streams carry one field, STREAM_DATA_FIELD, holding JSON (as the cluster-status
// streams do today), so every stream is read the same way.
// ----------------------------------------------------------------------------
import { RA_SERVICES, type Service } from '../identifiers/services.ts'

export type RedisKind = 'string' | 'list' | 'hash' | 'set' | 'zset' | 'stream'
export type RedisWire = 'rubintv-compatible' | 'internal' | 'external'

export interface RedisKeySpec {
  /** camelCase handle used by code (`redisKey('workerHeartbeat', …)`). */
  readonly name: string
  /** The key with `{param}` or `{param:format}` placeholders; formats are in ./formats.ts. */
  readonly template: string
  readonly kind: RedisKind
  /** Expiry set (and refreshed) on every write; absent = no expiry. */
  readonly ttlSeconds?: number
  /** Streams: approximate MAXLEN applied on XADD. */
  readonly maxLength?: number
  /** Empty only for external names written outside RA (OCS scripts). */
  readonly writers: readonly Service[]
  readonly readers: readonly Service[]
  readonly wire: RedisWire
  readonly description: string
}

/** The one field of every stream entry written through the contract; its value is JSON. */
export const STREAM_DATA_FIELD = 'data'

const TWO_AND_A_HALF_DAYS = 216_000
const TWO_DAYS = 172_800
const ONE_AND_A_HALF_DAYS = 129_600

const STEP1A_WRITERS = ['worker', 'step1b-worker'] as const satisfies readonly Service[]
const ALL_RA = RA_SERVICES
const CONTROL_CONSUMERS = ['head-node', 'cluster-manager', 'worker'] as const satisfies readonly Service[]

export const REDIS_KEYS = [
  // --- RubinTV-compatible (boundaries 5 and 6) ---------------------------------
  {
    name: 'control',
    template: 'RUBINTV_CONTROL_{control}',
    kind: 'string',
    writers: ['rubintv', 'ra-cli'],
    readers: CONTROL_CONSUMERS,
    wire: 'rubintv-compatible',
    description: 'A control command: RubinTV SETs the value, the consumer takes it with GETDEL (see CONTROLS).',
  },
  {
    name: 'controlReadback',
    template: 'RUBINTV_CONTROL_{control}_READBACK',
    kind: 'string',
    writers: CONTROL_CONSUMERS,
    readers: ['rubintv', 'ra-cli'],
    wire: 'rubintv-compatible',
    description:
      'Legacy read-back: the value now in effect or a REJECTED_…! token. RubinTV watches it with keyspace notifications.',
  },
  {
    name: 'controlReadbacks',
    template: 'stream:RUBINTV_CONTROL_READBACKS',
    kind: 'stream',
    maxLength: 1000,
    writers: CONTROL_CONSUMERS,
    readers: ['rubintv', 'ra-cli'],
    wire: 'rubintv-compatible',
    description: 'New: one ControlReadback entry per consumed command (outcome, value in effect, reason).',
  },
  {
    name: 'clusterStatus',
    template: 'stream:CLUSTER_STATUS_{set}',
    kind: 'stream',
    maxLength: 2,
    writers: ['cluster-manager'],
    readers: ['rubintv', 'ra-cli'],
    wire: 'rubintv-compatible',
    description: 'Worker states of one cluster-status set, written only on change; `data` is ClusterStatusEntry JSON.',
  },
  {
    name: 'clusterStatusTestStream',
    template: 'stream:test_stream',
    kind: 'stream',
    maxLength: 2,
    writers: ['ra-cli'],
    readers: ['rubintv'],
    wire: 'rubintv-compatible',
    description: 'Listed in RubinTV’s redis_detectors as a test set; written only by hand to smoke-test the page.',
  },
  {
    name: 'objectWritten',
    template: 'stream:RUBINTV_OBJECT_WRITTEN',
    kind: 'stream',
    maxLength: 10_000,
    writers: ['worker', 'step1b-worker', 'metadata-server', 'snowflakes'],
    readers: ['rubintv'],
    wire: 'rubintv-compatible',
    description: 'New: one entry per S3 product written, so RubinTV can push it live instead of polling.',
  },
  // --- External: other systems' names ------------------------------------------
  {
    name: 'wepProcessingResult',
    template: '{instrument:instrumentUpper}_WEP_PROCESSING_RESULT',
    kind: 'hash',
    writers: ['head-node'],
    readers: ['mtaos'],
    wire: 'external',
    description:
      'Field = intra-focal visit id, value = expected Zernike count. Read by MTAOS: the name must not change.',
  },
  {
    name: 'ocsDonutPair',
    template: '{instrument}-FROM-OCS_DONUTPAIR',
    kind: 'list',
    writers: [],
    readers: ['head-node'],
    wire: 'external',
    description: 'Written by OCS scripts (outside RA): `{expId1},{expId2}` for a full-array-mode pair.',
  },
  {
    name: 'ocsFocusSweep',
    template: '{instrument}-FROM-OCS_FOCUSSWEEP',
    kind: 'list',
    writers: [],
    readers: ['snowflakes'],
    wire: 'external',
    description: 'Written by OCS scripts (outside RA): comma-separated visit ids of a focus sweep.',
  },
  // --- Boundary 1: watcher → head node -------------------------------------------
  {
    name: 'incoming',
    template: 'ra:{instrument}:incoming',
    kind: 'list',
    writers: ['watcher'],
    readers: ['head-node'],
    wire: 'internal',
    description: 'Exposure records, LPUSHed; the head node takes the newest first (LMOVE into incomingClaimed).',
  },
  {
    name: 'rawLanded',
    template: 'ra:{instrument}:raw-landed',
    kind: 'stream',
    maxLength: 10_000,
    writers: ['camera-simulator', 'object-store'],
    readers: ['watcher'],
    wire: 'internal',
    description:
      'Landing announcements as a stream (field data: an ExposureRecord), one of the watcher’s three sources.',
  },
  {
    name: 'incomingClaimed',
    template: 'ra:{instrument}:incoming:claimed',
    kind: 'list',
    writers: ['head-node'],
    readers: ['head-node'],
    wire: 'internal',
    description: 'Records the head node has taken but not yet fanned out; re-read after a head-node restart.',
  },
  {
    name: 'seenExposures',
    template: 'ra:{instrument}:seen-exposures',
    kind: 'zset',
    writers: ['watcher'],
    readers: ['watcher'],
    wire: 'internal',
    description:
      'Exposure ids already announced (score = id); ZADD NX is the atomic "first time?" test. Trimmed by score.',
  },
  // --- Boundary 2: head node → workers ------------------------------------------
  {
    name: 'workerQueue',
    template: 'ra:queue:{workerId}',
    kind: 'list',
    writers: ['head-node', 'cluster-manager'],
    readers: ['worker', 'step1b-worker', 'cluster-manager'],
    wire: 'internal',
    description:
      'Payload JSON ordered newest exposure first (restart payloads on top), whoever writes it; the worker BLMOVEs the head into its claimed list.',
  },
  {
    name: 'workerClaimed',
    template: 'ra:worker:{workerId}:claimed',
    kind: 'list',
    writers: STEP1A_WRITERS,
    readers: ['cluster-manager'],
    wire: 'internal',
    description:
      'Reliable claim list: the payload being processed. Non-empty = busy; re-queued when the heartbeat lapses.',
  },
  // --- Boundary 3: workers → head node ------------------------------------------
  {
    name: 'workers',
    template: 'ra:{instrument}:workers',
    kind: 'zset',
    writers: ['worker', 'step1b-worker', 'head-node'],
    readers: ['head-node', 'cluster-manager', 'ra-cli'],
    wire: 'internal',
    description: 'Worker registry: member = worker id, score = last heartbeat (ms). Replaces KEYS scans.',
  },
  {
    name: 'workerHeartbeat',
    template: 'ra:worker:{workerId}:heartbeat',
    kind: 'string',
    ttlSeconds: 10,
    writers: ['worker', 'step1b-worker', 'head-node'],
    readers: ['head-node', 'cluster-manager'],
    wire: 'internal',
    description:
      'WorkerStatusReport JSON, refreshed every few seconds even while busy; its expiry is how a death is seen.',
  },
  {
    name: 'workerSecondaryStatus',
    template: 'ra:worker:{workerId}:secondary-status',
    kind: 'string',
    writers: STEP1A_WRITERS,
    readers: ['cluster-manager'],
    wire: 'internal',
    description: 'GUEST or RESTARTING while such a payload runs; deleted when it ends. Ignored without a heartbeat.',
  },
  {
    name: 'expectedDetectors',
    template: 'ra:{instrument}:completion:{who}:{processingId}:expected',
    kind: 'set',
    ttlSeconds: TWO_AND_A_HALF_DAYS,
    writers: ['head-node'],
    readers: STEP1A_WRITERS,
    wire: 'internal',
    description: 'Detectors dispatched for this processing id; written before the payloads are queued.',
  },
  {
    name: 'finishedDetectors',
    template: 'ra:{instrument}:completion:{who}:{processingId}:finished',
    kind: 'set',
    ttlSeconds: TWO_AND_A_HALF_DAYS,
    writers: STEP1A_WRITERS,
    readers: ['head-node', 'snowflakes'],
    wire: 'internal',
    description: 'Detectors finished, successfully or not (a Lua script adds and tests completeness atomically).',
  },
  {
    name: 'failedDetectors',
    template: 'ra:{instrument}:completion:{who}:{processingId}:failed',
    kind: 'set',
    ttlSeconds: TWO_AND_A_HALF_DAYS,
    writers: STEP1A_WRITERS,
    readers: ['head-node', 'snowflakes', 'catcher'],
    wire: 'internal',
    description: 'The finished detectors that failed (a subset of finished), so one dead CCD never wedges the visit.',
  },
  {
    name: 'gatherDispatched',
    template: 'ra:{instrument}:completion:{who}:{processingId}:dispatched',
    kind: 'string',
    ttlSeconds: TWO_AND_A_HALF_DAYS,
    writers: STEP1A_WRITERS,
    readers: ['head-node'],
    wire: 'internal',
    description: 'SET NX guard: the visit-level step for this id is dispatched exactly once.',
  },
  {
    name: 'completions',
    template: 'ra:{instrument}:completions',
    kind: 'stream',
    maxLength: 10_000,
    writers: STEP1A_WRITERS,
    readers: ['head-node', 'snowflakes'],
    wire: 'internal',
    description:
      'A GatherReady entry per processing id whose expected detectors have all finished or failed, written atomically by the last one; the head node reads it with a consumer group, the performance monitor with plain XREAD.',
  },
  {
    name: 'aosPipeline',
    template: 'ra:{instrument}:aos-pipeline:{processingId}',
    kind: 'string',
    ttlSeconds: TWO_DAYS,
    writers: ['head-node'],
    readers: ['head-node', 'step1b-worker'],
    wire: 'internal',
    description: 'The AOS pipeline recorded at fan-out, so step1b uses it even if the control changed meanwhile.',
  },
  {
    name: 'visitSummaryStats',
    template: 'ra:{instrument}:visit-summary-stats:{visit:id}',
    kind: 'hash',
    ttlSeconds: ONE_AND_A_HALF_DAYS,
    writers: ['worker'],
    readers: ['worker', 'step1b-worker'],
    wire: 'internal',
    description: 'Field = detector number, value = JSON of that detector’s summary statistics.',
  },
  {
    name: 'ignoredDetectors',
    template: 'ra:{instrument}:ignored-detectors',
    kind: 'set',
    writers: ['head-node'],
    readers: ['cluster-manager'],
    wire: 'internal',
    description: 'Imaging detectors the current chip selection leaves out; their SFM workers may take backlog.',
  },
  {
    name: 'controlState',
    template: 'ra:{instrument}:control-state',
    kind: 'hash',
    writers: ['head-node'],
    readers: ['head-node', 'worker', 'step1b-worker', 'cluster-manager', 'ra-cli'],
    wire: 'internal',
    description:
      'Control values in effect (field = control name) and dispatch state (CONTROL_STATE_FIELDS); survives a head-node restart.',
  },
  {
    name: 'consdbAnnounced',
    template: 'ra:consdb-announced:{dayObs}',
    kind: 'hash',
    ttlSeconds: TWO_DAYS,
    writers: ['consdb-writer'],
    readers: ['worker', 'snowflakes'],
    wire: 'internal',
    description: 'Field = lower-cased `{instrument}-{table}-{obsId}`, value 1 (HSETNX) once the ConsDB row exists.',
  },
  {
    name: 'metadataShards',
    template: 'ra:metadata-shards',
    kind: 'stream',
    maxLength: 100_000,
    writers: ['head-node', 'worker', 'step1b-worker', 'snowflakes'],
    readers: ['metadata-server'],
    wire: 'internal',
    description: 'MetadataShard entries (rows for one camera and day) for the metadata server to merge.',
  },
  {
    name: 'consdbRows',
    template: 'ra:consdb-rows',
    kind: 'stream',
    maxLength: 100_000,
    writers: ['head-node', 'worker', 'step1b-worker', 'snowflakes'],
    readers: ['consdb-writer'],
    wire: 'internal',
    description:
      'ConsdbRowBatch entries (quicklook rows for one instrument and table) for the ConsDB writer to upsert; read with a consumer group and acknowledged only once written.',
  },
  {
    name: 'payloadTimings',
    template: 'ra:{instrument}:payload-timings',
    kind: 'stream',
    maxLength: 100_000,
    writers: ['head-node', 'worker', 'step1b-worker'],
    readers: ['snowflakes'],
    wire: 'internal',
    description: 'One entry per payload (queued, started, finished times) for the performance monitor.',
  },
  {
    name: 'deadLetters',
    template: 'ra:dead-letters',
    kind: 'stream',
    maxLength: 100_000,
    writers: [...ALL_RA, 'rubintv'],
    readers: ['catcher', 'ra-cli'],
    wire: 'internal',
    description: 'Inputs refused at a boundary or payloads that could not be processed, with the reason.',
  },
  {
    name: 'alarms',
    template: 'ra:catcher:alarms',
    kind: 'stream',
    maxLength: 10_000,
    writers: ['catcher'],
    readers: ['rubintv', 'ra-cli'],
    wire: 'internal',
    description: 'Alarm state changes raised by the Catcher.',
  },
] as const satisfies readonly RedisKeySpec[]

export type RedisKeyEntry = (typeof REDIS_KEYS)[number]
export type RedisKeyName = RedisKeyEntry['name']
export type RedisKeyTemplate<N extends RedisKeyName> = Extract<RedisKeyEntry, { name: N }>['template']
