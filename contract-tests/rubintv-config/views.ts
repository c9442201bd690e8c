// ----------------------------------------------------------------------------
// Flat views of RubinTV's configuration and of our registry in one vocabulary
// (path → value), so they can be compared field by field and every difference
// named by its path. RubinTV's model defaults are applied to the YAML side, as
// RubinTV applies them; nothing else is normalised, so every fix we made to
// RubinTV's data shows up as a difference that the test must explain.
// ----------------------------------------------------------------------------
import {
  BUCKET_CONFIGURATIONS,
  Camera,
  type CameraSpec,
  cameraSpec,
  channelsOf,
  type EndpointSpec,
  LOCATIONS,
  Location,
  metadataColumnsOf,
  RubinTvSite,
} from '@rubin/ra-contract'
import type { ModelsData, YamlCamera, YamlChannel, YamlLocation } from './models-data.ts'

export type Value = string | boolean | null
export type View = ReadonlyMap<string, Value>

/** YAML keys the comparison skips, by the kind of object they sit on, each with the reason. */
export interface IgnoredKeys {
  readonly location: Readonly<Record<string, string>>
  readonly camera: Readonly<Record<string, string>>
  readonly channel: Readonly<Record<string, string>>
}

/** RubinTV v2 model defaults (rubintv.md §2.4), applied where the YAML leaves a field out. */
const RUBINTV_DEFAULT_NIGHT_REPORT_LABEL = "Night's Evolution"

const list = (items: readonly string[]): string => items.join(', ')

class ViewBuilder {
  readonly view = new Map<string, Value>()
  set(path: string, value: Value | undefined): void {
    if (value !== undefined) this.view.set(path, value)
  }
  /** Records keys neither compared nor ignored, so a new RubinTV field fails the comparison. */
  unknownKeys(path: string, object: object, mapped: readonly string[], ignored: Readonly<Record<string, string>>) {
    for (const [key, value] of Object.entries(object)) {
      if (!mapped.includes(key) && !Object.hasOwn(ignored, key)) this.view.set(`${path}/?${key}`, JSON.stringify(value))
    }
  }
}

function endpointText(endpoint: EndpointSpec): string {
  if ('url' in endpoint) return endpoint.url
  return endpoint.default === undefined
    ? `from ${endpoint.fromEnv}`
    : `from ${endpoint.fromEnv} (default ${endpoint.default})`
}

const LOCATION_KEYS = [
  'name',
  'title',
  'bucket_name',
  'profile_name',
  'endpoint_url',
  'camera_groups',
  'is_teststand',
  'has_cluster_status',
]
const CAMERA_KEYS = [
  'name',
  'title',
  'metadata_from',
  'channels',
  'night_report_label',
  'image_viewer_link',
  'copy_row_template',
  'mosaic_view_meta',
  'extra_buttons',
  'time_since_clock',
]
const CHANNEL_KEYS = ['name', 'title', 'label', 'per_day', 'colour', 'text_colour', 'icon']

function yamlLocation(out: ViewBuilder, location: YamlLocation, ignored: IgnoredKeys): void {
  const at = `locations/${location.name}`
  out.set(`${at}/title`, location.title)
  out.set(`${at}/bucket`, location.bucket_name)
  out.set(`${at}/profile`, location.profile_name)
  out.set(`${at}/endpoint`, location.endpoint_url ?? 'from S3_ENDPOINT_URL')
  out.set(`${at}/isTeststand`, location.is_teststand ?? false)
  out.set(`${at}/hasClusterStatus`, location.has_cluster_status ?? false)
  out.set(`${at}/groups`, list(Object.keys(location.camera_groups)))
  for (const [title, cameras] of Object.entries(location.camera_groups)) out.set(`${at}/groups/${title}`, list(cameras))
  out.unknownKeys(at, location, LOCATION_KEYS, ignored.location)
}

function yamlChannel(out: ViewBuilder, at: string, channel: YamlChannel, ignored: IgnoredKeys): void {
  out.set(`${at}/title`, channel.title)
  out.set(`${at}/label`, channel.label)
  out.set(`${at}/perDay`, channel.per_day ?? false)
  out.set(`${at}/colour`, channel.colour)
  out.set(`${at}/textColour`, channel.text_colour)
  out.set(`${at}/icon`, channel.icon)
  out.unknownKeys(at, channel, CHANNEL_KEYS, ignored.channel)
}

function yamlCamera(out: ViewBuilder, camera: YamlCamera, ignored: IgnoredKeys): void {
  const at = `cameras/${camera.name}`
  out.set(`${at}/title`, camera.title)
  out.set(`${at}/metadataFrom`, camera.metadata_from)
  out.set(`${at}/nightReportLabel`, camera.night_report_label ?? RUBINTV_DEFAULT_NIGHT_REPORT_LABEL)
  out.set(`${at}/imageViewerLink`, camera.image_viewer_link)
  out.set(`${at}/copyRowTemplate`, camera.copy_row_template)
  out.set(`${at}/timeSinceClockLabel`, camera.time_since_clock?.label)
  out.set(`${at}/channels`, list(camera.channels.map((channel) => channel.name)))
  for (const channel of camera.channels) yamlChannel(out, `${at}/channels/${channel.name}`, channel, ignored)
  const tiles = camera.mosaic_view_meta ?? []
  if (tiles.length > 0) out.set(`${at}/mosaicView`, list(tiles.map((tile) => tile.channel)))
  for (const tile of tiles) {
    out.set(`${at}/mosaicView/${tile.channel}/metaColumns`, tile.metaColumns.join(' | '))
    out.set(`${at}/mosaicView/${tile.channel}/mediaType`, tile.mediaType ?? 'image')
  }
  const buttons = camera.extra_buttons ?? []
  if (buttons.length > 0) out.set(`${at}/extraButtons`, list(buttons.map((button) => button.name)))
  for (const button of buttons) {
    out.set(`${at}/extraButtons/${button.name}/title`, button.title)
    out.set(`${at}/extraButtons/${button.name}/linkUrl`, button.linkURL)
    out.set(`${at}/extraButtons/${button.name}/logo`, button.logo)
    out.set(`${at}/extraButtons/${button.name}/textColour`, button.text_colour)
  }
  out.unknownKeys(at, camera, CAMERA_KEYS, ignored.camera)
}

/** RubinTV's configuration, as RubinTV reads it. */
export function rubinTvView(data: ModelsData, ignored: IgnoredKeys): View {
  const out = new ViewBuilder()
  for (const [site, locations] of Object.entries(data.bucket_configurations)) {
    out.set(`bucket_configurations/${site}`, list(locations))
  }
  for (const location of data.locations) yamlLocation(out, location, ignored)
  for (const camera of data.cameras) yamlCamera(out, camera, ignored)
  for (const [camera, columns] of Object.entries(data.metadata_columns)) {
    out.set(`metadataColumns/${camera}`, Object.keys(columns).join(' | '))
    for (const [name, description] of Object.entries(columns)) out.set(`metadataColumns/${camera}/${name}`, description)
  }
  return out.view
}

function registryCamera(out: ViewBuilder, spec: CameraSpec): void {
  const at = `cameras/${spec.name}`
  out.set(`${at}/title`, spec.title)
  out.set(`${at}/metadataFrom`, spec.metadataFrom)
  out.set(`${at}/nightReportLabel`, spec.nightReportLabel)
  out.set(`${at}/imageViewerLink`, spec.imageViewerLink)
  out.set(`${at}/copyRowTemplate`, spec.copyRowTemplate)
  out.set(`${at}/timeSinceClockLabel`, spec.timeSinceClockLabel)
  const channels = channelsOf(spec.name)
  out.set(`${at}/channels`, list(channels.map((channel) => channel.name)))
  for (const channel of channels) {
    const path = `${at}/channels/${channel.name}`
    out.set(`${path}/title`, channel.title)
    out.set(`${path}/label`, channel.label)
    out.set(`${path}/perDay`, channel.perDay)
    out.set(`${path}/colour`, channel.colour)
    out.set(`${path}/textColour`, channel.textColour)
    out.set(`${path}/icon`, channel.icon)
  }
  if (spec.mosaicView.length > 0) out.set(`${at}/mosaicView`, list(spec.mosaicView.map((tile) => tile.channel)))
  for (const tile of spec.mosaicView) {
    out.set(`${at}/mosaicView/${tile.channel}/metaColumns`, tile.metaColumns.join(' | '))
    // The tile's media type is its channel's: declared once, on the channel.
    out.set(`${at}/mosaicView/${tile.channel}/mediaType`, channels.find((c) => c.name === tile.channel)?.mediaType)
  }
  if (spec.extraButtons.length > 0) out.set(`${at}/extraButtons`, list(spec.extraButtons.map((button) => button.name)))
  for (const button of spec.extraButtons) {
    out.set(`${at}/extraButtons/${button.name}/title`, button.title)
    out.set(`${at}/extraButtons/${button.name}/linkUrl`, button.linkUrl)
    out.set(`${at}/extraButtons/${button.name}/logo`, button.logo)
    out.set(`${at}/extraButtons/${button.name}/textColour`, button.textColour)
  }
}

/** Our registry, in the same vocabulary. */
export function registryView(): View {
  const out = new ViewBuilder()
  for (const site of RubinTvSite.values) out.set(`bucket_configurations/${site}`, list(BUCKET_CONFIGURATIONS[site]))
  for (const name of Location.values) {
    const spec = LOCATIONS[name]
    const at = `locations/${name}`
    out.set(`${at}/title`, spec.title)
    out.set(`${at}/bucket`, spec.bucket)
    out.set(`${at}/profile`, spec.profile)
    out.set(`${at}/endpoint`, endpointText(spec.endpoint))
    out.set(`${at}/isTeststand`, spec.isTeststand)
    out.set(`${at}/hasClusterStatus`, spec.hasClusterStatus)
    out.set(`${at}/groups`, list(spec.cameraGroups.map((group) => group.title)))
    for (const group of spec.cameraGroups) out.set(`${at}/groups/${group.title}`, list(group.cameras))
  }
  for (const camera of Camera.values) registryCamera(out, cameraSpec(camera))
  for (const camera of Camera.values) {
    const columns = metadataColumnsOf(camera)
    // RubinTV has no entry at all for a camera without defaults; neither do we.
    if (columns.length === 0) continue
    out.set(`metadataColumns/${camera}`, columns.map((column) => column.name).join(' | '))
    for (const column of columns) out.set(`metadataColumns/${camera}/${column.name}`, column.description)
  }
  return out.view
}

export interface Difference {
  readonly path: string
  readonly rubinTv: Value | undefined
  readonly ours: Value | undefined
}

/** Every path whose value differs, including paths only one side has. */
export function differences(rubinTv: View, ours: View): readonly Difference[] {
  const paths = [...new Set([...rubinTv.keys(), ...ours.keys()])].sort()
  return paths
    .map((path) => ({ path, rubinTv: rubinTv.get(path), ours: ours.get(path) }))
    .filter((diff) => diff.rubinTv !== diff.ours)
}

/** Whether an exemption path covers a difference: the same path or one of its ancestors. */
export function covers(exemption: string, path: string): boolean {
  return path === exemption || path.startsWith(`${exemption}/`)
}
