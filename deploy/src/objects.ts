// ----------------------------------------------------------------------------
// One workload → its Kubernetes objects: a Deployment (single processes) or a
// StatefulSet (worker sets: pod ordinal = identity; a single process whose
// spool is a claim: the claim follows the pod), its Service, its
// PodDisruptionBudget and its NetworkPolicy; RubinTV also gets its Ingress
// (behind Gafaelfawr at the sites).
// ----------------------------------------------------------------------------
import {
  type Component,
  container,
  deployment,
  disruptionBudget,
  HTTP_PORT,
  type K8sObject,
  labels,
  podTemplate,
  service,
  statefulSet,
  WEB_PORT,
  WEB_PORT_NAME,
} from './k8s.ts'
import type { SiteSpec } from './model.ts'
import { workloadPolicy } from './network.ts'
import { RAW_ROOT, SPOOL_DIR, type Workload } from './processes.ts'

export function workloadComponent(site: SiteSpec, w: Workload): Component {
  const set = w.workerSet
  return {
    app: w.service,
    instance: w.name,
    role: set ? 'worker-set' : w.service,
    version: site.image.tag,
    extra: {
      ...(w.backends.includes('redis') ? { 'ra.rubin/redis-client': 'true' } : {}),
      ...(w.instrument ? { 'ra.rubin/instrument': w.instrument } : {}),
      ...(set ? { 'ra.rubin/worker-flavour': set.flavour } : {}),
      ...(set?.depth === undefined ? {} : { 'ra.rubin/depth': String(set.depth) }),
    },
  }
}

export const imageOf = (site: SiteSpec) => `${site.image.repository}:${site.image.tag}`

function gafaelfawrAnnotations(): Record<string, string> {
  // Every page needs a logged-in user; RubinTV itself checks the admin list for controls.
  return {
    'nginx.ingress.kubernetes.io/auth-method': 'GET',
    'nginx.ingress.kubernetes.io/auth-url':
      'http://gafaelfawr.gafaelfawr.svc.cluster.local:8080/ingress/auth?scope=exec:portal&auth_type=basic',
    'nginx.ingress.kubernetes.io/auth-signin': '/login',
    'nginx.ingress.kubernetes.io/auth-response-headers': 'X-Auth-Request-User,X-Auth-Request-Email',
    'nginx.ingress.kubernetes.io/configuration-snippet':
      'auth_request_set $auth_www_authenticate $upstream_http_www_authenticate;',
  }
}

function ingress(site: SiteSpec, w: Workload, c: Component): K8sObject {
  const tv = site.rubintv
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: w.name,
      namespace: site.namespace,
      labels: labels(c),
      ...(tv.auth === 'gafaelfawr' ? { annotations: gafaelfawrAnnotations() } : {}),
    },
    spec: {
      ingressClassName: tv.ingressClass,
      rules: [
        {
          host: tv.host,
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: w.name, port: { name: WEB_PORT_NAME } } } },
            ],
          },
        },
      ],
    },
  }
}

const SPOOL_VOLUME = 'spool'

/** The spool's claim template (a StatefulSet's volumeClaimTemplates entry), when it outlives the pod. */
function spoolClaim(w: Workload, c: Component): Record<string, unknown> | undefined {
  if (w.spool?.kind !== 'claim') return undefined
  return {
    metadata: { name: SPOOL_VOLUME, labels: labels(c) },
    spec: {
      accessModes: ['ReadWriteOnce'],
      ...(w.spool.storageClass ? { storageClassName: w.spool.storageClass } : {}),
      resources: { requests: { storage: w.spool.storage } },
    },
  }
}

export function workloadObjects(site: SiteSpec, w: Workload): K8sObject[] {
  const c = workloadComponent(site, w)
  const ns = site.namespace
  const mounts = [
    ...(w.rawVolume ? [{ name: 'raw', mountPath: RAW_ROOT, readOnly: true }] : []),
    ...(w.spool ? [{ name: SPOOL_VOLUME, mountPath: SPOOL_DIR }] : []),
  ]
  const volumes = [
    ...(w.rawVolume ? [{ name: 'raw', persistentVolumeClaim: { claimName: w.rawVolume, readOnly: true } }] : []),
    ...(w.spool?.kind === 'emptyDir' ? [{ name: SPOOL_VOLUME, emptyDir: { sizeLimit: w.spool.sizeLimit } }] : []),
  ]
  const claim = spoolClaim(w, c)
  const main = container({
    name: w.service,
    image: imageOf(site),
    pullPolicy: site.image.pullPolicy,
    command: ['node', '--conditions=@rubin/source', w.entry],
    env: w.env,
    resources: w.resources,
    httpPort: HTTP_PORT,
    ...(w.ingressFrom === 'ingress-controller' ? { webPort: WEB_PORT } : {}),
    ...(mounts.length > 0 ? { volumeMounts: mounts } : {}),
  })
  const template = podTemplate(c, [main], {
    ...(volumes.length > 0 ? { volumes } : {}),
    // A worker finishes its current payload on SIGTERM; the claimed list covers anything longer.
    terminationGracePeriodSeconds: w.workerSet ? 120 : 60,
  })
  const out: K8sObject[] = []
  if (w.workerSet) {
    out.push(service(c, ns, HTTP_PORT, true))
    out.push(statefulSet(c, ns, w.replicas, w.workerSet.ordinalStart, template))
    // Drains may take a tenth of a big set at once: its detectors are re-queued to backlog workers.
    out.push(disruptionBudget(c, ns, w.replicas >= 20 ? '10%' : 1))
  } else if (claim) {
    // One pod, one claim; the claim is kept when the StatefulSet is deleted (spooled products in it).
    out.push(service(c, ns, HTTP_PORT, true))
    out.push(statefulSet(c, ns, w.replicas, 0, template, { volumeClaimTemplates: [claim] }))
    out.push(disruptionBudget(c, ns, 1))
  } else {
    out.push(service(c, ns, HTTP_PORT, false, w.ingressFrom === 'ingress-controller' ? WEB_PORT : undefined))
    out.push(deployment(c, ns, w.replicas, template, w.strategy))
    out.push(disruptionBudget(c, ns, 1))
    if (w.ingressFrom === 'ingress-controller') out.push(ingress(site, w, c))
  }
  out.push(workloadPolicy(site, w))
  return out
}
