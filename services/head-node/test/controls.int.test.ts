// Controls against a real Redis: consumed once, applied, stored, and always answered twice.
import { CONTROLS, type ControlName, LSSTCAM_IMAGING_IDS, patternDetectors } from '@rubin/ra-contract'
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import {
  allPayloads,
  announce,
  controlState,
  deadLetters,
  expectedKey,
  exposureRecord,
  INSTRUMENT,
  keys,
  lastReadback,
  sendControl,
  sleep,
  startHeadNode,
  statusOf,
  waitForDispatchCount,
} from './helpers.ts'

const readback = (server: { client: { get(key: string): Promise<string | null> } }, control: ControlName) =>
  server.client.get(keys.key('controlReadback', { control }))

describe('controls', () => {
  it('answer every head-node control, valid, alias or invalid, with both read-backs', async () => {
    await using server = await startRedisServer()
    await using _headNode = await startHeadNode(server)
    const cases: [ControlName, string, string, string][] = [
      ['AOS_PIPELINE', 'TIE', 'AOS_TIE', 'applied'],
      ['AOS_PIPELINE', 'AOS_TIE', 'AOS_TIE', 'unchanged'],
      ['AOS_PIPELINE', 'TARTS', 'AOS_TARTS_UNPAIRED', 'applied'],
      ['AOS_PIPELINE', 'DANNISH', 'REJECTED_INVALID_VALUE!', 'rejected'],
      ['AOS_FAM_PIPELINE', 'FAM_TIE', 'AOS_FAM_TIE', 'applied'],
      ['AOS_FAM_PIPELINE', 'AOS_REFIT_WCS', 'REJECTED_INVALID_VALUE!', 'rejected'],
      ['CHIP_SELECTION', '5-on-a-die', '5_ON_A_DIE', 'applied'],
      ['CHIP_SELECTION', 'ultra-minimal', 'ULTRA_MINIMAL', 'applied'],
      ['CHIP_SELECTION', 'checkers', 'REJECTED_INVALID_VALUE!', 'rejected'],
      ['VISIT_PROCESSING_MODE', 'ALTERNATING_IN_TWOS', 'ALTERNATING_BY_TWOS', 'applied'],
      ['VISIT_PROCESSING_MODE', 'sometimes', 'REJECTED_INVALID_VALUE!', 'rejected'],
      ['WORKER_MODE', 'murderous', 'MURDEROUS', 'applied'],
      ['WORKER_MODE', 'LAZY', 'REJECTED_INVALID_VALUE!', 'rejected'],
      ['GUARANTEED_EXPOSURE', '2025111500226', '2025111500226', 'applied'],
      ['GUARANTEED_EXPOSURE', '20251115', 'REJECTED_INVALID_VALUE!', 'rejected'],
    ]
    for (const [control, value, legacy, outcome] of cases) {
      await sendControl(server, control, value)
      expect(await readback(server, control), `${control}=${value}`).toBe(legacy)
      const entry = await lastReadback(server)
      expect(entry, `${control}=${value}`).toMatchObject({ control, requested: value, outcome })
      if (outcome === 'rejected') expect(entry).toMatchObject({ code: 'INVALID_VALUE', reason: expect.any(String) })
      else expect(entry.value).toBe(legacy)
      expect(await server.client.exists(keys.key('control', { control }))).toBe(0)
    }
    // Rejections keep the value in effect, and it is what controlState holds.
    expect(await controlState(server)).toMatchObject({
      AOS_PIPELINE: 'AOS_TARTS_UNPAIRED',
      AOS_FAM_PIPELINE: 'AOS_FAM_TIE',
      CHIP_SELECTION: 'ULTRA_MINIMAL',
      VISIT_PROCESSING_MODE: 'ALTERNATING_BY_TWOS',
      WORKER_MODE: 'MURDEROUS',
      GUARANTEED_EXPOSURE: '2025111500226',
      guaranteedExposures: '2025111500226',
    })
    const letters = await deadLetters(server)
    expect(letters.map((l) => l.code)).toEqual(Array(6).fill('RA_CONTROL_INVALID'))
    expect(letters.map((l) => l.input)).toContain('checkers')
    // The chip selection republished the ignored set: everything ULTRA_MINIMAL leaves out.
    const ignored = await server.client.smembers(keys.key('ignoredDetectors', { instrument: INSTRUMENT }))
    expect(ignored.map(Number).sort((a, b) => a - b)).toEqual(
      LSSTCAM_IMAGING_IDS.filter((id) => !patternDetectors('ULTRA_MINIMAL').includes(id)),
    )
  })

  it('refuse a FAM pipeline switch between the two exposures of a pair', async () => {
    await using server = await startRedisServer()
    await using _headNode = await startHeadNode(server)
    const intra = exposureRecord(227, { observationType: 'cwfs', observationReason: 'intra' })
    await announce(server, intra)
    await waitForDispatchCount(server, 1)
    expect((await controlState(server)).openFamPair).toBe(String(intra.exposureId))
    await sendControl(server, 'AOS_FAM_PIPELINE', 'TIE')
    expect(await readback(server, 'AOS_FAM_PIPELINE')).toBe('REJECTED_BETWEEN_PAIR!')
    expect(await lastReadback(server)).toMatchObject({
      outcome: 'rejected',
      code: 'BETWEEN_PAIR',
      value: 'AOS_FAM_DANISH',
      reason: expect.stringContaining(String(intra.exposureId)),
    })
    // The extra-focal exposure closes the pair, and it ran the same FAM pipeline as the intra one.
    const extra = exposureRecord(228, { observationType: 'cwfs', observationReason: 'extra' })
    await announce(server, extra)
    await waitForDispatchCount(server, 2)
    const aosKey = (id: number) => keys.key('aosPipeline', { instrument: INSTRUMENT, processingId: String(id) })
    expect(await server.client.get(aosKey(intra.exposureId))).toBe('AOS_FAM_DANISH')
    expect(await server.client.get(aosKey(extra.exposureId))).toBe('AOS_FAM_DANISH')
    expect(await server.client.scard(expectedKey('AOS', extra.exposureId))).toBe(189)
    await sendControl(server, 'AOS_FAM_PIPELINE', 'TIE')
    expect(await readback(server, 'AOS_FAM_PIPELINE')).toBe('AOS_FAM_TIE')
  })

  it('select detectors by pattern (legacy spelling) and by each time mode on consecutive exposures', async () => {
    await using server = await startRedisServer()
    await using _headNode = await startHeadNode(server)
    let seq = 100
    const dispatchNext = async () => {
      const record = exposureRecord(seq++)
      const before = Number((await controlState(server)).dispatchCount ?? 0)
      await announce(server, record)
      await waitForDispatchCount(server, before + 1)
      return (await server.client.smembers(expectedKey('SFM', record.exposureId))).map(Number).sort((a, b) => a - b)
    }
    const fiveOnADie = patternDetectors('5_ON_A_DIE')
    const inverse = LSSTCAM_IMAGING_IDS.filter((id) => !fiveOnADie.includes(id))
    await sendControl(server, 'CHIP_SELECTION', '5-on-a-die')
    expect(await dispatchNext()).toEqual(fiveOnADie)
    expect(await dispatchNext()).toEqual(fiveOnADie)

    await sendControl(server, 'VISIT_PROCESSING_MODE', 'ALTERNATING')
    expect([await dispatchNext(), await dispatchNext(), await dispatchNext()]).toEqual([
      fiveOnADie,
      inverse,
      fiveOnADie,
    ])

    await sendControl(server, 'CHIP_SELECTION', 'CCD_CHECKERBOARD')
    await sendControl(server, 'VISIT_PROCESSING_MODE', 'ALTERNATING_IN_TWOS')
    const [p0, p1] = [patternDetectors('CCD_CHECKERBOARD'), patternDetectors('CCD_CHECKERBOARD', { phase: 1 })]
    const byTwos = []
    for (let i = 0; i < 5; i++) byTwos.push(await dispatchNext())
    expect(byTwos).toEqual([p0, p0, p1, p1, p0])

    await sendControl(server, 'CHIP_SELECTION', 'MINIMAL')
    await sendControl(server, 'VISIT_PROCESSING_MODE', 'ID_GUARANTEED')
    await sendControl(server, 'GUARANTEED_EXPOSURE', String(exposureRecord(seq + 1).exposureId))
    expect(await dispatchNext()).toEqual(patternDetectors('MINIMAL'))
    expect(await dispatchNext()).toEqual(LSSTCAM_IMAGING_IDS)
    expect(await dispatchNext()).toEqual(patternDetectors('MINIMAL'))
  })

  it('consume a command exactly once when both the notification and the poll see it', async () => {
    await using server = await startRedisServer()
    // A 20 ms poll races every notification.
    await using _headNode = await startHeadNode(server, { env: { RA_CONTROL_POLL_MS: '20' } })
    const values = ['TIE', 'DANISH', 'REFIT_WCS', 'AI_DONUT', 'TIE', 'UNPAIRED_DANISH', 'DANISH', 'TARTS']
    for (const value of values) await sendControl(server, 'AOS_PIPELINE', value)
    await sleep(200)
    const entries = await server.client.xrange(keys.key('controlReadbacks'), '-', '+')
    expect(entries).toHaveLength(values.length)
    expect(entries.map(([, f]) => JSON.parse(f[1] ?? '').requested)).toEqual(values)
  })

  it('is woken by the keyspace notification, not only by the poll', async () => {
    await using server = await startRedisServer()
    await using _headNode = await startHeadNode(server, { env: { RA_CONTROL_POLL_MS: '30000' } })
    await sleep(100)
    const started = Date.now()
    await sendControl(server, 'WORKER_MODE', 'WAITING')
    expect(Date.now() - started).toBeLessThan(5000)
    expect(await readback(server, 'WORKER_MODE')).toBe('WAITING')
  })

  it('keep the values in effect across a head-node restart', async () => {
    await using server = await startRedisServer()
    {
      await using _first = await startHeadNode(server)
      await sendControl(server, 'AOS_PIPELINE', 'TIE')
      await sendControl(server, 'CHIP_SELECTION', '5_ON_A_DIE')
    }
    await using second = await startHeadNode(server)
    const status = await statusOf(second)
    expect(status.controls).toMatchObject({
      AOS_PIPELINE: 'AOS_TIE',
      CHIP_SELECTION: '5_ON_A_DIE',
      WORKER_MODE: 'CONSUMING',
    })
    const record = exposureRecord(300)
    await announce(server, record)
    await waitForDispatchCount(server, 1)
    expect(await server.client.scard(expectedKey('SFM', record.exposureId))).toBe(45)
    const aos = (await allPayloads(server)).filter((p) => p.payload.who === 'AOS')
    expect(new Set(aos.map((p) => p.payload.pipeline))).toEqual(new Set(['AOS_TIE']))
  })

  it('take RESET_HEAD_NODE first, answer it, then call the reset hook, leaving other commands for after', async () => {
    await using server = await startRedisServer()
    let resets = 0
    await using _headNode = await startHeadNode(server, { onReset: () => void resets++ })
    await server.client
      .multi()
      .set(keys.key('control', { control: 'AOS_PIPELINE' }), 'TIE')
      .set(keys.key('control', { control: 'RESET_HEAD_NODE' }), '1')
      .exec()
    await expect.poll(() => resets).toBe(1)
    expect(await readback(server, 'RESET_HEAD_NODE')).toBe('RESET')
    expect(await lastReadback(server)).toMatchObject({ control: 'RESET_HEAD_NODE', outcome: 'applied', value: 'RESET' })
    await sleep(300)
    expect(await server.client.get(keys.key('control', { control: 'AOS_PIPELINE' }))).toBe('TIE')
    expect(resets).toBe(1)
  })

  it('leave controls alone on an instrument the contract does not give them to', async () => {
    await using server = await startRedisServer()
    expect(CONTROLS.AOS_PIPELINE.instruments).not.toContain('LATISS')
    await using _headNode = await startHeadNode(server, { env: { RA_INSTRUMENT: 'LATISS' } })
    await server.client.set(keys.key('control', { control: 'AOS_PIPELINE' }), 'TIE')
    await sleep(400)
    expect(await server.client.get(keys.key('control', { control: 'AOS_PIPELINE' }))).toBe('TIE')
    expect(await server.client.xlen(keys.key('controlReadbacks'))).toBe(0)
  })
})
