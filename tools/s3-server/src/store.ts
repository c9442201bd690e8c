// ----------------------------------------------------------------------------
// Durable object storage on a directory: one data file and one metadata file per
// object, named by a hash of the key (keys contain '/', may be long, and must not
// escape the directory). Writes go to a temporary file and are renamed into place,
// so a crash leaves either the old object or the new one. A sorted in-memory index
// of keys, rebuilt from the metadata files at start, answers listings.
// ----------------------------------------------------------------------------
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface ObjectMeta {
  readonly key: string
  readonly size: number
  /** MD5 of the body, hex, without quotes (as S3 computes it for a single-part upload). */
  readonly etag: string
  readonly contentType: string
  readonly lastModified: string
  readonly userMetadata: Readonly<Record<string, string>>
}

export class StoreError extends Error {
  readonly code: 'NoSuchBucket' | 'NoSuchKey' | 'BucketAlreadyOwnedByYou' | 'BucketNotEmpty' | 'InvalidBucketName'
  constructor(code: StoreError['code'], message: string) {
    super(message)
    this.name = 'StoreError'
    this.code = code
  }
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

class Bucket {
  readonly name: string
  readonly dir: string
  readonly created: string
  /** Sorted keys (binary search keeps inserts O(log n) to find, O(n) to shift: fine at 10^5 keys). */
  readonly keys: string[] = []
  readonly meta = new Map<string, ObjectMeta>()
  constructor(name: string, dir: string, created: string) {
    this.name = name
    this.dir = dir
    this.created = created
  }
  index(key: string): number {
    let lo = 0
    let hi = this.keys.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.keys[mid] as string) < key) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  remember(meta: ObjectMeta): void {
    if (!this.meta.has(meta.key)) this.keys.splice(this.index(meta.key), 0, meta.key)
    this.meta.set(meta.key, meta)
  }
  forget(key: string): void {
    if (!this.meta.delete(key)) return
    this.keys.splice(this.index(key), 1)
  }
}

const fileOf = (key: string) => createHash('sha256').update(key).digest('hex')

export interface ListQuery {
  readonly prefix: string
  readonly delimiter: string
  /** Only keys (or common prefixes) strictly after this one. */
  readonly after: string
  readonly maxKeys: number
}

export interface ListResult {
  readonly objects: readonly ObjectMeta[]
  readonly commonPrefixes: readonly string[]
  readonly truncated: boolean
  /** The last key or common prefix returned: where the next page starts. */
  readonly last: string | undefined
}

export class ObjectStore {
  readonly root: string
  readonly #buckets = new Map<string, Bucket>()
  private constructor(root: string) {
    this.root = root
  }

  static async open(root: string): Promise<ObjectStore> {
    const store = new ObjectStore(root)
    await mkdir(root, { recursive: true })
    for (const entry of await readdir(root, { withFileTypes: true })) {
      if (!entry.isDirectory() || !BUCKET_NAME.test(entry.name)) continue
      const dir = join(root, entry.name)
      const bucket = new Bucket(entry.name, dir, (await stat(dir)).birthtime.toISOString())
      for (const file of await readdir(dir)) {
        if (!file.endsWith('.meta.json')) continue
        const meta = JSON.parse(await readFile(join(dir, file), 'utf8')) as ObjectMeta
        bucket.remember(meta)
      }
      store.#buckets.set(entry.name, bucket)
    }
    return store
  }

  buckets(): readonly { name: string; created: string }[] {
    return [...this.#buckets.values()].map((b) => ({ name: b.name, created: b.created }))
  }

  hasBucket(name: string): boolean {
    return this.#buckets.has(name)
  }

  async createBucket(name: string): Promise<void> {
    if (!BUCKET_NAME.test(name)) {
      throw new StoreError(
        'InvalidBucketName',
        `bucket name '${name}' must be 3-63 lower-case letters, digits, '.' or '-'`,
      )
    }
    if (this.#buckets.has(name)) throw new StoreError('BucketAlreadyOwnedByYou', `bucket '${name}' already exists`)
    const dir = join(this.root, name)
    await mkdir(dir, { recursive: true })
    this.#buckets.set(name, new Bucket(name, dir, new Date().toISOString()))
  }

  async deleteBucket(name: string): Promise<void> {
    const bucket = this.#bucket(name)
    if (bucket.keys.length > 0) throw new StoreError('BucketNotEmpty', `bucket '${name}' is not empty`)
    await rm(bucket.dir, { recursive: true, force: true })
    this.#buckets.delete(name)
  }

  head(bucketName: string, key: string): ObjectMeta {
    const meta = this.#bucket(bucketName).meta.get(key)
    if (!meta) throw new StoreError('NoSuchKey', `no object '${key}' in bucket '${bucketName}'`)
    return meta
  }

  async read(bucketName: string, key: string): Promise<{ meta: ObjectMeta; body: Buffer }> {
    const meta = this.head(bucketName, key)
    const body = await readFile(join(this.#bucket(bucketName).dir, `${fileOf(key)}.data`))
    return { meta, body }
  }

  async write(
    bucketName: string,
    key: string,
    body: Buffer,
    contentType: string,
    userMetadata: Record<string, string>,
  ): Promise<ObjectMeta> {
    const bucket = this.#bucket(bucketName)
    const meta: ObjectMeta = {
      key,
      size: body.length,
      etag: createHash('md5').update(body).digest('hex'),
      contentType,
      lastModified: new Date().toISOString(),
      userMetadata,
    }
    const base = join(bucket.dir, fileOf(key))
    const temp = `${base}.${randomUUID()}.tmp`
    // Data first, then metadata: an object is visible (after a restart) only once its metadata exists.
    await writeFile(`${temp}.data`, body)
    await rename(`${temp}.data`, `${base}.data`)
    await writeFile(`${temp}.meta`, JSON.stringify(meta))
    await rename(`${temp}.meta`, `${base}.meta.json`)
    bucket.remember(meta)
    return meta
  }

  async delete(bucketName: string, key: string): Promise<void> {
    const bucket = this.#bucket(bucketName)
    const base = join(bucket.dir, fileOf(key))
    await rm(`${base}.meta.json`, { force: true })
    await rm(`${base}.data`, { force: true })
    bucket.forget(key)
  }

  list(bucketName: string, query: ListQuery): ListResult {
    const bucket = this.#bucket(bucketName)
    const objects: ObjectMeta[] = []
    const commonPrefixes: string[] = []
    let last: string | undefined
    // Start at whichever of prefix and start-after sorts later.
    let i = bucket.index([query.after, query.prefix].sort().at(-1) as string)
    while (i < bucket.keys.length) {
      const key = bucket.keys[i] as string
      i++
      if (!key.startsWith(query.prefix)) break
      const cut = query.delimiter ? key.indexOf(query.delimiter, query.prefix.length) : -1
      const common = cut >= 0 ? key.slice(0, cut + query.delimiter.length) : undefined
      if ((common ?? key) <= query.after) {
        if (common) i = bucket.index(`${common}\uffff`)
        continue
      }
      if (objects.length + commonPrefixes.length >= query.maxKeys) {
        return { objects, commonPrefixes, truncated: true, last }
      }
      if (common) {
        commonPrefixes.push(common)
        last = common
        // Skip every key under this common prefix: the next candidate sorts after it.
        i = bucket.index(`${common}\uffff`)
      } else {
        objects.push(bucket.meta.get(key) as ObjectMeta)
        last = key
      }
    }
    return { objects, commonPrefixes, truncated: false, last }
  }

  #bucket(name: string): Bucket {
    const bucket = this.#buckets.get(name)
    if (!bucket) throw new StoreError('NoSuchBucket', `no bucket '${name}': create it first (CreateBucket)`)
    return bucket
  }
}
