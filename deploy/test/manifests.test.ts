// The rendered manifests: current, valid against the Kubernetes and ArgoCD schemas, and
// consistent with the contract and the services' own configuration.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CAMERAS,
  camerasAt,
  LOCATIONS,
  Location,
  LSSTCAM_IMAGING_IDS,
  LSSTCAM_WAVEFRONT_IDS,
  RA_SERVICES,
  RA_SITE_S3,
  REDIS_KEYS,
  type Service,
} from '@rubin/ra-contract'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { placementForOrdinal } from '../../services/worker/src/identity.ts'
import { serviceForFlavour } from '../../services/worker/src/service.ts'
import {
  aclUser,
  CONSUMING_READS,
  DEPLOY_SITES,
  HTTP_PORT_NAME,
  INTERPOLATION_ONLY,
  type K8sObject,
  redisUsers,
  renderTree,
  SITES,
  siteFiles,
  staleFiles,
  workloads,
} from '../src/index.ts'
import { validateObject } from './schemas.ts'
import { serviceSource } from './service-env.ts'

const allObjects = (site: (typeof DEPLOY_SITES)[number]) => [...siteFiles(SITES[site]).values()].flat()
type Pod = {
  containers: {
    name: string
    env?: { name: string; value?: string; valueFrom?: unknown }[]
    ports?: { name: string; containerPort: number }[]
    livenessProbe?: { httpGet?: { port: string; path: string } }
    readinessProbe?: { httpGet?: { port: string; path: string } }
  }[]
}
const podOf = (o: K8sObject) => (o.spec as { template: { spec: Pod } }).template.spec

describe('rendered files', () => {
  it('are what the site data renders (run deploy/src/main.ts when this fails)', async () => {
    expect(await staleFiles(await renderTree())).toEqual([])
  })

  it('parse back to the same objects, and hold no Secret object or secret value', async () => {
    const tree = await renderTree()
    for (const site of DEPLOY_SITES) {
      const parsed = [...tree.entries()]
        .filter(([path]) => path.startsWith(`deploy/rendered/${site}/`))
        .flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJS() as K8sObject))
      expect(parsed).toEqual(allObjects(site))
      expect(parsed.filter((o) => o.kind === 'Secret')).toEqual([])
    }
    const text = [...tree.values()].join('\n')
    expect(text).not.toMatch(/^\s*(password|secret-access-key|access-key-id)\s*:/im)
    // Credentials in URLs only as $(VAR) expanded from a Secret at pod start.
    for (const url of text.match(/(redis|postgresql):\/\/[^\s'"]+@/g) ?? []) {
      expect(url).toMatch(/^\w+:\/\/[^:]+:\$\(RA_[A-Z_]+\)@$/)
    }
  })
})

describe('schemas (offline: kubernetes-models, @kubernetes-models/argo-cd)', () => {
  it.each(DEPLOY_SITES)('every object at %s validates against its kind', async (site) => {
    const objects = allObjects(site)
    for (const o of objects) expect(() => validateObject(o), `${o.kind} ${o.metadata.name}`).not.toThrow()
    const tree = await renderTree()
    const app = parseAllDocuments(tree.get(`deploy/rendered/argocd/${site}.yaml`) ?? '').map((d) => d.toJS())
    expect(app).toHaveLength(1)
    expect(() => validateObject(app[0])).not.toThrow()
    expect(app[0].spec.source.path).toBe(`deploy/rendered/${site}`)
  })

  it('the validator rejects a broken object (so the check above can fail)', () => {
    const [deployment] = allObjects('local').filter((o) => o.kind === 'Deployment')
    const broken = structuredClone(deployment) as K8sObject & { spec: { replicas: unknown } }
    broken.spec.replicas = 'two'
    expect(() => validateObject(broken)).toThrow()
  })
})

describe('sites against the contract', () => {
  it.each(DEPLOY_SITES)(
    '%s deploys only instruments its location shows, and a cluster-status publisher where RubinTV shows one',
    (name) => {
      const site = SITES[name]
      const location = RA_SITE_S3[site.raSite].local.location
      const shown = new Set(camerasAt(location).map((c) => (CAMERAS[c] as { instrument?: string }).instrument))
      for (const i of site.instruments) expect(shown, `${i.instrument} at ${location}`).toContain(i.instrument)
      expect(site.clusterStatusInstrument !== null).toBe(LOCATIONS[location].hasClusterStatus)
      const publishers = workloads(site).filter((w) =>
        w.env.some((e) => e.name === 'RA_CLUSTER_STATUS' && 'value' in e && e.value === 'true'),
      )
      expect(publishers.length).toBe(site.clusterStatusInstrument ? 1 : 0)
    },
  )

  it.each(DEPLOY_SITES)('%s deploys every RA service that exists, where the site needs it', (name) => {
    const site = SITES[name]
    const deployed = new Set(workloads(site).map((w) => w.service))
    const needed: Record<(typeof RA_SERVICES)[number], boolean> = {
      watcher: true,
      'head-node': true,
      worker: true,
      'step1b-worker': site.instruments.some((i) => i.workerSets.some((s) => s.flavour.startsWith('STEP1B'))),
      'cluster-manager': true,
      'metadata-server': true,
      'consdb-writer': site.consdb !== null,
      snowflakes: true,
      catcher: true,
    }
    for (const service of RA_SERVICES) {
      if (!needed[service]) continue
      // The catcher has no code yet: deploy it when its folder appears.
      const folder = service === 'step1b-worker' ? 'worker' : service
      if (!serviceSource(folder).present) continue
      expect(deployed, `${service} at ${name}`).toContain(service)
    }
    expect(deployed).toContain('rubintv')
    for (const i of site.instruments) {
      for (const s of ['watcher', 'head-node', 'cluster-manager'] as const) {
        expect(workloads(site).some((w) => w.service === s && w.instrument === i.instrument)).toBe(true)
      }
    }
  })

  it('RubinTV shows contract locations', () => {
    for (const name of DEPLOY_SITES) {
      const tv = workloads(SITES[name]).find((w) => w.service === 'rubintv')
      const value = tv?.env.find((e) => e.name === 'RUBINTV_LOCATIONS')
      for (const l of ('value' in (value ?? {}) ? (value as { value: string }).value : '').split(',')) {
        expect(Location.parse(l).ok, l).toBe(true)
      }
    }
  })
})

describe('worker sets: pod ordinal = identity', () => {
  const setsOf = (site: (typeof DEPLOY_SITES)[number], flavour: string) =>
    workloads(SITES[site]).filter((w) => w.workerSet?.flavour === flavour && w.instrument === 'LSSTCam')

  it.each(['summit', 'usdf'] as const)(
    'LSSTCam SFM at %s: one set per depth of 189 pods covering the imaging detectors',
    (site) => {
      const sets = setsOf(site, 'SFM_WORKER')
      expect(sets.length).toBeGreaterThan(0)
      sets.forEach((w, depth) => {
        const set = w.workerSet
        expect(set?.replicas).toBe(189)
        const ordinals = Array.from({ length: set?.replicas ?? 0 }, (_, i) => (set?.ordinalStart ?? 0) + i)
        const placed = ordinals.map((n) => placementForOrdinal('LSSTCam', 'SFM_WORKER', n))
        expect(placed.map((p) => p.detector)).toEqual(LSSTCAM_IMAGING_IDS)
        expect(new Set(placed.map((p) => p.depth))).toEqual(new Set([depth]))
      })
    },
  )

  it('LSSTCam AOS sets cover the 8 wavefront sensors per depth (4 depths at the summit)', () => {
    const sets = setsOf('summit', 'AOS_WORKER')
    expect(sets).toHaveLength(4)
    sets.forEach((w, depth) => {
      const set = w.workerSet
      const placed = Array.from({ length: set?.replicas ?? 0 }, (_, i) =>
        placementForOrdinal('LSSTCam', 'AOS_WORKER', (set?.ordinalStart ?? 0) + i),
      )
      expect(placed.map((p) => p.detector)).toEqual(LSSTCAM_WAVEFRONT_IDS)
      expect(placed.every((p) => p.depth === depth)).toBe(true)
    })
  })

  it('every worker set runs as the service the worker names its flavour, with WORKER_NAME from the pod name', () => {
    for (const name of DEPLOY_SITES) {
      for (const w of workloads(SITES[name]).filter((x) => x.workerSet)) {
        expect(w.service).toBe(serviceForFlavour(w.workerSet?.flavour))
        expect(w.env).toContainEqual({ name: 'WORKER_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } })
      }
      const sts = allObjects(name).filter(
        (o) => o.kind === 'StatefulSet' && o.metadata.labels?.['app.kubernetes.io/component'] === 'worker-set',
      )
      expect(sts.length).toBe(workloads(SITES[name]).filter((x) => x.workerSet).length)
    }
  })
})

describe('environment: only names the services read, secrets by reference', () => {
  it.each(DEPLOY_SITES)('%s', (name) => {
    for (const w of workloads(SITES[name])) {
      const folder = w.entry.split('/')[1] as string
      const source = serviceSource(folder)
      for (const e of w.env) {
        if (/PASSWORD|SECRET|ACCESS_KEY|_USER$/.test(e.name)) expect('valueFrom' in e, `${w.name} ${e.name}`).toBe(true)
        if (INTERPOLATION_ONLY.includes(e.name)) {
          expect(
            w.env.some((x) => 'value' in x && x.value.includes(`$(${e.name})`)),
            `${e.name} is expanded`,
          ).toBe(true)
          continue
        }
        expect(source.reads, `${w.name} sets ${e.name}, which ${folder} does not read`).toContain(e.name)
      }
      if (source.present) expect(w.entry.startsWith(`services/${folder}/src/`)).toBe(true)
    }
  })

  it.each(DEPLOY_SITES)('%s: required config variables without a default are set', async (name) => {
    for (const w of workloads(SITES[name])) {
      const folder = w.entry.split('/')[1] as string
      if (!serviceSource(folder).configured) continue
      const module = (await import(`../../services/${folder}/src/config.ts`)) as Record<string, unknown>
      for (const schema of Object.values(module)) {
        const s = schema as { type?: string; properties?: Record<string, { default?: unknown }>; required?: string[] }
        if (s?.type !== 'object' || !s.properties) continue
        for (const required of s.required ?? []) {
          if (s.properties[required] && !('default' in s.properties[required])) {
            expect(
              w.env.map((e) => e.name),
              `${w.name} needs ${required}`,
            ).toContain(required)
          }
        }
      }
    }
  })
})

describe('probes and ports', () => {
  it.each(DEPLOY_SITES)('%s: liveness /healthz and readiness /readyz on the port the service listens on', (name) => {
    for (const o of allObjects(name).filter(
      (x) => x.kind === 'Deployment' || (x.kind === 'StatefulSet' && x.metadata.name !== 'ra-redis'),
    )) {
      const [c] = podOf(o).containers
      const port = c?.ports?.find((p) => p.name === HTTP_PORT_NAME)
      expect(c?.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: HTTP_PORT_NAME })
      expect(c?.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: HTTP_PORT_NAME })
      expect(c?.env?.find((e) => e.name === 'RA_HTTP_PORT')?.value).toBe(String(port?.containerPort))
      expect(c?.env?.find((e) => e.name === 'RA_HTTP_HOST')?.value).toBe('0.0.0.0')
    }
  })

  it.each(DEPLOY_SITES)('%s: every workload has a budget and a network policy selecting its pods', (name) => {
    const objects = allObjects(name)
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy')
    expect(policies.find((p) => p.metadata.name === 'default-deny-all')?.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    })
    for (const o of objects.filter((x) => x.kind === 'Deployment' || x.kind === 'StatefulSet')) {
      const match = (o.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels
      const labels = (o.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels
      expect(labels).toMatchObject(match)
      expect(labels['app.kubernetes.io/part-of']).toBe('rapid-analysis')
      for (const kind of ['PodDisruptionBudget', 'NetworkPolicy']) {
        const found = objects.find((x) => x.kind === kind && x.metadata.name === o.metadata.name)
        expect(
          (found?.spec as { selector?: unknown; podSelector?: unknown }) ?? {},
          `${kind} ${o.metadata.name}`,
        ).toMatchObject(
          kind === 'PodDisruptionBudget'
            ? { selector: { matchLabels: match } }
            : { podSelector: { matchLabels: match } },
        )
      }
    }
  })
})

describe('Redis ACL users from the contract key catalogue', () => {
  const touches = (service: Service) =>
    REDIS_KEYS.filter(
      (k) => (k.writers as readonly string[]).includes(service) || (k.readers as readonly string[]).includes(service),
    )

  it('each user names only key patterns of keys the contract says it reads or writes; write access only where it writes or consumes', () => {
    for (const name of DEPLOY_SITES) {
      for (const service of redisUsers(SITES[name])) {
        const user = aclUser(service)
        const mine = touches(service)
        for (const pattern of [...user.readWrite, ...user.readOnly]) {
          expect(
            mine.map((k) => globOf(k.template)),
            `${service} ${pattern}`,
          ).toContain(pattern)
        }
        for (const pattern of user.readWrite) {
          const key = mine.find((k) => globOf(k.template) === pattern)
          const writes = (key?.writers as readonly string[] | undefined)?.includes(service)
          expect(writes || CONSUMING_READS[key?.name as keyof typeof CONSUMING_READS]?.includes(service), pattern).toBe(
            true,
          )
        }
        expect(user.readWrite.length + user.readOnly.length).toBe(new Set(mine.map((k) => globOf(k.template))).size)
      }
    }
  })

  it('a real redis-server loads the users file and enforces it (ACL DRYRUN)', async () => {
    const users = redisUsers(SITES.summit)
    const dir = await mkdtemp(join(tmpdir(), 'ra-deploy-acl-'))
    try {
      const configMap = allObjects('summit').find((o) => o.kind === 'ConfigMap') as unknown as {
        data: Record<string, string>
      }
      // What the Redis pod's init container does with the Secret: append each user's SHA-256.
      const acl = configMap.data['users.acl']
        ?.split('\n')
        .map((line) =>
          line.startsWith('user default') || line === ''
            ? line
            : `${line} #${createHash('sha256').update('pw').digest('hex')}`,
        )
        .join('\n')
      // Plus an admin for the test itself (ACL DRYRUN is an admin command).
      await writeFile(join(dir, 'users.acl'), `${acl ?? ''}user admin on nopass +@all ~* &*\n`)
      const socket = join(dir, 'redis.sock')
      execFileSync('redis-server', [
        '--port',
        '0',
        '--unixsocket',
        socket,
        '--dir',
        dir,
        '--aclfile',
        join(dir, 'users.acl'),
        '--daemonize',
        'yes',
        '--pidfile',
        join(dir, 'redis.pid'),
      ])
      const client = new Redis({
        path: socket,
        username: 'admin',
        password: 'x',
        lazyConnect: true,
        maxRetriesPerRequest: 1,
      })
      client.on('error', () => {}) // the socket appears a moment after the daemon forks
      await waitFor(() => client.connect())
      try {
        const dry = (user: string, ...args: string[]) =>
          client.call('ACL', 'DRYRUN', user, ...args).then(String, (e: Error) => e.message)
        expect(await client.call('ACL', 'USERS')).toEqual(expect.arrayContaining(['default', ...users]))
        for (const service of users) {
          for (const key of touches(service)) {
            const concrete = globOf(key.template).replaceAll('*', 'x')
            expect(await dry(service, 'EXISTS', concrete), `${service} EXISTS ${concrete}`).toBe('OK')
            if ((key.writers as readonly string[]).includes(service)) {
              expect(await dry(service, 'DEL', concrete), `${service} DEL ${concrete}`).toBe('OK')
            }
          }
          expect(await dry(service, 'FLUSHALL')).toMatch(/no permissions/)
          expect(await dry(service, 'KEYS', '*')).toMatch(/no permissions/)
          expect(await dry(service, 'CONFIG', 'SET', 'appendonly', 'no')).toMatch(/no permissions/)
          expect(await dry(service, 'EXISTS', 'not-a-contract-key')).toMatch(/no permissions/)
        }
        expect(await dry('watcher', 'LPUSH', 'ra:LSSTCam:incoming', 'x')).toBe('OK')
        expect(await dry('watcher', 'LPUSH', 'ra:queue:SFM_WORKER-LSSTCam-000-094', 'x')).toMatch(/no permissions/)
        expect(await dry('rubintv', 'DEL', 'stream:CLUSTER_STATUS_x')).toMatch(/no permissions/)
        expect(await dry('head-node', 'CONFIG', 'GET', 'notify-keyspace-events')).toBe('OK')
      } finally {
        await client.call('SHUTDOWN', 'NOSAVE').catch(() => {})
        client.disconnect()
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

/** `{param}` and `{param:format}` → `*` (the contract's own pattern builder is under test, so this is independent). */
function globOf(template: string): string {
  return template.replace(/\{[^}]+\}/g, '*')
}

async function waitFor(connect: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 5000
  for (;;) {
    try {
      return await connect()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((r) => setTimeout(r, 50))
    }
  }
}
