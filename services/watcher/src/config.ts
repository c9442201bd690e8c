// ----------------------------------------------------------------------------
// The watcher's environment. Each source can be switched off on its own; the
// webhook and the poll need a raw store to read records from (RA_RAW_ROOT), so
// without one only the rawLanded stream runs.
// ----------------------------------------------------------------------------
import { Instrument } from '@rubin/ra-contract'
import { type Static, Type } from '@sinclair/typebox'

export const WatcherConfig = Type.Object({
  RA_INSTRUMENT: Type.Union(
    Instrument.values.map((value) => Type.Literal(value)),
    { description: `the butler instrument this watcher announces (${Instrument.values.join(', ')})` },
  ),
  RA_RAW_ROOT: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'directory holding the raws, laid out as the raw bucket (rawRecord keys are paths below it)',
    }),
  ),
  RA_WEBHOOK: Type.Boolean({
    default: true,
    description: 'serve POST /notifications for S3/Ceph bucket notifications (needs RA_RAW_ROOT)',
  }),
  RA_RAW_LANDED: Type.Boolean({ default: true, description: 'read the rawLanded stream with a consumer group' }),
  RA_POLL_INTERVAL_S: Type.Number({
    default: 5,
    minimum: 0,
    description: 'seconds between polls of RA_RAW_ROOT (current and previous dayObs); 0 switches polling off',
  }),
  RA_SEEN_DAYS: Type.Integer({
    default: 3,
    minimum: 1,
    maximum: 30,
    description: 'days of exposure ids kept in seenExposures (older ones are trimmed)',
  }),
})
export type WatcherConfig = Static<typeof WatcherConfig>
