// ----------------------------------------------------------------------------
// Where the raws are. The watcher only needs two things from a raw store: the
// text of one object (a rawRecord named by a notification) and the rawRecord
// objects of one instrument and day (for the polling safety net). Today's store
// is a directory laid out as the raw bucket; an S3 store implements the same
// interface (GetObject; ListObjectsV2 under `{instrument}/{dayObs}/`).
// ----------------------------------------------------------------------------
import { readdir, readFile, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { buildS3Key, type DayObs, type Instrument } from '@rubin/ra-contract'

export interface RawObject {
  /** The object key (a rawRecord key), relative to the store. */
  readonly key: string
  readonly modifiedAt: Date
}

export interface RawStore {
  /** For logs and /status, e.g. `file:///data/raw`. */
  readonly description: string
  /** The object's text. Rejects with RawStoreError ('not-found' when there is no such object). */
  read(key: string): Promise<string>
  /** Every rawRecord object of one instrument and day that exists now. */
  listRecords(instrument: Instrument, dayObs: DayObs): Promise<RawObject[]>
}

export class RawStoreError extends Error {
  readonly kind: 'not-found' | 'too-large' | 'outside' | 'io'
  constructor(kind: RawStoreError['kind'], message: string) {
    super(message)
    this.name = 'RawStoreError'
    this.kind = kind
  }
}

/** Records are a few kilobytes; anything this big is not one. */
const MAX_RECORD_BYTES = 1024 * 1024

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT'

export function directoryRawStore(root: string): RawStore {
  const base = resolve(root)
  const pathOf = (key: string) => {
    const path = resolve(base, key)
    const rel = relative(base, path)
    // Keys come from the outside (notifications): never read beyond the root.
    if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
      throw new RawStoreError('outside', `key '${key}' points outside the raw root ${base}`)
    }
    return path
  }
  return {
    description: `file://${base}`,
    async read(key) {
      const path = pathOf(key)
      try {
        const info = await stat(path)
        if (info.size > MAX_RECORD_BYTES) {
          throw new RawStoreError('too-large', `${key} is ${info.size} bytes; a record is at most ${MAX_RECORD_BYTES}`)
        }
        return await readFile(path, 'utf8')
      } catch (error) {
        if (error instanceof RawStoreError) throw error
        if (isMissing(error)) throw new RawStoreError('not-found', `no object ${key} in ${base}`)
        throw new RawStoreError('io', `cannot read ${key}: ${(error as Error).message}`)
      }
    },
    async listRecords(instrument, dayObs) {
      const day = `${instrument}/${dayObs}`
      let names: string[]
      try {
        names = await readdir(pathOf(day))
      } catch (error) {
        if (isMissing(error)) return []
        throw error
      }
      const found: RawObject[] = []
      for (const obsId of names.sort()) {
        const key = buildS3Key({ kind: 'rawRecord', instrument, dayObs, obsId })
        // Directories that are not obs ids (or stray files) build no key: skip them.
        if (!key.ok) continue
        try {
          const info = await stat(pathOf(key.value))
          if (info.isFile()) found.push({ key: key.value, modifiedAt: info.mtime })
        } catch (error) {
          // The raws of an exposure may land before its record: look again next time.
          if (!isMissing(error)) throw error
        }
      }
      return found
    },
  }
}
