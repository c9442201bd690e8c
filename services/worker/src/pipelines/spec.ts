// ----------------------------------------------------------------------------
// RA_PIPELINES: which implementation runs which pipeline. JSON object keyed by
// a contract Pipeline id, a OneOffTask id (one-off payloads name a task, not a
// pipeline) or "*" (everything else). Checked at start, so a typo stops the
// worker with the offending key named instead of failing every payload later.
// ----------------------------------------------------------------------------
import { fail, type Issue, issue, OneOffTask, ok, Pipeline, type Result } from '@rubin/ra-contract'
import { type Static, Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

export const TestPipelineSpec = Type.Object(
  {
    kind: Type.Literal('test'),
    sleepMs: Type.Optional(Type.Integer({ minimum: 0, description: 'how long each payload takes' })),
    failDetectors: Type.Optional(Type.Array(Type.Integer({ minimum: 0 }), { description: 'these detectors fail' })),
    failEvery: Type.Optional(Type.Integer({ minimum: 1, description: 'every K-th run fails' })),
  },
  { additionalProperties: false },
)
export type TestPipelineSpec = Static<typeof TestPipelineSpec>

export const ExecPipelineSpec = Type.Object(
  {
    kind: Type.Literal('exec'),
    command: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'program and arguments' }),
    timeoutS: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'fail the payload after this long' })),
  },
  { additionalProperties: false },
)
export type ExecPipelineSpec = Static<typeof ExecPipelineSpec>

export const QuicklookPipelineSpec = Type.Object(
  {
    kind: Type.Literal('quicklook'),
    binFactor: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 64, description: 'binning of the scratch images (default 8)' }),
    ),
  },
  { additionalProperties: false },
)
export type QuicklookPipelineSpec = Static<typeof QuicklookPipelineSpec>

export const PipelineSpec = Type.Union([TestPipelineSpec, ExecPipelineSpec, QuicklookPipelineSpec])
export type PipelineSpec = Static<typeof PipelineSpec>

/** Registry key for every payload not named explicitly. */
export const ANY_PIPELINE = '*'

export type PipelineSpecs = Readonly<Record<string, PipelineSpec>>

export function defaultPipelineSpecs(testSleepMs: number): PipelineSpecs {
  return { [ANY_PIPELINE]: { kind: 'test', sleepMs: testSleepMs } }
}

const SCHEMA_BY_KIND: Readonly<Record<string, (typeof PipelineSpec.anyOf)[number]>> = {
  test: TestPipelineSpec,
  exec: ExecPipelineSpec,
  quicklook: QuicklookPipelineSpec,
}

/** Whether any configured implementation is the built-in quicklook (it needs S3 and raws). */
export const usesQuicklook = (specs: PipelineSpecs) => Object.values(specs).some((s) => s.kind === 'quicklook')

const isKey = (key: string) => key === ANY_PIPELINE || Pipeline.is(key) || OneOffTask.is(key)

/** Parses RA_PIPELINES text; issues name the key and field at fault. */
export function parsePipelineSpecs(text: string): Result<PipelineSpecs> {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    return fail(issue('', `not JSON: ${(error as Error).message}`, { received: text.slice(0, 200) }))
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail(issue('', 'must be a JSON object: pipeline id (or "*") → implementation', { received: raw }))
  }
  const issues: Issue[] = []
  for (const [key, spec] of Object.entries(raw)) {
    if (!isKey(key)) {
      const expected = `"*", a Pipeline (${Pipeline.values.join(', ')}) or a OneOffTask (${OneOffTask.values.join(', ')})`
      issues.push(issue(`/${key}`, `unknown pipeline '${key}'`, { expected }))
      continue
    }
    const kind = (spec as { kind?: unknown } | null)?.kind
    const schema = SCHEMA_BY_KIND[String(kind)]
    if (schema === undefined) {
      issues.push(
        issue(`/${key}/kind`, `kind must be one of ${Object.keys(SCHEMA_BY_KIND).join(', ')}`, { received: kind }),
      )
      continue
    }
    for (const error of Value.Errors(schema, spec)) {
      issues.push(issue(`/${key}${error.path}`, error.message, { received: error.value }))
    }
  }
  if (issues.length > 0) return fail(...issues)
  return ok(raw as PipelineSpecs)
}
