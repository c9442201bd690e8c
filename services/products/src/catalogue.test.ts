import { Camera, channelsOf, findChannel, isProduced, notProducedReason } from '@rubin/ra-contract'
import { describe, expect, it } from 'vitest'
import { camerasOfInstrument, PRODUCTS, productFor, productsFor, RENDERER_NAMES } from './catalogue.ts'
import * as products from './index.ts'

describe('product catalogue', () => {
  const cameras = [...camerasOfInstrument('LSSTCam'), ...camerasOfInstrument('LATISS')]

  it('covers the LSSTCam and LATISS cameras RubinTV shows', () => {
    expect(cameras).toEqual(
      expect.arrayContaining(['lsstcam', 'lsstcam_aos', 'lsstcam_guider', 'ra_performance', 'auxtel']),
    )
  })

  it('has a renderer for every channel the registry says RA produces for LSSTCam and LATISS', () => {
    const gaps: string[] = []
    for (const camera of cameras) {
      for (const channel of channelsOf(camera)) {
        if (!isProduced(camera, channel.name)) {
          // Not produced: the contract must say why.
          expect(notProducedReason(camera, channel.name)).toBeTruthy()
          continue
        }
        if (!PRODUCTS.some((p) => p.camera === camera && p.channel === channel.name))
          gaps.push(`${camera}/${channel.name}`)
      }
    }
    expect(gaps).toEqual([])
  })

  it('lists only real, produced channels, with an exported renderer whose output suits the media type', () => {
    for (const p of PRODUCTS) {
      expect(Camera.is(p.camera)).toBe(true)
      const channel = findChannel(p.camera, p.channel)
      expect(channel, `${p.camera}/${p.channel}`).toBeDefined()
      expect(isProduced(p.camera, p.channel)).toBe(true)
      expect(channel?.mediaType === 'video').toBe(p.output === 'mp4')
      expect(RENDERER_NAMES).toContain(p.renderer)
      expect(typeof (products as Record<string, unknown>)[p.renderer]).toBe('function')
    }
  })

  it('orders a camera’s products as the registry does and explains a missing one', () => {
    expect(productsFor('lsstcam').map((p) => p.channel)).toEqual(channelsOf('lsstcam').map((c) => c.name))
    expect(productFor('ra_performance', 'timing_diagram').renderer).toBe('renderTimingDiagram')
    expect(() => productFor('lsstcam', 'nope')).toThrow(/RA_PRODUCTS_NO_RENDERER.*has no channel 'nope'/)
    expect(() => productFor('tma', 'mount')).toThrow(/not produced by RA/)
  })
})
