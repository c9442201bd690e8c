// ----------------------------------------------------------------------------
// contract/generated/surface.json: everything that crosses a boundary, as plain
// data, for the compatibility check (see contract/src/compat/). Each name lists
// who writes and who reads it, so a breaking change can say whom it breaks.
// ----------------------------------------------------------------------------
import {
  CHANNELS,
  CLUSTER_STATUS_SETS,
  ClusterStatusSet,
  CONTROLS,
  ControlName,
  clusterStatusStreamKey,
  detectorsOf,
  ERROR_CODES,
  IDENTIFIER_SETS,
  KEY_KINDS,
  LOCATIONS,
  METADATA_CHANNEL_CAMERAS,
  ONE_OFF_METADATA_COLUMNS,
  QUICKLOOK_METADATA_COLUMNS,
  RA_SERVICES,
  REDIS_KEYS,
  summarizeDomain,
} from '@rubin/ra-contract'
import type { MessageSpec } from '@rubin/ra-contract/authoring'
import type { Surface, SurfaceName } from '@rubin/ra-contract/compat'
import type { JsonObject } from './serialize.ts'

const PRODUCT_WRITERS = ['worker', 'step1b-worker', 'metadata-server', 'snowflakes']

function sortedObject<T>(entries: [string, T][]): Record<string, T> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

export function buildSurface(
  version: string,
  messages: readonly MessageSpec[],
  perMessage: ReadonlyMap<string, JsonObject>,
): Surface {
  const names: [string, SurfaceName][] = []
  const name = (id: string, kind: string, value: string, producers: readonly string[], consumers: readonly string[]) =>
    names.push([id, { kind, value, producers: [...producers], consumers: [...consumers] }])

  for (const c of CHANNELS) {
    name(`channel:${c.camera}/${c.name}`, 'channel', `${c.camera}/${c.name}`, PRODUCT_WRITERS, ['rubintv'])
    // A channel moving between per-seq and per-day changes its keys and where RubinTV shows it.
    name(`channel-per-day:${c.camera}/${c.name}`, 'channel layout', c.perDay ? 'per-day' : 'per-seq', PRODUCT_WRITERS, [
      'rubintv',
    ])
  }
  for (const l of Object.values(LOCATIONS)) {
    const endpoint = 'url' in l.endpoint ? l.endpoint.url : `$${l.endpoint.fromEnv}`
    name(
      `location:${l.name}`,
      'location',
      `bucket=${l.bucket} profile=${l.profile ?? ''} endpoint=${endpoint}`,
      RA_SERVICES,
      ['rubintv'],
    )
  }
  for (const k of KEY_KINDS) name(`s3-key:${k.kind}`, 'S3 key', k.template, PRODUCT_WRITERS, ['rubintv'])
  for (const k of REDIS_KEYS) name(`redis-key:${k.name}`, 'Redis key', `${k.kind} ${k.template}`, k.writers, k.readers)
  for (const set of ClusterStatusSet.values) {
    name(`stream:${set}`, 'cluster-status stream', clusterStatusStreamKey(set), ['cluster-manager'], ['rubintv'])
    name(
      `stream-name:${set}`,
      'cluster-status display name',
      CLUSTER_STATUS_SETS[set].rubintvName,
      ['cluster-manager'],
      ['rubintv'],
    )
  }
  for (const control of ControlName.values) {
    const spec = CONTROLS[control]
    const writers = spec.writers
    const readers = [spec.consumer]
    name(`control:${control}`, 'control key', spec.key, writers, readers)
    name(`control-readback:${control}`, 'control read-back key', spec.readbackKey, readers, writers)
    name(`control-semantics:${control}`, 'control semantics', spec.semantics, writers, readers)
    const domain = summarizeDomain(spec.domain)
    if (domain.pattern !== undefined)
      name(`control-pattern:${control}`, 'control value pattern', domain.pattern, writers, readers)
    for (const value of domain.values)
      name(`control-value:${control}/${value}`, 'control value', value, writers, readers)
    for (const [alias, target] of Object.entries(domain.aliases)) {
      name(`control-alias:${control}/${alias}`, 'control value alias', target, writers, readers)
    }
  }
  for (const instrument of ['LSSTCam', 'LATISS', 'LSSTComCam'] as const) {
    for (const d of detectorsOf(instrument)) {
      name(
        `detector:${instrument}/${d.id}`,
        'detector',
        `${d.name} ${d.physicalType} ${d.purpose}`,
        ['head-node', 'camera-simulator'],
        ['worker', 'rubintv'],
      )
    }
  }
  for (const [channel, camera] of Object.entries(METADATA_CHANNEL_CAMERAS)) {
    name(`metadata-channel:${channel}`, 'legacy metadata channel', camera, ['metadata-server'], ['rubintv'])
  }
  // Metadata-table column names RA writes: RubinTV users pick and sort by them, so a rename is breaking.
  for (const [set, columns] of [
    ['quicklook', QUICKLOOK_METADATA_COLUMNS],
    ['one-off', ONE_OFF_METADATA_COLUMNS],
  ] as const) {
    for (const [handle, column] of Object.entries(columns)) {
      name(`metadata-column:${set}/${handle}`, 'metadata column', column, ['worker', 'step1b-worker'], ['rubintv'])
    }
  }
  for (const code of Object.keys(ERROR_CODES)) name(`error-code:${code}`, 'error code', code, ['ra-cli'], ['ra-cli'])

  const identifiers = sortedObject(
    IDENTIFIER_SETS.map((set) => [
      set.name,
      { values: [...set.values], aliases: sortedObject(Object.entries(set.aliases)) },
    ]),
  )
  const messageEntries = messages.map((m): [string, Surface['messages'][string]] => {
    const schema = perMessage.get(m.name)
    if (schema === undefined) throw new Error(`no schema document for ${m.name}`)
    return [m.name, { schema, producers: [...m.producers], consumers: [...m.consumers] }]
  })
  return { version, identifiers, names: sortedObject(names), messages: sortedObject(messageEntries) }
}
