// ----------------------------------------------------------------------------
// The site's Redis: one persistent redis-server (append-only file), keyspace
// notifications for the control keys, and the per-service ACL users. The ACL
// ConfigMap carries no passwords: an init container appends each user's
// SHA-256 (`#<hash>`) read from the users Secret, so no password is ever in a
// manifest or a ConfigMap.
// ----------------------------------------------------------------------------
import { createHash } from 'node:crypto'
import type { Service } from '@rubin/ra-contract'
import { aclFile } from './acl.ts'
import { type Component, type K8sObject, labels, RESTRICTED_CONTAINER, selector } from './k8s.ts'
import type { SiteSpec } from './model.ts'

export const REDIS_NAME = 'ra-redis'
export const REDIS_PORT = 6379
export const REDIS_COMPONENT = (site: SiteSpec): Component => ({
  app: 'redis',
  instance: REDIS_NAME,
  role: 'database',
  version: site.redis.image.split(':')[1] ?? 'latest',
})

/** The URL a service connects with; the password comes from RA_REDIS_PASSWORD (a Secret), expanded by Kubernetes. */
export function redisUrl(user: Service, namespace: string): string {
  return `redis://${user}:$(RA_REDIS_PASSWORD)@${REDIS_NAME}.${namespace}.svc:${REDIS_PORT}`
}

const REDIS_CONF = `port ${REDIS_PORT}
protected-mode no
dir /data
appendonly yes
appendfsync everysec
# Work queues must never be evicted: refuse writes instead and let the services retry.
maxmemory-policy noeviction
# Keyspace events for string commands wake the control consumers and RubinTV's read-back watch.
notify-keyspace-events K$
aclfile /run/redis-acl/users.acl
`

// Runs in the Redis image (busybox-free Debian: sh, sha256sum, tr, cut).
const ADD_PASSWORDS = `set -eu
: > /run/redis-acl/users.acl
while read -r word user rest; do
  [ "$word" = user ] || continue
  if [ -f "/run/redis-users/$user" ]; then
    hash=$(tr -d '\\n' < "/run/redis-users/$user" | sha256sum | cut -c1-64)
    echo "user $user $rest #$hash" >> /run/redis-acl/users.acl
  else
    echo "user $user $rest" >> /run/redis-acl/users.acl
  fi
done < /etc/redis/users.acl
`

export function redisObjects(site: SiteSpec, users: readonly Service[]): K8sObject[] {
  const c = REDIS_COMPONENT(site)
  const ns = site.namespace
  const data = { 'redis.conf': REDIS_CONF, 'users.acl': aclFile(users) }
  const checksum = createHash('sha256').update(JSON.stringify(data)).digest('hex')
  const security = { ...RESTRICTED_CONTAINER, runAsUser: 999, runAsGroup: 999 }
  const mounts = [
    { name: 'config', mountPath: '/etc/redis', readOnly: true },
    { name: 'acl', mountPath: '/run/redis-acl' },
  ]
  const tcp = (periodSeconds: number) => ({
    tcpSocket: { port: 'redis' },
    periodSeconds,
    timeoutSeconds: 2,
    failureThreshold: 3,
  })
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${REDIS_NAME}-config`, namespace: ns, labels: labels(c) },
      data,
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: REDIS_NAME, namespace: ns, labels: labels(c) },
      spec: {
        selector: selector(c),
        ports: [{ name: 'redis', port: REDIS_PORT, targetPort: 'redis', protocol: 'TCP' }],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: REDIS_NAME, namespace: ns, labels: labels(c) },
      spec: {
        serviceName: REDIS_NAME,
        replicas: 1,
        selector: { matchLabels: selector(c) },
        template: {
          metadata: { labels: labels(c), annotations: { 'ra.rubin/config-checksum': checksum } },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            terminationGracePeriodSeconds: 30,
            securityContext: { runAsNonRoot: true, fsGroup: 999, seccompProfile: { type: 'RuntimeDefault' } },
            initContainers: [
              {
                name: 'acl-passwords',
                image: site.redis.image,
                command: ['sh', '-c', ADD_PASSWORDS],
                securityContext: security,
                resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
                volumeMounts: [...mounts, { name: 'users', mountPath: '/run/redis-users', readOnly: true }],
              },
            ],
            containers: [
              {
                name: 'redis',
                image: site.redis.image,
                command: ['redis-server', '/etc/redis/redis.conf'],
                ports: [{ name: 'redis', containerPort: REDIS_PORT, protocol: 'TCP' }],
                resources: site.redis.resources,
                securityContext: security,
                livenessProbe: tcp(10),
                readinessProbe: tcp(5),
                volumeMounts: [...mounts, { name: 'data', mountPath: '/data' }],
              },
            ],
            volumes: [
              { name: 'config', configMap: { name: `${REDIS_NAME}-config` } },
              { name: 'acl', emptyDir: { medium: 'Memory' } },
              { name: 'users', secret: { secretName: site.redis.usersSecret } },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data', labels: labels(c) },
            spec: {
              accessModes: ['ReadWriteOnce'],
              ...(site.redis.storageClass ? { storageClassName: site.redis.storageClass } : {}),
              resources: { requests: { storage: site.redis.storage } },
            },
          },
        ],
      },
    },
  ]
}
