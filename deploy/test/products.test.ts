// The workloads that write products (quicklook workers, snowflakes) and RubinTV that reads
// them: their rendered environment loads through each service's own config code, their
// product spools are volumes that outlive what they must, and they may reach S3.
import { LOCATIONS, type Location, RA_SITE_S3 } from '@rubin/ra-contract'
import { loadConfig } from '@rubin/ra-runtime'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { locationTargets, RubinTvConfig } from '../../services/rubintv/src/config.ts'
import { SnowflakesConfig } from '../../services/snowflakes/src/config.ts'
import { WorkerConfig, workerSettings } from '../../services/worker/src/config.ts'
import { parseRawUri } from '../../services/worker/src/pipelines/quicklook/raw-store.ts'
import { DEPLOY_SITES, type K8sObject, renderTree, SITES, siteFiles, type Workload, workloads } from '../src/index.ts'

type Site = (typeof DEPLOY_SITES)[number]
const allObjects = (site: Site) => [...siteFiles(SITES[site]).values()].flat()
const objectOf = (site: Site, kind: string, name: string) =>
  allObjects(site).find((o) => o.kind === kind && o.metadata.name === name)

interface PodSpec {
  containers: { env: { name: string }[]; volumeMounts: { name: string; mountPath: string }[] }[]
  volumes: { name: string; emptyDir?: { sizeLimit?: string }; persistentVolumeClaim?: unknown }[]
}
const podSpecOf = (o: K8sObject | undefined): PodSpec => {
  if (o === undefined) throw new Error('no such object')
  return (o.spec as { template: { spec: PodSpec } }).template.spec
}

/**
 * The environment a pod of `w` starts with: literal values with `$(VAR)` expanded as Kubernetes
 * does, secrets as a stand-in, the pod name for `metadata.name` (the set's first ordinal).
 */
function podEnv(w: Workload): Record<string, string> {
  const env: Record<string, string> = {}
  const podName = w.workerSet ? `${w.name}-${w.workerSet.ordinalStart}` : `${w.name}-0`
  for (const e of w.env) {
    if ('value' in e) env[e.name] = e.value.replace(/\$\(([A-Z_]+)\)/g, (_, n: string) => env[n] ?? '')
    else if ('secretKeyRef' in e.valueFrom) env[e.name] = 'from-a-secret'
    else env[e.name] = podName
  }
  return env
}

/** The egress CIDRs a workload's NetworkPolicy allows on the site's S3 port. */
function s3Egress(site: Site, name: string): string[] {
  type Rule = { to: { ipBlock?: { cidr: string } }[]; ports: { port: unknown }[] }
  const policy = objectOf(site, 'NetworkPolicy', name)
  if (policy === undefined) throw new Error(`no NetworkPolicy ${name}`)
  const { egress } = policy.spec as { egress: Rule[] }
  return egress
    .filter((rule) => rule.ports.some((p) => p.port === SITES[site].s3.port))
    .flatMap((rule) => rule.to.flatMap((t) => (t.ipBlock ? [t.ipBlock.cidr] : [])))
}

/** The mount of RA_PRODUCT_SPOOL_DIR and the volume behind it. */
function spoolOf(site: Site, w: Workload, kind: string) {
  const pod = podSpecOf(objectOf(site, kind, w.name))
  const dir = podEnv(w).RA_PRODUCT_SPOOL_DIR
  const mount = pod.containers[0]?.volumeMounts.find((m) => m.mountPath === dir)
  return { dir, mount, volume: pod.volumes.find((v) => v.name === mount?.name) }
}

describe('quicklook workers', () => {
  const quicklookSites = DEPLOY_SITES.filter((s) => SITES[s].workerPipelines.kind === 'quicklook')

  it('run the quicklook at every site with real raws (a developer cluster runs the test pipeline)', () => {
    expect(quicklookSites).toEqual(['summit', 'usdf', 'bts', 'tts'])
  })

  it.each(quicklookSites)('%s: each set loads through the worker config, with the raw bucket and S3', (site) => {
    const spec = SITES[site]
    const sets = workloads(spec).filter((w) => w.workerSet)
    expect(sets.length).toBeGreaterThan(0)
    for (const w of sets) {
      const env = podEnv(w)
      const config = loadConfig(w.service, WorkerConfig, env)
      const settings = workerSettings(w.service, config)
      expect(Object.values(settings.pipelines).map((p) => p.kind)).toEqual(['quicklook'])
      expect(settings.identity.flavour).toBe(w.workerSet?.flavour)
      expect(parseRawUri(config.RA_RAW_URI ?? '')).toMatchObject({ kind: 's3' })
      expect(config.RA_S3_ENDPOINT).toBe(spec.s3.url)
      expect(config.RA_S3_BUCKET).toBe(RA_SITE_S3[spec.raSite].local.bucket)
      expect(s3Egress(site, w.name), w.name).toEqual(spec.s3.cidrs)
    }
  })

  it.each(quicklookSites)('%s: each worker spools to its own volume, not the container or /tmp', (site) => {
    for (const w of workloads(SITES[site]).filter((x) => x.workerSet)) {
      const { dir, mount, volume } = spoolOf(site, w, 'StatefulSet')
      expect(dir, w.name).not.toMatch(/^\/tmp\//)
      expect(mount, `${w.name} mounts ${dir}`).toBeDefined()
      expect(volume?.emptyDir?.sizeLimit, w.name).toBeDefined()
    }
  })

  it('the local cluster runs the test pipeline: no S3 for its workers', () => {
    for (const w of workloads(SITES.local).filter((x) => x.workerSet)) {
      const settings = workerSettings(w.service, loadConfig(w.service, WorkerConfig, podEnv(w)))
      expect(Object.values(settings.pipelines).map((p) => p.kind)).toEqual(['test'])
      expect(s3Egress('local', w.name)).toEqual([])
    }
  })

  it.each(DEPLOY_SITES)('%s: every instrument that makes mosaics has a MOSAIC_WORKER for the head node', (site) => {
    for (const i of SITES[site].instruments.filter((x) => x.instrument !== 'LATISS')) {
      const mosaic = workloads(SITES[site]).filter(
        (w) => w.instrument === i.instrument && w.workerSet?.flavour === 'MOSAIC_WORKER',
      )
      expect(
        mosaic.map((w) => w.replicas),
        `${i.instrument} at ${site}`,
      ).toEqual([1])
    }
  })
})

describe('snowflakes', () => {
  it.each(DEPLOY_SITES)('%s: one per instrument, its env loads through its config', (site) => {
    const spec = SITES[site]
    const flakes = workloads(spec).filter((w) => w.service === 'snowflakes')
    expect(flakes.map((w) => w.instrument)).toEqual(spec.instruments.map((i) => i.instrument))
    for (const w of flakes) {
      const config = loadConfig('snowflakes', SnowflakesConfig, podEnv(w))
      expect(config.RA_INSTRUMENT).toBe(w.instrument)
      expect(config.RA_S3_ENDPOINT).toBe(spec.s3.url)
      expect(config.RA_S3_BUCKET).toBe(RA_SITE_S3[spec.raSite].local.bucket)
      const at = spec.instruments.find((i) => i.instrument === w.instrument)?.dayMovieAt ?? ''
      expect(config.RA_DAY_MOVIE_AT).toBe(at)
      expect(s3Egress(site, w.name)).toEqual(spec.s3.cidrs)
    }
  })

  it.each(DEPLOY_SITES)('%s: a StatefulSet of 1 whose spool is a claim that outlives the pod', (site) => {
    for (const w of workloads(SITES[site]).filter((x) => x.service === 'snowflakes')) {
      const sts = objectOf(site, 'StatefulSet', w.name)
      if (sts === undefined) throw new Error(`no StatefulSet ${w.name}`)
      const stsSpec = sts.spec as { replicas: number; volumeClaimTemplates: { metadata: { name: string } }[] }
      expect(stsSpec.replicas).toBe(1)
      const { dir, mount, volume } = spoolOf(site, w, 'StatefulSet')
      expect(mount, `${w.name} mounts ${dir}`).toBeDefined()
      // Not a pod volume: the claim template's, so a restarted pod finds what was spooled.
      expect(volume).toBeUndefined()
      expect(stsSpec.volumeClaimTemplates.map((t) => t.metadata.name)).toEqual([mount?.name])
    }
  })
})

describe('RubinTV', () => {
  it.each(DEPLOY_SITES)(
    '%s reaches each location at the contract endpoint, or the site S3 where it names none',
    (site) => {
      const spec = SITES[site]
      const tv = workloads(spec).find((w) => w.service === 'rubintv')
      expect(tv).toBeDefined()
      const targets = locationTargets(loadConfig('rubintv', RubinTvConfig, podEnv(tv as Workload)))
      expect(targets.length).toBeGreaterThan(0)
      for (const t of targets) {
        const endpoint = LOCATIONS[t.location as Location].endpoint
        expect(t.endpoint, t.location).toBe('url' in endpoint ? endpoint.url : spec.s3.url)
        expect(t.bucket).toBe(LOCATIONS[t.location as Location].bucket)
      }
    },
  )
})

describe('YAML', () => {
  it('a YAML 1.1 reader (Kubernetes tooling) reads the same objects as a 1.2 reader', async () => {
    for (const [path, text] of await renderTree()) {
      const v11 = parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJS())
      const v12 = parseAllDocuments(text).map((d) => d.toJS())
      expect(v11, path).toEqual(v12)
    }
  })
})
