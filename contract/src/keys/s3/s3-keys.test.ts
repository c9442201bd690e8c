import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Camera } from '../../identifiers/cameras.ts'
import { Instrument } from '../../identifiers/instruments.ts'
import type { Result } from '../../result.ts'
import { dayObsOf } from '../../time/day-obs.ts'
import {
  buildS3Key,
  KEY_KINDS,
  type ParsedS3Key,
  parseS3Key,
  rubintvV2Parse,
  rubintvV2Route,
  type S3KeyKind,
  type S3KeySpec,
} from './index.ts'

// ---- Generators --------------------------------------------------------------

const days = fc
  .integer({ min: Date.UTC(1970, 0, 1, 12), max: Date.UTC(3000, 0, 1, 11) })
  .map((ms) => dayObsOf(new Date(ms)))
const cameras = fc.constantFrom(...Camera.values)
const word = fc.stringMatching(/^[A-Za-z0-9_]{1,24}$/)
// RubinTV v2 files any key containing 'night_report' under the night report (tested below).
const channels = word.filter((c) => !c.includes('night_report'))
const dashed = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/)
const exts = fc.stringMatching(/^[a-z0-9]{1,5}$/)
const seqs = fc.integer({ min: 0, max: 999_999 })
const pad6 = (n: number) => String(n).padStart(6, '0')

/** One generator per kind; the Record type fails to compile if a kind is added without one. */
const SPECS: { readonly [K in S3KeyKind]: fc.Arbitrary<Extract<S3KeySpec, { kind: K }>> } = {
  event: fc.record({
    kind: fc.constant('event'),
    camera: cameras,
    channel: channels,
    dayObs: days,
    seq: seqs,
    ext: exts,
  }),
  final: fc.record({ kind: fc.constant('final'), camera: cameras, channel: channels, dayObs: days, ext: exts }),
  metadata: fc.record({ kind: fc.constant('metadata'), camera: cameras, dayObs: days }),
  nightReportText: fc.record({ kind: fc.constant('nightReportText'), camera: cameras, dayObs: days }),
  nightReportPlot: fc
    .record({
      kind: fc.constant('nightReportPlot'),
      camera: cameras,
      dayObs: days,
      group: dashed,
      name: dashed,
      ext: exts,
    })
    // '..._metadata.json' would be taken for the metadata table by RubinTV v2.
    .filter((s) => !(s.name.endsWith('metadata') && s.ext === 'json')),
  rawImage: fc.record({
    kind: fc.constant('rawImage'),
    instrument: fc.constantFrom(...Instrument.values),
    dayObs: days,
    obsId: fc
      .record({
        code: fc.constantFrom('MC', 'AT', 'CC'),
        controller: fc.constantFrom(...'OCHPQS'),
        day: days,
        seq: seqs,
      })
      .map(({ code, controller, day, seq }) => `${code}_${controller}_${day}_${pad6(seq)}`),
    detectorName: fc.stringMatching(/^[A-Za-z0-9]{1,4}_[A-Za-z0-9]{1,4}$/),
  }),
  rawRecord: fc.record({
    kind: fc.constant('rawRecord'),
    instrument: fc.constantFrom(...Instrument.values),
    dayObs: days,
    obsId: fc
      .record({
        code: fc.constantFrom('MC', 'AT', 'CC'),
        controller: fc.constantFrom(...'OCHPQS'),
        day: days,
        seq: seqs,
      })
      .map(({ code, controller, day, seq }) => `${code}_${controller}_${day}_${pad6(seq)}`),
  }),
  scratchBinnedImage: fc.record({
    kind: fc.constant('scratchBinnedImage'),
    scratchPrefix: dashed,
    dayObs: days,
    seq: seqs,
    instrument: fc.constantFrom(...Instrument.values),
    dataProduct: word,
    detectorName: fc.stringMatching(/^[A-Za-z0-9]{1,4}_[A-Za-z0-9]{1,4}$/),
    binSize: fc.integer({ min: 1, max: 9999 }),
  }),
}
const anySpec: fc.Arbitrary<S3KeySpec> = fc.oneof(...Object.values(SPECS))

const FIXED = Object.fromEntries(KEY_KINDS.map((k) => [k.kind, k.fixed]))
const ROUTE = Object.fromEntries(KEY_KINDS.map((k) => [k.kind, k.rubintv]))

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.issues)}`)
  return result.value
}

function messages(result: Result<unknown>): string {
  return result.ok ? '(accepted)' : result.issues.map((i) => i.message).join('\n')
}

// Keys written out by hand, independently of the templates: what today's RA writes.
const iso = (day: number) => `${String(day).slice(0, 4)}-${String(day).slice(4, 6)}-${String(day).slice(6)}`
const eventKeys = fc
  .record({ camera: cameras, channel: channels, day: days, seq: seqs, ext: exts })
  .map(({ camera, channel, day, seq, ext }) => {
    const d = iso(day)
    return `${camera}/${d}/${channel}/${pad6(seq)}/${camera}_${channel}_${d}_${pad6(seq)}.${ext}`
  })
const handWrittenKeys = fc.oneof(
  eventKeys,
  fc.record({ camera: cameras, channel: channels, day: days, ext: exts }).map(({ camera, channel, day, ext }) => {
    return `${camera}/${iso(day)}/${channel}/final/${camera}_${channel}_${iso(day)}_final.${ext}`
  }),
  fc.record({ camera: cameras, day: days }).map(({ camera, day }) => `${camera}/${iso(day)}/metadata.json`),
  fc.record({ camera: cameras, day: days }).map(({ camera, day }) => {
    return `${camera}/${iso(day)}/night_report/${camera}_night_report_${iso(day)}_md.json`
  }),
  fc.record({ camera: cameras, day: days, group: dashed, name: word, ext: fc.constantFrom('png', 'jpg') }).map((p) => {
    const file = `${p.camera}_night_report_${iso(p.day)}_${p.group}_${p.name}.${p.ext}`
    return `${p.camera}/${iso(p.day)}/night_report/${p.group}/${file}`
  }),
  fc
    .record({ day: days, seq: seqs, det: fc.constantFrom('R22_S11', 'R00_SG0', 'RXX_S00') })
    .map(({ day, seq, det }) => {
      return `rapidAnalysisScratch/binnedImages/${day}/${seq}/${day}_${seq}_LSSTCam_post_isr_image_${det}_binned_8.fits`
    }),
  fc.record({ day: days, seq: seqs, det: fc.constantFrom('R22_S11', 'R00_SW0') }).map(({ day, seq, det }) => {
    const obsId = `MC_O_${day}_${pad6(seq)}`
    return `LSSTCam/${day}/${obsId}/${obsId}_${det}.fits`
  }),
  fc
    .record({ day: days, seq: seqs })
    .map(({ day, seq }) => `LATISS/${day}/AT_O_${day}_${pad6(seq)}/AT_O_${day}_${pad6(seq)}.json`),
)

// ---- Properties ------------------------------------------------------------------

describe('S3 keys: round trips for every kind', () => {
  it('build → parse gives back the same fields, and build(parse(key)) is the same key', () => {
    fc.assert(
      fc.property(anySpec, (spec) => {
        const key = value(buildS3Key(spec))
        const parsed = value(parseS3Key(key))
        expect(parsed).toEqual({ ...spec, ...FIXED[spec.kind] })
        expect(buildS3Key(parsed)).toEqual({ ok: true, value: key })
      }),
      { numRuns: 500 },
    )
  })

  it('parse → build gives back keys written by hand in the form today’s RA writes', () => {
    fc.assert(
      fc.property(handWrittenKeys, (key) => {
        const parsed = value(parseS3Key(key))
        expect(buildS3Key(parsed)).toEqual({ ok: true, value: key })
      }),
      { numRuns: 500 },
    )
  })
})

describe('S3 keys: wire compatibility with RubinTV v2', () => {
  it('every built key is routed by RubinTV v2 as its kind', () => {
    fc.assert(
      fc.property(anySpec, (spec) => {
        const key = value(buildS3Key(spec))
        expect(rubintvV2Route(key) ?? null).toBe(ROUTE[spec.kind] === null ? null : ROUTE[spec.kind])
      }),
      { numRuns: 500 },
    )
  })

  it('RubinTV v2 derives the same camera, channel, date, seq and file name from event keys', () => {
    fc.assert(
      fc.property(fc.oneof(SPECS.event, SPECS.final), (spec) => {
        const key = value(buildS3Key(spec))
        const seen = rubintvV2Parse(key)
        expect(seen).toEqual({
          route: 'event',
          camera: spec.camera,
          dayObs: iso(spec.dayObs),
          channel: spec.channel,
          seq: spec.kind === 'event' ? spec.seq : 'final',
          filename: key.split('/').at(-1),
          ext: spec.ext,
        })
      }),
    )
  })

  it('RubinTV v2 derives the same group and file name from night-report plot keys', () => {
    fc.assert(
      fc.property(SPECS.nightReportPlot, (spec) => {
        const key = value(buildS3Key(spec))
        expect(rubintvV2Parse(key)).toMatchObject({ camera: spec.camera, group: spec.group, ext: spec.ext })
      }),
    )
  })

  it('refuses event keys RubinTV v2 would file under the night report', () => {
    const spec = {
      kind: 'event',
      camera: 'lsstcam',
      channel: 'night_report',
      dayObs: 20251203,
      seq: 1,
      ext: 'png',
    } as const
    expect(messages(buildS3Key(spec))).toMatch(/RubinTV v2 would misread this event key: .*'night_report'/)
  })
})

describe('S3 keys: malformed keys are refused with a message naming the segment', () => {
  const mutate = (gen: fc.Arbitrary<string>, change: (key: string) => string) => gen.map(change)
  const cases: ReadonlyArray<[string, fc.Arbitrary<string>, RegExp, boolean]> = [
    // name, malformed keys, expected message, does RubinTV v2 also refuse?
    [
      'a dot in the file stem',
      mutate(eventKeys, (k) => k.replace(/_(\d{6})\./, '_$1.v2.')),
      /must not contain '\.'/,
      true,
    ],
    [
      'a hyphen in the camera',
      mutate(eventKeys, (k) => k.replaceAll(/^([a-z]+)/g, '$1-x').replace(/\/([a-z]+)_/, '/$1-x_')),
      /segment 1: camera must be word characters/,
      true,
    ],
    [
      'a 7-digit seq',
      mutate(eventKeys, (k) => k.replaceAll(/(\d{6})(\/|\.)/g, '1$1$2')),
      /segment 4: seq must be exactly 6 digits/,
      true,
    ],
    [
      'a file name that differs from the path',
      mutate(eventKeys, (k) => k.replace(/\/([^/]+)$/, '/x$1')),
      /segment 5: file name must be/,
      false,
    ],
    [
      'an impossible date',
      mutate(eventKeys, (k) => k.replaceAll(/\d{4}-\d{2}-\d{2}/g, '2025-02-30')),
      /not a calendar date/,
      true,
    ],
  ]
  for (const [name, keys, message, rubintvRefuses] of cases) {
    it(`refuses ${name}`, () => {
      fc.assert(
        fc.property(keys, (key) => {
          expect(messages(parseS3Key(key))).toMatch(message)
          expect(rubintvV2Route(key) === undefined).toBe(rubintvRefuses)
        }),
        { numRuns: 50 },
      )
    })
  }

  it('never throws, and accepts a string only if it is exactly the key its fields build', () => {
    const edits = fc.tuple(handWrittenKeys, fc.nat(), fc.string({ maxLength: 3 }), fc.nat({ max: 3 }))
    const nearMisses = edits.map(([key, at, insert, drop]) => {
      const i = at % (key.length + 1)
      return key.slice(0, i) + insert + key.slice(i + drop)
    })
    fc.assert(
      fc.property(
        fc.oneof(nearMisses, fc.string(), fc.anything({ withBigInt: true, withNullPrototype: true, withMap: true })),
        (input) => {
          const parsed = parseS3Key(input)
          if (parsed.ok) expect(buildS3Key(parsed.value)).toEqual({ ok: true, value: input })
          else for (const i of parsed.issues) expect(i.message.length).toBeGreaterThan(10)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('names what was expected in each issue', () => {
    const result = parseS3Key(
      'lsstcam/2025-12-03/focal_plane_mosaic/1234567/lsstcam_focal_plane_mosaic_2025-12-03_1234567.jpg',
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues).toHaveLength(1)
    expect(result.issues[0]?.message).toBe(
      "segment 4: seq must be exactly 6 digits 000000..999999 or 'final'; got '1234567'",
    )
    expect(result.issues[0]?.expected).toBe('{camera}/{date}/{channel}/{seq}/{camera}_{channel}_{date}_{seq}.{ext}')
  })

  it('builds refuse each bad field with a JSON pointer to it', () => {
    const bad = { kind: 'event', camera: 'lsst-cam', channel: 'a.b', dayObs: 20250230, seq: -1, ext: 'PNG' }
    const result = buildS3Key(bad as unknown as S3KeySpec)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map((i) => i.path)).toEqual(['/camera', '/dayObs', '/channel', '/seq', '/ext'])
  })
})

describe('S3 keys: the channel registry hook', () => {
  const key = 'lsstcam/2025-12-03/focal_plane_mosaic/000123/lsstcam_focal_plane_mosaic_2025-12-03_000123.jpg'
  const calls: Array<[string, string]> = []
  const isKnownChannel = (camera: Camera, channel: string) => {
    calls.push([camera, channel])
    return camera === 'lsstcam' && channel === 'calexp_mosaic'
  }

  it('accepts any word-character channel by default', () => {
    expect(parseS3Key(key).ok).toBe(true)
  })

  it('asks the hook with the parsed camera, and refuses channels it does not know', () => {
    const result = parseS3Key(key, { isKnownChannel })
    expect(calls).toContainEqual(['lsstcam', 'focal_plane_mosaic'])
    expect(messages(result)).toBe("segment 3: channel 'focal_plane_mosaic' is not a channel of camera 'lsstcam'")
    expect(parseS3Key(key.replaceAll('focal_plane_mosaic', 'calexp_mosaic'), { isKnownChannel }).ok).toBe(true)
  })

  it('refuses to build keys for unknown channels too', () => {
    const spec = { kind: 'final', camera: 'lsstcam', channel: 'day_movie', dayObs: 20251203, ext: 'mp4' } as const
    expect(buildS3Key(spec).ok).toBe(true)
    expect(messages(buildS3Key(spec, { isKnownChannel }))).toMatch(/channel 'day_movie' is not a channel of camera/)
  })
})

describe('KEY_KINDS', () => {
  it.each(KEY_KINDS.map((k) => [k.kind, k]))('%s: its example parses as its kind and rebuilds', (_, kind) => {
    const parsed: ParsedS3Key = value(parseS3Key(kind.example))
    expect(parsed.kind).toBe(kind.kind)
    expect(parsed).toMatchObject(kind.fixed)
    expect(buildS3Key(parsed)).toEqual({ ok: true, value: kind.example })
    expect(rubintvV2Route(kind.example) ?? null).toBe(kind.rubintv)
  })

  it('documents every kind with a template and description', () => {
    expect(KEY_KINDS.map((k) => k.kind)).toEqual(Object.keys(SPECS).sort((a, b) => order(a) - order(b)))
    for (const k of KEY_KINDS) expect(k.description.length).toBeGreaterThan(20)
  })
})

function order(kind: string): number {
  return KEY_KINDS.findIndex((k) => k.kind === kind)
}
