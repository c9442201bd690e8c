// ----------------------------------------------------------------------------
// Keyspace notifications wake the control consumer as soon as RubinTV SETs a
// control key. They need `notify-keyspace-events` with K (keyspace channel) and
// $ (string commands, or A for all); RubinTV needs the same for the read-backs.
// A managed Redis may refuse CONFIG SET: then the 500 ms poll does the work.
// ----------------------------------------------------------------------------
import type { Logger } from '@rubin/ra-runtime'
import type { Redis } from 'ioredis'

/** The flags to add to `current` so keyspace events for string commands are published ('' if none). */
export function missingKeyspaceFlags(current: string): string {
  let missing = ''
  if (!current.includes('K')) missing += 'K'
  if (!current.includes('$') && !current.includes('A')) missing += '$'
  return missing
}

/** Enables what is missing; returns false when the server refused (polling still works). */
export async function ensureKeyspaceEvents(client: Redis, logger: Logger): Promise<boolean> {
  try {
    const reply = (await client.config('GET', 'notify-keyspace-events')) as string[]
    const current = reply[1] ?? ''
    const missing = missingKeyspaceFlags(current)
    if (missing === '') return true
    await client.config('SET', 'notify-keyspace-events', current + missing)
    logger.info({ flags: current + missing }, 'enabled keyspace notifications for control keys')
    return true
  } catch (error) {
    logger.warn({ err: (error as Error).message }, 'cannot enable keyspace notifications; control keys are polled')
    return false
  }
}

/** The key a `__keyspace@<db>__:<key>` channel is about. */
export function keyOfChannel(channel: string): string | undefined {
  const match = /^__keyspace@\d+__:(.*)$/s.exec(channel)
  return match?.[1]
}
