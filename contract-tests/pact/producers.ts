// ----------------------------------------------------------------------------
// The producers' real code paths, each turned into "the message it would
// write": the ProductStore writing catalogue products (key parsed, S3 PUT,
// ObjectWritten XADD), the metadata server's shard reading and merge, the
// cluster manager's status publisher, the head node's control decision and
// read-backs, the snowflakes' night report. Only S3 and Redis are faked: they
// record what was sent, and that record is what the verifier checks.
// ----------------------------------------------------------------------------
import {
  buildS3Key,
  type ChannelSpec,
  type ControlName,
  controlReadback,
  createRedisKeys,
  RA_SITE_S3,
  readbackValue,
  workerId,
} from '@rubin/ra-contract'
import { clusterStatusCells } from '../../services/cluster-manager/src/cells.ts'
import { view } from '../../services/cluster-manager/src/fixtures.ts'
import { createPublisher } from '../../services/cluster-manager/src/publisher.ts'
import type { WorkerView } from '../../services/cluster-manager/src/snapshot.ts'
import { decideControl } from '../../services/head-node/src/controls/decide.ts'
import { type HeadNodeState, INITIAL_STATE } from '../../services/head-node/src/state.ts'
import { readShard } from '../../services/metadata-server/src/shard.ts'
import { Tables } from '../../services/metadata-server/src/tables.ts'
import { PRODUCTS } from '../../services/products/src/catalogue.ts'
import { Registry } from '../../services/runtime/src/metrics.ts'
import { ProductStore } from '../../services/runtime/src/product-store.ts'
import { nightReportText } from '../../services/snowflakes/src/night-report/index.ts'
import { PACT_DAY_OBS, PACT_SEQ, S3_TRANSPORT, STREAM_TRANSPORT, STRING_TRANSPORT } from './interactions.ts'

/** Where RA at the summit writes (RubinTV's summit location reads the same bucket). */
export const RA_BUCKET = RA_SITE_S3.summit.local.bucket
const keys = createRedisKeys({ prefix: '' })

export interface Produced {
  readonly body: unknown
  readonly metadata: Record<string, string>
}

/** Redis that records commands; multi/pipeline record too and "succeed". */
function recordingRedis() {
  const commands: [string, ...unknown[]][] = []
  const recorder = (): Record<string, unknown> => {
    const chain: Record<string, unknown> = {}
    for (const name of ['xadd', 'set', 'hset', 'del', 'sadd', 'lpush'])
      chain[name] = (...args: unknown[]) => {
        commands.push([name, ...args])
        return chain
      }
    chain.exec = async () => commands.map(() => [null, 'OK'])
    return chain
  }
  const client = { ...recorder(), multi: recorder, pipeline: recorder }
  return { handle: { keys, client } as never, commands }
}

// ---- products: catalogue → buildS3Key → ProductStore.put ----------------------

/** The extension each renderer output is written with (services/products image/encode.ts, movie/ffmpeg.ts). */
const EXTENSION = { jpeg: 'jpg', png: 'png', mp4: 'mp4' } as const

async function putThroughStore(key: string, contentType: string) {
  const puts: { Bucket?: string; Key?: string }[] = []
  const s3 = {
    send: async (command: { input: { Bucket?: string; Key?: string } }) => {
      puts.push(command.input)
      return { ETag: '"d41d8cd98f00b204e9800998ecf8427e"' }
    },
  }
  const redis = recordingRedis()
  const silent = { warn() {}, info() {}, error() {}, debug() {} } as never
  const store = new ProductStore({
    s3: s3 as never,
    bucket: RA_BUCKET,
    redis: redis.handle,
    producer: 'worker',
    logger: silent,
    spoolDir: '/nonexistent-spool-never-used',
  })
  const result = await store.put({ key, body: new Uint8Array(16), contentType })
  if (!result.uploaded || puts.length !== 1) throw new Error(`the ProductStore did not upload ${key}`)
  return { put: puts[0] ?? {}, commands: redis.commands }
}

/** The key the producers write for a channel: its catalogue entry, the registry's key kind, the renderer's extension. */
export async function channelKey(channel: ChannelSpec): Promise<Produced> {
  const entry = PRODUCTS.find((p) => p.camera === channel.camera && p.channel === channel.name)
  if (entry === undefined)
    throw new Error(`no producer in the products catalogue for ${channel.camera}/${channel.name}`)
  const ext = EXTENSION[entry.output]
  const spec = { camera: entry.camera, channel: entry.channel, dayObs: PACT_DAY_OBS, ext }
  const built = channel.perDay
    ? buildS3Key({ kind: 'final', ...spec })
    : buildS3Key({ kind: 'event', ...spec, seq: PACT_SEQ })
  if (!built.ok) throw new Error(`buildS3Key refused ${entry.camera}/${entry.channel}`)
  const { put } = await putThroughStore(built.value, `image/${ext}`)
  return { body: { key: put.Key }, metadata: { transport: S3_TRANSPORT, bucket: String(put.Bucket) } }
}

export async function objectWrittenForMosaic(): Promise<Produced> {
  const channel = { camera: 'lsstcam', name: 'focal_plane_mosaic', perDay: false } as ChannelSpec
  const key = (await channelKey(channel)).body as { key: string }
  const { commands } = await putThroughStore(key.key, 'image/jpeg')
  const xadd = commands.find(([name]) => name === 'xadd')
  if (xadd === undefined) throw new Error('the ProductStore published no ObjectWritten')
  return {
    body: JSON.parse(String(xadd.at(-1))),
    metadata: { transport: STREAM_TRANSPORT, stream: String(xadd[1]) },
  }
}

// ---- metadata server: readShard → Tables.merge → the body it uploads --------

export async function mergedMetadataTable(): Promise<Produced> {
  const shard = {
    camera: 'lsstcam',
    dayObs: PACT_DAY_OBS,
    // As a Python producer writes it: numbers as text, which the server's sanitizer makes numbers.
    rows: { [String(PACT_SEQ)]: { 'PSF FWHM': '0.84', '_PSF FWHM': 'measured', Filter: 'r_57' } },
    producer: 'step1b-worker',
    writtenAt: '2025-11-16T03:13:30.000Z',
  }
  const read = readShard(JSON.stringify(shard))
  if (!read.ok) throw new Error(`the metadata server refused the shard: ${read.reason}`)
  const tables = new Tables({
    objects: { description: 'memory', read: async () => undefined, write: async () => ({}) },
  })
  const day = await tables.get(read.shard.camera, read.shard.dayObs)
  tables.merge(day, '1-0', read.shard.rows, false)
  const uploaded = JSON.stringify(day.table)
  return {
    body: { key: day.key, content: JSON.parse(uploaded) },
    metadata: { transport: S3_TRANSPORT, bucket: RA_BUCKET },
  }
}

// ---- snowflakes: the night report --------------------------------------------

export async function nightReport(): Promise<Produced> {
  const report = nightReportText({
    camera: 'lsstcam',
    dayObs: PACT_DAY_OBS,
    exposures: 412,
    onSky: 389,
    openShutterFraction: 0.78,
    medianFwhmArcsec: 0.82,
  })
  return {
    body: { key: report.key, content: report.content },
    metadata: { transport: S3_TRANSPORT, bucket: RA_BUCKET },
  }
}

// ---- cluster manager: worker views → cells → the publisher's XADD ------------

function sfm(detector: number, fields: Partial<WorkerView> = {}): WorkerView {
  const id = workerId({ flavour: 'SFM_WORKER', instrument: 'LSSTCam', depth: 0, detector })
  if (!id.ok) throw new Error('the contract refused a worker id')
  return view(id.value, fields)
}

function mosaic(depth: number, queueLength: number): WorkerView {
  const id = workerId({ flavour: 'MOSAIC_WORKER', instrument: 'LSSTCam', depth })
  if (!id.ok) throw new Error('the contract refused a worker id')
  return view(id.value, { queueLength })
}

export const CLUSTER_WORKERS = {
  sfm: () => [sfm(94), sfm(95, { busy: true, queueLength: 3 })],
  otherQueues: () => [mosaic(0, 2), mosaic(1, 3)],
}

export async function publishedClusterStatus(workers: readonly WorkerView[], set: string): Promise<Produced> {
  const redis = recordingRedis()
  await createPublisher(redis.handle, new Registry(), 60_000).publish(clusterStatusCells(workers), 0)
  const entry = redis.commands.find(
    ([name, key]) => name === 'xadd' && key === keys.key('clusterStatus', { set } as never),
  )
  if (entry === undefined) throw new Error(`the cluster manager published nothing for ${set}`)
  return { body: JSON.parse(String(entry.at(-1))), metadata: { transport: STREAM_TRANSPORT, stream: String(entry[1]) } }
}

// ---- head node: decideControl → both read-backs ------------------------------

export const HEAD_NODE_STATES = {
  initial: INITIAL_STATE,
  // Exposure 227 is the first of a FAM pair whose second has not been dispatched.
  midPair: { ...INITIAL_STATE, dispatch: { ...INITIAL_STATE.dispatch, openFamPair: 2025111500227 } } as HeadNodeState,
}

/** What the head node writes for one command (as ControlConsumer applies it). */
export function headNodeReadbacks(control: ControlName, raw: string, state: HeadNodeState) {
  const decision = decideControl(control, raw, state)
  return {
    legacy: {
      body: { value: readbackValue(decision.outcome) },
      metadata: { transport: STRING_TRANSPORT, key: keys.key('controlReadback', { control }) },
    } satisfies Produced,
    structured: {
      body: controlReadback(control, raw, decision.outcome, new Date()),
      metadata: { transport: STREAM_TRANSPORT, stream: keys.key('controlReadbacks') },
    } satisfies Produced,
  }
}
