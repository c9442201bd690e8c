import { describe, expect, it } from 'vitest'
import { redisKeyMaxLength, redisKeyTtl } from './limits.ts'

describe('Redis key limits', () => {
  it('read TTLs and stream lengths from the key table', () => {
    expect(redisKeyTtl('expectedDetectors')).toBe(216_000) // 2.5 days, as today's head node keeps them
    expect(redisKeyMaxLength('deadLetters')).toBeGreaterThan(0)
  })

  it('refuse a limit the contract does not give, naming the key', () => {
    expect(() => redisKeyTtl('deadLetters')).toThrow(/deadLetters no TTL/)
    expect(() => redisKeyMaxLength('controlState')).toThrow(/controlState no MAXLEN/)
  })
})
