// Pipelines: the identifiers stored in Redis, recorded at fan-out and shown on RubinTV.
import { defineIdentifiers } from '../internal/identifier-set.ts'

export const Pipeline = defineIdentifiers({
  name: 'Pipeline',
  description: 'A processing pipeline a payload runs (built-in quicklook or an external executor command).',
  values: [
    'SFM',
    'ISR',
    'BIAS',
    'DARK',
    'FLAT',
    'AOS_DANISH',
    'AOS_TIE',
    'AOS_REFIT_WCS',
    'AOS_AI_DONUT',
    'AOS_TARTS_UNPAIRED',
    'AOS_UNPAIRED_DANISH',
    'AOS_FAM_DANISH',
    'AOS_FAM_TIE',
  ],
  docs: {
    SFM: 'Single-frame measurement: ISR, characterisation, calibration, PSF and sources.',
    ISR: 'Instrument signature removal only (unknown image types).',
    BIAS: 'Bias verification ISR (cp_verify style).',
    DARK: 'Dark verification ISR.',
    FLAT: 'Flat verification ISR.',
    AOS_DANISH: 'Corner wavefront sensors, paired intra/extra, Danish donut fitting.',
    AOS_TIE: 'Corner wavefront sensors, transport-of-intensity equation.',
    AOS_REFIT_WCS: 'Danish with a refitted WCS.',
    AOS_AI_DONUT: 'Machine-learned donut detection.',
    AOS_TARTS_UNPAIRED: 'TARTS on unpaired wavefront images.',
    AOS_UNPAIRED_DANISH: 'Danish on unpaired wavefront images.',
    AOS_FAM_DANISH: 'Full-array mode (science sensors defocused), Danish.',
    AOS_FAM_TIE: 'Full-array mode, TIE.',
  },
  // `main` wrote AOS_TARTS; RubinTV's menu offers TARTS.
  aliases: { AOS_TARTS: 'AOS_TARTS_UNPAIRED' },
})
export type Pipeline = (typeof Pipeline.values)[number]

/** Pipelines for the corner wavefront sensors (normal, paired or unpaired). */
export const AOS_CWFS_PIPELINES = [
  'AOS_DANISH',
  'AOS_TIE',
  'AOS_REFIT_WCS',
  'AOS_AI_DONUT',
  'AOS_TARTS_UNPAIRED',
  'AOS_UNPAIRED_DANISH',
] as const satisfies readonly Pipeline[]

/** Full-array-mode pipelines: must not change between the two exposures of a FAM pair. */
export const AOS_FAM_PIPELINES = ['AOS_FAM_DANISH', 'AOS_FAM_TIE'] as const satisfies readonly Pipeline[]

export const DEFAULT_AOS_PIPELINE = 'AOS_DANISH' satisfies Pipeline
export const DEFAULT_AOS_FAM_PIPELINE = 'AOS_FAM_DANISH' satisfies Pipeline

/** Which step-1a pipeline an image type runs (by lower-cased observation_type). */
export const PIPELINE_FOR_IMAGE_TYPE = {
  bias: 'BIAS',
  dark: 'DARK',
  flat: 'FLAT',
  unknown: 'ISR',
} as const satisfies Record<string, Pipeline>

/** Processing steps a payload can belong to. */
export const Step = defineIdentifiers({
  name: 'Step',
  description: 'Which step of the processing a payload is for.',
  values: ['step1a', 'step1b', 'nightlyRollup', 'oneOff'],
  docs: {
    step1a: 'Per-detector processing of one exposure.',
    step1b: 'Visit-level gather once every expected detector has finished or failed.',
    nightlyRollup: 'Night-level aggregation.',
    oneOff: 'A per-exposure single-purpose analysis (exposure record, post-ISR, guider, mosaic).',
  },
  loose: false,
})
export type Step = (typeof Step.values)[number]

/** Which branch of the processing an expected/finished detector set belongs to. */
export const Who = defineIdentifiers({
  name: 'Who',
  description: 'The processing branch a payload reports completion under.',
  values: ['SFM', 'AOS', 'ISR', 'ONE_OFF'],
  docs: {
    SFM: 'Science imaging detectors (single-frame measurement).',
    AOS: 'Corner wavefront sensors.',
    ISR: 'Everything that needs a post-ISR image (imaging plus wavefront), and calibs.',
    ONE_OFF: 'Per-exposure one-off analyses.',
  },
})
export type Who = (typeof Who.values)[number]
