// ----------------------------------------------------------------------------
// Consumer side: what RubinTV needs from each RA producer, as Pact V4
// asynchronous message interactions. Each interaction hands its example message
// to the consumer's real code (services/rubintv/src: the catalogue and index,
// the notification loop, the cluster-status reader, the control read-backs),
// so a message the consumer cannot use fails here. The pacts are written to a
// fresh directory and must equal the committed contract-tests/pacts/ (the last
// test); PACT_UPDATE=1 rewrites the committed files instead.
// ----------------------------------------------------------------------------
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Matchers, Pact } from '@pact-foundation/pact'
import {
  buildS3Key,
  CELL_FLAGS,
  type ClusterStatusSet,
  FLAG_PREFIX,
  LEGACY_REJECTION_READBACK,
  parseControlValue,
} from '@rubin/ra-contract'
import { validateReceived } from '@rubin/ra-contract/validate'
import { describe, expect, it } from 'vitest'
import { runNotificationLoop } from '../../services/rubintv/src/discovery/notifications.ts'
import { parseShownKey } from '../../services/rubintv/src/keys.ts'
import { ClusterStatusReader } from '../../services/rubintv/src/live/cluster-status.ts'
import { Controls } from '../../services/rubintv/src/live/controls.ts'
import { consumerCatalog, oneShotStream, type Recorded, silentLogger } from './consumer-harness.ts'
import {
  CHANNEL_INTERACTIONS,
  CONSUMER,
  DESCRIPTIONS,
  keyPattern,
  PACT_BUCKET,
  PACT_DAY_OBS,
  PACT_LOCATION,
  PACT_SEQ,
  PROVIDERS,
  type ProviderName,
  READBACK_KEYS,
  S3_TRANSPORT,
  STATES,
  STREAM_TRANSPORT,
  STREAMS,
  STRING_TRANSPORT,
} from './interactions.ts'
import { comparePactDirs, PACT_DIR, updateCommittedPacts } from './pact-files.ts'

const { regex, integer, decimal, string } = Matchers

const outDir = mkdtempSync(join(tmpdir(), 'rubintv-pacts-'))
const pactFor = (provider: ProviderName) => new Pact({ consumer: CONSUMER, provider, dir: outDir, logLevel: 'error' })

const UTC = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$'
const WORKER_STATUS = '^(free|busy|restarting|guest|missing|[1-9][0-9]*)$'
const flagPattern = `^(${CELL_FLAGS.join('|')})$`

function built(result: ReturnType<typeof buildS3Key>): string {
  if (!result.ok) throw new Error(`the contract refused an example key: ${JSON.stringify(result.issues)}`)
  return result.value
}

/** What executeTest hands an asynchronous-message handler (pact-js does not export the type from its root). */
interface AsynchronousMessage {
  readonly contents: { readonly content: unknown }
  readonly metadata?: unknown
}
const content = <T>(m: AsynchronousMessage) => m.contents.content as T
const meta = (m: AsynchronousMessage) => m.metadata as Record<string, string>

describe(`${CONSUMER} ← ${PROVIDERS.products}: one S3 key per produced channel`, () => {
  for (const interaction of CHANNEL_INTERACTIONS) {
    const { channel, kind } = interaction
    it(interaction.description, async () => {
      const ext = channel.mediaType === 'video' ? 'mp4' : 'png'
      const example = built(
        kind === 'final'
          ? buildS3Key({ kind, camera: channel.camera, channel: channel.name, dayObs: PACT_DAY_OBS, ext })
          : buildS3Key({
              kind,
              camera: channel.camera,
              channel: channel.name,
              dayObs: PACT_DAY_OBS,
              seq: PACT_SEQ,
              ext,
            }),
      )
      await pactFor(PROVIDERS.products)
        .addAsynchronousInteraction()
        .expectsToReceive(interaction.description, (b) =>
          b
            .withJSONContent({ key: regex(interaction.pattern, example) })
            .withMetadata({ transport: S3_TRANSPORT, bucket: PACT_BUCKET }),
        )
        .executeTest(async (m) => {
          // The consumer lists the location whose bucket the object is in, and shows what its catalogue indexes.
          expect(meta(m).bucket).toBe(PACT_BUCKET)
          const { catalog, recorded } = consumerCatalog(PACT_LOCATION)
          await catalog.seen(PACT_LOCATION, content<{ key: string }>(m).key, { etag: 'e1', size: 10 })
          expect(recorded.warnings).toEqual([])
          expect(recorded.changes).toEqual([
            {
              kind: 'product',
              product: expect.objectContaining({
                camera: channel.camera,
                channel: channel.name,
                seq: kind === 'final' ? 'final' : PACT_SEQ,
              }),
            },
          ])
        })
    })
  }
})

describe(`${CONSUMER} ← ${PROVIDERS.products}: ObjectWritten`, () => {
  it(DESCRIPTIONS.objectWritten, async () => {
    const key = built(
      buildS3Key({
        kind: 'event',
        camera: 'lsstcam',
        channel: 'focal_plane_mosaic',
        dayObs: PACT_DAY_OBS,
        seq: PACT_SEQ,
        ext: 'jpg',
      }),
    )
    await pactFor(PROVIDERS.products)
      .addAsynchronousInteraction()
      .given(STATES.productWritten)
      .expectsToReceive(DESCRIPTIONS.objectWritten, (b) =>
        b
          .withJSONContent({
            kind: 'event',
            bucket: PACT_BUCKET,
            key: regex(keyPattern('event', { camera: 'lsstcam', channel: 'focal_plane_mosaic' }), key),
            camera: 'lsstcam',
            channel: 'focal_plane_mosaic',
            dayObs: integer(PACT_DAY_OBS),
            seq: integer(PACT_SEQ),
            etag: string('9b2cf535f27731c974343645a3985328'),
            size: integer(482113),
            producer: string('worker'),
            writtenAt: regex(UTC, '2025-11-16T03:13:01.250Z'),
          })
          .withMetadata({ transport: STREAM_TRANSPORT, stream: STREAMS.objectWritten }),
      )
      .executeTest(async (m) => {
        const { catalog, recorded } = consumerCatalog(PACT_LOCATION)
        const stream = oneShotStream(meta(m).stream as string, [['1-0', JSON.stringify(content(m))]])
        await runNotificationLoop({
          ...stream,
          catalog,
          locations: [PACT_LOCATION],
          logger: silentLogger(recorded),
          deadLetters: async (letter) => void recorded.deadLetters.push(letter),
        })
        expect(recorded.deadLetters).toEqual([])
        expect(recorded.changes).toEqual([
          {
            kind: 'product',
            product: expect.objectContaining({ camera: 'lsstcam', channel: 'focal_plane_mosaic', seq: PACT_SEQ }),
          },
        ])
      })
  })
})

describe(`${CONSUMER} ← ${PROVIDERS.metadataServer}`, () => {
  it(DESCRIPTIONS.metadataTable, async () => {
    const key = built(buildS3Key({ kind: 'metadata', camera: 'lsstcam', dayObs: PACT_DAY_OBS }))
    const seq = String(PACT_SEQ)
    await pactFor(PROVIDERS.metadataServer)
      .addAsynchronousInteraction()
      .given(STATES.metadataShard)
      .expectsToReceive(DESCRIPTIONS.metadataTable, (b) =>
        b
          .withJSONContent({
            key: regex(keyPattern('metadata', { camera: 'lsstcam' }), key),
            content: {
              [seq]: {
                'PSF FWHM': decimal(0.84),
                [`${FLAG_PREFIX}PSF FWHM`]: regex(flagPattern, 'measured'),
                Filter: string('r_57'),
              },
            },
          })
          .withMetadata({ transport: S3_TRANSPORT, bucket: PACT_BUCKET }),
      )
      .executeTest(async (m) => {
        const body = content<{ key: string; content: unknown }>(m)
        const { catalog, recorded } = consumerCatalog(
          PACT_LOCATION,
          new Map([[body.key, JSON.stringify(body.content)]]),
        )
        await catalog.seen(PACT_LOCATION, body.key, { etag: 'e2' })
        expect(recorded.deadLetters).toEqual([])
        expect(recorded.changes).toHaveLength(1)
        const change = recorded.changes[0]
        expect(change?.kind).toBe('metadata')
        if (change?.kind !== 'metadata') return
        expect(change.rows[seq]?.cells).toMatchObject({ 'PSF FWHM': expect.any(Number), Filter: expect.any(String) })
      })
  })
})

describe(`${CONSUMER} ← ${PROVIDERS.nightReport}`, () => {
  it(DESCRIPTIONS.nightReportText, async () => {
    const key = built(buildS3Key({ kind: 'nightReportText', camera: 'lsstcam', dayObs: PACT_DAY_OBS }))
    await pactFor(PROVIDERS.nightReport)
      .addAsynchronousInteraction()
      .given(STATES.nightSummary)
      .expectsToReceive(DESCRIPTIONS.nightReportText, (b) =>
        b
          .withJSONContent({
            key: regex(keyPattern('nightReportText', { camera: 'lsstcam' }), key),
            content: { text_010: string('Night of 2025-11-15: 412 exposures, 389 on sky.') },
          })
          .withMetadata({ transport: S3_TRANSPORT, bucket: PACT_BUCKET }),
      )
      .executeTest(async (m) => {
        const body = content<{ key: string; content: unknown }>(m)
        // The reference consumer indexes no night reports yet: it must accept the key, and the text must be
        // what RubinTV's night-report page renders (the contract's NightReportText, read tolerantly).
        expect(parseShownKey(body.key)).toMatchObject({ kind: 'nightReportText', camera: 'lsstcam' })
        const { catalog, recorded } = consumerCatalog(PACT_LOCATION)
        await catalog.seen(PACT_LOCATION, body.key)
        expect(recorded.warnings).toEqual([])
        expect(validateReceived('NightReportText', body.content).ok).toBe(true)
      })
  })
})

async function readClusterStatus(stream: string, data: unknown): Promise<ClusterStatusReader> {
  const reader = new ClusterStatusReader()
  const recorded: Recorded = { warnings: [], deadLetters: [], changes: [] }
  await reader.run({
    ...oneShotStream(stream, [['1-0', JSON.stringify(data)]]),
    logger: silentLogger(recorded),
    deadLetters: async (letter) => void recorded.deadLetters.push(letter),
  })
  expect(recorded.deadLetters).toEqual([])
  return reader
}

describe(`${CONSUMER} ← ${PROVIDERS.clusterManager}`, () => {
  const workers: ClusterStatusSet = 'SFM_SET_0'
  it(DESCRIPTIONS.clusterStatusWorkers, async () => {
    await pactFor(PROVIDERS.clusterManager)
      .addAsynchronousInteraction()
      .given(STATES.sfmWorkers)
      .expectsToReceive(DESCRIPTIONS.clusterStatusWorkers, (b) =>
        b
          .withJSONContent({
            '94': { status: regex(WORKER_STATUS, 'free'), type: 'worker_status' },
            '95': { status: regex(WORKER_STATUS, '3'), type: 'worker_status' },
          })
          .withMetadata({ transport: STREAM_TRANSPORT, stream: STREAMS.clusterStatus(workers) }),
      )
      .executeTest(async (m) => {
        const reader = await readClusterStatus(meta(m).stream as string, content(m))
        expect(reader.latest.get(workers)).toEqual(content(m))
      })
  })

  it(DESCRIPTIONS.clusterStatusQueues, async () => {
    await pactFor(PROVIDERS.clusterManager)
      .addAsynchronousInteraction()
      .given(STATES.otherQueues)
      .expectsToReceive(DESCRIPTIONS.clusterStatusQueues, (b) =>
        b
          .withJSONContent({ MOSAIC_WORKER: { status: regex('^[0-9]+$', '5'), type: 'text_status' } })
          .withMetadata({ transport: STREAM_TRANSPORT, stream: STREAMS.clusterStatus('OTHER_QUEUES') }),
      )
      .executeTest(async (m) => {
        const reader = await readClusterStatus(meta(m).stream as string, content(m))
        expect(reader.latest.get('OTHER_QUEUES')).toEqual(content(m))
      })
  })
})

function controlsReading(values: { legacy?: Record<string, string>; stream?: [string, string][] }) {
  const keys = Object.keys(values.legacy ?? {})
  const client = {
    mget: async (...names: string[]) => names.map((n) => (keys.includes(n) ? (values.legacy?.[n] ?? null) : null)),
    xrevrange: async () => (values.stream ?? []).map(([id, data]) => [id, ['data', data]]),
  }
  const recorded = { warnings: [] as unknown[], deadLetters: [], changes: [] }
  const { redis } = oneShotStream('', [])
  return {
    controls: new Controls({ ...(redis as object), client } as never, silentLogger(recorded)),
    recorded,
  }
}

describe(`${CONSUMER} ← ${PROVIDERS.headNode}: control read-backs`, () => {
  it(DESCRIPTIONS.legacyReadback, async () => {
    // What the operator chose from the admin menu; the read-back must be its canonical value.
    const asked = parseControlValue('CHIP_SELECTION', '5-on-a-die')
    if (!asked.ok) throw new Error('the contract refused the menu value')
    await pactFor(PROVIDERS.headNode)
      .addAsynchronousInteraction()
      .given(STATES.chipSelection)
      .expectsToReceive(DESCRIPTIONS.legacyReadback, (b) =>
        b
          .withJSONContent({ value: String(asked.value) })
          .withMetadata({ transport: STRING_TRANSPORT, key: READBACK_KEYS.chipSelection }),
      )
      .executeTest(async (m) => {
        const { controls } = controlsReading({
          legacy: { [meta(m).key as string]: content<{ value: string }>(m).value },
        })
        await controls.load()
        expect(controls.state.get('CHIP_SELECTION')?.readback).toBe(String(asked.value))
      })
  })

  it(DESCRIPTIONS.structuredReadback, async () => {
    await pactFor(PROVIDERS.headNode)
      .addAsynchronousInteraction()
      .given(STATES.famBetweenPair)
      .expectsToReceive(DESCRIPTIONS.structuredReadback, (b) =>
        b
          .withJSONContent({
            control: 'AOS_FAM_PIPELINE',
            requested: 'TIE',
            outcome: 'rejected',
            value: 'AOS_FAM_DANISH',
            code: 'BETWEEN_PAIR',
            reason: string('the FAM pipeline cannot change between the intra and extra exposure of a pair'),
            at: regex(UTC, '2025-11-16T03:12:41.000Z'),
          })
          .withMetadata({ transport: STREAM_TRANSPORT, stream: STREAMS.controlReadbacks }),
      )
      .executeTest(async (m) => {
        const { controls, recorded } = controlsReading({ stream: [['1-0', JSON.stringify(content(m))]] })
        await controls.load()
        expect(recorded.warnings).toEqual([])
        const last = controls.state.get('AOS_FAM_PIPELINE')?.last
        expect(last).toMatchObject({ outcome: 'rejected', code: 'BETWEEN_PAIR', value: 'AOS_FAM_DANISH' })
        // What the admin page shows beside it: the legacy token of that rejection.
        expect(LEGACY_REJECTION_READBACK[last?.code ?? 'BETWEEN_PAIR']).toMatch(/^REJECTED_/)
      })
  })
})

describe('the committed pact files', () => {
  it('equal the ones these consumer tests just wrote (PACT_UPDATE=1 rewrites them)', async () => {
    if (process.env.PACT_UPDATE === '1') await updateCommittedPacts(outDir)
    const diff = await comparePactDirs(outDir, PACT_DIR)
    expect(diff, 'regenerate with PACT_UPDATE=1 and commit contract-tests/pacts/').toEqual([])
  })
})
