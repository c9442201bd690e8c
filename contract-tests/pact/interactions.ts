// ----------------------------------------------------------------------------
// What both sides of the message pacts share: participant names, interaction
// descriptions and provider states (a renamed one fails verification instead of
// passing silently), the location the pacts describe, and the channel
// interactions, derived from the contract's registry and key templates.
// ----------------------------------------------------------------------------
import {
  CHANNELS,
  type ChannelSpec,
  type ClusterStatusSet,
  CONTROLS,
  isProduced,
  KEY_KINDS,
  LOCATIONS,
  type Location,
  PLACEHOLDERS,
  type PlaceholderName,
  redisKey,
} from '@rubin/ra-contract'

export const CONSUMER = 'rubintv'

/** Pact provider names: each is one producer code path verified in ./providers. */
export const PROVIDERS = {
  products: 'ra-products',
  metadataServer: 'ra-metadata-server',
  nightReport: 'ra-snowflakes-night-report',
  clusterManager: 'ra-cluster-manager',
  headNode: 'ra-head-node',
} as const
export type ProviderName = (typeof PROVIDERS)[keyof typeof PROVIDERS]

/**
 * The pacts describe RA at the summit writing what RubinTV's summit location reads:
 * every camera the producers write is shown there (checked in coverage.test.ts).
 */
export const PACT_LOCATION: Location = 'summit'
export const PACT_BUCKET: string = LOCATIONS[PACT_LOCATION].bucket
export const PACT_DAY_OBS = 20251115
export const PACT_SEQ = 226

export const S3_TRANSPORT = 's3'
export const STREAM_TRANSPORT = 'redis-stream'
export const STRING_TRANSPORT = 'redis-string'

/** Text of one placeholder, Pact-safe: no groups, no back-references (Rust and JS regex agree). */
const placeholderSource = (name: PlaceholderName) => `(?:${PLACEHOLDERS[name].codec.pattern})`
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * An anchored regex for a key kind with some placeholders bound to literal text. A
 * placeholder used twice (the date) is matched by its pattern both times: Pact's
 * regex engine has no back-references, so "the same date twice" is left to the
 * consumer's parser, which the consumer test runs.
 */
export function keyPattern(kind: (typeof KEY_KINDS)[number]['kind'], bound: Readonly<Record<string, string>>): string {
  const spec = KEY_KINDS.find((k) => k.kind === kind)
  if (spec === undefined) throw new Error(`no S3 key kind '${kind}' in the contract`)
  const parts = spec.template.split(/\{([^{}]*)\}/)
  const source = parts
    .map((part, i) => {
      if (i % 2 === 0) return escapeRegex(part)
      const value = bound[part]
      return value === undefined ? placeholderSource(part as PlaceholderName) : escapeRegex(value)
    })
    .join('')
  return `^${source}$`
}

export interface ChannelInteraction {
  readonly description: string
  readonly channel: ChannelSpec
  readonly kind: 'event' | 'final'
  readonly pattern: string
}

/** One "S3 object key" interaction per channel the project produces (the rest is NOT_PRODUCED). */
export const CHANNEL_INTERACTIONS: readonly ChannelInteraction[] = CHANNELS.filter((c) =>
  isProduced(c.camera, c.name),
).map((channel) => {
  const kind = channel.perDay ? 'final' : 'event'
  return {
    description: `an S3 ${kind} key of channel ${channel.camera}/${channel.name}`,
    channel,
    kind,
    pattern: keyPattern(kind, { camera: channel.camera, channel: channel.name }),
  }
})

export const DESCRIPTIONS = {
  metadataTable: 'a metadata.json table of one camera-day',
  nightReportText: 'a night report text object',
  objectWritten: 'an ObjectWritten notification for an event product',
  clusterStatusWorkers: 'a cluster-status entry of an imaging worker set',
  clusterStatusQueues: 'a cluster-status entry of the other queues',
  legacyReadback: 'a legacy _READBACK string for an applied chip selection',
  structuredReadback: 'a structured ControlReadback for a rejected FAM pipeline switch between a pair',
} as const

export const STATES = {
  metadataShard: 'a step1b shard with PSF FWHM and a filter for one seq was merged',
  nightSummary: 'a night of exposures has been summarised',
  productWritten: 'a focal-plane mosaic was written through the ProductStore',
  sfmWorkers: 'SFM set 0 has a free worker on detector 94 and a busy one with 3 queued on detector 95',
  otherQueues: 'two mosaic workers have 5 payloads queued between them',
  chipSelection: 'an operator set the chip selection to 5-on-a-die',
  famBetweenPair: 'the FAM pipeline is switched between the intra and extra exposure of a pair',
} as const

/** Stream and key names in message metadata: exact matches, so a rename fails verification. */
export const STREAMS = {
  objectWritten: redisKey('objectWritten'),
  controlReadbacks: redisKey('controlReadbacks'),
  clusterStatus: (set: ClusterStatusSet) => redisKey('clusterStatus', { set }),
}

export const READBACK_KEYS = {
  chipSelection: CONTROLS.CHIP_SELECTION.readbackKey,
}

/** Every description of one provider, for the "every interaction has a handler" guard. */
export function descriptionsOf(provider: ProviderName): readonly string[] {
  switch (provider) {
    case PROVIDERS.products:
      return [...CHANNEL_INTERACTIONS.map((i) => i.description), DESCRIPTIONS.objectWritten]
    case PROVIDERS.metadataServer:
      return [DESCRIPTIONS.metadataTable]
    case PROVIDERS.nightReport:
      return [DESCRIPTIONS.nightReportText]
    case PROVIDERS.clusterManager:
      return [DESCRIPTIONS.clusterStatusWorkers, DESCRIPTIONS.clusterStatusQueues]
    case PROVIDERS.headNode:
      return [DESCRIPTIONS.legacyReadback, DESCRIPTIONS.structuredReadback]
  }
}
