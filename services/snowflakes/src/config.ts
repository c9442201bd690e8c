// ----------------------------------------------------------------------------
// The snowflakes service's environment (besides the runtime's RA_REDIS_URL,
// RA_KEY_PREFIX, RA_HTTP_*): the instrument, S3 (RA_S3_*), where products that S3
// refused wait, and what runs when.
// ----------------------------------------------------------------------------
import { Instrument } from '@rubin/ra-contract'
import { S3Config } from '@rubin/ra-runtime'
import { type Static, Type } from '@sinclair/typebox'

export const SnowflakesConfig = Type.Composite([
  S3Config,
  Type.Object({
    RA_INSTRUMENT: Type.Union(
      Instrument.values.map((value) => Type.Literal(value)),
      { description: `the butler instrument whose night this service follows (${Instrument.values.join(', ')})` },
    ),
    RA_PRODUCT_SPOOL_DIR: Type.String({
      default: '/tmp/ra-snowflakes-spool',
      minLength: 1,
      description: 'durable directory for products S3 refused (uploaded when it answers again)',
    }),
    RA_PERFORMANCE_MONITOR: Type.Boolean({
      default: true,
      description: 'render a timing diagram for each exposure whose payloads have all completed',
    }),
    RA_TIMINGS_LOOKBACK_S: Type.Integer({
      default: 3600,
      minimum: 0,
      description: 'at start, payload timings this many seconds old are read back (so a restart keeps them)',
    }),
    RA_DAY_MOVIE_AT: Type.String({
      default: '',
      pattern: '^(|([01]\\d|2[0-3]):[0-5]\\d)$',
      description: 'UTC time HH:MM to make the day movie of the current day_obs; empty: on demand only',
    }),
    RA_DAY_MOVIE_FPS: Type.Number({
      default: 10,
      exclusiveMinimum: 0,
      maximum: 60,
      description: 'day movie frames per second',
    }),
  }),
])
export type SnowflakesConfig = Static<typeof SnowflakesConfig>

/** Minutes after UTC midnight of an HH:MM text (undefined for the empty text). */
export function minutesOf(hhmm: string): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm)
  return m === null ? undefined : Number(m[1]) * 60 + Number(m[2])
}
