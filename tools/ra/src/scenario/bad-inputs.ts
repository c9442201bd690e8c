// ----------------------------------------------------------------------------
// `./ra scenario bad-inputs`: a night with garbage mixed in. From the camera:
// a truncated FITS file, a header without FILTER, a raw for a detector the
// camera does not have. On the wire: announcements that are not JSON or not an
// ExposureRecord, an invalid control value, metadata shards with hostile text
// and an invalid camera, ConsDB batches naming tables and columns that do not
// exist, an ObjectWritten pointing outside the key layout, and a product key
// that climbs out of its prefix. Every good exposure must still come through
// (lost 0), the refused inputs land in the dead letters with a stable code, and
// every service is still ready afterwards.
// ----------------------------------------------------------------------------
import { CONTROLS, type DeadLetter, STREAM_DATA_FIELD } from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { connectRedis, createLogger, createS3Client, entriesOf, ProductStore, utcNow } from '@rubin/ra-runtime'
import { type NightRunOptions, runWholeNight } from './night-run.ts'
import type { WholeSystem } from './whole.ts'

const FAULTS = ['truncated', 'missingKeyword', 'unknownDetector'] as const

/** Hostile text a metadata cell may carry: markup, control characters, a very long string. */
export const HOSTILE_TEXT = `<img src=x onerror="alert(1)">\u0000\u001b[31m${'x'.repeat(10_000)}`

async function inject(system: WholeSystem): Promise<{ injected: Record<string, number>; productKeyRejected: boolean }> {
  const redis = connectRedis({ url: system.redis.url, name: 'scenario-bad-inputs' })
  const k = redis.keys
  const c = redis.client
  const raw = (key: string, data: string) => c.xadd(key, '*', STREAM_DATA_FIELD, data)
  const injected: Record<string, number> = {}
  const count = (what: string) => {
    injected[what] = (injected[what] ?? 0) + 1
  }
  try {
    const landed = k.key('rawLanded', { instrument: 'LSSTCam' })
    await raw(landed, 'not json {')
    count('raw_landed_not_json')
    await raw(landed, JSON.stringify({ instrument: 'LSSTCam', obsId: '../../etc/passwd', exposureId: -1 }))
    count('raw_landed_invalid_record')
    await c.xadd(landed, '*', 'other', 'no data field')
    count('raw_landed_no_data')

    const control = (Object.keys(CONTROLS) as (keyof typeof CONTROLS)[])[0] ?? 'WORKER_MODE'
    await c.set(k.key('control', { control }), '"; DROP TABLE controls; --')
    count('control_invalid_value')

    const shards = k.key('metadataShards')
    const hostile = { 'Hostile text': HOSTILE_TEXT, '<b>column</b>': '<script>alert(1)</script>' }
    await raw(
      shards,
      JSON.stringify({
        camera: 'lsstcam',
        dayObs: 20251122,
        rows: { 900001: hostile },
        producer: 'ra-cli',
        writtenAt: utcNow(),
      }),
    )
    count('metadata_hostile_text')
    await raw(
      shards,
      JSON.stringify({ camera: 'lsstcam/../..', dayObs: 20251122, rows: {}, producer: 'ra-cli', writtenAt: utcNow() }),
    )
    count('metadata_invalid_camera')

    const rows = k.key('consdbRows')
    await raw(
      rows,
      JSON.stringify({
        instrument: 'LSSTCam',
        table: 'pg_catalog.pg_user',
        rows: [{ day_obs: 1 }],
        producer: 'ra-cli',
        writtenAt: utcNow(),
      }),
    )
    count('consdb_unknown_table')
    await raw(
      rows,
      JSON.stringify({
        instrument: 'LSSTCam',
        table: 'visit1_quicklook',
        rows: [{ day_obs: 20251122, seq_num: 900002, 'n_inputs"; DROP SCHEMA cdb_lsstcam CASCADE; --': 1 }],
        producer: 'ra-cli',
        writtenAt: utcNow(),
      }),
    )
    count('consdb_hostile_column')

    await raw(
      k.key('objectWritten'),
      JSON.stringify({
        kind: 'event',
        bucket: 'rubintv',
        key: '../../../etc/passwd',
        camera: 'lsstcam',
        dayObs: 20251122,
        producer: 'ra-cli',
        writtenAt: utcNow(),
      }),
    )
    count('object_written_hostile_key')

    // A producer building a key outside the layout is stopped before anything is written.
    const s3 = createS3Client({ endpoint: system.s3.endpoint, maxAttempts: 1 })
    const store = new ProductStore({
      s3,
      bucket: system.s3.bucket,
      redis,
      producer: 'ra-cli',
      logger: createLogger('ra-cli', 'silent'),
      spoolDir: `${system.dataDir}/spool/bad-inputs`,
    })
    let productKeyRejected = false
    try {
      await store.put({ key: 'lsstcam/2025-11-22/../../../etc/passwd', body: 'x', contentType: 'text/plain' })
    } catch (error) {
      productKeyRejected = (error as { code?: string }).code === 'RA_PRODUCT_KEY_INVALID'
    }
    count('product_key_outside_layout')
    s3.destroy()
    return { injected, productKeyRejected }
  } finally {
    await redis.close()
  }
}

async function deadLetters(system: WholeSystem): Promise<DeadLetter[]> {
  const redis = connectRedis({ url: system.redis.url, name: 'scenario-bad-inputs' })
  try {
    const key = redis.keys.key('deadLetters')
    const page = (await redis.client.xrange(key, '-', '+')) as [string, string[]][]
    return entriesOf([[key, page]], key)
      .map((e) => parseMessage('DeadLetter', e.data ?? ''))
      .filter((p) => p.ok)
      .map((p) => p.value as DeadLetter)
  } finally {
    await redis.close()
  }
}

async function allReady(system: WholeSystem): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {}
  for (const [name, service] of system.core.services) {
    out[name] = await fetch(`${service.url}/readyz`).then(
      (r) => r.ok,
      () => false,
    )
  }
  return out
}

export async function runBadInputs(options: NightRunOptions): Promise<Record<string, unknown>> {
  let injected: Awaited<ReturnType<typeof inject>> | undefined
  return runWholeNight(
    {
      ...options,
      exposures: Math.max(options.exposures, FAULTS.length + 1),
      planEntry: (i) => {
        const fault = FAULTS[i - 1]
        return i >= 1 && fault !== undefined ? { fault } : {}
      },
      beforeExposure: async (index, system) => {
        if (index === 1) injected = await inject(system)
      },
    },
    async ({ system }) => {
      const letters = await deadLetters(system)
      const ready = await allReady(system)
      const byService: Record<string, string[]> = {}
      for (const letter of letters) {
        byService[letter.service] = [...(byService[letter.service] ?? []), letter.code]
      }
      return {
        camera_faults: [...FAULTS],
        bad_inputs_injected: injected?.injected ?? {},
        product_key_rejected: injected?.productKeyRejected ?? false,
        dead_letters: letters.length,
        dead_letters_by_service: byService,
        services_ready: Object.values(ready).every(Boolean),
        services_not_ready: Object.entries(ready)
          .filter(([, ok]) => !ok)
          .map(([name]) => name),
      }
    },
  )
}
