// ----------------------------------------------------------------------------
// Per-site values. Everything here is a site fact an operator may change; the
// contract decides the rest (key names, bucket names, which cameras a location
// shows, worker identities). Addresses marked PLACEHOLDER are documentation
// ranges (RFC 5737): replace them with the site's real ones before the first
// sync, or the network policies let nothing through.
// ----------------------------------------------------------------------------
import type { DeploySite, InstrumentDeployment, Resources, SiteSpec, WorkerPipelines, WorkerSetSpec } from './model.ts'

/** The repository ArgoCD syncs from. */
export const REPO_URL = 'https://github.com/lsst-sitcom/rapid-analysis-ts.git'

const size = (cpu: string, memory: string, cpuLimit = cpu, memoryLimit = memory): Resources => ({
  requests: { cpu, memory },
  limits: { cpu: cpuLimit, memory: memoryLimit },
})

// One 4k×4k CCD in float32 is 64 MiB; ISR-lite keeps a few copies plus binned products.
const SIZES = {
  tiny: size('50m', '128Mi', '500m', '256Mi'),
  // 200-odd idle workers on one developer machine: ~2 cores and ~13 GiB requested in all.
  devWorker: size('10m', '64Mi', '500m', '256Mi'),
  service: size('250m', '256Mi', '1', '512Mi'),
  sfm: size('1', '2Gi', '2', '3Gi'),
  visit: size('2', '4Gi', '4', '8Gi'),
  redis: size('1', '4Gi', '2', '8Gi'),
  web: size('500m', '512Mi', '2', '1Gi'),
  // A day movie is ffmpeg over a night of focal-plane JPEGs.
  snowflakes: size('250m', '512Mi', '2', '2Gi'),
} as const satisfies Record<string, Resources>

// After dawn and before day_obs rolls over at 12:00 UTC, so the movie is of the night just ended.
const DAY_MOVIE_AT = '11:30'

/** LSSTCam as today's summit runs it (ra_framework §3.1, §4.4), plus the mosaic worker the head node queues. */
function lsstcam(sfmDepths: number, aosDepths: number, sizes: { perDetector: Resources; visit: Resources }) {
  return {
    instrument: 'LSSTCam',
    workerSets: [
      { flavour: 'SFM_WORKER', depths: sfmDepths, resources: sizes.perDetector },
      { flavour: 'AOS_WORKER', depths: aosDepths, resources: sizes.perDetector },
      { flavour: 'STEP1B_WORKER', replicas: 2, resources: sizes.visit },
      { flavour: 'STEP1B_AOS_WORKER', replicas: 1, resources: sizes.visit },
      { flavour: 'BACKLOG_WORKER', replicas: 4, resources: sizes.perDetector },
      { flavour: 'ONE_OFF_EXPRECORD_WORKER', replicas: 1, resources: sizes.perDetector },
      { flavour: 'GUIDER_WORKER', replicas: 1, resources: sizes.perDetector },
      // The head node queues MOSAIC_POST_ISR here with each SFM step1b (no MOSAIC_WORKER: no mosaic).
      { flavour: 'MOSAIC_WORKER', replicas: 1, resources: sizes.visit },
    ],
    dayMovieAt: DAY_MOVIE_AT,
  } as const satisfies InstrumentDeployment
}

const SMALL_INSTRUMENT_SETS = (sfmDepths: number, resources: Resources): readonly WorkerSetSpec[] => [
  { flavour: 'SFM_WORKER', depths: sfmDepths, resources },
  { flavour: 'STEP1B_WORKER', replicas: 1, resources },
  { flavour: 'ONE_OFF_EXPRECORD_WORKER', replicas: 1, resources },
]

// ComCam's day movie is made from its focal-plane mosaics, so it gets a mosaic worker too.
const COMCAM_SETS = (resources: Resources): readonly WorkerSetSpec[] => [
  ...SMALL_INSTRUMENT_SETS(1, resources),
  { flavour: 'MOSAIC_WORKER', replicas: 1, resources },
]

/** Workers run the quicklook on the site's raws; each keeps products S3 refused in a per-pod spool. */
const quicklook = (rawUri: string): WorkerPipelines => ({ kind: 'quicklook', rawUri, spoolSizeLimit: '2Gi' })

const GAFAELFAWR = { auth: 'gafaelfawr', ingressClass: 'nginx', ingressNamespace: 'ingress-nginx' } as const
const ARGOCD = { server: 'https://kubernetes.default.svc', project: 'default', targetRevision: 'main' } as const
const SECRETS = { usersSecret: 'ra-redis-users' } as const

export const SITES: Readonly<Record<DeploySite, SiteSpec>> = {
  summit: {
    name: 'summit',
    raSite: 'summit',
    rubintvSite: 'summit',
    namespace: 'rapid-analysis',
    argocd: ARGOCD,
    image: { repository: 'ghcr.io/lsst-sitcom/rapid-analysis-ts', tag: '1.0.0', pullPolicy: 'IfNotPresent' },
    redis: {
      image: 'redis:7.4.2',
      storage: '20Gi',
      storageClass: 'rook-ceph-block',
      resources: SIZES.redis,
      ...SECRETS,
    },
    // PLACEHOLDER addresses: the summit Ceph RGW behind s3.rubintv.cp.lsst.org and the ConsDB PostgreSQL.
    s3: {
      url: 'https://s3.rubintv.cp.lsst.org',
      credentialsSecret: 'ra-s3-credentials',
      cidrs: ['198.51.100.10/32'],
      port: 443,
    },
    consdb: {
      host: 'postgresdb01.cp.lsst.org',
      database: 'exposurelog',
      credentialsSecret: 'ra-consdb-credentials',
      cidrs: ['198.51.100.20/32'],
      port: 5432,
    },
    rawVolumeClaim: 'ra-raw-data',
    notifierCidrs: ['198.51.100.10/32'],
    // PLACEHOLDER: the summit raw bucket, on the S3 endpoint above (the worker has one S3 client).
    workerPipelines: quicklook('s3://rubin-summit/'),
    snowflakes: { spoolStorage: '1Gi', storageClass: 'rook-ceph-block', resources: SIZES.snowflakes },
    monitoringNamespace: 'prometheus',
    instruments: [
      lsstcam(1, 4, { perDetector: SIZES.sfm, visit: SIZES.visit }),
      { instrument: 'LATISS', workerSets: SMALL_INSTRUMENT_SETS(2, SIZES.sfm) },
    ],
    clusterStatusInstrument: 'LSSTCam',
    consdbWriter: true,
    rubintv: {
      replicas: 2,
      host: 'summit-lsp.lsst.codes',
      admins: '',
      resources: SIZES.web,
      ...GAFAELFAWR,
    },
    serviceResources: SIZES.service,
  },
  usdf: {
    name: 'usdf',
    raSite: 'usdf-k8s',
    rubintvSite: 'usdf-k8s',
    namespace: 'rapid-analysis',
    argocd: ARGOCD,
    image: { repository: 'ghcr.io/lsst-sitcom/rapid-analysis-ts', tag: '1.0.0', pullPolicy: 'IfNotPresent' },
    redis: {
      image: 'redis:7.4.2',
      storage: '20Gi',
      storageClass: 'wekafs--sdf-k8s01',
      resources: SIZES.redis,
      ...SECRETS,
    },
    // PLACEHOLDER addresses: the SLAC embargo S3 (sdfembs3) front ends.
    s3: {
      url: 'https://sdfembs3.sdf.slac.stanford.edu',
      credentialsSecret: 'ra-s3-credentials',
      cidrs: ['198.51.100.30/32'],
      port: 443,
    },
    consdb: null,
    rawVolumeClaim: null,
    notifierCidrs: [],
    // PLACEHOLDER: the embargo raw bucket on sdfembs3.
    workerPipelines: quicklook('s3://rubin-summit/'),
    snowflakes: { spoolStorage: '1Gi', storageClass: 'wekafs--sdf-k8s01', resources: SIZES.snowflakes },
    monitoringNamespace: 'prometheus',
    instruments: [lsstcam(1, 1, { perDetector: SIZES.sfm, visit: SIZES.visit })],
    clusterStatusInstrument: 'LSSTCam',
    consdbWriter: false,
    rubintv: {
      replicas: 2,
      host: 'usdf-rsp.slac.stanford.edu',
      admins: '',
      resources: SIZES.web,
      ...GAFAELFAWR,
    },
    serviceResources: SIZES.service,
  },
  bts: {
    name: 'bts',
    raSite: 'base',
    rubintvSite: 'base',
    namespace: 'rapid-analysis',
    argocd: ARGOCD,
    image: { repository: 'ghcr.io/lsst-sitcom/rapid-analysis-ts', tag: '1.0.0', pullPolicy: 'IfNotPresent' },
    redis: {
      image: 'redis:7.4.2',
      storage: '10Gi',
      storageClass: 'rook-ceph-block',
      resources: SIZES.redis,
      ...SECRETS,
    },
    // PLACEHOLDER addresses: the Base Ceph RGW behind s3.rubintv.ls.lsst.org and the test-stand ConsDB.
    s3: {
      url: 'https://s3.rubintv.ls.lsst.org',
      credentialsSecret: 'ra-s3-credentials',
      cidrs: ['198.51.100.40/32'],
      port: 443,
    },
    consdb: {
      host: 'postgresdb01.ls.lsst.org',
      database: 'exposurelog',
      credentialsSecret: 'ra-consdb-credentials',
      cidrs: ['198.51.100.50/32'],
      port: 5432,
    },
    rawVolumeClaim: 'ra-raw-data',
    notifierCidrs: ['198.51.100.40/32'],
    // PLACEHOLDER: the BTS raw bucket on the Base RGW.
    workerPipelines: quicklook('s3://rubin-bts/'),
    snowflakes: { spoolStorage: '1Gi', storageClass: 'rook-ceph-block', resources: SIZES.snowflakes },
    monitoringNamespace: 'prometheus',
    instruments: [
      lsstcam(1, 1, { perDetector: SIZES.sfm, visit: SIZES.visit }),
      { instrument: 'LATISS', workerSets: SMALL_INSTRUMENT_SETS(1, SIZES.sfm) },
    ],
    clusterStatusInstrument: 'LSSTCam',
    consdbWriter: true,
    rubintv: { replicas: 1, host: 'base-lsp.lsst.codes', admins: '', resources: SIZES.web, ...GAFAELFAWR },
    serviceResources: SIZES.service,
  },
  tts: {
    name: 'tts',
    raSite: 'tucson',
    rubintvSite: 'tucson',
    namespace: 'rapid-analysis',
    argocd: ARGOCD,
    image: { repository: 'ghcr.io/lsst-sitcom/rapid-analysis-ts', tag: '1.0.0', pullPolicy: 'IfNotPresent' },
    redis: {
      image: 'redis:7.4.2',
      storage: '10Gi',
      storageClass: 'rook-ceph-block',
      resources: SIZES.redis,
      ...SECRETS,
    },
    // PLACEHOLDER addresses: the Tucson Ceph RGW behind s3.rubintv.tu.lsst.org and the test-stand ConsDB.
    s3: {
      url: 'https://s3.rubintv.tu.lsst.org',
      credentialsSecret: 'ra-s3-credentials',
      cidrs: ['198.51.100.60/32'],
      port: 443,
    },
    consdb: {
      host: 'postgresdb01.tu.lsst.org',
      database: 'exposurelog',
      credentialsSecret: 'ra-consdb-credentials',
      cidrs: ['198.51.100.70/32'],
      port: 5432,
    },
    rawVolumeClaim: 'ra-raw-data',
    notifierCidrs: ['198.51.100.60/32'],
    // PLACEHOLDER: the TTS raw bucket on the Tucson RGW.
    workerPipelines: quicklook('s3://rubin-tts/'),
    snowflakes: { spoolStorage: '1Gi', storageClass: 'rook-ceph-block', resources: SIZES.snowflakes },
    monitoringNamespace: 'prometheus',
    instruments: [
      { instrument: 'LSSTComCam', workerSets: COMCAM_SETS(SIZES.sfm), dayMovieAt: DAY_MOVIE_AT },
      { instrument: 'LATISS', workerSets: SMALL_INSTRUMENT_SETS(1, SIZES.sfm) },
    ],
    // The Tucson location has no cluster-status page (contract LOCATIONS.tucson.hasClusterStatus).
    clusterStatusInstrument: null,
    consdbWriter: true,
    rubintv: { replicas: 1, host: 'tucson-teststand.lsst.codes', admins: '', resources: SIZES.web, ...GAFAELFAWR },
    serviceResources: SIZES.service,
  },
  // A developer cluster (kind or minikube, ~8 cores): LSSTCam with the full focal plane at one
  // depth and tiny requests. S3 and PostgreSQL run on the host, reached on kind's docker network.
  local: {
    name: 'local',
    raSite: 'local',
    rubintvSite: 'local',
    namespace: 'rapid-analysis',
    argocd: ARGOCD,
    image: { repository: 'rapid-analysis-ts', tag: 'dev', pullPolicy: 'IfNotPresent' },
    redis: { image: 'redis:7.4.2', storage: '1Gi', resources: SIZES.tiny, ...SECRETS },
    s3: { url: 'http://172.18.0.1:9000', credentialsSecret: 'ra-s3-credentials', cidrs: ['172.18.0.0/16'], port: 9000 },
    consdb: {
      host: '172.18.0.1',
      database: 'consdb',
      credentialsSecret: 'ra-consdb-credentials',
      cidrs: ['172.18.0.0/16'],
      port: 5432,
    },
    rawVolumeClaim: null,
    notifierCidrs: ['172.18.0.0/16'],
    // 200-odd workers at 256 MiB cannot hold a 4k×4k CCD each: the local cluster exercises the
    // dispatch with the test pipeline (no raws, no worker S3). Snowflakes still run for real.
    workerPipelines: { kind: 'test', sleepMs: 200 },
    snowflakes: { spoolStorage: '256Mi', resources: SIZES.tiny },
    monitoringNamespace: 'monitoring',
    instruments: [lsstcam(1, 1, { perDetector: SIZES.devWorker, visit: SIZES.tiny })],
    clusterStatusInstrument: 'LSSTCam',
    consdbWriter: true,
    rubintv: {
      replicas: 1,
      host: 'rubintv.localtest.me',
      auth: 'none',
      ingressClass: 'nginx',
      ingressNamespace: 'ingress-nginx',
      admins: '{"local":["*"]}',
      resources: SIZES.tiny,
    },
    serviceResources: SIZES.tiny,
  },
}
