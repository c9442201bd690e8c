// ----------------------------------------------------------------------------
// The safety net: list S3 so products written with no notification (today's RA
// writes none) appear too. Cameras are listed in parallel (bounded); a listing
// adds only keys whose ETag is new, and metadata.json is fetched only when its
// ETag changed. The current day is listed every pass; other days when a browser
// asks for them (and again when that listing is older than `staleMs`).
// ----------------------------------------------------------------------------
import type { Camera, DayObs, Location } from '@rubin/ra-contract'
import type { Logger } from '@rubin/ra-runtime'
import { dayPrefix } from '../keys.ts'
import { type Catalog, indexedCameras } from './catalog.ts'

export async function inParallel<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T
      await run(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

export class Reconciler {
  readonly #catalog: Catalog
  readonly #logger: Logger
  readonly #limit: number
  readonly #inFlight = new Map<string, Promise<void>>()
  /** Known ETag per key, per camera-day, so unchanged objects cost nothing; dropped with the day. */
  readonly #etags = new Map<string, Map<string, string>>()

  constructor(catalog: Catalog, logger: Logger, limit: number) {
    this.#catalog = catalog
    this.#logger = logger
    this.#limit = limit
    catalog.index.onEvict((location, camera, dayObs) => this.#etags.delete(`${location}|${camera}|${dayObs}`))
  }

  /** List one camera-day (deduplicated while one is running). */
  listDay(location: Location, camera: Camera, dayObs: DayObs): Promise<void> {
    const id = `${location}|${camera}|${dayObs}`
    const running = this.#inFlight.get(id)
    if (running !== undefined) return running
    const job = this.#list(location, camera, dayObs).finally(() => this.#inFlight.delete(id))
    this.#inFlight.set(id, job)
    return job
  }

  async #list(location: Location, camera: Camera, dayObs: DayObs): Promise<void> {
    const bucket = this.#catalog.bucket(location)
    if (bucket === undefined) return
    const dayId = `${location}|${camera}|${dayObs}`
    try {
      const objects = await bucket.list(dayPrefix(camera, dayObs))
      let etags = this.#etags.get(dayId)
      if (etags === undefined) {
        etags = new Map()
        this.#etags.set(dayId, etags)
      }
      for (const object of objects) {
        if (etags.get(object.key) === object.etag) continue
        await this.#catalog.seen(location, object.key, { etag: object.etag, size: object.size })
        etags.set(object.key, object.etag)
      }
      this.#catalog.index.day(location, camera, dayObs).listedAt = Date.now()
    } catch (error) {
      this.#logger.warn({ location, camera, dayObs, err: (error as Error).message }, 'listing S3 failed; will retry')
    }
  }

  /** Make sure a day is known; returns at once (serve what is known), the listing runs in the background. */
  ensureDay(location: Location, camera: Camera, dayObs: DayObs, staleMs: number): void {
    const day = this.#catalog.index.day(location, camera, dayObs)
    if (Date.now() - day.listedAt < staleMs) return
    void this.listDay(location, camera, dayObs)
  }

  /** One pass over the current day of every camera of every location. */
  async pass(locations: readonly Location[], dayObs: DayObs): Promise<void> {
    const jobs = locations.flatMap((location) => indexedCameras(location).map((camera) => ({ location, camera })))
    await inParallel(jobs, this.#limit, ({ location, camera }) => this.listDay(location, camera, dayObs))
  }
}
