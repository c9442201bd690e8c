// ----------------------------------------------------------------------------
// The fast path: ObjectWritten entries on the objectWritten stream, read with
// XREAD BLOCK from the stream's last id at start-up, then from each entry read.
// Each valid entry is applied at once; an invalid one goes to a dead letter and
// the loop goes on. Products written with no notification are found by the
// reconciler instead.
// ----------------------------------------------------------------------------
import { formatIssues, type Location, type ObjectWritten } from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { type DeadLetters, entriesOf, type Logger, type RedisHandle } from '@rubin/ra-runtime'
import type { Redis } from 'ioredis'
import { parseShownKey } from '../keys.ts'
import type { Catalog } from './catalog.ts'

export interface NotificationOptions {
  readonly redis: RedisHandle
  readonly connection: Redis
  readonly catalog: Catalog
  readonly locations: readonly Location[]
  readonly logger: Logger
  readonly deadLetters: DeadLetters
  readonly signal: AbortSignal
  readonly blockMs?: number
  /** Called after each applied notification (metrics). */
  readonly onApplied?: (message: ObjectWritten) => void
}

export async function lastStreamId(redis: Redis, key: string): Promise<string> {
  const newest = await redis.xrevrange(key, '+', '-', 'COUNT', 1)
  return newest[0]?.[0] ?? '0-0'
}

export async function applyNotification(o: NotificationOptions, message: ObjectWritten): Promise<void> {
  const targets = o.locations.filter((location) => o.catalog.bucket(location)?.target.bucket === message.bucket)
  await Promise.all(
    targets.map((location) =>
      o.catalog.seen(location, message.key, {
        etag: message.etag,
        size: message.size,
        ...(message.changedSeqs === undefined ? {} : { changedSeqs: message.changedSeqs }),
      }),
    ),
  )
  o.onApplied?.(message)
}

export async function runNotificationLoop(o: NotificationOptions): Promise<void> {
  const key = o.redis.keys.key('objectWritten')
  let last = await lastStreamId(o.redis.client, key)
  while (!o.signal.aborted) {
    let reply: Awaited<ReturnType<Redis['xread']>>
    try {
      reply = await o.connection.xread('COUNT', 100, 'BLOCK', o.blockMs ?? 5000, 'STREAMS', key, last)
    } catch (error) {
      if (o.signal.aborted) return
      o.logger.warn({ err: (error as Error).message }, 'reading object notifications failed; retrying')
      await new Promise((r) => setTimeout(r, 500))
      continue
    }
    for (const entry of entriesOf(reply as Parameters<typeof entriesOf>[0], key)) {
      last = entry.id
      const parsed = entry.data === undefined ? undefined : parseMessage('ObjectWritten', entry.data)
      if (parsed === undefined || !parsed.ok) {
        await o.deadLetters({
          source: `${key}#${entry.id}`,
          code: 'RA_RUBINTV_NOTIFICATION_INVALID',
          reason:
            parsed === undefined
              ? 'stream entry has no data field'
              : `not an ObjectWritten message: ${formatIssues(parsed.issues)}`,
          input: entry.data ?? null,
        })
        continue
      }
      // A well-formed message can still name a key the contract refuses (a typo, a path
      // traversal): the producer is at fault, so it is recorded, not just skipped.
      if (parseShownKey(parsed.value.key) === undefined) {
        await o.deadLetters({
          source: `${key}#${entry.id}`,
          code: 'RA_RUBINTV_NOTIFICATION_KEY_REFUSED',
          reason: `the notification names key '${parsed.value.key}', which the contract does not parse as a RubinTV product; build keys with buildS3Key`,
          input: entry.data ?? null,
        })
        continue
      }
      try {
        await applyNotification(o, parsed.value)
      } catch (error) {
        o.logger.warn({ key: parsed.value.key, err: (error as Error).message }, 'notification not applied')
      }
    }
  }
}
