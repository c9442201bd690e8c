// The server against a real private Redis and the project's S3 server: discovery
// by notification and by listing, deltas and resume over the WebSocket, product
// bytes, admin writes with read-backs from the real head node, and refusals.
import { CONTROLS, type RubinTvServerMessage, readbackKey, STREAM_DATA_FIELD } from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { describe, expect, it } from 'vitest'
import {
  ADMIN,
  keys,
  LOCATION,
  PNG,
  putMetadata,
  putObject,
  putProduct,
  startStack,
  today,
  USER_HEADER,
  wsClient,
} from './helpers.ts'

const table = { kind: 'cameraTable', location: LOCATION, camera: 'lsstcam' } as const
const isSnapshot = (m: RubinTvServerMessage) => m.type === 'snapshot'
const isDelta = (kind: string) => (m: RubinTvServerMessage) => m.type === 'delta' && m.change.kind === kind

describe('rubintv server', () => {
  it('pushes a notified product to a subscribed table as one delta, without a listing', async () => {
    await using stack = await startStack()
    await using ws = await wsClient(stack.url)
    ws.send({ type: 'subscribe', id: 't', topic: table })
    const snapshot = await ws.next(isSnapshot)
    expect(snapshot).toMatchObject({ type: 'snapshot', id: 't', data: { kind: 'cameraTable', dayObs: today() } })
    const key = await putProduct(stack, 'lsstcam', 'focal_plane_mosaic', 12, true)
    const delta = await ws.next(isDelta('product'), 3000)
    expect(delta).toMatchObject({
      type: 'delta',
      id: 't',
      version: 1,
      change: { kind: 'product', product: { key, seq: 12 } },
    })
  })

  it('finds products written with no notification by listing S3, and serves history known at start', async () => {
    await using stack = await startStack()
    const early = await putProduct(stack, 'lsstcam', 'calexp_mosaic', 3, false)
    await stack.running.reconcile()
    await using ws = await wsClient(stack.url)
    ws.send({ type: 'subscribe', id: 't', topic: table })
    const snapshot = await ws.next(isSnapshot)
    expect(
      snapshot.type === 'snapshot' && snapshot.data.kind === 'cameraTable' && snapshot.data.events['3'],
    ).toMatchObject({
      calexp_mosaic: { key: early },
    })
    const late = await putProduct(stack, 'lsstcam', 'calexp_mosaic', 4, false)
    await stack.running.reconcile()
    expect(await ws.next(isDelta('product'))).toMatchObject({ change: { product: { key: late } } })
    // A second listing with nothing new sends nothing.
    await stack.running.reconcile()
    await new Promise((r) => setTimeout(r, 200))
    expect(ws.received.filter((m) => m.type === 'delta')).toHaveLength(1)
  })

  it('sends only the changed cells of a metadata change', async () => {
    await using stack = await startStack()
    await using ws = await wsClient(stack.url)
    ws.send({ type: 'subscribe', id: 't', topic: table })
    await ws.next(isSnapshot)
    const row = { Filter: 'r_57', _Filter: 'r_color', 'PSF FWHM': 0.91, 'Exposure time': 30 }
    await putMetadata(stack, 'lsstcam', { '7': row, '8': { Filter: 'g_6' } }, [7, 8])
    const first = await ws.next(isDelta('metadata'))
    expect(first.type === 'delta' && first.change.kind === 'metadata' && Object.keys(first.change.rows)).toEqual([
      '7',
      '8',
    ])
    // Whole file rewritten, one cell changed; no changedSeqs: the server diffs.
    await putMetadata(stack, 'lsstcam', { '7': { ...row, 'PSF FWHM': 0.84 }, '8': { Filter: 'g_6' } })
    const second = await ws.next(isDelta('metadata'))
    expect(second).toMatchObject({
      change: { kind: 'metadata', rows: { '7': { cells: { 'PSF FWHM': 0.84 }, removed: [] } } },
    })
    expect(second.type === 'delta' && second.change.kind === 'metadata' && Object.keys(second.change.rows)).toEqual([
      '7',
    ])
  })

  it('resumes a reconnecting client with the deltas it missed, or a snapshot for a foreign epoch', async () => {
    await using stack = await startStack()
    await using first = await wsClient(stack.url)
    first.send({ type: 'subscribe', id: 't', topic: table })
    const snapshot = await first.next(isSnapshot)
    await putProduct(stack, 'lsstcam', 'imexam', 1, true)
    const d1 = await first.next(isDelta('product'))
    await putProduct(stack, 'lsstcam', 'imexam', 2, true)
    await first.next(isDelta('product'))
    if (d1.type !== 'delta' || snapshot.type !== 'snapshot') throw new Error('unexpected frames')
    await using second = await wsClient(stack.url)
    second.send({ type: 'subscribe', id: 'r', topic: table, resume: { epoch: d1.epoch, version: d1.version } })
    expect(await second.next((m) => m.type === 'resumed')).toMatchObject({ version: d1.version })
    expect(await second.next(isDelta('product'))).toMatchObject({
      version: d1.version + 1,
      change: { product: { seq: 2 } },
    })
    await using third = await wsClient(stack.url)
    third.send({ type: 'subscribe', id: 'x', topic: table, resume: { epoch: 'another-run', version: 1 } })
    expect(await third.next(isSnapshot)).toMatchObject({ type: 'snapshot', version: d1.version + 1 })
  })

  it('answers bad frames and unknown topics with stable error codes, and dead-letters bad notifications', async () => {
    await using stack = await startStack()
    await using ws = await wsClient(stack.url)
    ws.send({ type: 'subscribe', id: 't', topic: { kind: 'cameraTable', location: LOCATION, camera: 'tma' } })
    expect(await ws.next((m) => m.type === 'error')).toMatchObject({ code: 'RUBINTV_UNKNOWN_TOPIC', id: 't' })
    ws.send({ type: 'subscribe', id: 't' })
    expect(await ws.next((m) => m.type === 'error')).toMatchObject({ code: 'RUBINTV_BAD_FRAME' })
    await stack.redis.client.xadd(keys.key('objectWritten'), '*', STREAM_DATA_FIELD, '{"kind":"event"}')
    const deadline = Date.now() + 3000
    let letters: [string, string[]][] = []
    while (Date.now() < deadline && letters.length === 0) {
      letters = await stack.redis.client.xrange(keys.key('deadLetters'), '-', '+')
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(letters.map(([, f]) => f.join(' ')).join('\n')).toContain('RA_RUBINTV_NOTIFICATION_INVALID')
    // A valid message naming a key the contract refuses (path traversal) is recorded too.
    const hostile = {
      kind: 'event',
      bucket: 'rubintv',
      key: '../../../etc/passwd',
      camera: 'lsstcam',
      dayObs: 20251115,
      producer: 'worker',
      writtenAt: new Date().toISOString(),
    }
    await stack.redis.client.xadd(keys.key('objectWritten'), '*', STREAM_DATA_FIELD, JSON.stringify(hostile))
    const until = Date.now() + 3000
    let refused = ''
    while (Date.now() < until && !refused.includes('RA_RUBINTV_NOTIFICATION_KEY_REFUSED')) {
      refused = (await stack.redis.client.xrange(keys.key('deadLetters'), '-', '+'))
        .map(([, f]) => f.join(' '))
        .join('\n')
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(refused).toContain('RA_RUBINTV_NOTIFICATION_KEY_REFUSED')
    // Every letter is a contract DeadLetter (stable RA_ code, a known service).
    for (const [, fields] of await stack.redis.client.xrange(keys.key('deadLetters'), '-', '+')) {
      const data = fields[fields.indexOf(STREAM_DATA_FIELD) + 1] ?? ''
      const letter = parseMessage('DeadLetter', data)
      expect(letter.ok, data).toBe(true)
    }
  })

  it('serves product bytes only for keys the contract parses, with range requests', async () => {
    await using stack = await startStack()
    const key = await putProduct(stack, 'lsstcam', 'focal_plane_mosaic', 5, false)
    const full = await fetch(`${stack.url}/media/${LOCATION}/${key}`)
    expect(full.status).toBe(200)
    expect(full.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await full.arrayBuffer())).toEqual(PNG)
    const part = await fetch(`${stack.url}/media/${LOCATION}/${key}`, { headers: { range: 'bytes=0-3' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 0-3/${PNG.length}`)
    expect(Buffer.from(await part.arrayBuffer())).toEqual(PNG.subarray(0, 4))
    // An object that exists but is no product key, and a camera not shown here: 404, not served.
    await putObject(stack, 'secrets/credentials.json', '{}', undefined)
    expect((await fetch(`${stack.url}/media/${LOCATION}/secrets/credentials.json`)).status).toBe(404)
    const tmaKey = key.replace(/lsstcam/g, 'tma')
    expect((await fetch(`${stack.url}/media/${LOCATION}/${tmaKey}`)).status).toBe(404)
    expect((await fetch(`${stack.url}/media/summit/${key}`)).status).toBe(404)
  })

  it('sets security headers and has no flush endpoint', async () => {
    await using stack = await startStack()
    await stack.redis.client.set('someone-elses-key', 'kept')
    const page = await fetch(`${stack.url}/${LOCATION}/lsstcam`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    const flush = await fetch(`${stack.url}/api/redis`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [USER_HEADER]: ADMIN },
      body: JSON.stringify({ key: 'clear_redis', value: '1' }),
    })
    expect(flush.status).toBe(404)
    expect(await stack.redis.client.get('someone-elses-key')).toBe('kept')
  })

  it('authorises admin writes on the server and shows the head node’s read-back live', async () => {
    await using stack = await startStack()
    const post = (user: string | undefined, body: unknown) =>
      fetch(`${stack.url}/api/${LOCATION}/controls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(user ? { [USER_HEADER]: user } : {}) },
        body: JSON.stringify(body),
      })
    const controlKey = keys.key('control', { control: 'CHIP_SELECTION' })
    expect((await post(undefined, { control: 'CHIP_SELECTION', value: 'MINIMAL' })).status).toBe(401)
    const refused = await post('mallory', { control: 'CHIP_SELECTION', value: 'MINIMAL' })
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ code: 'RUBINTV_NOT_ADMIN' })
    const invalid = await post(ADMIN, { control: 'CHIP_SELECTION', value: 'checkers' })
    expect(invalid.status).toBe(400)
    expect(await stack.redis.client.exists(controlKey)).toBe(0)

    await stack.startHeadNode()
    await using ws = await wsClient(stack.url)
    ws.send({ type: 'subscribe', id: 'a', topic: { kind: 'controlReadbacks', location: LOCATION } })
    await ws.next(isSnapshot)
    const sent = await post(ADMIN, { control: 'CHIP_SELECTION', value: '5-on-a-die' })
    expect(sent.status).toBe(202)
    const readback = await ws.next(
      (m) => m.type === 'delta' && m.change.kind === 'readback' && m.change.state.last !== undefined,
      5000,
    )
    expect(readback).toMatchObject({
      change: {
        control: 'CHIP_SELECTION',
        state: { readback: '5_ON_A_DIE', last: { outcome: 'applied', value: '5_ON_A_DIE', requested: '5-on-a-die' } },
      },
    })
    expect(await stack.redis.client.get(readbackKey('CHIP_SELECTION'))).toBe('5_ON_A_DIE')
    expect(CONTROLS.CHIP_SELECTION.consumer).toBe('head-node')
  })

  it('rate-limits admin writes', async () => {
    await using stack = await startStack({ RUBINTV_ADMIN_RATE_PER_MIN: '2' })
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${stack.url}/api/${LOCATION}/controls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [USER_HEADER]: ADMIN },
        body: JSON.stringify({ control: 'WORKER_MODE', value: 'WAITING' }),
      })
      statuses.push(r.status)
    }
    expect(statuses).toEqual([202, 202, 429])
  })
})
