import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rubintvV2Accepts, rubintvV2Parse, rubintvV2Route } from './rubintv-v2.ts'

// The v2 event regex exactly as written in lsst-ts/rubintv models.py. For ASCII input
// Python's Unicode \w and \d equal JavaScript's, so this literal transcription is an
// independent check of the Unicode-aware oracle on ASCII keys.
const V2_EVENT_ASCII = /^(\w+)\/([\d-]+)\/(\w+)\/(\d{6}|final)\/([\w-]+)\.(\w+)\n?$/

describe('rubintvV2Parse: events', () => {
  it('derives the fields v2 sends over the wire', () => {
    expect(rubintvV2Parse('lsstcam/2025-12-03/mount/000042/lsstcam_mount_2025-12-03_000042.png')).toEqual({
      route: 'event',
      camera: 'lsstcam',
      dayObs: '2025-12-03',
      channel: 'mount',
      seq: 42,
      filename: 'lsstcam_mount_2025-12-03_000042.png',
      ext: 'png',
    })
    expect(rubintvV2Parse('allsky/2025-12-03/movies/final/allsky_movies_2025-12-03_final.mp4')).toMatchObject({
      seq: 'final',
    })
  })

  it('re-checks the date the way Python does: int() parts, years 1..9999, real days', () => {
    const at = (date: string) => rubintvV2Accepts(`c/${date}/ch/000001/x.png`)
    expect(at('2024-02-29')).toBe(true)
    expect(at('2025-1-3')).toBe(true)
    expect(at('0001-01-01')).toBe(true)
    expect(at('2025-02-29')).toBe(false)
    expect(at('2025-13-01')).toBe(false)
    expect(at('0-1-1')).toBe(false)
    expect(at('10000-01-01')).toBe(false)
    expect(at('2025--03')).toBe(false)
    expect(at('2025-12-03-01')).toBe(false)
    expect(at('20251203')).toBe(false)
  })

  it('keeps Python regex semantics: start-anchored, $ before a final newline, Unicode classes', () => {
    expect(rubintvV2Accepts('/lsstcam/2025-12-03/ch/000001/x.png')).toBe(false)
    expect(rubintvV2Parse('c/2025-12-03/ch/000001/x.png\n')).toMatchObject({ ext: 'png', filename: 'x.png' })
    expect(rubintvV2Accepts('c/2025-12-03/ch/000001/x.png\n\n')).toBe(false)
    expect(rubintvV2Parse('kaméra/２０２５-12-03/ch/０００００７/x.png')).toMatchObject({ camera: 'kaméra', seq: 7 })
    expect(rubintvV2Parse('c/2025-12-03/ch/𝟎𝟎𝟎𝟎𝟏𝟐/x.png')).toMatchObject({ seq: 12 })
  })

  it('agrees with the literal v2 regex and date check on ASCII keys', () => {
    const asciiDateOk = (text: string) => {
      const parts = text.split('-')
      if (parts.length !== 3 || parts.includes('')) return false
      const [y = 0, m = 0, d = 0] = parts.map(Number)
      const date = new Date(0)
      date.setUTCFullYear(y, m - 1, d)
      return (
        y >= 1 && y <= 9999 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
      )
    }
    const pick = (...options: string[]) => fc.constantFrom(...options)
    const keys = fc
      .tuple(
        pick('', '/'),
        pick('lsstcam', 'a_b', 'a-b', 'a.b', ''),
        pick('2025-12-03', '2025-1-3', '2024-02-29', '2025-02-29', '20251203', '2025-12-03x', '-', '0-1-1'),
        pick('mount', 'a-b', ''),
        pick('000123', '1234567', 'final', 'Final', '12345'),
        pick('x', 'x-y', 'x.y', ''),
        pick('png', 'PNG', 'p.n', '', 'j1'),
        pick('', '\n', ' '),
      )
      .map(
        ([lead, cam, date, chan, seq, stem, ext, tail]) => `${lead}${cam}/${date}/${chan}/${seq}/${stem}.${ext}${tail}`,
      )
    fc.assert(
      fc.property(keys, (key) => {
        const literal = V2_EVENT_ASCII.exec(key)
        const parsed = rubintvV2Parse(key)
        if (literal === null || !asciiDateOk(literal[2] ?? '')) {
          expect(parsed).toBeUndefined()
        } else {
          const [, camera, dayObs, channel, seq, stem, ext] = literal
          const expectedSeq = seq === 'final' ? 'final' : Number(seq)
          const filename = `${stem}.${ext}`
          expect(parsed).toEqual({ route: 'event', camera, dayObs, channel, seq: expectedSeq, filename, ext })
        }
      }),
      { numRuns: 2000 },
    )
  })
})

describe('rubintvV2Parse: routing', () => {
  it('takes keys ending in metadata.json as metadata (historical poller: containing it)', () => {
    expect(rubintvV2Route('lsstcam/2025-12-03/metadata.json')).toBe('metadata')
    expect(rubintvV2Route('anything/at/all_metadata.json')).toBe('metadata')
    expect(rubintvV2Route('lsstcam/2025-12-03/metadata.json.bak')).toBeUndefined()
    expect(rubintvV2Route('lsstcam/2025-12-03/metadata.json.bak', { poller: 'historical' })).toBe('metadata')
  })

  it('sends any key containing night_report to the night report, text before plot', () => {
    expect(rubintvV2Parse('auxtel/2024-06-24/night_report/auxtel_night_report_2024-06-24_md.json')).toEqual({
      route: 'nightReportText',
      camera: 'auxtel',
      dayObs: '2024-06-24',
      group: 'metadata',
      filename: 'auxtel_night_report_2024-06-24_md',
      ext: 'json',
    })
    expect(
      rubintvV2Parse('auxtel/2024-06-24/night_report/Seeing/auxtel_night_report_2024-06-24_Seeing_fwhm.png'),
    ).toEqual({
      route: 'nightReportPlot',
      camera: 'auxtel',
      dayObs: '2024-06-24',
      group: 'Seeing',
      filename: 'auxtel_night_report_2024-06-24_Seeing_fwhm.png',
      ext: 'png',
    })
    // A channel merely containing the words is still routed there, where neither pattern matches.
    expect(rubintvV2Route('c/2025-12-03/my_night_report/000001/x.png')).toBeUndefined()
    // Night-report keys get no date check in v2.
    expect(rubintvV2Route('c/9999-99-99/night_report/g/x.png')).toBe('nightReportPlot')
  })

  it('drops keys with a dot in the stem, a hyphen in the camera or a 7-digit seq', () => {
    expect(rubintvV2Accepts('c/2025-12-03/ch/000001/x.v2.png')).toBe(false)
    expect(rubintvV2Accepts('lsst-cam/2025-12-03/ch/000001/x.png')).toBe(false)
    expect(rubintvV2Accepts('c/2025-12-03/ch/0000001/x.png')).toBe(false)
    expect(rubintvV2Accepts('c/2025-12-03/ch/000001/x-y.png')).toBe(true)
  })
})
