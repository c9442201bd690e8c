// ----------------------------------------------------------------------------
// `./ra scenario bad-inputs`: a night with garbage mixed in. From the camera:
// a truncated FITS file, a header without FILTER, a raw for a detector the
// camera does not have. On the wire: announcements that are not JSON or not an
// ExposureRecord, an invalid control value, metadata shards with hostile text
// and an invalid camera, ConsDB batches naming tables and columns that do not
// exist, an ObjectWritten pointing outside the key layout, and a product key
// that climbs out of its prefix. Every good exposure must still come through
// (lost 0), the refused inputs land in the dead letters with a stable code, and
// every service is still ready afterwards. Each injected input is followed to
// its fate by its source (stream key#entry id, control key): `refused_by` says
// which service set it aside with which code; a dead letter no injection
// explains is reported as unexpected (a service refusing its own pipeline's output).
// ----------------------------------------------------------------------------
import { CONTROLS, type DeadLetter, STREAM_DATA_FIELD } from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import { connectRedis, createLogger, createS3Client, entriesOf, ProductStore, utcNow } from '@rubin/ra-runtime'
import { SCENARIO_DAY_OBS } from './common.ts'
import { type NightRunOptions, runWholeNight } from './night-run.ts'
import type { WholeSystem } from './whole.ts'

const FAULTS = ['truncated', 'missingKeyword', 'unknownDetector'] as const

/** Hostile text a metadata cell may carry: markup, control characters, a very long string. */
export const HOSTILE_TEXT = `<img src=x onerror="alert(1)">\u0000\u001b[31m${'x'.repeat(10_000)}`

/** The metadata row the hostile text goes to (no exposure of the night has this seq). */
const HOSTILE_SEQ = 900001

interface Injected {
  /** Where each injected input came from, as the refusing service names it in its dead letter. */
  readonly sources: Record<string, string>
  readonly productKeyRejected: boolean
}

async function inject(system: WholeSystem): Promise<Injected> {
  const redis = connectRedis({ url: system.redis.url, name: 'scenario-bad-inputs' })
  const k = redis.keys
  const c = redis.client
  const sources: Record<string, string> = {}
  const raw = async (what: string, key: string, data: string) => {
    sources[what] = `${key}#${await c.xadd(key, '*', STREAM_DATA_FIELD, data)}`
  }
  try {
    const landed = k.key('rawLanded', { instrument: 'LSSTCam' })
    await raw('raw_landed_not_json', landed, 'not json {')
    await raw(
      'raw_landed_invalid_record',
      landed,
      JSON.stringify({ instrument: 'LSSTCam', obsId: '../../etc/passwd', exposureId: -1 }),
    )
    sources.raw_landed_no_data = `${landed}#${await c.xadd(landed, '*', 'other', 'no data field')}`

    const control = (Object.keys(CONTROLS) as (keyof typeof CONTROLS)[])[0] ?? 'WORKER_MODE'
    const controlKey = k.key('control', { control })
    await c.set(controlKey, '"; DROP TABLE controls; --')
    sources.control_invalid_value = controlKey

    const shards = k.key('metadataShards')
    const hostile = { 'Hostile text': HOSTILE_TEXT, '<b>column</b>': '<script>alert(1)</script>' }
    await raw(
      'metadata_hostile_text',
      shards,
      JSON.stringify({
        camera: 'lsstcam',
        dayObs: SCENARIO_DAY_OBS,
        rows: { [HOSTILE_SEQ]: hostile },
        producer: 'ra-cli',
        writtenAt: utcNow(),
      }),
    )
    await raw(
      'metadata_invalid_camera',
      shards,
      JSON.stringify({
        camera: 'lsstcam/../..',
        dayObs: SCENARIO_DAY_OBS,
        rows: {},
        producer: 'ra-cli',
        writtenAt: utcNow(),
      }),
    )

    const rows = k.key('consdbRows')
    await raw(
      'consdb_unknown_table',
      rows,
      JSON.stringify({
        instrument: 'LSSTCam',
        table: 'pg_catalog.pg_user',
        rows: [{ day_obs: 1 }],
        producer: 'ra-cli',
        writtenAt: utcNow(),
      }),
    )
    // A row whose key is valid (seq_num fits an exposure id), so the hostile column is what is refused.
    await raw(
      'consdb_hostile_column',
      rows,
      JSON.stringify({
        instrument: 'LSSTCam',
        table: 'visit1_quicklook',
        rows: [{ day_obs: SCENARIO_DAY_OBS, seq_num: 99_002, 'n_inputs"; DROP SCHEMA cdb_lsstcam CASCADE; --': 1 }],
        producer: 'ra-cli',
        writtenAt: utcNow(),
      }),
    )

    await raw(
      'object_written_hostile_key',
      k.key('objectWritten'),
      JSON.stringify({
        kind: 'event',
        bucket: 'rubintv',
        key: '../../../etc/passwd',
        camera: 'lsstcam',
        dayObs: SCENARIO_DAY_OBS,
        producer: 'ra-cli',
        writtenAt: utcNow(),
      }),
    )

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
    s3.destroy()
    return { sources, productKeyRejected }
  } finally {
    await redis.close()
  }
}

interface Letter {
  readonly service: string
  readonly code: string
  readonly source: string
  readonly reason: string
  /** The entry is a DeadLetter as the contract defines it (a stable RA_ code among others). */
  readonly onContract: boolean
}

/** Every dead letter on the stream, also those off the contract (read leniently, flagged, never dropped). */
async function deadLetters(system: WholeSystem): Promise<Letter[]> {
  const redis = connectRedis({ url: system.redis.url, name: 'scenario-bad-inputs' })
  try {
    const key = redis.keys.key('deadLetters')
    const page = (await redis.client.xrange(key, '-', '+')) as [string, string[]][]
    return entriesOf([[key, page]], key).map((e) => {
      let value: Partial<Record<keyof DeadLetter, unknown>> = {}
      try {
        value = JSON.parse(e.data ?? '') as typeof value
      } catch {
        // kept below as an off-contract letter
      }
      const text = (v: unknown) => (typeof v === 'string' ? v : '?')
      return {
        service: text(value.service),
        code: text(value.code),
        source: text(value.source),
        reason: text(value.reason),
        onContract: validate('DeadLetter', value).ok,
      }
    })
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
  let injected: Injected | undefined
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
    async ({ system, tally }) => {
      const letters = await deadLetters(system)
      const ready = await allReady(system)
      const byService: Record<string, string[]> = {}
      for (const letter of letters) byService[letter.service] = [...(byService[letter.service] ?? []), letter.code]
      const sources = injected?.sources ?? {}
      const refusedBy: Record<string, string> = {}
      for (const [what, source] of Object.entries(sources)) {
        const found = letters.filter((letter) => letter.source === source)
        refusedBy[what] =
          found.length === 0 ? 'accepted' : found.map((letter) => `${letter.service} ${letter.code}`).join('; ')
      }
      refusedBy.product_key_outside_layout = injected?.productKeyRejected
        ? 'ra-cli RA_PRODUCT_KEY_INVALID (thrown, nothing written)'
        : 'accepted'
      const explained = new Set(Object.values(sources))
      const hostileRow = tally.metadata.get(String(HOSTILE_SEQ))
      return {
        camera_faults: [...FAULTS],
        bad_inputs_injected: Object.keys(refusedBy),
        refused_by: refusedBy,
        product_key_rejected: injected?.productKeyRejected ?? false,
        // Text is data: stored as sent, shown escaped by the consumer.
        hostile_text_kept_verbatim: hostileRow?.['Hostile text'] === HOSTILE_TEXT,
        dead_letters: letters.length,
        dead_letters_by_service: byService,
        dead_letters_off_contract: letters
          .filter((letter) => !letter.onContract)
          .map((letter) => `${letter.service} ${letter.code}`),
        unexpected_dead_letters: letters
          .filter((letter) => !explained.has(letter.source))
          .map((letter) => `${letter.service} ${letter.code}: ${letter.reason.slice(0, 300)}`),
        services_ready: Object.values(ready).every(Boolean),
        services_not_ready: Object.entries(ready)
          .filter(([, ok]) => !ok)
          .map(([name]) => name),
      }
    },
  )
}
