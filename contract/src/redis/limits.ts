// Expiry and stream trimming, read from the REDIS_KEYS table: every writer uses
// these, so a key's TTL or MAXLEN is declared once, here in the contract.
import { REDIS_KEYS, type RedisKeyName, type RedisKeySpec } from './keys.ts'

function spec(name: RedisKeyName): RedisKeySpec {
  const found = (REDIS_KEYS as readonly RedisKeySpec[]).find((k) => k.name === name)
  if (found === undefined) throw new Error(`no Redis key named ${name}`)
  return found
}

/** The key's TTL in seconds; throws when the contract gives it none (asking is a caller's bug). */
export function redisKeyTtl(name: RedisKeyName): number {
  const ttl = spec(name).ttlSeconds
  if (ttl === undefined) throw new Error(`the contract gives ${name} no TTL`)
  return ttl
}

/** A stream's approximate MAXLEN; throws when the contract gives it none. */
export function redisKeyMaxLength(name: RedisKeyName): number {
  const maxLength = spec(name).maxLength
  if (maxLength === undefined) throw new Error(`the contract gives ${name} no MAXLEN`)
  return maxLength
}
