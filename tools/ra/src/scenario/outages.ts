// ----------------------------------------------------------------------------
// Outages in the middle of a night: Redis restarts, S3 goes away, PostgreSQL
// goes away. Each hits before a chosen exposure lands and lasts `outageS`; the
// night goes on meanwhile. Nothing may be lost: products spooled through the S3
// outage are uploaded after it, the metadata server and the ConsDB writer retry
// what they could not write. PostgreSQL is the machine's shared server and is
// never stopped: the ConsDB writer reaches it through our TCP proxy, which is cut.
// ----------------------------------------------------------------------------
import { sleep } from '@rubin/ra-runtime'
import { type NightRunOptions, runWholeNight } from './night-run.ts'
import type { WholeSystem } from './whole.ts'

export type OutageKind = 'redis-restart' | 's3-outage' | 'postgres-outage'

export interface OutageOptions extends NightRunOptions {
  readonly outageS: number
}

async function outage(kind: OutageKind, system: WholeSystem, seconds: number, say: (l: string) => void) {
  if (kind === 'redis-restart') {
    say(`restarting Redis (down ${seconds} s)`)
    await system.redis.restart({ downMs: seconds * 1000 })
    return
  }
  const [down, up] =
    kind === 's3-outage'
      ? [() => system.s3.stop(), () => system.s3.start()]
      : [() => system.dbProxy.cut(), () => system.dbProxy.restore()]
  say(`${kind}: down for ${seconds} s`)
  await down()
  // The night goes on during the outage: restore in the background.
  void sleep(seconds * 1000).then(async () => {
    await up()
    say(`${kind}: back`)
  })
}

export async function runOutage(kind: OutageKind, options: OutageOptions): Promise<Record<string, unknown>> {
  const at = Math.min(1, options.exposures - 1)
  let hitAt = 0
  return runWholeNight(
    {
      ...options,
      beforeExposure: async (index, system) => {
        if (index !== at) return
        hitAt = Date.now()
        await outage(kind, system, options.outageS, options.progress)
      },
    },
    async ({ system }) => {
      const settled = (Date.now() - hitAt) / 1000
      return {
        outage: kind,
        outage_s: options.outageS,
        // Everything downstream was complete this long after the fault began.
        settled_after_fault_s: Math.round(settled * 10) / 10,
        s3_running: system.s3.running,
      }
    },
  )
}
