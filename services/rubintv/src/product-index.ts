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

/** A night report's parts in S3: the text file and the plots by group. */
export interface NightReportParts {
  text: { readonly key: string; readonly etag: string | undefined } | undefined
  readonly plots: Map<string, { readonly key: string; readonly group: string; readonly name: string }>
}

export class DayIndex {
  readonly nightReport: NightReportParts = { text: undefined, plots: new Map() }
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

export interface ProductIndexOptions {
  /** Past camera-days kept in memory (least recently used go first); the current day is always kept. */
  readonly maxPastDays?: number
  readonly currentDay?: () => DayObs
  /** Days someone is subscribed to: never evicted. */
  readonly pinned?: (location: Location, camera: Camera, dayObs: DayObs) => boolean
}

export type EvictListener = (location: Location, camera: Camera, dayObs: DayObs) => void

export class ProductIndex {
  /** In least-recently-used order: a day is moved to the end each time it is used. */
  readonly #days = new Map<string, DayIndex>()
  readonly #where = new Map<string, { location: Location; camera: Camera; dayObs: DayObs }>()
  readonly #listeners: ChangeListener[] = []
  readonly #evictListeners: EvictListener[] = []
  readonly #o: ProductIndexOptions

  constructor(options: ProductIndexOptions = {}) {
    this.#o = options
  }

  /** Told when a past day is dropped from memory (so its listing state goes too). */
  onEvict(listener: EvictListener): void {
    this.#evictListeners.push(listener)
  }

  /** Camera-days in memory now. */
  get size(): number {
    return this.#days.size
  }

  has(location: Location, camera: Camera, dayObs: DayObs): boolean {
    return this.#days.has(`${location}|${camera}|${dayObs}`)
  }

  #evict(keep: string): void {
    const max = this.#o.maxPastDays
    if (max === undefined) return
    const today = this.#o.currentDay?.()
    let past = 0
    for (const where of this.#where.values()) if (where.dayObs !== today) past++
    for (const [id, where] of this.#where) {
      if (past <= max) return
      if (id === keep || where.dayObs === today || this.#o.pinned?.(where.location, where.camera, where.dayObs)) {
        continue
      }
      this.#days.delete(id)
      this.#where.delete(id)
      past--
      for (const listener of this.#evictListeners) listener(where.location, where.camera, where.dayObs)
    }
  }

  onChange(listener: ChangeListener): void {
    this.#listeners.push(listener)
  }

  #emit(location: Location, camera: Camera, dayObs: DayObs, change: IndexChange): void {
    for (const listener of this.#listeners) listener(location, camera, dayObs, change)
  }

  day(location: Location, camera: Camera, dayObs: DayObs): DayIndex {
    const id = `${location}|${camera}|${dayObs}`
    let day = this.#days.get(id)
    if (day !== undefined) {
      // Most recently used goes last.
      this.#days.delete(id)
      this.#days.set(id, day)
      const where = this.#where.get(id)
      this.#where.delete(id)
      if (where !== undefined) this.#where.set(id, where)
      return day
    }
    day = new DayIndex()
    this.#days.set(id, day)
    this.#where.set(id, { location, camera, dayObs })
    this.#evict(id)
    return day
  }

  /** A night-report object (text or plot); true when it is new or changed. */
  addNightReport(
    location: Location,
    parsed: {
      kind: 'nightReportText' | 'nightReportPlot'
      camera: Camera
      dayObs: DayObs
      group?: string
      name?: string
    },
    key: string,
    etag: string | undefined,
  ): boolean {
    const report = this.day(location, parsed.camera, parsed.dayObs).nightReport
    if (parsed.kind === 'nightReportText') {
      if (report.text?.key === key && report.text.etag === etag) return false
      report.text = { key, etag }
      return true
    }
    if (report.plots.has(key)) return false
    report.plots.set(key, { key, group: parsed.group ?? '', name: parsed.name ?? '' })
    return true
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
