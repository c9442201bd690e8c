import { describe, expect, it } from 'vitest'
import { Camera } from '../identifiers/cameras.ts'
import { findChannel } from './channels.ts'
import {
  cameraForMetadataChannel,
  LEGACY_CHANNELS,
  LEGACY_NON_CHANNELS,
  METADATA_CHANNEL_CAMERAS,
  MetadataChannel,
  parseLegacyChannel,
} from './metadata-channels.ts'

describe('legacy metadata channels', () => {
  it('map to the camera whose metadata.json they write', () => {
    expect(cameraForMetadataChannel('auxtel_metadata')).toEqual({ ok: true, value: 'auxtel' })
    expect(cameraForMetadataChannel('startracker_metadata')).toEqual({ ok: true, value: 'startracker_narrow' })
    expect(cameraForMetadataChannel('ts8_metadata')).toEqual({ ok: true, value: 'slac_ts8' })
    expect(cameraForMetadataChannel('ra_performance')).toEqual({ ok: true, value: 'ra_performance' })
  })

  it('refuse unknown and mis-cased names, naming the known ones', () => {
    const unknown = cameraForMetadataChannel('allsky_metadata', '/channel')
    expect(unknown.ok).toBe(false)
    if (unknown.ok) return
    expect(unknown.issues[0]?.path).toBe('/channel')
    expect(unknown.issues[0]?.message).toContain("unknown MetadataChannel 'allsky_metadata'")
    expect(unknown.issues[0]?.expected).toContain('auxtel_metadata')
    expect(cameraForMetadataChannel('AUXTEL_METADATA').ok).toBe(false)
  })

  it('cover every camera with its own metadata table except those that have none or borrow one', () => {
    const covered = new Set<Camera>(Object.values(METADATA_CHANNEL_CAMERAS))
    const uncovered = Camera.values.filter((camera) => !covered.has(camera))
    expect(uncovered).toEqual(['allsky', 'startracker_wide', 'startracker_fast', 'dream', 'fake_auxtel'])
    expect(MetadataChannel.values).toHaveLength(14)
  })
})

describe('legacy producer channels', () => {
  it('each map to a channel in the registry', () => {
    for (const [legacy, { camera, channel }] of Object.entries(LEGACY_CHANNELS)) {
      expect({ legacy, found: findChannel(camera, channel) !== undefined }).toEqual({ legacy, found: true })
    }
  })

  it('translate the names the doc gives', () => {
    const pairs = (name: string) => {
      const parsed = parseLegacyChannel(name)
      return parsed.ok ? `${parsed.value.camera}/${parsed.value.name}` : parsed.issues[0]?.message
    }
    expect(pairs('all_sky_current')).toBe('allsky/stills')
    expect(pairs('all_sky_movies')).toBe('allsky/movies')
    expect(pairs('summit_imexam')).toBe('auxtel/imexam')
    expect(pairs('tma_mount_motion_profile')).toBe('tma/mount')
    expect(pairs('tma_m1m3_hardpoint_profile')).toBe('tma/m1m3_hardpoint')
    expect(pairs('ts8_noise_map')).toBe('slac_ts8/noise_map')
  })

  it('explain why a known legacy name is not a channel', () => {
    const nightReport = parseLegacyChannel('auxtel_night_reports')
    expect(nightReport.ok).toBe(false)
    if (!nightReport.ok) expect(nightReport.issues[0]?.message).toContain('night report')
    const metadata = parseLegacyChannel('auxtel_metadata')
    expect(metadata.ok).toBe(false)
    if (!metadata.ok) expect(metadata.issues[0]?.message).toContain('auxtel/{day}/metadata.json')
    const unknown = parseLegacyChannel('summit_nonsense')
    expect(unknown.ok).toBe(false)
    if (!unknown.ok) expect(unknown.issues[0]?.expected).toContain('summit_imexam')
  })

  it('keep the mapped, unmapped and metadata names disjoint', () => {
    const mapped = Object.keys(LEGACY_CHANNELS)
    for (const name of Object.keys(LEGACY_NON_CHANNELS)) expect(mapped).not.toContain(name)
    for (const name of MetadataChannel.values) expect(mapped).not.toContain(name)
  })
})
