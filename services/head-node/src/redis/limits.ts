// TTLs and stream lengths come from the contract's key table, never from literals here.
import { REDIS_KEYS, type RedisKeyName, type RedisKeySpec } from '@rubin/ra-contract'

function spec(name: RedisKeyName): RedisKeySpec {
  const found = (REDIS_KEYS as readonly RedisKeySpec[]).find((k) => k.name === name)
  if (found === undefined) throw new Error(`no Redis key named ${name}`)
  return found
}

/** The contract's TTL for a key; throws if it has none (calling for one is a bug). */
export function ttlOf(name: RedisKeyName): number {
  const ttl = spec(name).ttlSeconds
  if (ttl === undefined) throw new Error(`the contract gives ${name} no TTL`)
  return ttl
}

/** The contract's approximate MAXLEN for a stream. */
export function maxLengthOf(name: RedisKeyName): number {
  const maxLength = spec(name).maxLength
  if (maxLength === undefined) throw new Error(`the contract gives ${name} no MAXLEN`)
  return maxLength
}
