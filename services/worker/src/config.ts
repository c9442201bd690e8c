// ----------------------------------------------------------------------------
// The worker's configuration: the environment schema (checked by the runtime's
// loadConfig, so a bad variable stops the worker at start, named) and the
// settings derived from it: identity, heartbeat timing, pipeline registry.
// ----------------------------------------------------------------------------
import { formatIssues, Instrument, WorkerFlavour } from '@rubin/ra-contract'
import { ConfigError, S3Config } from '@rubin/ra-runtime'
import { type Static, Type } from '@sinclair/typebox'
import { resolveIdentity, type WorkerIdentity } from './identity.ts'
import { defaultPipelineSpecs, type PipelineSpecs, parsePipelineSpecs, usesQuicklook } from './pipelines/spec.ts'

const oneOf = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    { description: `${description}: one of ${values.join(', ')}` },
  )

/** Where a worker spools products S3 refused, unless RA_PRODUCT_SPOOL_DIR says otherwise. */
export const DEFAULT_SPOOL_DIR = '/tmp/ra-worker-spool'

export const WorkerConfig = Type.Object({
  RA_INSTRUMENT: oneOf(Instrument.values, 'the butler instrument this worker serves'),
  RA_WORKER_FLAVOUR: oneOf(WorkerFlavour.values, 'the worker flavour'),
  RA_WORKER_DEPTH: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 999, description: 'depth (overrides WORKER_NAME)' }),
  ),
  RA_WORKER_DETECTOR: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 204, description: 'detector (overrides WORKER_NAME)' }),
  ),
  WORKER_NAME: Type.Optional(Type.String({ description: 'pod name ending in the StatefulSet ordinal, e.g. sfm-0-94' })),
  RA_HEARTBEAT_TTL_S: Type.Integer({ default: 10, minimum: 1, description: 'heartbeat expiry (s)' }),
  RA_HEARTBEAT_INTERVAL_MS: Type.Integer({ default: 2000, minimum: 10, description: 'heartbeat refresh (ms)' }),
  RA_PIPELINES: Type.Optional(
    Type.String({ description: 'JSON: pipeline id or "*" → {"kind":"test",…} or {"kind":"exec",…}' }),
  ),
  RA_TEST_PIPELINE_MS: Type.Integer({ default: 0, minimum: 0, description: 'test pipeline duration (ms)' }),
  RA_MURDEROUS_POLL_MS: Type.Integer({
    default: 100,
    minimum: 10,
    description: 'how often a MURDEROUS worker looks for a newer payload while running backlog (ms)',
  }),
  RA_WORKER_TRANSIENT_RETRY_S: Type.Integer({
    default: 600,
    minimum: 0,
    description:
      'how long a payload failing only because S3 or Redis is unreachable is run again (with backoff) before it counts as failed (s)',
  }),
  // The quicklook pipeline kind only (RA_PIPELINES {"kind":"quicklook"}): products go to S3
  // (RA_S3_*), raws come from RA_RAW_URI.
  ...S3Config.properties,
  RA_RAW_URI: Type.Optional(
    Type.String({
      description: 'quicklook: where raws and their exposure records are, file:///dir/ or s3://bucket/prefix/',
    }),
  ),
  RA_PRODUCT_SPOOL_DIR: Type.String({
    default: DEFAULT_SPOOL_DIR,
    description: 'quicklook: durable spool for products S3 refused (one directory per worker)',
  }),
  RA_SCRATCH_PREFIX: Type.String({
    default: 'rapidAnalysisScratch',
    pattern: '^[A-Za-z0-9_-]+$',
    description: 'quicklook: first segment of the scratch binned-image keys',
  }),
  RA_WITNESS_DETECTOR: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 204,
      description: 'quicklook: detector shown as witness_detector (default R22_S11 = 94 for LSSTCam, 0 otherwise)',
    }),
  ),
})
export type WorkerConfig = Static<typeof WorkerConfig>

export interface WorkerSettings {
  readonly identity: WorkerIdentity
  readonly heartbeatTtlMs: number
  readonly heartbeatIntervalMs: number
  readonly pipelines: PipelineSpecs
  readonly murderousPollMs: number
  readonly transientRetryMs: number
}

/** Settings from a loaded config; throws ConfigError naming the variable at fault. */
export function workerSettings(service: string, config: WorkerConfig): WorkerSettings {
  const problems: string[] = []
  const identity = resolveIdentity({
    instrument: config.RA_INSTRUMENT,
    flavour: config.RA_WORKER_FLAVOUR,
    depth: config.RA_WORKER_DEPTH,
    detector: config.RA_WORKER_DETECTOR,
    workerName: config.WORKER_NAME,
  })
  if (!identity.ok) problems.push(`worker identity: ${formatIssues(identity.issues)}`)
  let pipelines = defaultPipelineSpecs(config.RA_TEST_PIPELINE_MS)
  if (config.RA_PIPELINES !== undefined) {
    const parsed = parsePipelineSpecs(config.RA_PIPELINES)
    if (parsed.ok) pipelines = parsed.value
    else problems.push(`RA_PIPELINES: ${formatIssues(parsed.issues)}`)
  }
  if (usesQuicklook(pipelines) && config.RA_RAW_URI === undefined) {
    problems.push('RA_RAW_URI must say where raws are (file:///dir/ or s3://bucket/prefix/) for the quicklook pipeline')
  }
  if (config.RA_HEARTBEAT_INTERVAL_MS >= config.RA_HEARTBEAT_TTL_S * 1000) {
    problems.push('RA_HEARTBEAT_INTERVAL_MS must be shorter than RA_HEARTBEAT_TTL_S, or a live worker looks dead')
  }
  if (!identity.ok || problems.length > 0) throw new ConfigError(service, problems)
  return {
    identity: identity.value,
    heartbeatTtlMs: config.RA_HEARTBEAT_TTL_S * 1000,
    heartbeatIntervalMs: config.RA_HEARTBEAT_INTERVAL_MS,
    pipelines,
    murderousPollMs: config.RA_MURDEROUS_POLL_MS,
    transientRetryMs: config.RA_WORKER_TRANSIENT_RETRY_S * 1000,
  }
}
