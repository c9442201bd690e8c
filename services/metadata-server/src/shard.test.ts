import { describe, expect, it } from 'vitest'
import { readShard, SHARD_ERRORS } from './shard.ts'

const base = { camera: 'lsstcam', dayObs: 20251115, producer: 'worker', writtenAt: '2025-11-16T03:13:30.000Z' }
const text = (rows: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ ...base, rows, ...extra })

describe('readShard', () => {
  it('accepts a valid shard and applies the cell rules', () => {
    const result = readShard(
      text({ '226': { 'PSF FWHM': '0.84', '_PSF FWHM': 'measured', '@focal_plane_mosaic': '⏳' } }),
    )
    expect(result).toEqual({
      ok: true,
      shard: { ...base, rows: { '226': { 'PSF FWHM': 0.84, '_PSF FWHM': 'measured', '@focal_plane_mosaic': '⏳' } } },
    })
  })

  it('accepts Python NaN tokens as null', () => {
    const raw = `{"camera":"lsstcam","dayObs":20251115,"producer":"worker","writtenAt":"2025-11-16T03:13:30.000Z","rows":{"1":{"Seeing":NaN}}}`
    const result = readShard(raw)
    expect(result.ok && result.shard.rows['1']).toEqual({ Seeing: null })
  })

  it.each([
    [undefined, SHARD_ERRORS.missing],
    ['{not json', SHARD_ERRORS.notJson],
    [text({ '1': { a: 1 } }, { camera: 'nocamera' }), SHARD_ERRORS.invalid],
    [text({ '01': { a: 1 } }), SHARD_ERRORS.invalid],
    [text({ '1': { a: 1 } }, { dayObs: 20250230 }), SHARD_ERRORS.invalid],
    [text({ '1': { _Filter: 'purple' } }), SHARD_ERRORS.flag],
    [text({ '1': { _: 'bad' } }), SHARD_ERRORS.flag],
    [text({ '1': { '@': 'x' } }), SHARD_ERRORS.placeholder],
    [text({ '1': { '@focal_plane_mosaic': 3 } }), SHARD_ERRORS.placeholder],
  ])('refuses %j with %s', (input, code) => {
    const result = readShard(input)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.code).toBe(code)
      expect(result.reason.length).toBeGreaterThan(10)
    }
  })

  it('allows null to clear a flag', () => {
    expect(readShard(text({ '1': { _Filter: null } })).ok).toBe(true)
  })
})
