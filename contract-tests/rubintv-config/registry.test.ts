// ----------------------------------------------------------------------------
// Compatibility of our registry with today's RubinTV configuration: every
// location, camera, group membership, channel and default metadata column in
// models_data.yaml is in the registry with equal values, and everything in the
// registry is in the YAML. Each exception is listed below with its reason;
// an exception that no longer matches anything fails too, so the lists stay true.
// ----------------------------------------------------------------------------

import { Camera, CHANNELS, findChannel, Location } from '@rubin/ra-contract'
import { describe, expect, it } from 'vitest'
import { loadModelsData } from './models-data.ts'
import { covers, differences, type IgnoredKeys, registryView, rubinTvView } from './views.ts'

const data = loadModelsData()

/** What our registry has that RubinTV's YAML does not, on purpose. */
const INTENTIONAL_ADDITIONS = {
  locations: {
    local: 'Our loopback S3 bucket for one-machine runs (bucket rubintv, no profile, endpoint from S3_ENDPOINT_URL).',
  },
  cameras: {},
  channels: {},
} as const satisfies Record<'locations' | 'cameras' | 'channels', Record<string, string>>

/** YAML keys RubinTV reads (or ignores) that are not part of the contract, so are not compared. */
const IGNORED_KEYS: IgnoredKeys = {
  location: {
    logo: 'Presentation only (home-page tile image).',
    text_colour: 'Presentation only.',
    text_shadow: 'Presentation only.',
    services: 'Legacy heartbeat map; no current RubinTV page reads it (rubintv.md §2.3).',
  },
  camera: {
    logo: 'Presentation only.',
    text_colour: 'Presentation only.',
    online: 'Every camera is online in the snapshot; taking one offline is a RubinTV deployment switch.',
    icon: 'Typo on slac_lsstcam: not a RubinTV camera field, so RubinTV ignores it; dropped from our data.',
    night_report_prefix: 'On auxtel: not a RubinTV camera field, so RubinTV ignores it; dropped from our data.',
  },
  channel: {
    color: 'Typo of `colour` (RubinTV ignores it); our data has it as colour, see the colour differences.',
    prefix: 'On startracker_fast: not a RubinTV v2 channel field, and equal to the channel name; dropped.',
  },
}

/** Differences between RubinTV's YAML and our registry, by path (a path covers everything under it). */
const EXEMPTIONS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    Object.entries(INTENTIONAL_ADDITIONS.locations).map(([name, why]) => [`locations/${name}`, why]),
  ),
  'bucket_configurations/local':
    'A RubinTV run on a developer machine (site local) also shows our loopback location, first.',
  'cameras/lsstcam/channels/day_movie/colour': 'YAML spells it `color:`, which RubinTV drops; ours keeps the colour.',
  'cameras/comcam/channels/day_movie/colour': 'YAML spells it `color:`, which RubinTV drops; ours keeps the colour.',
  'cameras/comcam/channels/last_n_movie/colour': 'YAML spells it `color:`, which RubinTV drops; ours keeps the colour.',
  'cameras/ra_performance/copyRowTemplate':
    'YAML closes the data id one brace early (`{seqNum}}, "detector": 0}`); ours is balanced.',
  'metadataColumns/ts8': 'Keyed `ts8` in the YAML, which is no camera, so RubinTV never shows these defaults.',
  'metadataColumns/slac_ts8': 'The `ts8` defaults, attached to the camera they were meant for.',
  'metadataColumns/dream/Local time': "YAML leaves the description empty (null); ours is ''.",
  'metadataColumns/dream/UTC': "YAML leaves the description empty (null); ours is ''.",
}

const yamlCameras = data.cameras.map((camera) => camera.name)
const yamlChannels = data.cameras.flatMap((camera) =>
  camera.channels.map((channel) => `${camera.name}/${channel.name}`),
)

describe("RubinTV's models_data.yaml → our registry", () => {
  it('knows every location', () => {
    const unknown = data.locations.map((location) => location.name).filter((name) => !Location.is(name))
    expect(unknown).toEqual([])
  })

  it('knows every camera', () => {
    expect(yamlCameras.filter((name) => !Camera.is(name))).toEqual([])
  })

  it('knows every camera shown in a camera group', () => {
    const grouped = data.locations.flatMap((location) => Object.values(location.camera_groups).flat())
    expect(grouped.filter((name) => !Camera.is(name))).toEqual([])
  })

  it('knows every channel', () => {
    const unknown = yamlChannels.filter((path) => {
      const [camera = '', channel = ''] = path.split('/')
      return !Camera.is(camera) || findChannel(camera, channel) === undefined
    })
    expect(unknown).toEqual([])
  })

  it('knows the camera of every metadata-column entry, except the exempted ones', () => {
    const unknown = Object.keys(data.metadata_columns).filter((name) => !Camera.is(name))
    expect(unknown.filter((name) => !Object.hasOwn(EXEMPTIONS, `metadataColumns/${name}`))).toEqual([])
  })
})

describe("our registry → RubinTV's models_data.yaml", () => {
  it('adds only the intended locations', () => {
    const yaml = new Set(data.locations.map((location) => location.name))
    expect(Location.values.filter((name) => !yaml.has(name))).toEqual(Object.keys(INTENTIONAL_ADDITIONS.locations))
  })

  it('adds only the intended cameras', () => {
    const yaml = new Set(yamlCameras)
    expect(Camera.values.filter((name) => !yaml.has(name))).toEqual(Object.keys(INTENTIONAL_ADDITIONS.cameras))
  })

  it('adds only the intended channels', () => {
    const yaml = new Set(yamlChannels)
    const ours = CHANNELS.map((spec) => `${spec.camera}/${spec.name}`)
    expect(ours.filter((path) => !yaml.has(path))).toEqual(Object.keys(INTENTIONAL_ADDITIONS.channels))
  })
})

describe('field by field', () => {
  const diffs = differences(rubinTvView(data, IGNORED_KEYS), registryView())

  it('agrees on every compared value, except the exemptions', () => {
    const unexplained = diffs.filter((diff) => !Object.keys(EXEMPTIONS).some((path) => covers(path, diff.path)))
    expect(unexplained).toEqual([])
  })

  it('has no stale exemption: each one still explains a difference', () => {
    const stale = Object.keys(EXEMPTIONS).filter((path) => !diffs.some((diff) => covers(path, diff.path)))
    expect(stale).toEqual([])
  })

  it('ignores only keys the YAML actually has', () => {
    const present = {
      location: new Set(data.locations.flatMap((location) => Object.keys(location))),
      camera: new Set(data.cameras.flatMap((camera) => Object.keys(camera))),
      channel: new Set(data.cameras.flatMap((camera) => camera.channels.flatMap((channel) => Object.keys(channel)))),
    }
    const stale = (['location', 'camera', 'channel'] as const).flatMap((kind) =>
      Object.keys(IGNORED_KEYS[kind])
        .filter((key) => !present[kind].has(key))
        .map((key) => `${kind}.${key}`),
    )
    expect(stale).toEqual([])
  })

  it('compares the values that matter (a sample, so a broken view cannot pass silently)', () => {
    const yaml = rubinTvView(data, IGNORED_KEYS)
    expect(yaml.get('cameras/allsky/channels/stills/perDay')).toBe(true)
    expect(yaml.get('cameras/auxtel/channels/imexam/label')).toBe('ImAnalysis')
    expect(yaml.get('locations/summit-usdf/groups/Other Cameras')).toBe(
      'allsky, dream, startracker_narrow, startracker_wide, startracker_fast',
    )
    expect(yaml.get('metadataColumns/startracker_wide/MJD')).toBe('The MJD of the observation')
    expect(yaml.size).toBeGreaterThan(500)
    expect(registryView().size).toBeGreaterThan(500)
  })
})
