import { describe, expect, it } from 'vitest'
import { Camera } from '../identifiers/cameras.ts'
import { CAMERAS } from './cameras.ts'
import { CHANNELS, channelsOf, findChannel, parseChannel } from './channels.ts'

describe('channels', () => {
  it('gives every camera at least one channel, each named once within its camera', () => {
    for (const camera of Camera.values) {
      const names = channelsOf(camera).map((spec) => spec.name)
      expect(names.length).toBeGreaterThan(0)
      expect(new Set(names).size).toBe(names.length)
    }
    expect(CHANNELS).toHaveLength(Camera.values.reduce((n, camera) => n + channelsOf(camera).length, 0))
  })

  it('names channels with word characters only (RubinTV parses the key segment as \\w+)', () => {
    for (const spec of CHANNELS) expect(spec.name).toMatch(/^\w+$/)
  })

  it('tags each flattened channel with its camera', () => {
    expect(findChannel('tma', 'mount')).toMatchObject({ camera: 'tma', title: 'Mount motion profile' })
    expect(findChannel('lsstcam', 'mount')).toMatchObject({ camera: 'lsstcam', title: 'Mount torques' })
    for (const spec of CHANNELS) expect(channelsOf(spec.camera)).toContain(spec)
  })

  it('marks the per-day channels, and only those', () => {
    const perDay = CHANNELS.filter((spec) => spec.perDay).map((spec) => `${spec.camera}/${spec.name}`)
    expect(perDay).toEqual([
      'lsstcam/day_movie',
      'auxtel/movies',
      'allsky/movies',
      'allsky/stills',
      'comcam/day_movie',
      'comcam/last_n_movie',
      'fake_auxtel/movies',
    ])
    expect(findChannel('lsstcam_guider', 'full_movie')?.perDay).toBe(false)
  })

  it('serves movies as video and everything else as images', () => {
    for (const spec of CHANNELS) {
      const isMovie = spec.name === 'movies' || spec.name.endsWith('_movie')
      expect({ channel: `${spec.camera}/${spec.name}`, mediaType: spec.mediaType }).toEqual({
        channel: `${spec.camera}/${spec.name}`,
        mediaType: isMovie ? 'video' : 'image',
      })
    }
  })

  it('mosaic tiles name channels of their own camera', () => {
    for (const camera of Camera.values) {
      for (const tile of CAMERAS[camera].mosaicView) expect(findChannel(camera, tile.channel)).toBeDefined()
    }
  })

  it('keeps the colour of the movie channels whose YAML misspells it `color`', () => {
    expect(findChannel('lsstcam', 'day_movie')?.colour).toBe('#83daee')
    expect(findChannel('comcam', 'last_n_movie')?.colour).toBe('#83eebe')
  })
})

describe('parseChannel', () => {
  it('returns the channel spec for a known channel', () => {
    const parsed = parseChannel('auxtel', 'imexam')
    expect(parsed).toEqual({ ok: true, value: findChannel('auxtel', 'imexam') })
  })

  it("refuses an unknown channel, naming the camera's channels", () => {
    const parsed = parseChannel('allsky', 'still', '/channel')
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.issues[0]?.path).toBe('/channel')
    expect(parsed.issues[0]?.message).toContain("camera 'allsky' has no channel 'still'")
    expect(parsed.issues[0]?.message).toContain('movies, stills')
    expect(parsed.issues[0]?.expected).toBe('one of: movies, stills')
  })

  it('says which cameras do have a channel given to the wrong camera', () => {
    const parsed = parseChannel('auxtel', 'day_movie')
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.issues[0]?.message).toContain("'day_movie' is a channel of lsstcam, comcam")
  })

  it('is exact about spelling, as S3 keys are', () => {
    expect(parseChannel('auxtel', 'IMEXAM').ok).toBe(false)
    const notString = parseChannel('auxtel', 3)
    expect(notString.ok).toBe(false)
    if (!notString.ok) expect(notString.issues[0]?.message).toContain('must be a string')
  })
})
