// ra-contract registry NAME [--json]: list the contract's names, as JSON for
// tools or as a table for people.
import { CONTROLS, ControlName, resetKeyForClusterStatusSet, summarizeDomain } from '../controls/index.ts'
import { detectorsOf } from '../detectors/index.ts'
import { PATTERN_DETECTOR_COUNTS } from '../detectors/patterns.ts'
import { ContractError } from '../errors.ts'
import { IDENTIFIER_SETS } from '../identifier-sets.ts'
import { Camera } from '../identifiers/cameras.ts'
import { FocalPlanePattern } from '../identifiers/patterns.ts'
import { Pipeline } from '../identifiers/pipelines.ts'
import { CLUSTER_STATUS_SETS, ClusterStatusSet, clusterStatusStreamKey, REDIS_KEYS } from '../redis/index.ts'
import { CAMERAS, CHANNELS, cameraSpec, isProduced, LOCATIONS } from '../registry/index.ts'
import { MESSAGES } from '../schemas.ts'
import { type Io, parse } from './args.ts'

type Row = Record<string, unknown>

const LISTS: Record<string, () => Row[]> = {
  cameras: () =>
    Camera.values.map((camera) => ({
      camera,
      title: CAMERAS[camera].title,
      instrument: cameraSpec(camera).instrument ?? null,
      channels: CHANNELS.filter((c) => c.camera === camera).map((c) => c.name),
      produced: isProduced(camera),
    })),
  channels: () =>
    CHANNELS.map((c) => ({
      camera: c.camera,
      channel: c.name,
      title: c.title,
      perDay: c.perDay,
      mediaType: c.mediaType,
      produced: isProduced(c.camera, c.name),
    })),
  locations: () =>
    Object.values(LOCATIONS).map((l) => ({
      location: l.name,
      title: l.title,
      bucket: l.bucket,
      profile: l.profile,
      endpoint: 'url' in l.endpoint ? l.endpoint.url : `$${l.endpoint.fromEnv}`,
      cameras: l.cameraGroups.flatMap((g) => g.cameras),
      hasClusterStatus: l.hasClusterStatus,
    })),
  controls: () =>
    ControlName.values.map((name) => {
      const c = CONTROLS[name]
      const domain = summarizeDomain(c.domain)
      return {
        control: c.name,
        key: c.key,
        readbackKey: c.readbackKey,
        accepts: domain.expected,
        values: domain.values,
        aliases: domain.aliases,
        semantics: c.semantics,
        consumer: c.consumer,
      }
    }),
  patterns: () =>
    FocalPlanePattern.values.map((pattern) => ({
      pattern,
      detectors: PATTERN_DETECTOR_COUNTS[pattern],
      description: FocalPlanePattern.docs[pattern],
    })),
  pipelines: () => Pipeline.values.map((pipeline) => ({ pipeline, description: Pipeline.docs[pipeline] })),
  detectors: () =>
    (['LSSTCam', 'LATISS', 'LSSTComCam'] as const).flatMap((instrument) =>
      detectorsOf(instrument).map((d) => ({
        instrument,
        id: d.id,
        name: d.name,
        raft: d.raft,
        physicalType: d.physicalType,
        purpose: d.purpose,
      })),
    ),
  'redis-keys': () =>
    REDIS_KEYS.map((k) => ({
      name: k.name,
      template: k.template,
      kind: k.kind,
      wire: k.wire,
      writers: k.writers,
      readers: k.readers,
    })),
  streams: () =>
    ClusterStatusSet.values.map((set) => ({
      set,
      stream: clusterStatusStreamKey(set),
      rubintvName: CLUSTER_STATUS_SETS[set].rubintvName,
      resetKey: resetKeyForClusterStatusSet(set),
      resettable: CLUSTER_STATUS_SETS[set].resettable,
    })),
  messages: () =>
    MESSAGES.map((m) => ({
      message: m.name,
      $id: m.schema.$id,
      carrier: m.carrier,
      producers: m.producers,
      consumers: m.consumers,
    })),
  identifiers: () => IDENTIFIER_SETS.map((set) => ({ identifier: set.name, values: set.values, aliases: set.aliases })),
}

const USAGE = `ra-contract registry ${Object.keys(LISTS).join('|')} [--json]`

function text(rows: Row[]): string {
  if (rows.length === 0) return '(none)'
  const columns = Object.keys(rows[0] ?? {})
  const show = (v: unknown) =>
    Array.isArray(v)
      ? v.join(',')
      : v === null || v === undefined
        ? ''
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v)
  const widths = columns.map((c) => Math.min(60, Math.max(c.length, ...rows.map((r) => show(r[c]).length))))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.slice(0, 60).padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(columns), ...rows.map((r) => line(columns.map((c) => show(r[c]))))].join('\n')
}

export async function registryCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, USAGE)
  const [name] = positionals
  const list = name === undefined ? undefined : LISTS[name]
  if (list === undefined || positionals.length !== 1) {
    throw new ContractError('RA_CONTRACT_USAGE', `expected one of: ${Object.keys(LISTS).join(', ')}\nusage: ${USAGE}`)
  }
  const rows = list()
  io.out(values.json ? JSON.stringify(rows, null, 2) : text(rows))
  return 0
}
