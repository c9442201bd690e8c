import { describe, expect, it } from 'vitest'
import { AtomicBatch } from './atomic.ts'

describe('atomic batch encoding', () => {
  it('numbers each key once and turns every argument into a string', () => {
    const { keys, plan } = new AtomicBatch()
      .guardListRemove('claimed', 'raw')
      .skipIfExists('expected')
      .sadd('expected', [94, 95], 216000)
      .enqueue('queue', '{"a":1}')
      .set('aos', 'AOS_DANISH', 172800)
      .hset('state', { dispatchCount: '1' })
      .encode()
    expect(keys).toEqual(['claimed', 'expected', 'queue', 'aos', 'state'])
    expect(JSON.parse(plan)).toEqual({
      guard: ['LREM', 1, '1', 'raw'],
      skipIfExists: [2],
      ops: [
        ['SADD', 2, '94', '95'],
        ['EXPIRE', 2, '216000'],
        ['ENQUEUE', 3, '{"a":1}'],
        ['SET', 4, 'AOS_DANISH', 'EX', '172800'],
        ['HSET', 5, 'dispatchCount', '1'],
      ],
    })
  })

  it('leaves out empty writes and requires a guard', () => {
    const batch = new AtomicBatch().sadd('expected', []).hset('state', {})
    expect(() => batch.encode()).toThrow(/guard/)
    expect(JSON.parse(batch.guardAck('s', 'g', '1-0').encode().plan).ops).toEqual([])
  })
})
