// The UI clock is plain logic: tested here, where the unit project looks.
import { describe, expect, it } from 'vitest'
import { lastImageEnd, sinceLastImage } from '../ui/clock.ts'

describe('time since last image', () => {
  it('counts from the newest row’s Date begin plus its exposure time, UTC when no zone is given', () => {
    const table = {
      '3': { 'Date begin': '2026-01-01T00:00:00.000', 'Exposure time': 30 },
      '12': { 'Date begin': '2026-01-01T01:00:00.000', 'Exposure time': 15 },
      '13': { Filter: 'r' },
    }
    expect(lastImageEnd(table)).toBe(Date.parse('2026-01-01T01:00:15Z'))
    expect(sinceLastImage(table, Date.parse('2026-01-01T02:01:20Z'))).toBe('01:01:05')
    expect(sinceLastImage({ '1': { Filter: 'r' } }, Date.now())).toBeUndefined()
  })
})
