// ----------------------------------------------------------------------------
// Turning S3 objects into index entries, shared by the notification reader and
// the listing reconciler: a key is parsed with the contract, a product is added
// (ETag-aware), a metadata table is fetched only when its ETag changed, read
// through the contract's MetadataTable schema and diffed into the index.
// ----------------------------------------------------------------------------
import {
  type Camera,
  cameraSpec,
  camerasAt,
  type DayObs,
  formatIssues,
  type Location,
  type MetadataTable,
} from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import type { DeadLetters, Logger } from '@rubin/ra-runtime'
import { metadataKey, parseShownKey, productOf } from '../keys.ts'
import type { ProductIndex } from '../product-index.ts'
import type { Bucket } from '../s3.ts'

export interface CatalogOptions {
  readonly index: ProductIndex
  readonly buckets: ReadonlyMap<Location, Bucket>
  readonly logger: Logger
  readonly deadLetters: DeadLetters
}

/** Cameras whose own products or metadata table we keep for a location (metadata_from sources too). */
export function indexedCameras(location: Location): Camera[] {
  const shown = camerasAt(location)
  const sources = shown.map((c) => cameraSpec(c).metadataFrom).filter((c): c is Camera => c !== undefined)
  return [...new Set([...shown, ...sources])]
}

export class Catalog {
  readonly #o: CatalogOptions
  /** Keys refused by the contract, reported once each (a listing sees them again every pass). */
  readonly #refused = new Set<string>()

  constructor(options: CatalogOptions) {
    this.#o = options
  }

  get index(): ProductIndex {
    return this.#o.index
  }

  bucket(location: Location): Bucket | undefined {
    return this.#o.buckets.get(location)
  }

  /** One object seen in a listing or a notification. */
  async seen(
    location: Location,
    key: string,
    info: { etag?: string | undefined; size?: number | undefined; changedSeqs?: readonly number[] } = {},
  ): Promise<void> {
    const parsed = parseShownKey(key)
    if (parsed === undefined) {
      if (!this.#refused.has(key)) {
        this.#refused.add(key)
        this.#o.logger.warn({ location, key }, 'S3 key refused by the contract; not shown')
      }
      return
    }
    if (!indexedCameras(location).includes(parsed.camera)) return
    if (parsed.kind === 'event' || parsed.kind === 'final') {
      this.#o.index.addProduct(location, productOf(location, key, parsed, info))
    } else if (parsed.kind === 'metadata') {
      const seqs = info.changedSeqs?.map(String)
      await this.loadMetadata(location, parsed.camera, parsed.dayObs, info.etag, seqs)
    } else {
      this.#o.index.addNightReport(location, parsed, key, info.etag)
    }
  }

  /** Fetch metadata.json unless the known ETag is the given one; one read per day at a time. */
  loadMetadata(
    location: Location,
    camera: Camera,
    dayObs: DayObs,
    etag: string | undefined,
    changedSeqs?: readonly string[],
  ): Promise<unknown> {
    const day = this.#o.index.day(location, camera, dayObs)
    const run = async () => {
      if (etag !== undefined && etag !== '' && day.metadataEtag === etag) return
      const bucket = this.#o.buckets.get(location)
      if (bucket === undefined) return
      const key = metadataKey(camera, dayObs)
      const read = await bucket.getText(key)
      if (read === undefined || (read.etag !== undefined && read.etag === day.metadataEtag)) return
      const table = parseMessage('MetadataTable', read.text)
      if (!table.ok) {
        await this.#o.deadLetters({
          source: `s3://${bucket.target.bucket}/${key}`,
          code: 'RUBINTV_METADATA_INVALID',
          reason: `metadata.json refused by the contract's MetadataTable schema: ${formatIssues(table.issues)}`,
          input: read.text.slice(0, 10_000),
        })
        return
      }
      this.#o.index.setMetadata(location, camera, dayObs, table.value as MetadataTable, read.etag, changedSeqs)
    }
    const next = day.metadataChain.then(run, run)
    day.metadataChain = next.catch((error: unknown) =>
      this.#o.logger.warn({ location, camera, dayObs, err: (error as Error).message }, 'metadata read failed'),
    )
    return day.metadataChain
  }
}
