// ----------------------------------------------------------------------------
// Where Rapid Analysis writes, per RA site (ra_framework.md §8.1). RA picks its
// buckets by the site it runs at, not by RubinTV location: it writes the site's
// own bucket and, where there is one, mirrors to the USDF copy of it. Bucket and
// profile come from LOCATIONS so each triple is declared once; RA names an
// endpoint only where RubinTV leaves it to S3_ENDPOINT_URL.
// ----------------------------------------------------------------------------
import { defineIdentifiers } from '../internal/identifier-set.ts'
import { type EndpointSpec, LOCATIONS, type Location } from './locations.ts'

export const RaSite = defineIdentifiers({
  name: 'RaSite',
  description: 'Where Rapid Analysis runs; selects the buckets it writes.',
  values: ['summit', 'base', 'tucson', 'usdf-k8s', 'rubin-devl', 'staff-rsp', 'local'],
  docs: {
    summit: 'The summit cluster.',
    base: 'The Base test stand (BTS).',
    tucson: 'The Tucson test stand (TTS).',
    'usdf-k8s': 'The USDF Kubernetes cluster (nightly validation).',
    'rubin-devl': 'The USDF interactive development nodes.',
    'staff-rsp': 'The staff Rubin Science Platform at USDF.',
    local: 'One machine with a loopback S3 server (ours; not in RA).',
  },
  aliases: { bts: 'base', tts: 'tucson' },
})
export type RaSite = (typeof RaSite.values)[number]

export interface S3Target {
  /** The RubinTV location that shows this bucket. */
  readonly location: Location
  readonly bucket: string
  readonly profile: string | null
  readonly endpoint: EndpointSpec
}

export interface RemoteS3Target extends S3Target {
  /** HTTP proxy for the upload (the on-site squid). */
  readonly proxy?: string
  /** Whether RA must have this mirror to start (summit); elsewhere remote failures are only logged. */
  readonly required: boolean
}

export interface RaSiteS3 {
  readonly local: S3Target
  /** The USDF mirror, uploaded after the local write; null where RA writes only one bucket. */
  readonly remote: RemoteS3Target | null
}

const SQUID_PROXY = 'http://squid-service:3128/'

function target(location: Location, endpoint?: EndpointSpec): S3Target {
  const spec = LOCATIONS[location]
  return { location, bucket: spec.bucket, profile: spec.profile, endpoint: endpoint ?? spec.endpoint }
}

function remote(location: Location, options: { proxy?: string; required: boolean }): RemoteS3Target {
  return { ...target(location), ...options }
}

// RA writes the USDF endpoint with a trailing slash (https://sdfembs3.sdf.slac.stanford.edu/);
// it is the same endpoint RubinTV names without one, so the location's value is used.
const USDF: RaSiteS3 = { local: target('usdf'), remote: null }

export const RA_SITE_S3 = {
  // At the summit RA also sets 0 retries and 10 s connect/read timeouts on the mirror client.
  summit: {
    local: target('summit', { url: 'https://s3.rubintv.cp.lsst.org' }),
    remote: remote('summit-usdf', { proxy: SQUID_PROXY, required: true }),
  },
  base: {
    local: target('base', { url: 'https://s3.rubintv.ls.lsst.org' }),
    remote: remote('base-usdf', { proxy: SQUID_PROXY, required: false }),
  },
  tucson: {
    local: target('tucson', { url: 'https://s3.rubintv.tu.lsst.org' }),
    remote: remote('tucson-usdf', { required: false }),
  },
  'usdf-k8s': USDF,
  'rubin-devl': USDF,
  'staff-rsp': USDF,
  local: { local: target('local'), remote: null },
} as const satisfies { readonly [S in RaSite]: RaSiteS3 }
