// ----------------------------------------------------------------------------
// The RubinTV consumer's real handlers with their transports replaced: Pact
// plays the bucket and the Redis streams, so the index, the catalogue, the
// notification loop, the cluster-status reader and the control read-backs run
// unchanged on the message Pact hands over. Only I/O is faked here.
// ----------------------------------------------------------------------------
import { createRedisKeys, LOCATIONS, type Location } from '@rubin/ra-contract'
import { Catalog } from '../../services/rubintv/src/discovery/catalog.ts'
import type { IndexChange } from '../../services/rubintv/src/product-index.ts'
import { ProductIndex } from '../../services/rubintv/src/product-index.ts'
import type { Bucket } from '../../services/rubintv/src/s3.ts'

export interface Recorded {
  readonly warnings: unknown[]
  readonly deadLetters: { code: string; reason: string }[]
  readonly changes: IndexChange[]
}

export function silentLogger(recorded: Recorded) {
  const noop = () => {}
  return {
    warn: (...args: unknown[]) => void recorded.warnings.push(args),
    error: (...args: unknown[]) => void recorded.warnings.push(args),
    info: noop,
    debug: noop,
    trace: noop,
    fatal: noop,
    child() {
      return this
    },
  } as never
}

/** A bucket holding the given objects (key → text), as the consumer's S3 access would read them. */
export function fakeBucket(location: Location, objects: ReadonlyMap<string, string>): Bucket {
  return {
    target: { location, bucket: LOCATIONS[location].bucket } as Bucket['target'],
    list: async () => [...objects.keys()].map((key) => ({ key, etag: 'listed', size: 1 })),
    folders: async () => [],
    get: async () => undefined,
    getText: async (key) => {
      const text = objects.get(key)
      return text === undefined ? undefined : { text, etag: `etag-of-${key}` }
    },
    close: () => {},
  }
}

export function consumerCatalog(location: Location, objects: ReadonlyMap<string, string> = new Map()) {
  const recorded: Recorded = { warnings: [], deadLetters: [], changes: [] }
  const index = new ProductIndex()
  index.onChange((_l, _c, _d, change) => recorded.changes.push(change))
  const catalog = new Catalog({
    index,
    buckets: new Map([[location, fakeBucket(location, objects)]]),
    logger: silentLogger(recorded),
    deadLetters: async (letter) => void recorded.deadLetters.push({ code: letter.code, reason: letter.reason }),
  })
  return { catalog, index, recorded }
}

/** Redis for a consumer loop: one XREAD reply holding `entries` of `stream`, then the loop is stopped. */
export function oneShotStream(stream: string, entries: readonly [id: string, data: string][]) {
  const controller = new AbortController()
  let calls = 0
  const connection = {
    xread: async () => {
      if (calls++ === 0) return [[stream, entries.map(([id, data]) => [id, ['data', data]])]]
      controller.abort()
      throw new Error('stopped by the test')
    },
  }
  const redis = {
    keys: createRedisKeys({ prefix: '' }),
    client: { xrevrange: async () => [] },
  }
  return { connection: connection as never, redis: redis as never, signal: controller.signal }
}
