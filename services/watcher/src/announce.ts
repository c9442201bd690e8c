// ----------------------------------------------------------------------------
// Announcing an exposure: one Lua script, so "first time we see this id?" and
// "push it onto incoming" can never be split by a crash or by a second source
// racing us. seenExposures (score = member = exposure id) is the memory that
// makes this hold across restarts and across sources; it is trimmed to the
// last few days of ids so it does not grow for ever.
// ----------------------------------------------------------------------------
import {
  CONTROLLER_INCREMENT,
  dayObsToEpochDay,
  EXPOSURE_ID_SEQ_DIGITS,
  type ExposureRecord,
  epochDayToDayObs,
  exposureId,
} from '@rubin/ra-contract'
import { defineScript, type RedisHandle } from '@rubin/ra-runtime'

/**
 * KEYS[1] seenExposures, KEYS[2] incoming.
 * ARGV[1] exposure id, ARGV[2] record JSON, ARGV[3] lowest id of the trim band, ARGV[4] first id kept.
 * Returns 1 when the record was pushed (first sighting), 0 when it had been seen before.
 */
export const ANNOUNCE_LUA = `
local added = redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[1])
if added == 1 then
  redis.call('LPUSH', KEYS[2], ARGV[2])
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], ARGV[3], '(' .. ARGV[4])
return added
`

const announceScript = defineScript('watcher-announce', ANNOUNCE_LUA)

/** Ids of one controller band (one offset) span this much; trimming never crosses into another band. */
const BAND = CONTROLLER_INCREMENT * 10 ** EXPOSURE_ID_SEQ_DIGITS

/**
 * The ids to trim when announcing `record`: those of the same controller band that are more than
 * `days` older than it. Trimming follows the records, not the clock, so replayed old nights dedupe too.
 */
export function trimRange(record: Pick<ExposureRecord, 'dayObs' | 'controller'>, days: number): [number, number] {
  let cutoff: number
  try {
    cutoff = epochDayToDayObs(dayObsToEpochDay(record.dayObs) - days)
  } catch {
    return [0, 0]
  }
  const first = exposureId({ dayObs: cutoff, seqNum: 0, controller: record.controller })
  if (!first.ok) return [0, 0]
  return [Math.floor(first.value / BAND) * BAND, first.value]
}

export type Announcement = 'announced' | 'duplicate'

export interface Announcer {
  announce(record: ExposureRecord): Promise<Announcement>
}

export function createAnnouncer(redis: RedisHandle, seenDays: number): Announcer {
  return {
    async announce(record) {
      const { instrument } = record
      const keys = [redis.keys.key('seenExposures', { instrument }), redis.keys.key('incoming', { instrument })]
      const [low, first] = trimRange(record, seenDays)
      const added = await announceScript.run(redis.client, keys, [
        record.exposureId,
        JSON.stringify(record),
        low,
        first,
      ])
      return added === 1 ? 'announced' : 'duplicate'
    },
  }
}
