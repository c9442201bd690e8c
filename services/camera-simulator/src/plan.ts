// A night plan (YAML or JSON): which exposures to take, in order, and at what cadence.
import { readFile } from 'node:fs/promises'
import { Instrument } from '@rubin/ra-contract'
import { type Static, Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { parse } from 'yaml'
import { SimulatorError } from './exposure.ts'
import { CWFS_DEFOCUS_MM, ExposureOptions, type ExposureSpec } from './spec.ts'

/** Realistic cadence: a 30 s exposure plus readout and slew, as on the summit. */
export const REALISTIC_CADENCE_SECONDS = 34

const PlanEntry = Type.Composite([
  ExposureOptions,
  Type.Object({
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'Repeat this entry.' })),
    pair: Type.Optional(Type.Boolean({ description: 'cwfs only: an intra (-focusZ) and extra (+focusZ) pair.' })),
  }),
])

export const NightPlan = Type.Object(
  {
    instrument: Instrument.schema,
    dayObs: Type.Integer({ minimum: 19700101, maximum: 99991231 }),
    firstSeqNum: Type.Optional(Type.Integer({ minimum: 0, maximum: 999_999 })),
    start: Type.String({ description: 'UTC start of the first exposure (ISO 8601).' }),
    seed: Type.Optional(Type.Integer()),
    cadenceSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    binning: Type.Optional(Type.Integer({ minimum: 1, maximum: 64 })),
    detectors: Type.Optional(Type.Array(Type.Integer({ minimum: 0 }))),
    exposures: Type.Array(PlanEntry, { minItems: 1 }),
  },
  { additionalProperties: false },
)
export type NightPlan = Static<typeof NightPlan>

export function parsePlan(text: string, origin = 'plan'): NightPlan {
  let data: unknown
  try {
    data = parse(text)
  } catch (error) {
    throw new SimulatorError('SIM_BAD_SPEC', `${origin} is not YAML or JSON: ${(error as Error).message}`)
  }
  const errors = [...Value.Errors(NightPlan, data)].slice(0, 5)
  if (errors.length > 0) {
    const list = errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')
    throw new SimulatorError('SIM_BAD_SPEC', `${origin} does not match the night plan schema: ${list}`)
  }
  const plan = data as NightPlan
  if (Number.isNaN(Date.parse(plan.start))) throw new SimulatorError('SIM_BAD_SPEC', `${origin}: start is not a date`)
  return plan
}

export async function readPlan(path: string): Promise<NightPlan> {
  return parsePlan(await readFile(path, 'utf8'), path)
}

/** The plan's exposures in order, with sequence numbers and nominal start times at the cadence. */
export function expandPlan(
  plan: NightPlan,
  overrides: { seed?: number; binning?: number; detectors?: number[] } = {},
): ExposureSpec[] {
  const cadence = plan.cadenceSeconds ?? REALISTIC_CADENCE_SECONDS
  const t0 = Date.parse(plan.start)
  const out: ExposureSpec[] = []
  let seqNum = plan.firstSeqNum ?? 1
  const detectors = overrides.detectors ?? plan.detectors
  const binning = overrides.binning ?? plan.binning
  for (const entry of plan.exposures) {
    const { count = 1, pair = false, ...options } = entry
    for (let n = 0; n < count; n++) {
      const focus = options.focusZ ?? CWFS_DEFOCUS_MM
      const shots = options.imageType === 'cwfs' && pair ? [-Math.abs(focus), Math.abs(focus)] : [options.focusZ]
      const groupId = options.groupId ?? new Date(t0 + out.length * cadence * 1000).toISOString().slice(0, 23)
      for (const focusZ of shots) {
        out.push({
          ...options,
          ...(focusZ === undefined ? {} : { focusZ }),
          ...(shots.length > 1
            ? { groupId, observationReason: focusZ !== undefined && focusZ < 0 ? 'intra' : 'extra' }
            : {}),
          instrument: plan.instrument,
          dayObs: plan.dayObs,
          seqNum: seqNum++,
          start: new Date(t0 + out.length * cadence * 1000),
          seed: overrides.seed ?? plan.seed ?? 1,
          ...(binning === undefined ? {} : { binning }),
          ...(detectors === undefined ? {} : { detectors }),
        })
      }
    }
  }
  return out
}
