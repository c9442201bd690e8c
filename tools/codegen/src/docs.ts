// ----------------------------------------------------------------------------
// The generated half of contract/README.md: every name in the contract, from
// the code. ./ra test fails when it is stale, and a test reads it back and
// checks that every name appears (docs and code cannot disagree).
// ----------------------------------------------------------------------------
import {
  Camera,
  CHANNELS,
  CLUSTER_STATUS_SETS,
  ClusterStatusSet,
  CONTROLS,
  ControlName,
  cameraSpec,
  clusterStatusStreamKey,
  detectorsOf,
  ERROR_CODES,
  FocalPlanePattern,
  IDENTIFIER_SETS,
  isProduced,
  KEY_KINDS,
  LOCATIONS,
  METADATA_CHANNEL_CAMERAS,
  notProducedReason,
  PATTERN_DETECTOR_COUNTS,
  REDIS_KEYS,
  type RedisKeySpec,
  summarizeDomain,
} from '@rubin/ra-contract'
import type { MessageSpec } from '@rubin/ra-contract/authoring'
import { code, table } from './markdown.ts'

const list = (values: readonly string[]) => values.map(code).join(', ')

function identifiers(): string {
  return IDENTIFIER_SETS.map((set) => {
    const aliases = Object.entries(set.aliases)
    const rows = set.values.map((value) => [code(value), set.docs[value] ?? ''])
    const aliasText =
      aliases.length === 0
        ? ''
        : `\n\nAccepted on input: ${aliases.map(([a, t]) => `${code(a)} → ${code(t)}`).join(', ')}.`
    return `### ${set.name}\n\n${set.description}\n\n${table(['token', 'meaning'], rows)}${aliasText}`
  }).join('\n\n')
}

function locations(): string {
  const rows = Object.values(LOCATIONS).map((l) => [
    code(l.name),
    l.title,
    code(l.bucket),
    l.profile === null ? '' : code(l.profile),
    'url' in l.endpoint ? l.endpoint.url : `$${l.endpoint.fromEnv}`,
    l.cameraGroups.map((g) => `${g.title}: ${g.cameras.join(', ')}`).join('; '),
    l.hasClusterStatus ? 'yes' : '',
  ])
  return table(['location', 'title', 'bucket', 'profile', 'endpoint', 'camera groups', 'cluster status'], rows)
}

function cameras(): string {
  return Camera.values
    .map((camera) => {
      const spec = cameraSpec(camera)
      const produced = isProduced(camera) ? '' : ` Not produced here: ${notProducedReason(camera) ?? ''}`
      const head = `### ${code(camera)}: ${spec.title}\n\n${spec.instrument ? `Instrument ${code(spec.instrument)}.` : 'No butler instrument.'}${spec.metadataFrom ? ` Metadata table from ${code(spec.metadataFrom)}.` : ''}${produced}`
      const rows = CHANNELS.filter((c) => c.camera === camera).map((c) => [
        code(c.name),
        c.title,
        c.perDay ? 'per-day' : 'per-seq',
        c.mediaType,
        isProduced(camera, c.name) ? '' : 'not produced',
      ])
      return `${head}\n\n${table(['channel', 'title', 'layout', 'media', ''], rows)}`
    })
    .join('\n\n')
}

function s3Keys(): string {
  return table(
    ['kind', 'template', 'example'],
    KEY_KINDS.map((k) => [code(k.kind), code(k.template), code(k.example)]),
  )
}

function redisKeys(): string {
  const rows = (REDIS_KEYS as readonly RedisKeySpec[]).map((k) => [
    code(k.name),
    code(k.template),
    k.kind,
    k.wire,
    k.ttlSeconds === undefined ? '' : `${k.ttlSeconds} s`,
    k.writers.join(', '),
    k.readers.join(', '),
  ])
  return table(['name', 'key', 'type', 'wire', 'TTL', 'writers', 'readers'], rows)
}

function streams(): string {
  const rows = ClusterStatusSet.values.map((set) => [
    code(set),
    code(clusterStatusStreamKey(set)),
    code(CLUSTER_STATUS_SETS[set].rubintvName),
    CLUSTER_STATUS_SETS[set].title,
    CLUSTER_STATUS_SETS[set].resettable ? 'yes' : 'no (reset refused)',
  ])
  return table(['set', 'stream', 'RubinTV name', 'title', 'resettable'], rows)
}

function controls(): string {
  const rows = ControlName.values.map((name) => {
    const c = CONTROLS[name]
    const d = summarizeDomain(c.domain)
    const aliases = Object.entries(d.aliases)
    return [
      code(name),
      code(c.key),
      code(c.readbackKey),
      d.values.length > 0 && c.domain.kind === 'identifiers' ? list(d.values) : d.expected,
      aliases.length > 0 ? aliases.map(([a, t]) => `${code(a)}→${code(t)}`).join(', ') : '',
      c.semantics,
      c.consumer,
    ]
  })
  return table(['control', 'key', 'read-back key', 'values', 'legacy spellings', 'semantics', 'consumer'], rows)
}

function patterns(): string {
  const rows = FocalPlanePattern.values.map((p) => [
    code(p),
    PATTERN_DETECTOR_COUNTS[p].phase0,
    PATTERN_DETECTOR_COUNTS[p].phase1,
    FocalPlanePattern.docs[p],
  ])
  return table(['pattern', 'detectors (phase 0)', 'detectors (phase 1)', 'selection'], rows)
}

function detectors(): string {
  const rows = (['LSSTCam', 'LATISS', 'LSSTComCam'] as const).map((instrument) => {
    const all = detectorsOf(instrument)
    const count = (purpose: string) => all.filter((d) => d.purpose === purpose).length
    return [
      code(instrument),
      all.length,
      count('imaging'),
      count('guider'),
      count('wavefront'),
      `${all[0]?.name} … ${all.at(-1)?.name}`,
    ]
  })
  return `${table(['instrument', 'detectors', 'imaging', 'guider', 'wavefront', 'names'], rows)}\n\nThe full list: \`./ra contract registry detectors --json\`.`
}

function messages(list: readonly MessageSpec[]): string {
  const rows = list.map((m) => [
    code(m.name),
    `[${m.stem}](schemas/${m.stem}.v${String(m.schema.$id).match(/\/v(\d+)\.json$/)?.[1]}.json)`,
    m.carrier,
    m.producers.join(', '),
    m.consumers.join(', '),
    String(m.schema.description ?? ''),
  ])
  return table(['message', 'schema', 'carrier', 'producers', 'consumers', 'what it is'], rows)
}

function legacyMetadataChannels(): string {
  return table(
    ['legacy metadata channel', 'camera'],
    Object.entries(METADATA_CHANNEL_CAMERAS).map(([channel, camera]) => [code(channel), code(camera)]),
  )
}

function errorCodes(): string {
  return table(
    ['code', 'exit', 'meaning', 'what to do'],
    Object.entries(ERROR_CODES).map(([c, e]) => [code(c), e.exitCode, e.summary, e.action]),
  )
}

export function buildNamesDoc(list: readonly MessageSpec[]): string {
  return [
    '## Messages',
    messages(list),
    '## S3 keys',
    s3Keys(),
    '## Locations',
    locations(),
    '## Cameras and channels',
    cameras(),
    '## Legacy metadata channels',
    "Today's producers name a camera's table by a metadata channel; the contract maps each to its camera.",
    legacyMetadataChannels(),
    '## Controls',
    'RubinTV → RA. Every consumed command gets a read-back: the value now in effect, or a `REJECTED_…!` token and a structured read-back with the reason.',
    controls(),
    '## Cluster-status streams',
    'RA → RubinTV. One field, `data`, holding JSON; MAXLEN 2.',
    streams(),
    '## Redis keys',
    redisKeys(),
    '## Detectors',
    detectors(),
    '## Focal-plane patterns',
    patterns(),
    '## Identifiers',
    identifiers(),
    '## Error codes',
    errorCodes(),
  ].join('\n\n')
}
