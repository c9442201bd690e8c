// ----------------------------------------------------------------------------
// Redis connections that survive a Redis restart: commands wait (queued, then
// re-sent) while the connection is down instead of failing, and reconnection is
// retried for ever with capped back-off. Blocking commands get their own
// connections so they never hold up ordinary ones. Keys come from the contract.
// ----------------------------------------------------------------------------
import { createRedisKeys, type RedisKeys } from '@rubin/ra-contract'
import { Redis, type RedisOptions } from 'ioredis'
import type { Logger } from './logger.ts'

export interface RedisHandle {
  /** For ordinary commands. */
  readonly client: Redis
  /** Key builders with this deployment's prefix ('' in production). */
  readonly keys: RedisKeys
  /** A new connection for blocking commands (BLMOVE, XREAD BLOCK); closed with the handle. */
  blocking(name: string): Redis
  /** Whether the main connection is up right now (for readiness). */
  isReady(): boolean
  close(): Promise<void>
}

export interface RedisSettings {
  readonly url: string
  readonly prefix?: string
  /** Shown in CLIENT LIST, so operators can see who is connected. */
  readonly name: string
  readonly logger?: Logger
}

const RETRY_CAP_MS = 2000

// Not annotated: ioredis 6's constructor overloads refuse a value typed as plain RedisOptions.
function options(name: string, logger: Logger | undefined) {
  return {
    connectionName: name,
    lazyConnect: false,
    // null: a command waits through any number of reconnects instead of failing.
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    autoResendUnfulfilledCommands: true,
    retryStrategy: (times) => {
      const delay = Math.min(50 * 2 ** Math.min(times, 6), RETRY_CAP_MS)
      logger?.warn({ attempt: times, delayMs: delay }, 'redis connection lost; reconnecting')
      return delay
    },
  } satisfies RedisOptions
}

export function connectRedis(settings: RedisSettings): RedisHandle {
  const { url, logger } = settings
  const client = new Redis(url, options(settings.name, logger))
  const extra = new Set<Redis>()
  client.on('ready', () => logger?.info({ url: redact(url) }, 'redis ready'))
  client.on('error', (error) => logger?.debug({ err: error.message }, 'redis error'))
  return {
    client,
    keys: createRedisKeys({ prefix: settings.prefix ?? '' }),
    blocking(name) {
      const connection = new Redis(url, options(`${settings.name}:${name}`, logger))
      connection.on('error', () => {})
      extra.add(connection)
      return connection
    },
    isReady: () => client.status === 'ready',
    async close() {
      await Promise.allSettled([client, ...extra].map((c) => c.quit().catch(() => c.disconnect())))
    },
  }
}

/** The URL without its password, for logs. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')
}
