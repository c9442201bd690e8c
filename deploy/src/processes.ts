// ----------------------------------------------------------------------------
// What runs at a site: one entry per workload, with the contract service it is,
// the entry script, its environment (only names the service's config reads;
// secrets by reference), and the backends it talks to (which drive the network
// policies). Per instrument: watcher, head node, cluster manager, worker sets.
// Per instrument also snowflakes. Per site: metadata server, ConsDB writer
// (where RA writes ConsDB), RubinTV.
// ----------------------------------------------------------------------------
import { type Instrument, locationsFor, RA_SITE_S3, S3_ENDPOINT_ENV, type Service } from '@rubin/ra-contract'
import { type EnvVar, HTTP_PORT, secretRef, WEB_PORT } from './k8s.ts'
import type { InstrumentDeployment, Resources, SiteSpec } from './model.ts'
import { redisUrl } from './redis.ts'
import { type StatefulWorkerSet, workerSets } from './worker-sets.ts'

export type Backend = 'redis' | 's3' | 'postgres'

export interface Workload {
  /** Kubernetes name (unique in the namespace). */
  readonly name: string
  readonly service: Service
  readonly instrument: Instrument | undefined
  /** Entry script, relative to the repository root (the image's working directory). */
  readonly entry: string
  readonly env: readonly EnvVar[]
  readonly backends: readonly Backend[]
  readonly resources: Resources
  readonly replicas: number
  /** Deployments: Recreate for single consumers (never two at once). */
  readonly strategy: 'Recreate' | 'RollingUpdate'
  /** Set for worker StatefulSets. */
  readonly workerSet?: StatefulWorkerSet
  /** Mount the raw data claim read-only at RAW_ROOT. */
  readonly rawVolume?: string
  /**
   * Where products S3 refused wait (RA_PRODUCT_SPOOL_DIR at SPOOL_DIR): a per-pod emptyDir (a
   * worker's survives its container restarting), or a claim that outlives the pod (a StatefulSet of 1).
   */
  readonly spool?: SpoolVolume
  /** Extra ingress: the object store's notifications (watcher), the ingress controller (RubinTV). */
  readonly ingressFrom?: 'notifier' | 'ingress-controller'
}

export type SpoolVolume =
  | { readonly kind: 'emptyDir'; readonly sizeLimit: string }
  | { readonly kind: 'claim'; readonly storage: string; readonly storageClass?: string }

export const RAW_ROOT = '/data/raw'
/** Mount point of the product spool (outside /tmp, so scratch files never fill it). */
export const SPOOL_DIR = '/var/spool/ra'
/** Interpolation only: Kubernetes expands $(RA_REDIS_PASSWORD) into RA_REDIS_URL; no service reads it. */
export const REDIS_PASSWORD_ENV = 'RA_REDIS_PASSWORD'
/** Interpolation only, into RA_CONSDB_URL (the Secret's values must be URL-safe). */
export const CONSDB_USER_ENV = 'RA_CONSDB_USER'
export const CONSDB_PASSWORD_ENV = 'RA_CONSDB_PASSWORD'
/** Variables set only to be expanded into another one by Kubernetes (`$(NAME)`). */
export const INTERPOLATION_ONLY: readonly string[] = [REDIS_PASSWORD_ENV, CONSDB_USER_ENV, CONSDB_PASSWORD_ENV]

const entry = (folder: string, script = 'main.ts') => `services/${folder}/src/${script}`

function common(site: SiteSpec, service: Service): EnvVar[] {
  return [
    secretRef(REDIS_PASSWORD_ENV, site.redis.usersSecret, service),
    { name: 'RA_REDIS_URL', value: redisUrl(service, site.namespace) },
    { name: 'RA_HTTP_PORT', value: String(HTTP_PORT) },
    { name: 'RA_HTTP_HOST', value: '0.0.0.0' },
    { name: 'RA_LOG_LEVEL', value: 'info' },
  ]
}

/** The runtime's S3Config: endpoint, keys (Secret), and the bucket RA writes at this site. */
function s3Env(site: SiteSpec): EnvVar[] {
  return [
    { name: 'RA_S3_ENDPOINT', value: site.s3.url },
    secretRef('RA_S3_ACCESS_KEY_ID', site.s3.credentialsSecret, 'access-key-id'),
    secretRef('RA_S3_SECRET_ACCESS_KEY', site.s3.credentialsSecret, 'secret-access-key'),
    { name: 'RA_S3_BUCKET', value: RA_SITE_S3[site.raSite].local.bucket },
  ]
}

/** The worker's RA_PIPELINES key for every payload not named (its ANY_PIPELINE; the tests parse ours with its parser). */
const ANY_PIPELINE = '*'

/** The product spool: RA_PRODUCT_SPOOL_DIR names the mounted volume. */
const spoolEnv: EnvVar = { name: 'RA_PRODUCT_SPOOL_DIR', value: SPOOL_DIR }

/** RA_PIPELINES, the raws and S3 for the workers, or the test pipeline's duration. */
function workerPipelineEnv(site: SiteSpec, deployment: InstrumentDeployment | undefined): EnvVar[] {
  const p = site.workerPipelines
  if (p.kind === 'test') return [{ name: 'RA_TEST_PIPELINE_MS', value: String(p.sleepMs) }]
  const witness = deployment?.witnessDetector
  return [
    // Every flavour: step1a, step1b, the mosaic and the one-offs are all routed inside the quicklook kind.
    { name: 'RA_PIPELINES', value: JSON.stringify({ [ANY_PIPELINE]: { kind: 'quicklook' } }) },
    { name: 'RA_RAW_URI', value: p.rawUri },
    ...s3Env(site),
    spoolEnv,
    ...(witness === undefined ? [] : [{ name: 'RA_WITNESS_DETECTOR', value: String(witness) }]),
  ]
}

/** RA_CONSDB_URL with the credentials expanded from the Secret by Kubernetes. */
function postgresEnv(site: SiteSpec): EnvVar[] {
  const db = site.consdb
  if (!db) return []
  return [
    secretRef(CONSDB_USER_ENV, db.credentialsSecret, 'username'),
    secretRef(CONSDB_PASSWORD_ENV, db.credentialsSecret, 'password'),
    {
      name: 'RA_CONSDB_URL',
      value: `postgresql://$(${CONSDB_USER_ENV}):$(${CONSDB_PASSWORD_ENV})@${db.host}:${db.port}/${db.database}`,
    },
    // At the sites ConsDB owns its cdb_* schemas; only a developer database is created by us.
    { name: 'RA_CONSDB_MIGRATE', value: String(site.name === 'local') },
  ]
}

function perInstrument(site: SiteSpec, instrument: Instrument): Workload[] {
  const slug = instrument.toLowerCase()
  const base = (service: Service, folder: string, env: EnvVar[], extra: Partial<Workload> = {}): Workload => ({
    name: `${service}-${slug}`,
    service,
    instrument,
    entry: entry(folder),
    env: [...common(site, service), { name: 'RA_INSTRUMENT', value: instrument }, ...env],
    backends: ['redis'],
    resources: site.serviceResources,
    replicas: 1,
    strategy: 'Recreate',
    ...extra,
  })
  const deployment = site.instruments.find((i) => i.instrument === instrument)
  const workers = (deployment?.workerSets ?? []).flatMap((spec) => workerSets(instrument, spec))
  const quicklook = site.workerPipelines.kind === 'quicklook'
  const sf = site.snowflakes
  return [
    base(
      'watcher',
      'watcher',
      site.rawVolumeClaim
        ? [{ name: 'RA_RAW_ROOT', value: RAW_ROOT }]
        : [
            { name: 'RA_WEBHOOK', value: 'false' },
            { name: 'RA_POLL_INTERVAL_S', value: '0' },
          ],
      site.rawVolumeClaim ? { rawVolume: site.rawVolumeClaim, ingressFrom: 'notifier' } : {},
    ),
    base('head-node', 'head-node', []),
    base('cluster-manager', 'cluster-manager', [
      { name: 'RA_CLUSTER_STATUS', value: String(site.clusterStatusInstrument === instrument) },
    ]),
    // A StatefulSet of 1 with a claim: products spooled through an S3 outage survive a pod restart.
    base(
      'snowflakes',
      'snowflakes',
      [...s3Env(site), spoolEnv, { name: 'RA_DAY_MOVIE_AT', value: deployment?.dayMovieAt ?? '' }],
      {
        backends: ['redis', 's3'],
        resources: sf.resources,
        spool: {
          kind: 'claim',
          storage: sf.spoolStorage,
          ...(sf.storageClass ? { storageClass: sf.storageClass } : {}),
        },
      },
    ),
    ...workers.map(
      (set): Workload => ({
        name: set.name,
        service: set.service,
        instrument,
        entry: entry('worker'),
        env: [
          ...common(site, set.service),
          { name: 'RA_INSTRUMENT', value: instrument },
          { name: 'RA_WORKER_FLAVOUR', value: set.flavour },
          // The pod name ends in the StatefulSet ordinal: the worker derives depth and detector from it.
          { name: 'WORKER_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          ...workerPipelineEnv(site, deployment),
        ],
        backends: quicklook ? ['redis', 's3'] : ['redis'],
        resources: set.resources,
        replicas: set.replicas,
        strategy: 'RollingUpdate',
        workerSet: set,
        ...(site.workerPipelines.kind === 'quicklook'
          ? { spool: { kind: 'emptyDir', sizeLimit: site.workerPipelines.spoolSizeLimit } }
          : {}),
      }),
    ),
  ]
}

export function rubintvLocations(site: SiteSpec): readonly string[] {
  // A developer cluster shows its own bucket only: the USDF mirrors need USDF credentials.
  return site.name === 'local' ? ['local'] : locationsFor(site.rubintvSite)
}

function perSite(site: SiteSpec): Workload[] {
  const single = (service: Service, env: EnvVar[], backends: Backend[]): Workload => ({
    name: service,
    service,
    instrument: undefined,
    entry: entry(service),
    env: [...common(site, service), ...env],
    backends: ['redis', ...backends],
    resources: site.serviceResources,
    replicas: 1,
    strategy: 'Recreate',
  })
  const out = [single('metadata-server', s3Env(site), ['s3'])]
  if (site.consdbWriter && site.consdb) out.push(single('consdb-writer', postgresEnv(site), ['postgres']))
  const tv = site.rubintv
  out.push({
    name: 'rubintv',
    service: 'rubintv',
    instrument: undefined,
    entry: entry('rubintv'),
    env: [
      // The runtime's status server (probes, metrics) on RA_HTTP_PORT; the web app on RUBINTV_PORT.
      ...common(site, 'rubintv'),
      { name: 'RUBINTV_PORT', value: String(WEB_PORT) },
      { name: 'RUBINTV_HOST', value: '0.0.0.0' },
      { name: 'RUBINTV_LOCATIONS', value: rubintvLocations(site).join(',') },
      { name: 'RUBINTV_ADMINS', value: tv.admins },
      // S3_ENDPOINT_URL only: RA_S3_ENDPOINT would send every location, the USDF mirrors with fixed
      // contract endpoints too, to this site's S3. RA_S3_BUCKET is not read (buckets come per location).
      { name: S3_ENDPOINT_ENV, value: site.s3.url },
      secretRef('RA_S3_ACCESS_KEY_ID', site.s3.credentialsSecret, 'access-key-id'),
      secretRef('RA_S3_SECRET_ACCESS_KEY', site.s3.credentialsSecret, 'secret-access-key'),
    ],
    backends: ['redis', 's3'],
    resources: tv.resources,
    replicas: tv.replicas,
    strategy: 'RollingUpdate',
    ingressFrom: 'ingress-controller',
  })
  return out
}

export function workloads(site: SiteSpec): Workload[] {
  return [...site.instruments.flatMap((i) => perInstrument(site, i.instrument)), ...perSite(site)]
}

/** The Redis users of a site: every service deployed, plus the operators' `./ra` (ra-cli). */
export function redisUsers(site: SiteSpec): Service[] {
  const users = new Set<Service>(workloads(site).map((w) => w.service))
  users.add('ra-cli')
  return [...users].sort()
}
