// ----------------------------------------------------------------------------
// Shared by ./ra control and ./ra status: the Redis URL, key prefix and
// instrument from the environment and flags, and a connection that fails fast
// (with what to do) instead of waiting for ever when Redis is not there.
// ----------------------------------------------------------------------------
import { Instrument } from '@rubin/ra-contract'
import { connectRedis, type RedisHandle, redact } from '@rubin/ra-runtime'

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379'

export interface Target {
  readonly url: string
  readonly prefix: string
  readonly instrument: Instrument
}

/** A command-line mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export function targetFrom(instrument: string | undefined): Target {
  const chosen = instrument ?? 'LSSTCam'
  if (!Instrument.is(chosen)) {
    throw new UsageError(`unknown instrument '${chosen}'; use one of: ${Instrument.values.join(', ')}`)
  }
  return {
    url: process.env.RA_REDIS_URL || DEFAULT_REDIS_URL,
    prefix: process.env.RA_KEY_PREFIX ?? '',
    instrument: chosen,
  }
}

/** Connect, or fail within timeoutMs naming the URL and how to point at another Redis. */
export async function connect(target: Target, timeoutMs = 5000): Promise<RedisHandle> {
  const redis = connectRedis({ url: target.url, prefix: target.prefix, name: 'ra-cli' })
  if (redis.isReady()) return redis
  const ready = await new Promise<boolean>((done) => {
    const timer = setTimeout(() => done(false), timeoutMs)
    redis.client.once('ready', () => {
      clearTimeout(timer)
      done(true)
    })
  })
  if (!ready) {
    redis.client.disconnect()
    throw new Error(
      `cannot reach Redis at ${redact(target.url)} within ${timeoutMs / 1000} s; start it or set RA_REDIS_URL`,
    )
  }
  return redis
}
