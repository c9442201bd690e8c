// ----------------------------------------------------------------------------
// The shape of the deployment data: what differs between sites (namespace,
// image, sizes, endpoints, secret names, which instruments and worker sets) is
// declared per site in ./sites.ts; everything else is derived from the contract.
// ----------------------------------------------------------------------------
import type { Instrument, RaSite, RubinTvSite, WorkerFlavour } from '@rubin/ra-contract'

/** The Kubernetes deployments (ArgoCD applications) we render. */
export const DEPLOY_SITES = ['summit', 'usdf', 'bts', 'tts', 'local'] as const
export type DeploySite = (typeof DEPLOY_SITES)[number]

export interface Resources {
  readonly requests: { readonly cpu: string; readonly memory: string }
  readonly limits: { readonly cpu: string; readonly memory: string }
}

export interface WorkerSetSpec {
  readonly flavour: WorkerFlavour
  /** Per-detector flavours: worker depths, one StatefulSet each (SFM set 1, 2, …). */
  readonly depths?: number
  /** Per-instrument flavours: how many workers (depth = pod ordinal). */
  readonly replicas?: number
  readonly resources: Resources
}

export interface InstrumentDeployment {
  readonly instrument: Instrument
  readonly workerSets: readonly WorkerSetSpec[]
  /** Snowflakes RA_DAY_MOVIE_AT (UTC HH:MM) where the instrument's camera has a day movie; absent: on demand only. */
  readonly dayMovieAt?: string
  /** Workers' RA_WITNESS_DETECTOR, only where it differs from the worker's default (LSSTCam 94, else 0). */
  readonly witnessDetector?: number
}

/** What the workers run (RA_PIPELINES for every worker set). */
export type WorkerPipelines =
  /** The built-in quicklook on real raws: products and scratch images to the site bucket. */
  | {
      readonly kind: 'quicklook'
      /** RA_RAW_URI: the site's raw bucket, `s3://bucket/prefix/`, read with the RA_S3_* endpoint and keys. */
      readonly rawUri: string
      /** emptyDir size of each worker's product spool (RA_PRODUCT_SPOOL_DIR). */
      readonly spoolSizeLimit: string
    }
  /** The test pipeline (sleep, no S3, no raws): a developer cluster exercising the dispatch only. */
  | { readonly kind: 'test'; readonly sleepMs: number }

export interface SnowflakesDeployment {
  /** Size of the spool claim (products S3 refused wait there, across pod restarts). */
  readonly spoolStorage: string
  readonly storageClass?: string
  readonly resources: Resources
}

/** An endpoint outside the cluster, reached by egress to these CIDRs on this port. */
export interface ExternalEndpoint {
  readonly cidrs: readonly string[]
  readonly port: number
}

export interface S3Endpoint extends ExternalEndpoint {
  readonly url: string
  /** Secret with keys `access-key-id` and `secret-access-key`. */
  readonly credentialsSecret: string
}

export interface PostgresEndpoint extends ExternalEndpoint {
  readonly host: string
  readonly database: string
  /** Secret with keys `username` and `password`. */
  readonly credentialsSecret: string
}

export interface RubinTvDeployment {
  readonly replicas: number
  /** Public host name of the Ingress. */
  readonly host: string
  /** Gafaelfawr in front (sites); none on a developer cluster. */
  readonly auth: 'gafaelfawr' | 'none'
  readonly ingressClass: string
  /** Namespace of the ingress controller: the only source of traffic to RubinTV. */
  readonly ingressNamespace: string
  /** RUBINTV_ADMINS (user names, not secrets). */
  readonly admins: string
  readonly resources: Resources
}

export interface SiteSpec {
  readonly name: DeploySite
  /** The contract's RA site: selects the buckets RA writes. */
  readonly raSite: RaSite
  /** The contract's RubinTV site: selects the locations RubinTV shows. */
  readonly rubintvSite: RubinTvSite
  readonly namespace: string
  readonly argocd: { readonly server: string; readonly project: string; readonly targetRevision: string }
  readonly image: { readonly repository: string; readonly tag: string; readonly pullPolicy: 'Always' | 'IfNotPresent' }
  readonly redis: {
    readonly image: string
    readonly storage: string
    readonly storageClass?: string
    readonly resources: Resources
    /** Secret with one key per Redis user (the service name): that user's password. */
    readonly usersSecret: string
  }
  readonly s3: S3Endpoint
  /** ConsDB; null where RA writes no ConsDB rows (ra_framework §10: only summit and the test stands). */
  readonly consdb: PostgresEndpoint | null
  /** Raw data volume the watcher reads records from (RA_RAW_ROOT); null: stream source only. */
  readonly rawVolumeClaim: string | null
  /** Source CIDRs of the object store's bucket notifications (watcher webhook). */
  readonly notifierCidrs: readonly string[]
  /** Namespace of the Prometheus that scrapes /metrics. */
  readonly monitoringNamespace: string
  readonly instruments: readonly InstrumentDeployment[]
  /** The one instrument whose cluster manager publishes stream:CLUSTER_STATUS_* (the keys name no instrument). */
  readonly clusterStatusInstrument: Instrument | null
  readonly consdbWriter: boolean
  readonly rubintv: RubinTvDeployment
  /** Resources of the single-process services. */
  readonly serviceResources: Resources
  readonly workerPipelines: WorkerPipelines
  /** One snowflakes service per instrument. */
  readonly snowflakes: SnowflakesDeployment
}
