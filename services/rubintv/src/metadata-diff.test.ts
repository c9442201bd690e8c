import { describe, expect, it } from 'vitest'
import { applyDiff, diffTables } from './metadata-diff.ts'

describe('diffTables', () => {
  const before = {
    '1': { Filter: 'r_57', 'PSF FWHM': 0.9, log: { DISPLAY_VALUE: '📖', m: 'a' } },
    '2': { Filter: 'g_6' },
  }

  it('sends only the changed cells of the changed rows', () => {
    const after = { ...before, '1': { ...before['1'], 'PSF FWHM': 0.84 } }
    expect(diffTables(before, after)).toEqual({ '1': { cells: { 'PSF FWHM': 0.84 }, removed: [] } })
  })

  it('sees new rows, removed columns, removed rows and changed object cells', () => {
    const after = {
      '1': { Filter: 'r_57', log: { DISPLAY_VALUE: '📖', m: 'b' } },
      '3': { Filter: 'i_39' },
    }
    expect(diffTables(before, after)).toEqual({
      '1': { cells: { log: { DISPLAY_VALUE: '📖', m: 'b' } }, removed: ['PSF FWHM'] },
      '2': { cells: {}, removed: ['Filter'] },
      '3': { cells: { Filter: 'i_39' }, removed: [] },
    })
    expect(applyDiff(before, diffTables(before, after))).toEqual(after)
  })

  it('limits the comparison to the rows a notification names', () => {
    const after = { '1': { Filter: 'z' }, '2': { Filter: 'y' } }
    expect(Object.keys(diffTables(before, after, ['2']))).toEqual(['2'])
  })

  it('finds nothing when nothing changed', () => {
    expect(diffTables(before, structuredClone(before))).toEqual({})
  })
})
