// ----------------------------------------------------------------------------
// Network policies: everything denied, then per workload exactly what it talks
// to. Egress: DNS always; Redis for every RA process; S3 and PostgreSQL by the
// site's CIDRs and ports, only for the workloads that use them. Ingress: Redis
// from RA pods; /metrics from the monitoring namespace; the watcher's webhook
// from the object store; RubinTV from the ingress controller. (Kubelet probes
// come from the node and are not subject to these policies.)
// ----------------------------------------------------------------------------
import { type K8sObject, labels, MANAGED_BY, PART_OF, selector, WEB_PORT_NAME } from './k8s.ts'
import type { ExternalEndpoint, SiteSpec } from './model.ts'
import { workloadComponent } from './objects.ts'
import type { Backend, Workload } from './processes.ts'
import { REDIS_COMPONENT, REDIS_PORT } from './redis.ts'

const policyLabels = { 'app.kubernetes.io/part-of': PART_OF, 'app.kubernetes.io/managed-by': MANAGED_BY }
const ns = (name: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } })
const tcp = (port: number | string) => ({ protocol: 'TCP', port })

function external(endpoint: ExternalEndpoint) {
  return { to: endpoint.cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [tcp(endpoint.port)] }
}

/** Namespace-wide: deny all traffic, allow DNS to the cluster resolver. */
export function baselinePolicies(site: SiteSpec): K8sObject[] {
  const meta = (name: string) => ({ name, namespace: site.namespace, labels: policyLabels })
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('default-deny-all'),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('allow-dns'),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ ...ns('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
    },
  ]
}

export function redisPolicy(site: SiteSpec): K8sObject {
  const c = REDIS_COMPONENT(site)
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: c.instance, namespace: site.namespace, labels: labels(c) },
    spec: {
      podSelector: { matchLabels: selector(c) },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { 'app.kubernetes.io/part-of': PART_OF, 'ra.rubin/redis-client': 'true' } } },
          ],
          ports: [tcp(REDIS_PORT)],
        },
      ],
      egress: [],
    },
  }
}

export function workloadPolicy(site: SiteSpec, w: Workload): K8sObject {
  const c = workloadComponent(site, w)
  const egress: Record<string, unknown>[] = []
  const uses = (b: Backend) => w.backends.includes(b)
  if (uses('redis')) {
    egress.push({ to: [{ podSelector: { matchLabels: selector(REDIS_COMPONENT(site)) } }], ports: [tcp(REDIS_PORT)] })
  }
  if (uses('s3')) egress.push(external(site.s3))
  if (uses('postgres') && site.consdb) egress.push(external(site.consdb))
  const ingress: Record<string, unknown>[] = [{ from: [ns(site.monitoringNamespace)], ports: [tcp('http')] }]
  if (w.ingressFrom === 'notifier' && site.notifierCidrs.length > 0) {
    ingress.push({ from: site.notifierCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [tcp('http')] })
  }
  if (w.ingressFrom === 'ingress-controller') {
    ingress.push({ from: [ns(site.rubintv.ingressNamespace)], ports: [tcp(WEB_PORT_NAME)] })
  }
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: w.name, namespace: site.namespace, labels: labels(c) },
    spec: { podSelector: { matchLabels: selector(c) }, policyTypes: ['Ingress', 'Egress'], ingress, egress },
  }
}
