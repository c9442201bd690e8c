import { describe, expect, it } from 'vitest'
import { ampGeometryFromHeader, parseSection } from './sections.ts'

describe('FITS sections', () => {
  it('parses 1-based inclusive ranges, high-to-low meaning flipped', () => {
    expect(parseSection('[11:522,1:2002]')).toEqual({
      box: { x: 10, y: 0, width: 512, height: 2002 },
      flipX: false,
      flipY: false,
    })
    expect(parseSection('[512:1,4004:2003]')).toEqual({
      box: { x: 0, y: 2002, width: 512, height: 2002 },
      flipX: true,
      flipY: true,
    })
    expect(() => parseSection('11:522,1:2002')).toThrow(
      expect.objectContaining({ code: 'RA_QUICKLOOK_MISSING_KEYWORD' }),
    )
  })

  it('builds an amplifier geometry from DATASEC/BIASSEC/DETSEC and names a missing keyword', () => {
    const cards: Record<string, string> = {
      DATASEC: '[4:512,1:2000]',
      BIASSEC: '[513:576,1:2000]',
      DETSEC: '[509:1,4000:2001]',
    }
    const amp = ampGeometryFromHeader({ get: (k) => cards[k] }, { width: 576, height: 2048 }, 'C10', {
      gain: 1.7,
      saturation: 1e5,
    })
    expect(amp.rawDataBBox).toEqual({ x: 3, y: 0, width: 509, height: 2000 })
    expect(amp.bbox).toEqual({ x: 0, y: 2000, width: 509, height: 2000 })
    expect([amp.rawFlipX, amp.rawFlipY, amp.gain]).toEqual([true, true, 1.7])
    expect(() => ampGeometryFromHeader({ get: () => undefined }, { width: 576, height: 2048 }, 'C10', amp)).toThrow(
      expect.objectContaining({ code: 'RA_QUICKLOOK_MISSING_KEYWORD', message: expect.stringContaining('DATASEC') }),
    )
  })
})
