// Stable codes of the snowflakes' failures (logged, dead-lettered or answered over HTTP).
export const SNOWFLAKES_ERROR_CODES = {
  RA_SNOWFLAKES_BAD_ENTRY: 'A stream entry does not validate against the contract (dead-lettered, the loop goes on).',
  RA_SNOWFLAKES_NO_FRAMES: 'The day has no mosaic images to make a movie of.',
  RA_SNOWFLAKES_BAD_REQUEST: 'An on-demand request names no valid day_obs or camera.',
  RA_SNOWFLAKES_NO_CAMERA: 'The instrument has no camera with the product asked for.',
} as const
export type SnowflakesErrorCode = keyof typeof SNOWFLAKES_ERROR_CODES

export class SnowflakesError extends Error {
  readonly code: SnowflakesErrorCode
  constructor(code: SnowflakesErrorCode, message: string) {
    super(`${code}: ${message}`)
    this.name = 'SnowflakesError'
    this.code = code
  }
}
