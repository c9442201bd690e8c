// The worker driving an external command through RA_PIPELINES, end to end.
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import {
  claimed,
  eventually,
  FIXTURE,
  gathers,
  push,
  setExpected,
  startWorker,
  timings,
  workerIdFor,
} from './harness.ts'
import { processPayload } from './payloads.ts'

const ME = workerIdFor(94)

describe('exec pipeline in the worker', () => {
  it('records declared outputs on success and the end of stderr on failure; both count for the gather', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await setExpected(client, '2025111500400', [93, 94])
    const pipelines = {
      SFM: { kind: 'exec', command: [process.execPath, FIXTURE, 'fail-detectors', '93'], timeoutS: 30 },
    }
    await using _worker = await startWorker(server, { RA_PIPELINES: JSON.stringify(pipelines) })
    const ok = processPayload({ exposure: 2025111500400, detector: 94 })
    const bad = processPayload({ exposure: 2025111500400, detector: 93 })
    await push(client, ME, ok, bad)
    await eventually(() => gathers(client)).toHaveLength(1)
    expect((await gathers(client))[0]).toMatchObject({ expected: 2, failedDetectors: [93] })
    const byId = Object.fromEntries((await timings(client)).map((t) => [t.payloadId, t]))
    expect(byId[ok.payloadId]).toMatchObject({ outcome: 'finished', reason: `outputs: products/${ok.payloadId}.fits` })
    expect(byId[bad.payloadId]?.outcome).toBe('failed')
    expect(byId[bad.payloadId]?.reason).toMatch(
      /exit code 3: .*\ndetector 93: ISR failed\nTraceback: something broke$/s,
    )
    expect(await claimed(client, ME)).toEqual([])
  })

  it('a pipeline nothing is configured for fails the payload instead of wedging the visit', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await setExpected(client, '11', [94])
    await using _worker = await startWorker(server, { RA_PIPELINES: JSON.stringify({ ISR: { kind: 'test' } }) })
    await push(client, ME, processPayload({ exposure: 11, detector: 94, pipeline: 'SFM' }))
    await eventually(() => gathers(client)).toHaveLength(1)
    expect((await timings(client))[0]).toMatchObject({ outcome: 'failed', reason: "no pipeline configured for 'SFM'" })
    expect((await gathers(client))[0]?.failedDetectors).toEqual([94])
  })
})
