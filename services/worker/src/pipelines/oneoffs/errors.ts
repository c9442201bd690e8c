// ----------------------------------------------------------------------------
// How a one-off analysis fails: a stable code per cause, and the failure the
// worker records (`{outcome:'failed', reason}` with the code first, so status
// pages, dead letters and tests can match on it). Errors from the libraries the
// one-offs call keep their own codes (RA_QUICKLOOK_*, RA_PRODUCTS_*, …).
// ----------------------------------------------------------------------------
import { isTransientError } from '@rubin/ra-runtime'
import type { PipelineResult } from '../types.ts'

export const ONE_OFF_ERROR_CODES = {
  RA_ONEOFF_BAD_PAYLOAD: 'The payload names no exposure (or visit) in its data ids, or not this worker’s instrument.',
  RA_ONEOFF_NO_RECORD: 'No ExposureRecord is stored beside the raws for the payload’s exposure.',
  RA_ONEOFF_NO_RAWS: 'None of the raw files the analysis reads were found for the exposure.',
  RA_ONEOFF_NO_DONUTS: 'No donut was measured on any corner wavefront sensor.',
  RA_ONEOFF_NO_GUIDER_STAMPS: 'No guider raw of the exposure holds stamp extensions.',
  RA_ONEOFF_NO_PRODUCT: 'The instrument’s cameras have no channel this analysis renders.',
  RA_ONEOFF_INTERNAL: 'An unexpected error (a bug): the message says where.',
} as const
export type OneOffErrorCode = keyof typeof ONE_OFF_ERROR_CODES

export class OneOffError extends Error {
  readonly code: OneOffErrorCode
  constructor(code: OneOffErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'OneOffError'
    this.code = code
  }
}

const CODE = /^[A-Z][A-Z0-9_]+$/

/** The code of any error the one-offs may meet: its own `code` when it has a stable one. */
export function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && CODE.test(code) ? code : 'RA_ONEOFF_INTERNAL'
}

/** The worker's failed result for an error: `CODE: message` (a message already starting with its code is kept). */
export function failed(error: unknown): PipelineResult {
  const code = codeOf(error)
  const message = error instanceof Error ? error.message : String(error)
  const reason = message.startsWith(`${code}:`) ? message : `${code}: ${message}`
  return isTransientError(error) ? { outcome: 'failed', reason, retryable: true } : { outcome: 'failed', reason }
}
