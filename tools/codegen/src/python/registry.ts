// registry.py: cameras, channels, locations, controls, cluster-status sets and the
// legacy producer channel names, as dataclass instances built from the TS registry.
import {
  BUCKET_CONFIGURATIONS,
  CAMERAS,
  CAMERAS_IN_NO_LOCATION,
  CHANNELS,
  CLUSTER_STATUS_SETS,
  ClusterStatusSet,
  CONTROLS,
  type ControlDomain,
  ControlName,
  type ControlSpec,
  cameraSpec,
  channelsOf,
  clusterStatusStreamKey,
  FALSY_VALUES,
  INSTRUMENT_CAMERAS,
  LEGACY_CHANNELS,
  LEGACY_NON_CHANNELS,
  LEGACY_REJECTION_READBACK,
  LOCAL_S3_ENDPOINT,
  LOCATIONS,
  METADATA_CHANNEL_CAMERAS,
  RESET_VALUE,
  resetKeyForClusterStatusSet,
  rubintvRedisDetectorKey,
  S3_ENDPOINT_ENV,
} from '@rubin/ra-contract'
import { assign, call, dictOf, type Py } from './literal.ts'
import { pythonModule } from './module.ts'

const opt = <T extends Py>(value: T | undefined): T | undefined => value

function channels(): Py {
  return CHANNELS.map((c) =>
    call('ChannelSpec', {
      camera: c.camera,
      name: c.name,
      title: c.title,
      per_day: c.perDay,
      media_type: c.mediaType,
      label: opt(c.label),
      colour: opt(c.colour),
      text_colour: opt(c.textColour),
      icon: opt(c.icon),
    }),
  )
}

function cameras(): Py {
  const entries = Object.keys(CAMERAS).map((name) => {
    const spec = cameraSpec(name as keyof typeof CAMERAS)
    const value = call('CameraSpec', {
      name: spec.name,
      title: spec.title,
      instrument: spec.instrument ?? null,
      metadata_from: spec.metadataFrom ?? null,
      night_report_label: spec.nightReportLabel,
      channels: channelsOf(spec.name).map((c) => c.name),
      image_viewer_link: opt(spec.imageViewerLink),
      copy_row_template: opt(spec.copyRowTemplate),
      time_since_clock_label: opt(spec.timeSinceClockLabel),
    })
    return [name, value] as const
  })
  return dictOf(Object.fromEntries(entries))
}

function locations(): Py {
  const entries = Object.values(LOCATIONS).map((l) => {
    const endpoint =
      'url' in l.endpoint
        ? call('Endpoint', { url: l.endpoint.url })
        : call('Endpoint', {
            from_env: l.endpoint.fromEnv,
            default: 'default' in l.endpoint ? l.endpoint.default : undefined,
          })
    const value = call('LocationSpec', {
      name: l.name,
      title: l.title,
      bucket: l.bucket,
      profile: l.profile,
      endpoint,
      camera_groups: l.cameraGroups.map((g) => call('CameraGroup', { title: g.title, cameras: g.cameras })),
      is_teststand: l.isTeststand,
      has_cluster_status: l.hasClusterStatus,
    })
    return [l.name, value] as const
  })
  return dictOf(Object.fromEntries(entries))
}

/**
 * How a pattern control writes a matched value back. TS holds this as a function, which
 * cannot be serialised; each pattern control names its rule here, and the rule is
 * checked against the TS function on probe values so the two cannot drift apart.
 */
const CANONICAL_RULES: Readonly<Record<string, { rule: 'verbatim' | 'detector'; probes: [string, string][] }>> = {
  WITNESS_DETECTOR: {
    rule: 'detector',
    probes: [
      ['094', '94'],
      ['7', '7'],
      ['r22_s11', 'R22_S11'],
    ],
  },
  GUARANTEED_EXPOSURE: {
    rule: 'verbatim',
    probes: [
      ['2025111500226', '2025111500226'],
      ['0000000000001', '0000000000001'],
    ],
  },
}

function domain(name: string, d: ControlDomain): Py {
  switch (d.kind) {
    case 'identifiers':
      return call('ControlDomain', {
        kind: 'identifiers',
        values: d.set.values,
        aliases: dictOf(d.set.aliases),
        identifier_set: d.set.name,
      })
    case 'truthy':
      return call('ControlDomain', { kind: 'truthy', values: [RESET_VALUE] })
    case 'pattern': {
      const known = CANONICAL_RULES[name]
      if (known === undefined) throw new Error(`python codegen: pattern control ${name} has no canonical rule`)
      for (const [input, output] of known.probes) {
        if (d.canonical(input) !== output) {
          throw new Error(`python codegen: ${name} canonical('${input}') is not '${output}': update CANONICAL_RULES`)
        }
      }
      if (d.pattern.flags.replace('i', '') !== '') throw new Error(`python codegen: ${name} pattern flags unsupported`)
      return call('ControlDomain', {
        kind: 'pattern',
        pattern: d.pattern.source,
        ignore_case: d.pattern.flags.includes('i'),
        canonical: known.rule,
        expected: d.expected,
      })
    }
    case 'refused':
      return call('ControlDomain', { kind: 'refused', code: d.code, reason: d.reason })
  }
}

function controls(): Py {
  const entries = ControlName.values.map((name) => {
    const spec: ControlSpec = CONTROLS[name]
    const menu = spec.rubintvMenu
    const value = call('ControlSpec', {
      name: spec.name,
      title: spec.title,
      key: spec.key,
      readback_key: spec.readbackKey,
      domain: domain(name, spec.domain),
      semantics: spec.semantics,
      consumer: spec.consumer,
      writers: spec.writers,
      instruments: spec.instruments,
      description: spec.description,
      rubintv_menu: menu === undefined ? undefined : call('RubinTvMenu', { title: menu.title, items: menu.items }),
    })
    return [name, value] as const
  })
  return dictOf(Object.fromEntries(entries))
}

function clusterStatusSets(): Py {
  const entries = ClusterStatusSet.values.map((set) => {
    const spec = CLUSTER_STATUS_SETS[set]
    const { coverage } = spec
    const value = call('ClusterStatusSetSpec', {
      name: set,
      rubintv_name: spec.rubintvName,
      title: spec.title,
      stream_key: clusterStatusStreamKey(set),
      rubintv_key: rubintvRedisDetectorKey(set),
      reset_control: `RESET_${set}`,
      resettable: spec.resettable,
      shows_secondary_status: spec.showsSecondaryStatus,
      coverage: coverage.kind,
      flavours: coverage.kind === 'flavours' ? coverage.flavours : [coverage.flavour],
      depth: coverage.kind === 'detectors' ? coverage.depth : undefined,
    })
    return [set, value] as const
  })
  return dictOf(Object.fromEntries(entries))
}

function data(): string {
  const streamKeys = Object.fromEntries(ClusterStatusSet.values.map((s) => [s, clusterStatusStreamKey(s)]))
  const resetKeys = Object.fromEntries(ClusterStatusSet.values.map((s) => [s, resetKeyForClusterStatusSet(s)]))
  const legacy = Object.fromEntries(
    Object.entries(LEGACY_CHANNELS).map(([k, v]) => [
      k,
      call('LegacyChannel', { camera: v.camera, channel: v.channel }),
    ]),
  )
  return [
    '#: Every channel of every camera, cameras in Camera order, channels in display order.',
    assign('CHANNELS', 'Final[tuple[ChannelSpec, ...]]', channels()),
    '',
    assign('CAMERAS', 'Final[Mapping[str, CameraSpec]]', cameras()),
    '',
    '#: The environment variable naming the S3 endpoint when a location names none.',
    assign('S3_ENDPOINT_ENV', 'Final', S3_ENDPOINT_ENV),
    '#: Default endpoint of the loopback S3 server for one-machine runs.',
    assign('LOCAL_S3_ENDPOINT', 'Final', LOCAL_S3_ENDPOINT),
    '',
    assign('LOCATIONS', 'Final[Mapping[str, LocationSpec]]', locations()),
    '',
    '#: The locations each RubinTV site shows, in display order (bucket_configurations).',
    assign('BUCKET_CONFIGURATIONS', 'Final[Mapping[str, tuple[str, ...]]]', dictOf(BUCKET_CONFIGURATIONS)),
    '#: Cameras RubinTV knows that no location shows, and why.',
    assign('CAMERAS_IN_NO_LOCATION', 'Final[Mapping[str, str]]', dictOf(CAMERAS_IN_NO_LOCATION)),
    "#: The camera each instrument's products (and its AOS / guider products) are filed under.",
    assign(
      'INSTRUMENT_CAMERAS',
      'Final[Mapping[str, Mapping[str, str]]]',
      dictOf(Object.fromEntries(Object.entries(INSTRUMENT_CAMERAS).map(([k, v]) => [k, dictOf(v)]))),
    ),
    '',
    '#: Values that mean "no" for a reset control, and the canonical "yes".',
    assign('FALSY_VALUES', 'Final[tuple[str, ...]]', FALSY_VALUES),
    assign('RESET_VALUE', 'Final', RESET_VALUE),
    '#: The legacy read-back string for each rejection code (shown verbatim by RubinTV).',
    assign('LEGACY_REJECTION_READBACK', 'Final[Mapping[str, str]]', dictOf(LEGACY_REJECTION_READBACK)),
    '',
    assign('CONTROLS', 'Final[Mapping[str, ControlSpec]]', controls()),
    '',
    assign('CLUSTER_STATUS_SETS', 'Final[Mapping[str, ClusterStatusSetSpec]]', clusterStatusSets()),
    '#: stream:CLUSTER_STATUS_{SET} for every set.',
    assign('CLUSTER_STATUS_STREAM_KEYS', 'Final[Mapping[str, str]]', dictOf(streamKeys)),
    '#: The reset control key RubinTV derives for every set.',
    assign('CLUSTER_STATUS_RESET_KEYS', 'Final[Mapping[str, str]]', dictOf(resetKeys)),
    '',
    '#: Legacy metadata-channel name -> the camera whose metadata.json it writes.',
    assign('METADATA_CHANNEL_CAMERAS', 'Final[Mapping[str, str]]', dictOf(METADATA_CHANNEL_CAMERAS)),
    '#: Legacy producer plot channel -> RubinTV (camera, channel).',
    assign('LEGACY_CHANNELS', 'Final[Mapping[str, LegacyChannel]]', dictOf(legacy)),
    '#: Legacy names that name no RubinTV channel, and why.',
    assign('LEGACY_NON_CHANNELS', 'Final[Mapping[str, str]]', dictOf(LEGACY_NON_CHANNELS)),
  ].join('\n')
}

export function buildRegistry(version: string): Promise<string> {
  return pythonModule('registry.py', version, { DATA: data() })
}
