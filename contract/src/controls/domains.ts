// ----------------------------------------------------------------------------
// What values each control accepts, and the vocabulary of its read-backs.
// RubinTV's admin menus send short names (DANISH, TARTS, 5_ON_A_DIE); the
// canonical value is the full identifier RA stores and reads back (AOS_DANISH),
// and the menu spellings are aliases on input.
// ----------------------------------------------------------------------------

import { AOS_CWFS_PIPELINES, AOS_FAM_PIPELINES, Pipeline } from '../identifiers/pipelines.ts'
import { defineIdentifiers, type IdentifierSet } from '../internal/identifier-set.ts'

const pick = <const T extends Pipeline>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, Pipeline.docs[v]])) as { readonly [K in T]: string }

export const AosCwfsPipeline = defineIdentifiers({
  name: 'AosCwfsPipeline',
  description: 'A corner-wavefront-sensor AOS pipeline (the AOS_PIPELINE control).',
  values: AOS_CWFS_PIPELINES,
  docs: pick(AOS_CWFS_PIPELINES),
  aliases: {
    // RubinTV's "AOS Pipeline" menu items; `main` upper-cased and prefixed them with AOS_.
    DANISH: 'AOS_DANISH',
    TIE: 'AOS_TIE',
    REFIT_WCS: 'AOS_REFIT_WCS',
    TARTS: 'AOS_TARTS_UNPAIRED',
    AI_DONUT: 'AOS_AI_DONUT',
    UNPAIRED_DANISH: 'AOS_UNPAIRED_DANISH',
    // `main` named the TARTS pipeline AOS_TARTS.
    AOS_TARTS: 'AOS_TARTS_UNPAIRED',
    TARTS_UNPAIRED: 'AOS_TARTS_UNPAIRED',
  },
})
export type AosCwfsPipeline = (typeof AosCwfsPipeline.values)[number]

export const AosFamPipeline = defineIdentifiers({
  name: 'AosFamPipeline',
  description: 'A full-array-mode AOS pipeline (the AOS_FAM_PIPELINE control).',
  values: AOS_FAM_PIPELINES,
  docs: pick(AOS_FAM_PIPELINES),
  // deploy-summit prefixed the sent value with AOS_FAM_.
  aliases: { DANISH: 'AOS_FAM_DANISH', TIE: 'AOS_FAM_TIE', FAM_DANISH: 'AOS_FAM_DANISH', FAM_TIE: 'AOS_FAM_TIE' },
})
export type AosFamPipeline = (typeof AosFamPipeline.values)[number]

export const ReadbackOutcome = defineIdentifiers({
  name: 'ReadbackOutcome',
  description: 'What the consumer did with a control command.',
  values: ['applied', 'unchanged', 'rejected'],
  docs: {
    applied: 'The value is now in effect.',
    unchanged: 'The value was already in effect; nothing changed.',
    rejected: 'The command was refused; the previous value stays in effect.',
  },
  loose: false,
})
export type ReadbackOutcome = (typeof ReadbackOutcome.values)[number]

export const ControlRejection = defineIdentifiers({
  name: 'ControlRejection',
  description: 'Why a control command was refused.',
  values: ['BETWEEN_PAIR', 'INVALID_VALUE', 'NOT_A_WORKER_SET', 'NOT_SUPPORTED'],
  docs: {
    BETWEEN_PAIR: 'A full-array-mode pipeline change arrived between the two exposures of a pair.',
    INVALID_VALUE: 'The value is not one the control accepts.',
    NOT_A_WORKER_SET: 'A reset was sent for a cluster-status set that is not a group of workers (OTHER_QUEUES).',
    NOT_SUPPORTED: 'The consumer cannot apply this control here (e.g. an AOS control for an instrument without AOS).',
  },
  loose: false,
})
export type ControlRejection = (typeof ControlRejection.values)[number]

/**
 * The string written to the legacy `{key}_READBACK` key for a rejection. RubinTV shows it
 * verbatim above the menu; REJECTED_BETWEEN_PAIR! is today's token (with the exclamation mark).
 */
export const LEGACY_REJECTION_READBACK = {
  BETWEEN_PAIR: 'REJECTED_BETWEEN_PAIR!',
  INVALID_VALUE: 'REJECTED_INVALID_VALUE!',
  NOT_A_WORKER_SET: 'REJECTED_NOT_A_WORKER_SET!',
  NOT_SUPPORTED: 'REJECTED_NOT_SUPPORTED!',
} as const satisfies Record<ControlRejection, `REJECTED_${string}!`>

/** The canonical value of a truthy (reset) control once accepted. */
export const RESET_VALUE = 'RESET'

/** Values that mean "no" even though Python's truthiness (today's consumer) took them as yes. */
export const FALSY_VALUES = ['0', 'FALSE', 'NO', 'OFF', 'NONE'] as const

export type ControlDomain<T extends string = string> =
  | { readonly kind: 'identifiers'; readonly set: IdentifierSet<T> }
  | { readonly kind: 'truthy' }
  | {
      readonly kind: 'pattern'
      readonly pattern: RegExp
      /** For error messages: what a valid value looks like. */
      readonly expected: string
      /** The one spelling stored and read back for a value that matched. */
      readonly canonical: (text: string) => string
    }
  | { readonly kind: 'refused'; readonly code: ControlRejection; readonly reason: string }

export const identifiersDomain = <T extends string>(set: IdentifierSet<T>) =>
  ({ kind: 'identifiers', set }) as const satisfies ControlDomain<T>

export const TRUTHY_DOMAIN = { kind: 'truthy' } as const satisfies ControlDomain

/** A detector id (`94`, `094`) or an imaging detector name (`R22_S11`); the lookup is elsewhere. */
export const WITNESS_DETECTOR_DOMAIN = {
  kind: 'pattern',
  pattern: /^(?:\d{1,3}|R\d\d_S\d\d)$/i,
  expected: 'a detector id (e.g. 94) or name (e.g. R22_S11)',
  canonical: (text: string) => (/^\d+$/.test(text) ? String(Number(text)) : text.toUpperCase()),
} as const satisfies ControlDomain

/** An exposure id: dayObs × 100000 + seqNum, 13 digits (e.g. 2025111500226). */
export const EXPOSURE_ID_DOMAIN = {
  kind: 'pattern',
  pattern: /^\d{13}$/,
  expected: 'an exposure id of 13 digits, dayObs × 100000 + seqNum (e.g. 2025111500226)',
  canonical: (text: string) => text,
} as const satisfies ControlDomain
