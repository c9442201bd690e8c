// ----------------------------------------------------------------------------
// Plain Kubernetes objects, built the same way for every component: the
// app.kubernetes.io labels, a locked-down container (non-root, read-only root,
// no capabilities), probes on the named `http` port, a headless Service for
// StatefulSets, a PodDisruptionBudget. The objects are plain data; the tests
// validate them against the Kubernetes schemas.
// ----------------------------------------------------------------------------
import type { Resources } from './model.ts'

export type K8sObject = { apiVersion: string; kind: string; metadata: Metadata } & Record<string, unknown>

export interface Metadata {
  name: string
  namespace?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  finalizers?: string[]
}

export const PART_OF = 'rapid-analysis'
export const MANAGED_BY = 'ra-deploy'
/** The port name every probe and Service refers to. */
export const HTTP_PORT_NAME = 'http'
export const HTTP_PORT = 8080
/** A second, public port (RubinTV's web server); probes stay on the status port. */
export const WEB_PORT_NAME = 'web'
export const WEB_PORT = 8081

export interface Component {
  /** app.kubernetes.io/name: the contract service (watcher, worker, redis, …). */
  readonly app: string
  /** app.kubernetes.io/instance: unique per workload (head-node-lsstcam, lsstcam-sfm-worker-d0). */
  readonly instance: string
  /** app.kubernetes.io/component: what role it plays. */
  readonly role: string
  readonly version: string
  readonly extra?: Readonly<Record<string, string>>
}

export function labels(c: Component): Record<string, string> {
  return {
    'app.kubernetes.io/name': c.app,
    'app.kubernetes.io/instance': c.instance,
    'app.kubernetes.io/component': c.role,
    'app.kubernetes.io/part-of': PART_OF,
    'app.kubernetes.io/version': c.version,
    'app.kubernetes.io/managed-by': MANAGED_BY,
    ...c.extra,
  }
}

/** The labels that select a workload's pods (stable across versions). */
export function selector(c: Component): Record<string, string> {
  return { 'app.kubernetes.io/name': c.app, 'app.kubernetes.io/instance': c.instance }
}

export type EnvVar =
  | { name: string; value: string }
  | { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } }
  | { name: string; valueFrom: { fieldRef: { fieldPath: string } } }

export interface ContainerOptions {
  readonly name: string
  readonly image: string
  readonly pullPolicy: string
  readonly command: readonly string[]
  readonly env: readonly EnvVar[]
  readonly resources: Resources
  /** Serve /healthz and /readyz on this port (named `http`). */
  readonly httpPort?: number
  /** Also expose a public web port named `web`. */
  readonly webPort?: number
  readonly volumeMounts?: readonly { name: string; mountPath: string; readOnly?: boolean }[]
}

export const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
} as const

export function container(o: ContainerOptions): Record<string, unknown> {
  const probe = (path: string, periodSeconds: number, failureThreshold: number) => ({
    httpGet: { path, port: HTTP_PORT_NAME },
    periodSeconds,
    timeoutSeconds: 2,
    failureThreshold,
  })
  return {
    name: o.name,
    image: o.image,
    imagePullPolicy: o.pullPolicy,
    command: [...o.command],
    env: [...o.env],
    resources: o.resources,
    securityContext: { ...RESTRICTED_CONTAINER, runAsUser: 1000, runAsGroup: 1000 },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, ...(o.volumeMounts ?? [])],
    ...(o.httpPort === undefined
      ? {}
      : {
          ports: [
            { name: HTTP_PORT_NAME, containerPort: o.httpPort, protocol: 'TCP' },
            ...(o.webPort === undefined ? [] : [{ name: WEB_PORT_NAME, containerPort: o.webPort, protocol: 'TCP' }]),
          ],
          // Liveness only restarts a wedged process; readiness says Redis (and the service's own checks) are up.
          startupProbe: probe('/healthz', 2, 60),
          livenessProbe: probe('/healthz', 10, 3),
          readinessProbe: probe('/readyz', 5, 2),
        }),
  }
}

export function podTemplate(
  c: Component,
  containers: readonly Record<string, unknown>[],
  options: {
    volumes?: readonly Record<string, unknown>[]
    initContainers?: readonly Record<string, unknown>[]
    terminationGracePeriodSeconds?: number
    fsGroup?: number
  } = {},
) {
  return {
    metadata: {
      labels: labels(c),
      annotations: {
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(HTTP_PORT),
        'prometheus.io/path': '/metrics',
      },
    },
    spec: {
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      terminationGracePeriodSeconds: options.terminationGracePeriodSeconds ?? 60,
      securityContext: {
        runAsNonRoot: true,
        fsGroup: options.fsGroup ?? 1000,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      ...(options.initContainers ? { initContainers: [...options.initContainers] } : {}),
      containers: [...containers],
      volumes: [{ name: 'tmp', emptyDir: {} }, ...(options.volumes ?? [])],
    },
  }
}

export function deployment(
  c: Component,
  namespace: string,
  replicas: number,
  template: ReturnType<typeof podTemplate>,
  strategy: 'Recreate' | 'RollingUpdate',
): K8sObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: c.instance, namespace, labels: labels(c) },
    spec: { replicas, selector: { matchLabels: selector(c) }, strategy: { type: strategy }, template },
  }
}

export function statefulSet(
  c: Component,
  namespace: string,
  replicas: number,
  ordinalStart: number,
  template: ReturnType<typeof podTemplate>,
  extra: Record<string, unknown> = {},
): K8sObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: c.instance, namespace, labels: labels(c) },
    spec: {
      serviceName: c.instance,
      replicas,
      ...(ordinalStart === 0 ? {} : { ordinals: { start: ordinalStart } }),
      // Workers are independent: start and replace them all at once, not one by one.
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: selector(c) },
      template,
      ...extra,
    },
  }
}

export function service(c: Component, namespace: string, port: number, headless: boolean, webPort?: number): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: c.instance, namespace, labels: labels(c) },
    spec: {
      ...(headless ? { clusterIP: 'None' } : {}),
      selector: selector(c),
      ports: [
        { name: HTTP_PORT_NAME, port, targetPort: HTTP_PORT_NAME, protocol: 'TCP' },
        ...(webPort === undefined
          ? []
          : [{ name: WEB_PORT_NAME, port: webPort, targetPort: WEB_PORT_NAME, protocol: 'TCP' }]),
      ],
    },
  }
}

/** A budget of one pod (or a share of a large set) down at a time for voluntary disruptions (drains). */
export function disruptionBudget(c: Component, namespace: string, maxUnavailable: number | string): K8sObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: c.instance, namespace, labels: labels(c) },
    spec: { maxUnavailable, selector: { matchLabels: selector(c) } },
  }
}

export const secretRef = (name: string, secret: string, key: string): EnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
})
