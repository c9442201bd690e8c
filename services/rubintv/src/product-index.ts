// ----------------------------------------------------------------------------
// The in-memory index: per location, camera and day, the products per seq and
// channel, the per-day products, and the metadata table. Fed by notifications
// and by listing S3; every real change (new key, changed ETag, changed cells) is
// reported once through `onChange`, which is what the live protocol sends.
// ----------------------------------------------------------------------------
import type { Camera, DayObs, Location, MetadataTable, RubinTvProduct } from '@rubin/ra-contract'
import { diffTables, type RowChange } from './metadata-diff.ts'

export type IndexChange =
  | { readonly kind: 'product'; readonly product: RubinTvProduct }
  | { readonly kind: 'metadata'; readonly rows: Readonly<Record<string, RowChange>> }

export class DayIndex {
  readonly events = new Map<number, Map<string, RubinTvProduct>>()
  readonly perDay = new Map<string, RubinTvProduct>()
  metadata: MetadataTable = {}
  metadataEtag: string | undefined
  /** When this day was last listed in S3 (ms), 0 = never. */
  listedAt = 0
  /** Metadata reads of one day run one after another, so an older read never overwrites a newer one. */
  metadataChain: Promise<unknown> = Promise.resolve()

  /** The newest product of a channel (per-day products count as newest). */
  newest(channel: string): RubinTvProduct | undefined {
    const perDay = this.perDay.get(channel)
    if (perDay !== undefined) return perDay
    let best: RubinTvProduct | undefined
    for (const [seq, channels] of this.events) {
      const product = channels.get(channel)
      if (product !== undefined && (best === undefined || seq > (best.seq as number))) best = product
    }
    return best
  }
}

export type ChangeListener = (location: Location, camera: Camera, dayObs: DayObs, change: IndexChange) => void

export class ProductIndex {
  readonly #days = new Map<string, DayIndex>()
  readonly #listeners: ChangeListener[] = []

  onChange(listener: ChangeListener): void {
    this.#listeners.push(listener)
  }

  #emit(location: Location, camera: Camera, dayObs: DayObs, change: IndexChange): void {
    for (const listener of this.#listeners) listener(location, camera, dayObs, change)
  }

  day(location: Location, camera: Camera, dayObs: DayObs): DayIndex {
    const id = `${location}|${camera}|${dayObs}`
    let day = this.#days.get(id)
    if (day === undefined) {
      day = new DayIndex()
      this.#days.set(id, day)
    }
    return day
  }

  /** Adds or updates a product; true (and one change reported) when it is new or its ETag changed. */
  addProduct(location: Location, product: RubinTvProduct): boolean {
    const day = this.day(location, product.camera, product.dayObs)
    let known: RubinTvProduct | undefined
    if (product.seq === 'final') known = day.perDay.get(product.channel)
    else known = day.events.get(product.seq)?.get(product.channel)
    if (
      known !== undefined &&
      known.key === product.key &&
      (product.etag === undefined || known.etag === product.etag)
    ) {
      return false
    }
    if (product.seq === 'final') day.perDay.set(product.channel, product)
    else {
      let channels = day.events.get(product.seq)
      if (channels === undefined) {
        channels = new Map()
        day.events.set(product.seq, channels)
      }
      channels.set(product.channel, product)
    }
    this.#emit(location, product.camera, product.dayObs, { kind: 'product', product })
    return true
  }

  /** Replaces a day's table; reports only the changed cells (nothing when nothing changed). */
  setMetadata(
    location: Location,
    camera: Camera,
    dayObs: DayObs,
    table: MetadataTable,
    etag: string | undefined,
    changedSeqs?: readonly string[],
  ): number {
    const day = this.day(location, camera, dayObs)
    const rows = diffTables(day.metadata, table, changedSeqs)
    // With changedSeqs the diff covers only those rows; the stored table is the whole new one either way.
    day.metadata = table
    day.metadataEtag = etag
    const count = Object.keys(rows).length
    if (count > 0) this.#emit(location, camera, dayObs, { kind: 'metadata', rows })
    return count
  }
}
