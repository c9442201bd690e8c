// Runs every case of the language-neutral test vectors (contract/test-vectors/vectors.json)
// against the TypeScript implementation. The Python implementation will run the same file.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  type CcdExposureIdParts,
  ccdExposureId,
  type ExposureIdParts,
  exposureId,
  type ObsIdParts,
  obsId,
  type ParsedExposureId,
  type ParsedObsId,
  parseExposureId,
  parseObsId,
  unpackCcdExposureId,
} from './ids/index.ts'
import { buildS3Key, type ParsedS3Key, parseS3Key, rubintvV2Route, type S3KeySpec } from './keys/s3/index.ts'
import type { Result } from './result.ts'
import { dayObsOf, formatDayObs, nextDayObs, parseDayObs } from './time/day-obs.ts'

interface Refusal {
  /** A substring the refusal message must contain. */
  readonly error: string
}
type Cases<T> = ReadonlyArray<T & Readonly<Record<`$${string}`, string>>>

/** The shape of vectors.json (the file itself is plain data shared with other languages). */
interface Vectors {
  readonly dayObs: {
    readonly ofInstant: Cases<{ instant: string; dayObs: number }>
    readonly parse: Cases<{ input: unknown; dayObs: number }>
    readonly parseInvalid: Cases<{ input: unknown } & Refusal>
    readonly format: Cases<{ dayObs: number; text: string }>
    readonly next: Cases<{ dayObs: number; next: number }>
  }
  readonly exposureId: {
    readonly build: Cases<ExposureIdParts & { exposureId: number }>
    readonly buildInvalid: Cases<ExposureIdParts & Refusal>
    readonly parse: Cases<ParsedExposureId & { exposureId: number | string }>
    readonly parseInvalid: Cases<{ exposureId: unknown } & Refusal>
  }
  readonly ccdExposureId: {
    readonly build: Cases<CcdExposureIdParts & { ccdExposureId: number }>
    readonly buildInvalid: Cases<CcdExposureIdParts & Refusal>
    readonly unpackInvalid: Cases<{ ccdExposureId: unknown } & Refusal>
  }
  readonly obsId: {
    readonly build: Cases<ObsIdParts & { obsId: string }>
    readonly parse: Cases<ParsedObsId & { obsId: string }>
    readonly parseInvalid: Cases<{ obsId: unknown } & Refusal>
  }
  readonly s3: {
    readonly valid: Cases<{ key: string; parsed: ParsedS3Key }>
    readonly parseInvalid: Cases<{ key: unknown } & Refusal>
    readonly buildInvalid: Cases<{ spec: unknown } & Refusal>
  }
  readonly rubintvV2: { readonly routes: Cases<{ key: string; route: string | null }> }
}

const vectors = JSON.parse(readFileSync(new URL('../test-vectors/vectors.json', import.meta.url), 'utf8')) as Vectors

/** Vector entries minus comment keys, so they can be compared to results with toEqual. */
function data(entry: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entry).filter(([k]) => !k.startsWith('$')))
}

function expectRefused(result: Result<unknown>, error: string): void {
  expect(result.ok, `expected a refusal containing '${error}'`).toBe(false)
  if (result.ok) return
  const messages = result.issues.map((i) => i.message).join('\n')
  expect(messages).toContain(error)
}

const label = (value: unknown): string => JSON.stringify(value)

describe('test vectors: dayObs', () => {
  it.each(vectors.dayObs.ofInstant)('$instant → $dayObs', ({ instant, dayObs }) => {
    expect(dayObsOf(new Date(instant))).toBe(dayObs)
  })
  it.each(vectors.dayObs.parse)('parses $input', ({ input, dayObs }) => {
    expect(parseDayObs(input)).toEqual({ ok: true, value: dayObs })
  })
  it.each(vectors.dayObs.parseInvalid)('refuses $input', ({ input, error }) => {
    expectRefused(parseDayObs(input), error)
  })
  it.each(vectors.dayObs.format)('formats $dayObs', ({ dayObs, text }) => {
    expect(formatDayObs(dayObs)).toBe(text)
  })
  it.each(vectors.dayObs.next)('after $dayObs comes $next', ({ dayObs, next }) => {
    expect(nextDayObs(dayObs)).toBe(next)
  })
})

describe('test vectors: exposure ids', () => {
  it.each(vectors.exposureId.build)('$dayObs seq $seqNum $controller → $exposureId', (v) => {
    expect(exposureId(v)).toEqual({ ok: true, value: v.exposureId })
  })
  it.each(vectors.exposureId.buildInvalid)('refuses $dayObs seq $seqNum $controller', (v) => {
    expectRefused(exposureId(v), v.error)
  })
  it.each(vectors.exposureId.parse)('parses $exposureId', (v) => {
    const { exposureId: id, ...expected } = data(v)
    expect(parseExposureId(id)).toEqual({ ok: true, value: expected })
  })
  it.each(vectors.exposureId.parseInvalid)('refuses $exposureId', ({ exposureId: id, error }) => {
    expectRefused(parseExposureId(id), error)
  })
})

describe('test vectors: ccdexposure ids', () => {
  it.each(vectors.ccdExposureId.build)('$dayObs seq $seqNum $controller det $detector → $ccdExposureId', (v) => {
    const { ccdExposureId: id, ...parts } = data(v)
    expect(ccdExposureId(v)).toEqual({ ok: true, value: id })
    expect(unpackCcdExposureId(id)).toEqual({ ok: true, value: parts })
  })
  it.each(vectors.ccdExposureId.buildInvalid)('refuses $dayObs seq $seqNum $controller det $detector', (v) => {
    expectRefused(ccdExposureId(v), v.error)
  })
  it.each(vectors.ccdExposureId.unpackInvalid)('refuses to unpack $ccdExposureId', ({ ccdExposureId: id, error }) => {
    expectRefused(unpackCcdExposureId(id), error)
  })
})

describe('test vectors: obs ids', () => {
  it.each(vectors.obsId.build)('builds $obsId', (v) => {
    expect(obsId(v)).toEqual({ ok: true, value: v.obsId })
  })
  it.each(vectors.obsId.parse)('parses $obsId', (v) => {
    const { obsId: text, ...expected } = data(v)
    expect(parseObsId(text)).toEqual({ ok: true, value: expected })
  })
  it.each(vectors.obsId.parseInvalid)('refuses $obsId', ({ obsId: text, error }) => {
    expectRefused(parseObsId(text), error)
  })
})

describe('test vectors: S3 keys', () => {
  it.each(vectors.s3.valid)('parses and rebuilds $key', ({ key, parsed }) => {
    expect(parseS3Key(key)).toEqual({ ok: true, value: parsed })
    expect(buildS3Key(parsed)).toEqual({ ok: true, value: key })
  })
  it.each(vectors.s3.parseInvalid)('refuses $key', ({ key, error }) => {
    expectRefused(parseS3Key(key), error)
  })
  it.each(vectors.s3.buildInvalid.map((v) => [label(v.spec), v] as const))('refuses to build %s', (_, v) => {
    expectRefused(buildS3Key(v.spec as S3KeySpec), v.error)
  })
})

describe('test vectors: RubinTV v2 routing', () => {
  it.each(vectors.rubintvV2.routes)('$key → $route', ({ key, route }) => {
    expect(rubintvV2Route(key) ?? null).toBe(route)
  })
})
