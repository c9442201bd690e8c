// ----------------------------------------------------------------------------
// One phase of the display benchmark: a RubinTV instance over the shared Redis
// and S3 (with notifications, or listing only every second as today), its
// WebSocket clients and one Chromium page, then products and metadata changes
// written at a steady pace and the time until each is seen.
// ----------------------------------------------------------------------------
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { S3Client } from '@aws-sdk/client-s3'
import type { DayObs, Location, MetadataTable, RubinTvTopic } from '@rubin/ra-contract'
import { connectRedis, createLogger, ProductStore, startService } from '@rubin/ra-runtime'
import { type RubinTvRunning, rubintvService } from '../src/service.ts'
import type { TestBrowser } from '../src/testing/browser.ts'
import { now, observePage, pageSeen, watchClient } from './observers.ts'
import { eventKey, keyOf, type Pair, PRODUCT_BODY } from './workload.ts'

export interface PhaseInput {
  readonly name: 'notified' | 'baseline'
  readonly redisUrl: string
  readonly s3Endpoint: string
  readonly s3: S3Client
  readonly locations: readonly Location[]
  readonly pairs: readonly Pair[]
  /** The camera the browser shows (products to it are measured in the DOM). */
  readonly shown: Pair
  readonly dayObs: DayObs
  /** The shown camera's metadata.json as in S3; updated in place by the phase's changes. */
  readonly table: MetadataTable
  readonly browser: TestBrowser
  readonly clients: number
  readonly products: number
  readonly cellChanges: number
  /** First seq written in this phase (phases use their own seqs). */
  readonly firstSeq: number
  /** Seqs whose cells change (distinct, already in the table). */
  readonly changedSeqs: readonly number[]
  readonly paceMs: number
  readonly progress: (line: string) => void
}

export interface PhaseResult {
  /** Per product of the shown camera: write start → visible in the page (ms). */
  readonly displayMs: number[]
  /** Per product and client: write start → delta received (ms). */
  readonly deltaMs: number[]
  /** Per changed cell: write start → visible in the page (ms), and → delta at the clients. */
  readonly cellDisplayMs: number[]
  readonly cellDeltaMs: number[]
  readonly bytesPerProduct: number
  readonly bytesPerCell: number
  readonly snapshotBytes: number
  readonly missing: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
// Jitter so writes do not lock in step with the 1 s listing of the baseline.
const pace = (ms: number) => sleep(ms * (0.5 + Math.random()))

async function until(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && !(await done())) await sleep(50)
}

export async function runPhase(input: PhaseInput): Promise<PhaseResult> {
  const { shown, dayObs } = input
  const notified = input.name === 'notified'
  const started = await startService(
    rubintvService(),
    {
      RA_REDIS_URL: input.redisUrl,
      RA_LOG_LEVEL: 'silent',
      RUBINTV_PORT: '0',
      RUBINTV_LOCATIONS: input.locations.join(','),
      RA_S3_ENDPOINT: input.s3Endpoint,
      RUBINTV_NOTIFICATIONS: String(notified),
      // Today's RubinTV: listing every second (its configured floor) is the only way to see anything.
      RUBINTV_RECONCILE_MS: notified ? '600000' : '1000',
    },
    { http: false },
  )
  const running = started.running as unknown as RubinTvRunning
  const spool = await mkdtemp(join(tmpdir(), 'ra-bench-display-'))
  const redis = connectRedis({ url: input.redisUrl, name: 'bench-display' })
  const logger = createLogger('bench-display', 'silent')
  const store = (producer: 'worker' | 'metadata-server', bucket: string) =>
    new ProductStore({ s3: input.s3, bucket, redis, producer, logger, spoolDir: join(spool, producer, bucket) })
  const stores = new Map(input.pairs.map((p) => [p.bucket, store('worker', p.bucket)]))
  const metadataStore = store('metadata-server', shown.bucket)
  const page = await input.browser.page()
  const clients: Awaited<ReturnType<typeof watchClient>>[] = []
  try {
    await running.reconcile()
    input.progress(`${input.name}: RubinTV up, first listing done`)
    const topics: RubinTvTopic[] = input.pairs.map((p) => ({
      kind: 'cameraTable',
      location: p.location,
      camera: p.camera,
    }))
    for (let i = 0; i < input.clients; i++) clients.push(await watchClient(running.url, topics))
    // One more, subscribed like the browser page (its camera only), counts the bytes a browser gets.
    const meter = await watchClient(running.url, [
      { kind: 'cameraTable', location: shown.location, camera: shown.camera },
    ])
    clients.push(meter)
    await Promise.all(clients.map((c) => c.ready))
    const lastSeq = Math.max(...Object.keys(input.table).map(Number))
    await page.goto(`${running.url}/${shown.location}/${shown.camera}`)
    await page.locator('#live.on').waitFor()
    await page.locator(`tr[data-seq="${lastSeq}"]`).waitFor()
    await observePage(page)
    input.progress(`${input.name}: clients subscribed, page shows the day`)
    const meterBefore = { ...meter.bytes }

    // Products: one to the shown camera and one to another camera prefix per step.
    const writes = new Map<string, number>()
    const shownKeys: { key: string; id: string }[] = []
    // Cameras with only per-day channels (movies) get no per-seq products; they are still listed and watched.
    const others = input.pairs.filter((p) => p !== shown && p.channel !== undefined)
    for (let i = 0; i < input.products; i++) {
      const seq = input.firstSeq + i
      const other = others[i % others.length] as Pair
      for (const pair of [shown, other]) {
        const key = eventKey(pair, dayObs, seq)
        writes.set(key, now())
        await stores.get(pair.bucket)?.put({ key, body: PRODUCT_BODY, contentType: 'image/jpeg' })
        if (pair === shown) shownKeys.push({ key, id: `${seq}|${pair.channel}` })
      }
      await pace(input.paceMs)
    }
    const everyClientHas = () => clients.slice(0, -1).every((c) => [...writes.keys()].every((k) => c.products.has(k)))
    const pageHasAll = async () => {
      const seen = await pageSeen(page)
      return shownKeys.every((k) => seen.products[k.id] !== undefined)
    }
    await until(async () => everyClientHas() && (await pageHasAll()), 15_000)
    const productBytes = meter.bytes.product - meterBefore.product
    input.progress(`${input.name}: products written and seen`)

    // Metadata: the whole metadata.json rewritten, one cell of a shown column changed each time.
    const column = 'Exposure time'
    // Changed in place: the next phase starts from the table as this one left it.
    const table = input.table
    const cellWrites = new Map<string, number>()
    const metadataKey = keyOf({ kind: 'metadata', camera: shown.camera, dayObs })
    for (const [i, seq] of input.changedSeqs.entries()) {
      const row = table[String(seq)]
      if (row === undefined) throw new Error(`seq ${seq} is not in the table`)
      row[column] = 1000 + i + (notified ? 0 : 500)
      const body = JSON.stringify(table)
      cellWrites.set(`${seq}|${column}`, now())
      await metadataStore.put({ key: metadataKey, body, contentType: 'application/json', changedSeqs: [seq] })
      await pace(input.paceMs)
    }
    const cellsSeen = async () => {
      const seen = await pageSeen(page)
      return [...cellWrites.keys()].every((id) => seen.cells[id] !== undefined && meter.cells.has(id))
    }
    await until(cellsSeen, 15_000)
    const seen = await pageSeen(page)

    const displayMs: number[] = []
    let missing = 0
    for (const { key, id } of shownKeys) {
      const at = seen.products[id]
      if (at === undefined) missing++
      else displayMs.push(at - (writes.get(key) as number))
    }
    const deltaMs: number[] = []
    for (const client of clients.slice(0, -1)) {
      for (const [key, at] of writes) {
        const got = client.products.get(key)
        if (got === undefined) missing++
        else deltaMs.push(got - at)
      }
    }
    const cellDisplayMs: number[] = []
    const cellDeltaMs: number[] = []
    for (const [id, at] of cellWrites) {
      const shownAt = seen.cells[id]
      const deltaAt = meter.cells.get(id)
      if (shownAt === undefined || deltaAt === undefined) missing++
      if (shownAt !== undefined) cellDisplayMs.push(shownAt - at)
      if (deltaAt !== undefined) cellDeltaMs.push(deltaAt - at)
    }
    input.progress(
      `${input.name}: ${displayMs.length} products and ${cellDisplayMs.length} cells seen, ${missing} missing`,
    )
    return {
      displayMs,
      deltaMs,
      cellDisplayMs,
      cellDeltaMs,
      bytesPerProduct: productBytes / Math.max(1, shownKeys.length),
      bytesPerCell: (meter.bytes.metadata - meterBefore.metadata) / Math.max(1, cellWrites.size),
      snapshotBytes: meterBefore.snapshot,
      missing,
    }
  } finally {
    for (const c of clients) c.close()
    await page.close()
    for (const s of [...stores.values(), metadataStore]) await s.stop()
    await started.stop()
    await redis.close()
    await rm(spool, { recursive: true, force: true })
  }
}
