// Errors of the product renderers: a stable code per failure, and a message saying what to do.

export const PRODUCT_ERROR_CODES = {
  RA_PRODUCTS_BAD_INPUT: 'The data given to a renderer is unusable (wrong sizes, no finite values, empty series).',
  RA_PRODUCTS_UNKNOWN_DETECTOR: 'A detector number is not in the instrument’s detector list.',
  RA_PRODUCTS_FFMPEG_MISSING: 'ffmpeg (or ffprobe) is not on PATH.',
  RA_PRODUCTS_FFMPEG_FAILED: 'ffmpeg exited with an error.',
  RA_PRODUCTS_NO_RENDERER: 'No renderer is registered for the camera and channel.',
} as const
export type ProductErrorCode = keyof typeof PRODUCT_ERROR_CODES

export class ProductError extends Error {
  readonly code: ProductErrorCode
  constructor(code: ProductErrorCode, message: string, options?: ErrorOptions) {
    super(`${code}: ${message}`, options)
    this.name = 'ProductError'
    this.code = code
  }
}

export function badInput(what: string): never {
  throw new ProductError('RA_PRODUCTS_BAD_INPUT', what)
}
