import { describe, expect, it } from 'vitest'
import { streamEntries } from './stream-reply.ts'

describe('stream replies', () => {
  it('keep pending entries that were trimmed away, marked deleted', () => {
    const reply = [
      [
        'k',
        [
          ['1-0', ['data', '{"x":1}']],
          ['2-0', null],
          ['3-0', ['other', 'v']],
        ],
      ],
    ] as const
    expect(streamEntries(reply as never, 'k')).toEqual([
      { id: '1-0', data: '{"x":1}', deleted: false },
      { id: '2-0', data: undefined, deleted: true },
      { id: '3-0', data: undefined, deleted: false },
    ])
    expect(streamEntries(null, 'k')).toEqual([])
  })
})
