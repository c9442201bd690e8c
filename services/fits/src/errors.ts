// Every failure of this library is a FitsError with a stable `code`: callers (dead letters,
// metrics) switch on the code, people read the message, which says what and where.

export const FitsErrorCode = {
  notFits: 'FITS_NOT_FITS',
  truncated: 'FITS_TRUNCATED',
  badBlockSize: 'FITS_BAD_BLOCK_SIZE',
  missingEnd: 'FITS_MISSING_END',
  badCard: 'FITS_BAD_CARD',
  badExtension: 'FITS_BAD_EXTENSION',
  missingKeyword: 'FITS_MISSING_KEYWORD',
  keywordType: 'FITS_KEYWORD_TYPE',
  invalidValue: 'FITS_INVALID_VALUE',
  badBitpix: 'FITS_BAD_BITPIX',
  noImage: 'FITS_NO_IMAGE',
  unsupported: 'FITS_UNSUPPORTED',
  unknownCompression: 'FITS_UNKNOWN_COMPRESSION',
  corruptTile: 'FITS_CORRUPT_TILE',
  badTable: 'FITS_BAD_TABLE',
  badImage: 'FITS_BAD_IMAGE',
  hduNotFound: 'FITS_HDU_NOT_FOUND',
} as const

export type FitsErrorCode = (typeof FitsErrorCode)[keyof typeof FitsErrorCode]

/** Where in a file an error was found; both parts are optional (a lone header has no HDU). */
export interface FitsLocation {
  readonly hdu?: number
  readonly offset?: number
}

export class FitsError extends Error {
  readonly code: FitsErrorCode
  readonly hdu: number | undefined
  readonly offset: number | undefined
  /** The message without the location suffix. */
  readonly detail: string

  constructor(code: FitsErrorCode, message: string, where: FitsLocation = {}) {
    const place = [
      where.hdu === undefined ? undefined : `HDU ${where.hdu}`,
      where.offset === undefined ? undefined : `byte offset ${where.offset}`,
    ].filter((part) => part !== undefined)
    super(place.length > 0 ? `${message} (${place.join(', ')})` : message)
    this.name = 'FitsError'
    this.code = code
    this.detail = message
    this.hdu = where.hdu
    this.offset = where.offset
  }
}

export function isFitsError(error: unknown, code?: FitsErrorCode): error is FitsError {
  return error instanceof FitsError && (code === undefined || error.code === code)
}
