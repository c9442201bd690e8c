import { describe, expect, it } from 'vitest'
import type { Camera } from '../identifiers/cameras.ts'
import { findChannel } from './channels.ts'
import { CAMERAS_IN_NO_LOCATION } from './locations.ts'
import { isProduced, NOT_PRODUCED, notProducedReason } from './not-produced.ts'

// What this project sets out to produce; nothing of these may be exempted.
const OURS = ['lsstcam', 'lsstcam_aos', 'lsstcam_guider', 'ra_performance', 'auxtel', 'allsky'] as const

describe('not produced', () => {
  it("exempts none of our cameras' channels", () => {
    for (const camera of OURS) expect(isProduced(camera)).toBe(true)
    expect(isProduced('lsstcam', 'day_movie')).toBe(true)
    expect(
      NOT_PRODUCED.map((entry) => entry.camera).filter((camera) => (OURS as readonly Camera[]).includes(camera)),
    ).toEqual([])
  })

  it('exempts the cameras with no data source here, each with a reason', () => {
    expect(isProduced('dream')).toBe(false)
    expect(notProducedReason('tma', 'mount')).toContain('TMA')
    for (const camera of Object.keys(CAMERAS_IN_NO_LOCATION) as Camera[]) expect(isProduced(camera)).toBe(false)
    for (const entry of NOT_PRODUCED) {
      expect(entry.reason.length).toBeGreaterThan(20)
      if (entry.channel !== undefined) expect(findChannel(entry.camera, entry.channel)).toBeDefined()
    }
  })

  it('lists each camera once', () => {
    const cameras = NOT_PRODUCED.map((entry) => `${entry.camera}/${entry.channel ?? '*'}`)
    expect(new Set(cameras).size).toBe(cameras.length)
  })
})
