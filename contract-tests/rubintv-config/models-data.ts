// ----------------------------------------------------------------------------
// Typed loader for the RubinTV configuration fixture (models_data.yaml, a
// snapshot of lsst-ts/rubintv; see ../fixtures/rubintv/README.md). Every
// compatibility check in this folder reads RubinTV's configuration through it.
// Types follow the YAML as written (snake_case, RubinTV's optional keys); keys
// RubinTV's model ignores are still reachable through the index signatures, so
// the checks can notice them.
// ----------------------------------------------------------------------------
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

export const MODELS_DATA_PATH = new URL('../fixtures/rubintv/models_data.yaml', import.meta.url)

/** The lsst-ts/rubintv commit the fixture was copied from. */
export const MODELS_DATA_COMMIT = 'ac1cc3042340139e3e9f6ba754bc4f8a60f88983'

export interface YamlLocation {
  readonly name: string
  readonly title: string
  readonly profile_name: string
  readonly bucket_name: string
  readonly endpoint_url?: string
  readonly camera_groups: Readonly<Record<string, readonly string[]>>
  readonly is_teststand?: boolean
  readonly has_cluster_status?: boolean
  readonly services?: readonly string[]
  readonly [key: string]: unknown
}

export interface YamlChannel {
  readonly name: string
  readonly title: string
  readonly label?: string
  readonly per_day?: boolean
  readonly colour?: string
  readonly text_colour?: string
  readonly icon?: string
  readonly [key: string]: unknown
}

export interface YamlMosaicViewMeta {
  readonly channel: string
  readonly metaColumns: readonly string[]
  readonly mediaType?: 'image' | 'video'
}

export interface YamlExtraButton {
  readonly title: string
  readonly name: string
  readonly linkURL: string
  readonly logo?: string
  readonly text_colour?: string
  readonly [key: string]: unknown
}

export interface YamlCamera {
  readonly name: string
  readonly title: string
  readonly online?: boolean
  readonly metadata_from?: string
  readonly channels: readonly YamlChannel[]
  readonly night_report_label?: string
  readonly image_viewer_link?: string
  readonly copy_row_template?: string
  readonly mosaic_view_meta?: readonly YamlMosaicViewMeta[]
  readonly extra_buttons?: readonly YamlExtraButton[]
  readonly time_since_clock?: { readonly label: string }
  readonly [key: string]: unknown
}

/** One cluster-status stream: RubinTV reads Redis stream `stream:{key}` and shows it as `name`. */
export interface YamlRedisDetector {
  readonly key: string
  readonly name: string
}

/** One admin-page control menu: RubinTV writes the chosen item to Redis key `key`. */
export interface YamlAdminRedisMenu {
  readonly title: string
  readonly key: string
  readonly items: readonly string[]
}

export interface ModelsData {
  readonly bucket_configurations: Readonly<Record<string, readonly string[]>>
  readonly locations: readonly YamlLocation[]
  readonly cameras: readonly YamlCamera[]
  readonly services: Readonly<Record<string, unknown>>
  /** Camera name → column name → description (null where the YAML leaves it empty). */
  readonly metadata_columns: Readonly<Record<string, Readonly<Record<string, string | null>>>>
  readonly admin_for: Readonly<Record<string, readonly string[]>>
  readonly redis_detectors: readonly YamlRedisDetector[]
  readonly admin_redis_menus: readonly YamlAdminRedisMenu[]
}

const SECTIONS = {
  bucket_configurations: 'object',
  locations: 'array',
  cameras: 'array',
  services: 'object',
  metadata_columns: 'object',
  admin_for: 'object',
  redis_detectors: 'array',
  admin_redis_menus: 'array',
} as const satisfies Record<keyof ModelsData, 'object' | 'array'>

/** The YAML's top-level sections this loader types. */
export const MODELS_DATA_SECTIONS = Object.keys(SECTIONS) as (keyof ModelsData)[]

function kind(value: unknown): string {
  if (Array.isArray(value)) return 'array'
  return value === null ? 'null' : typeof value
}

/**
 * Parse the fixture (or other YAML text in the same format). Checks the shape of
 * each top-level section only; the checks that use a section look deeper. A
 * fixture that is not RubinTV's format is a broken test setup, so this throws.
 */
export function loadModelsData(text: string = readFileSync(MODELS_DATA_PATH, 'utf8')): ModelsData {
  const data: unknown = parse(text)
  if (kind(data) !== 'object') throw new Error(`models_data.yaml: expected a mapping, got ${kind(data)}`)
  const sections = data as Record<string, unknown>
  for (const [section, expected] of Object.entries(SECTIONS)) {
    const actual = kind(sections[section])
    if (actual !== expected) throw new Error(`models_data.yaml: '${section}' should be an ${expected}, got ${actual}`)
  }
  return data as ModelsData
}
