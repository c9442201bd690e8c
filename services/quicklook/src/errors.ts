// Stable error codes of the quicklook library. Codes never change meaning; a worker
// dead-letters bad input with `code` and `message` and keeps running.

export const QUICKLOOK_ERROR_CODES = {
  RA_QUICKLOOK_BAD_FITS: 'The bytes are not a readable FITS file (truncated, corrupt or empty).',
  RA_QUICKLOOK_MISSING_KEYWORD: 'A header keyword the quicklook needs is missing or has the wrong type.',
  RA_QUICKLOOK_UNKNOWN_DETECTOR: 'No amplifier geometry is known for the detector.',
  RA_QUICKLOOK_GEOMETRY_MISMATCH: 'The raw does not match the detector geometry (amp count or amp size).',
  RA_QUICKLOOK_BAD_IMAGE: 'An image argument is malformed (sizes and pixel count disagree, or empty).',
  RA_QUICKLOOK_NO_INPUT: 'An aggregation was given nothing usable (no detectors, no stamps).',
} as const

export type QuicklookErrorCode = keyof typeof QUICKLOOK_ERROR_CODES

export class QuicklookError extends Error {
  readonly code: QuicklookErrorCode
  constructor(code: QuicklookErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'QuicklookError'
    this.code = code
  }
}

export const isQuicklookError = (e: unknown): e is QuicklookError => e instanceof QuicklookError
