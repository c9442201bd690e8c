import { describe, expect, it } from 'vitest'
import type { TableObjects } from './objects.ts'
import { metadataKey, Tables, TableUnreadableError } from './tables.ts'

function memoryObjects(initial: Record<string, string> = {}): TableObjects & { reads: string[] } {
  const store = new Map(Object.entries(initial))
  const reads: string[] = []
  return {
    description: 'memory',
    reads,
    async read(key) {
      reads.push(key)
      return store.get(key)
    },
    async write(key, body) {
      store.set(key, body)
      return {}
    },
  }
}

describe('Tables', () => {
  it('builds the contract’s metadata key', () => {
    expect(metadataKey('lsstcam', 20251115)).toBe('lsstcam/2025-11-15/metadata.json')
  })

  it('starts from S3’s current object and loads it once', async () => {
    const objects = memoryObjects({ 'lsstcam/2025-11-15/metadata.json': '{"1":{"a":1}}' })
    const tables = new Tables({ objects })
    const day = await tables.get('lsstcam', 20251115)
    expect(day.table).toEqual({ '1': { a: 1 } })
    await tables.get('lsstcam', 20251115)
    expect(objects.reads).toHaveLength(1)
  })

  it('tracks changed seqs and pending entries until settled', async () => {
    const tables = new Tables({ objects: memoryObjects() })
    const day = await tables.get('auxtel', 20240624)
    expect(tables.merge(day, '1-0', { '5': { a: 1 } }, false)).toEqual([5])
    expect(tables.merge(day, '1-1', { '5': { a: 1 } }, false)).toEqual([])
    expect([...day.dirty]).toEqual([5])
    expect(tables.waiting()).toEqual([day])
    expect(tables.settle(day)).toEqual(['1-0', '1-1'])
    expect(tables.waiting()).toEqual([])
  })

  it('marks replayed entries dirty even when they change nothing', async () => {
    const tables = new Tables({ objects: memoryObjects({ 'lsstcam/2025-11-15/metadata.json': '{"5":{"a":1}}' }) })
    const day = await tables.get('lsstcam', 20251115)
    tables.merge(day, '1-0', { '5': { a: 1 } }, true)
    expect([...day.dirty]).toEqual([5])
  })

  it('replaces an unreadable object, saying so', async () => {
    const told: string[] = []
    const tables = new Tables({
      objects: memoryObjects({ 'lsstcam/2025-11-15/metadata.json': '[1,2' }),
      onUnreadable: async (key, _text, error) => {
        expect(error).toBeInstanceOf(TableUnreadableError)
        told.push(key)
      },
    })
    expect((await tables.get('lsstcam', 20251115)).table).toEqual({})
    expect(told).toEqual(['lsstcam/2025-11-15/metadata.json'])
  })

  it('drops idle tables past the limit, oldest first, and keeps pending ones', async () => {
    const tables = new Tables({ objects: memoryObjects(), keep: 1 })
    const a = await tables.get('lsstcam', 20251101)
    const b = await tables.get('lsstcam', 20251102)
    tables.merge(a, '1-0', { '1': { x: 1 } }, false)
    tables.merge(b, '1-1', { '1': { x: 1 } }, false)
    tables.settle(a)
    // a is idle and over the limit: dropped; b still waits for its upload: kept.
    expect(tables.size).toBe(1)
    expect(tables.waiting()).toEqual([b])
    tables.settle(b)
    expect(tables.size).toBe(1)
  })
})
