import type { MetadataTable } from '@rubin/ra-contract'
import { describe, expect, it } from 'vitest'
import { mergeRows } from './merge.ts'

describe('mergeRows', () => {
  it('adds new rows and reports them as changed', () => {
    const table: MetadataTable = {}
    expect(mergeRows(table, { '12': { a: 1 }, '3': { b: 'x' } })).toEqual([3, 12])
    expect(table).toEqual({ '3': { b: 'x' }, '12': { a: 1 } })
  })

  it('deep-merges nested objects and overwrites scalars and lists', () => {
    const table: MetadataTable = { '1': { a: 1, log: { DISPLAY_VALUE: '📖', m: 'x' }, l: [1, 2] } }
    expect(mergeRows(table, { '1': { a: 2, log: { n: 'y' }, l: [3] } })).toEqual([1])
    expect(table['1']).toEqual({ a: 2, log: { DISPLAY_VALUE: '📖', m: 'x', n: 'y' }, l: [3] })
  })

  it('reports nothing when the values are already there (no upload needed)', () => {
    const table: MetadataTable = { '1': { a: 1, log: { m: 'x' }, l: [1, 2], n: null } }
    expect(mergeRows(table, { '1': { a: 1, log: { m: 'x' }, l: [1, 2], n: null } })).toEqual([])
  })

  it('treats null as a value that overwrites (a cell set to no data)', () => {
    const table: MetadataTable = { '1': { a: 1 } }
    expect(mergeRows(table, { '1': { a: null } })).toEqual([1])
    expect(table['1']).toEqual({ a: null })
  })

  it('an object replacing a scalar (and back) is a change', () => {
    const table: MetadataTable = { '1': { a: 1 } }
    expect(mergeRows(table, { '1': { a: { DISPLAY_VALUE: '⏱' } } })).toEqual([1])
    expect(mergeRows(table, { '1': { a: 'x' } })).toEqual([1])
    expect(table['1']).toEqual({ a: 'x' })
  })

  it('never shares structure with the shard', () => {
    const shard = { '1': { log: { m: 'x' } } }
    const table: MetadataTable = {}
    mergeRows(table, shard)
    shard['1'].log.m = 'changed later'
    expect(table['1']).toEqual({ log: { m: 'x' } })
  })

  it('keeps seq 0 (TMA events count from 0)', () => {
    const table: MetadataTable = {}
    expect(mergeRows(table, { '0': { a: 1 } })).toEqual([0])
  })
})
