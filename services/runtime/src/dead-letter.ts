// ----------------------------------------------------------------------------
// Bad input goes to the dead-letter stream with the reason and is never lost;
// the loop that met it carries on. `./ra status` shows these.
// ----------------------------------------------------------------------------
import { redisKeyMaxLength, type Service } from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import type { Counter } from 'prom-client'
import type { Logger } from './logger.ts'
import type { RedisHandle } from './redis.ts'
import { xaddJson } from './streams.ts'
import { utcNow } from './time.ts'

const MAX_INPUT = 64 * 1024

export interface DeadLetterInput {
  /** Where the input came from: a Redis key or stream, an HTTP route, an S3 key. */
  readonly source: string
  /** Stable code, e.g. RA_PAYLOAD_INVALID. */
  readonly code: string
  /** What was wrong and what to do about it. */
  readonly reason: string
  readonly input: unknown
  readonly attempts?: number
}

export type DeadLetters = (letter: DeadLetterInput) => Promise<void>

export function createDeadLetters(
  redis: RedisHandle,
  service: Service,
  logger: Logger,
  counter?: Counter,
): DeadLetters {
  return async (letter) => {
    const input =
      typeof letter.input === 'string' ? letter.input : (JSON.stringify(letter.input) ?? String(letter.input))
    const record = {
      service,
      source: letter.source,
      code: letter.code,
      reason: letter.reason,
      input: input.length > MAX_INPUT ? input.slice(0, MAX_INPUT) : input,
      attempts: letter.attempts ?? 1,
      at: utcNow(),
    }
    const checked = validate('DeadLetter', record)
    // A malformed dead letter is our bug, but the input it carries must still not be lost.
    if (!checked.ok) logger.error({ issues: checked.issues }, 'dead letter does not match the contract')
    logger.warn({ source: record.source, code: record.code, reason: record.reason }, 'input set aside as a dead letter')
    counter?.inc({ code: record.code })
    await xaddJson(redis.client, redis.keys.key('deadLetters'), record, redisKeyMaxLength('deadLetters'))
  }
}
