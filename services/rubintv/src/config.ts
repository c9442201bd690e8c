// ----------------------------------------------------------------------------
// Configuration from the environment (validated at start, named errors) and the
// pieces derived from it: which locations this server shows, each location's
// bucket and endpoint (from the contract's registry unless overridden), and who
// is an admin where.
// ----------------------------------------------------------------------------
import { LOCATIONS, Location, S3_ENDPOINT_ENV } from '@rubin/ra-contract'
import { ConfigError, S3Config } from '@rubin/ra-runtime'
import { type Static, Type } from '@sinclair/typebox'

export const RubinTvConfig = Type.Object({
  RUBINTV_LOCATIONS: Type.String({
    default: 'local',
    description: 'comma-separated contract locations this server shows, in display order (e.g. local,summit)',
  }),
  RUBINTV_PORT: Type.Integer({ default: 8080, minimum: 0, maximum: 65535, description: 'web port; 0 picks one' }),
  RUBINTV_HOST: Type.String({ default: '127.0.0.1', description: 'address the web server listens on' }),
  RUBINTV_USER_HEADER: Type.String({
    default: 'x-auth-request-user',
    description: 'request header the auth proxy (Gafaelfawr) sets to the authenticated user',
  }),
  RUBINTV_ADMINS: Type.String({
    default: '',
    description: 'admins: "alice,bob" for every location, or JSON {"summit":["alice"],"local":["*"]}',
  }),
  RUBINTV_BUCKETS: Type.String({
    default: '',
    description: 'bucket overrides, "location=bucket,..." (default: the contract registry’s bucket)',
  }),
  // The runtime's S3 settings (RA_S3_ENDPOINT, _REGION, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY); buckets
  // come per location from the registry (RUBINTV_BUCKETS overrides), so RA_S3_BUCKET is not read.
  ...S3Config.properties,
  [S3_ENDPOINT_ENV]: Type.String({
    default: '',
    description: 'S3 endpoint for locations that take it from the env (today’s RubinTV name)',
  }),
  RUBINTV_RECONCILE_MS: Type.Integer({
    default: 10_000,
    minimum: 100,
    description: 'how often the current day of every camera is listed in S3 (safety net for un-notified products)',
  }),
  RUBINTV_NOTIFICATIONS: Type.Boolean({
    default: true,
    description: 'read ObjectWritten notifications; false = listing only (today’s RubinTV, for comparisons)',
  }),
  RUBINTV_MAX_PAST_DAYS: Type.Integer({
    default: 300,
    minimum: 1,
    description: 'past camera-days kept in memory (least recently viewed dropped first; listed again on demand)',
  }),
  RUBINTV_LIST_CONCURRENCY: Type.Integer({ default: 8, minimum: 1, description: 'cameras listed in parallel' }),
  RUBINTV_ADMIN_RATE_PER_MIN: Type.Integer({ default: 30, minimum: 1, description: 'admin writes per user a minute' }),
})
export type RubinTvConfig = Static<typeof RubinTvConfig>

export interface LocationTarget {
  readonly location: Location
  readonly bucket: string
  /** Undefined: the SDK default (AWS). */
  readonly endpoint: string | undefined
}

function fail(problem: string): never {
  throw new ConfigError('rubintv', [problem])
}

export function servedLocations(config: RubinTvConfig): Location[] {
  const names = config.RUBINTV_LOCATIONS.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  const out: Location[] = []
  for (const name of names) {
    const parsed = Location.parse(name)
    if (!parsed.ok) fail(`RUBINTV_LOCATIONS: '${name}' is not a location; use: ${Location.values.join(', ')}`)
    if (!out.includes(parsed.value)) out.push(parsed.value)
  }
  if (out.length === 0) fail('RUBINTV_LOCATIONS: name at least one location')
  return out
}

function bucketOverrides(config: RubinTvConfig): Map<Location, string> {
  const out = new Map<Location, string>()
  for (const pair of config.RUBINTV_BUCKETS.split(',').filter((s) => s.trim() !== '')) {
    const [name = '', bucket = ''] = pair.split('=').map((s) => s.trim())
    const parsed = Location.parse(name)
    if (!parsed.ok || bucket === '') fail(`RUBINTV_BUCKETS: '${pair}' must be location=bucket`)
    out.set(parsed.value, bucket)
  }
  return out
}

/**
 * Endpoint of a location: RA_S3_ENDPOINT when set (one S3 for every location: a one-machine run,
 * a benchmark, a site's own Ceph), else the registry's fixed URL, else S3_ENDPOINT_URL (the
 * locations that take it from the environment), else the registry's fallback.
 */
export function locationTargets(config: RubinTvConfig): LocationTarget[] {
  const overrides = bucketOverrides(config)
  return servedLocations(config).map((location) => {
    const spec = LOCATIONS[location]
    const fromRegistry =
      'url' in spec.endpoint
        ? spec.endpoint.url
        : config[S3_ENDPOINT_ENV] || ('default' in spec.endpoint ? spec.endpoint.default : undefined)
    const endpoint = config.RA_S3_ENDPOINT || fromRegistry
    return { location, bucket: overrides.get(location) ?? spec.bucket, endpoint }
  })
}

/** location → admin user names ('*' = anyone authenticated). */
export function adminLists(config: RubinTvConfig, locations: readonly Location[]): Map<Location, readonly string[]> {
  const text = config.RUBINTV_ADMINS.trim()
  const out = new Map<Location, readonly string[]>()
  if (text.startsWith('{')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      fail(`RUBINTV_ADMINS: not valid JSON (${(error as Error).message})`)
    }
    for (const [name, users] of Object.entries(parsed as Record<string, unknown>)) {
      const loc = Location.parse(name)
      if (!loc.ok) fail(`RUBINTV_ADMINS: '${name}' is not a location`)
      if (!Array.isArray(users) || users.some((u) => typeof u !== 'string')) {
        fail(`RUBINTV_ADMINS: the admins of '${name}' must be a list of user names`)
      }
      out.set(loc.value, users as string[])
    }
    return out
  }
  const users = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  for (const location of locations) out.set(location, users)
  return out
}
