// ----------------------------------------------------------------------------
// ProductStore: how a producer writes a product. The key (built with the
// contract's key builders) is parsed with the contract before anything is
// written, so a malformed key fails in the producer, not in RubinTV. After the
// upload, an ObjectWritten notification goes on the contract's objectWritten
// stream so RubinTV can show the product at once.
//
// An S3 outage must not lose products nor stall the night: a write that fails is
// spooled to a local directory (durable, newest write per key wins) and a drain
// loop uploads it with backoff when S3 answers again. While a key is spooled,
// later writes of it are spooled too, so an old version can never overwrite a
// newer one.
// ----------------------------------------------------------------------------
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { type ObjectWritten, type ParsedS3Key, parseS3Key, redisKeyMaxLength, type Service } from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import type { Logger } from './logger.ts'
import type { RedisHandle } from './redis.ts'
import { xaddJson } from './streams.ts'

export class ProductKeyError extends Error {
  readonly code = 'RA_PRODUCT_KEY_INVALID'
  constructor(key: string, problems: string) {
    super(`product key '${key}' does not parse with the contract (${problems}); build it with buildS3Key`)
    this.name = 'ProductKeyError'
  }
}

export interface ProductWrite {
  /** Built with the contract's `buildS3Key`. */
  readonly key: string
  readonly body: Uint8Array | string
  readonly contentType: string
  /** For metadata tables: the rows that changed (consumers send only those). */
  readonly changedSeqs?: readonly number[]
}

export interface ProductWriteResult {
  readonly key: string
  /** false when S3 did not answer: the product is spooled and will be uploaded later. */
  readonly uploaded: boolean
  readonly etag?: string
  readonly size: number
}

export interface ProductStoreOptions {
  readonly s3: S3Client
  readonly bucket: string
  readonly redis: RedisHandle
  readonly producer: Service
  readonly logger: Logger
  /** Durable spool for writes S3 refused; one directory per store. */
  readonly spoolDir: string
  /** Backoff of the drain loop (ms): first, max. */
  readonly retryMs?: { readonly first: number; readonly max: number }
}

interface SpoolEntry {
  readonly key: string
  readonly contentType: string
  readonly changedSeqs?: readonly number[]
  readonly spooledAt: string
}

// Key kinds RubinTV shows get a notification; raws and scratch images do not.
const NOTIFIED_KINDS = new Set<ParsedS3Key['kind']>([
  'event',
  'final',
  'metadata',
  'nightReportText',
  'nightReportPlot',
])

const spoolName = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 32)

export class ProductStore {
  readonly #o: ProductStoreOptions
  readonly #spooled = new Set<string>()
  #drainTimer: NodeJS.Timeout | undefined
  #draining: Promise<void> | undefined
  #backoff: number
  #stopped = false
  uploads = 0
  failures = 0

  constructor(options: ProductStoreOptions) {
    this.#o = options
    this.#backoff = options.retryMs?.first ?? 500
  }

  /** Load what an earlier run spooled and start draining it. */
  async start(): Promise<void> {
    await mkdir(this.#o.spoolDir, { recursive: true })
    for (const file of await readdir(this.#o.spoolDir)) {
      if (!file.endsWith('.json')) continue
      const entry = JSON.parse(await readFile(join(this.#o.spoolDir, file), 'utf8')) as SpoolEntry
      this.#spooled.add(entry.key)
    }
    if (this.#spooled.size > 0) {
      this.#o.logger.warn({ spooled: this.#spooled.size }, 'products spooled by an earlier run: uploading them')
      this.#schedule(0)
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#drainTimer)
    await this.#draining
  }

  /** Products waiting in the spool for S3 (for /status). */
  get spooled(): number {
    return this.#spooled.size
  }

  async put(write: ProductWrite): Promise<ProductWriteResult> {
    const parsed = parseS3Key(write.key)
    if (!parsed.ok) throw new ProductKeyError(write.key, parsed.issues.map((i) => i.message).join('; '))
    const body = typeof write.body === 'string' ? Buffer.from(write.body) : write.body
    if (this.#spooled.has(write.key)) {
      await this.#spool(write, body)
      return { key: write.key, uploaded: false, size: body.length }
    }
    try {
      const etag = await this.#upload(write.key, body, write.contentType)
      await this.#notify(parsed.value, write, etag, body.length)
      return { key: write.key, uploaded: true, etag, size: body.length }
    } catch (error) {
      this.failures++
      this.#o.logger.warn({ key: write.key, err: error }, 'S3 write failed: product spooled, will retry')
      await this.#spool(write, body)
      return { key: write.key, uploaded: false, size: body.length }
    }
  }

  async #upload(key: string, body: Uint8Array, contentType: string): Promise<string> {
    const put = await this.#o.s3.send(
      new PutObjectCommand({ Bucket: this.#o.bucket, Key: key, Body: body, ContentType: contentType }),
    )
    this.uploads++
    return (put.ETag ?? '').replaceAll('"', '')
  }

  async #notify(parsed: ParsedS3Key, write: ProductWrite, etag: string, size: number): Promise<void> {
    if (!NOTIFIED_KINDS.has(parsed.kind) || !('camera' in parsed)) return
    const message: ObjectWritten = {
      kind: parsed.kind as ObjectWritten['kind'],
      bucket: this.#o.bucket,
      key: write.key,
      camera: parsed.camera,
      ...('channel' in parsed ? { channel: parsed.channel } : {}),
      dayObs: parsed.dayObs,
      ...('seq' in parsed ? { seq: parsed.seq } : {}),
      ...(etag ? { etag } : {}),
      size,
      ...(write.changedSeqs ? { changedSeqs: [...write.changedSeqs] } : {}),
      producer: this.#o.producer,
      writtenAt: new Date().toISOString(),
    }
    const checked = validate('ObjectWritten', message)
    if (!checked.ok) throw new Error(`ObjectWritten for '${write.key}' is invalid: ${JSON.stringify(checked.issues)}`)
    const stream = this.#o.redis.keys.key('objectWritten')
    await xaddJson(this.#o.redis.client, stream, message, redisKeyMaxLength('objectWritten'))
  }

  async #spool(write: ProductWrite, body: Uint8Array): Promise<void> {
    const base = join(this.#o.spoolDir, spoolName(write.key))
    const entry: SpoolEntry = {
      key: write.key,
      contentType: write.contentType,
      ...(write.changedSeqs ? { changedSeqs: write.changedSeqs } : {}),
      spooledAt: new Date().toISOString(),
    }
    await mkdir(this.#o.spoolDir, { recursive: true })
    // Body first, then the entry, each renamed into place: the entry's presence means the body is whole.
    await writeFile(`${base}.body.tmp`, body)
    await rename(`${base}.body.tmp`, `${base}.body`)
    await writeFile(`${base}.json.tmp`, JSON.stringify(entry))
    await rename(`${base}.json.tmp`, `${base}.json`)
    this.#spooled.add(write.key)
    this.#schedule(this.#backoff)
  }

  #schedule(delayMs: number): void {
    if (this.#stopped || this.#drainTimer || this.#draining) return
    this.#drainTimer = setTimeout(() => {
      this.#drainTimer = undefined
      this.#draining = this.#drain().finally(() => {
        this.#draining = undefined
        if (this.#spooled.size > 0) this.#schedule(this.#backoff)
      })
    }, delayMs)
    this.#drainTimer.unref?.()
  }

  async #drain(): Promise<void> {
    for (const key of [...this.#spooled]) {
      if (this.#stopped) return
      const base = join(this.#o.spoolDir, spoolName(key))
      try {
        const entry = JSON.parse(await readFile(`${base}.json`, 'utf8')) as SpoolEntry
        const body = await readFile(`${base}.body`)
        const etag = await this.#upload(entry.key, body, entry.contentType)
        const parsed = parseS3Key(entry.key)
        if (parsed.ok) await this.#notify(parsed.value, { ...entry, body }, etag, body.length)
        // A newer write of the key may have been spooled while we uploaded: keep it if so.
        const now = JSON.parse(await readFile(`${base}.json`, 'utf8')) as SpoolEntry
        if (now.spooledAt === entry.spooledAt) {
          await rm(`${base}.json`, { force: true })
          await rm(`${base}.body`, { force: true })
          this.#spooled.delete(key)
        }
        this.#backoff = this.#o.retryMs?.first ?? 500
      } catch (error) {
        this.failures++
        this.#backoff = Math.min(this.#backoff * 2, this.#o.retryMs?.max ?? 10_000)
        this.#o.logger.warn(
          { key, spooled: this.#spooled.size, retryInMs: this.#backoff, err: error },
          'S3 still unavailable: spooled products wait',
        )
        return
      }
    }
    this.#o.logger.info('spooled products uploaded')
  }
}
