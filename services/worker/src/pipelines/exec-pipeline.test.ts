import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLogger } from '@rubin/ra-runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { processPayload } from '../../test/payloads.ts'
import { declaredOutputs, execPipeline } from './exec-pipeline.ts'

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/pipeline.mjs', import.meta.url))
const logger = createLogger('worker', 'silent')
const context = (signal = new AbortController().signal) => ({ instrument: 'LSSTCam' as const, signal, logger })
const node = (...args: string[]) => [process.execPath, FIXTURE, ...args]

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ra-exec-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('exec pipeline', () => {
  it('gives the command the payload on stdin and its ids in the environment; exit 0 = finished with outputs', async () => {
    const record = join(dir, 'record.jsonl')
    const payload = processPayload({ exposure: 2025111500226, detector: 94, pipeline: 'ISR' })
    const result = await execPipeline({ kind: 'exec', command: node('record', record) }).run(payload, context())
    expect(result).toEqual({ outcome: 'finished', outputs: [`products/${payload.payloadId}.fits`] })
    const seen = JSON.parse((await readFile(record, 'utf8')).trim())
    expect(seen.payload).toEqual(payload)
    expect(seen.env).toEqual({ RA_PAYLOAD_ID: payload.payloadId, RA_PIPELINE: 'ISR', RA_INSTRUMENT: 'LSSTCam' })
  })

  it('a non-zero exit fails with the end of stderr as the reason', async () => {
    const result = await execPipeline({ kind: 'exec', command: node('fail-detectors', '94') }).run(
      processPayload({ exposure: 1, detector: 94 }),
      context(),
    )
    expect(result.outcome).toBe('failed')
    const reason = result.outcome === 'failed' ? result.reason : ''
    expect(reason).toMatch(/exit code 3/)
    expect(reason).toMatch(/detector 94: ISR failed\nTraceback: something broke$/)
  })

  it('times out: SIGTERM, then failed', async () => {
    const started = Date.now()
    const result = await execPipeline({ kind: 'exec', command: node('sleep', '20000'), timeoutS: 0.3 }).run(
      processPayload({ exposure: 1, detector: 1 }),
      context(),
    )
    expect(result).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/^timed out after 0.3 s/) })
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('on abort sends SIGTERM, and SIGKILL after the grace period to a command that ignores it', async () => {
    const controller = new AbortController()
    const started = Date.now()
    const running = execPipeline(
      { kind: 'exec', command: node('ignore-term', 'sleep', '20000') },
      { killGraceMs: 300 },
    ).run(processPayload({ exposure: 1, detector: 1 }), context(controller.signal))
    setTimeout(() => controller.abort(), 300)
    const result = await running
    expect(result).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/^aborted: ignoring SIGTERM/) })
    const took = Date.now() - started
    expect(took).toBeGreaterThanOrEqual(550)
    expect(took).toBeLessThan(5000)
  })

  it('a command that cannot start fails with the reason', async () => {
    const result = await execPipeline({ kind: 'exec', command: ['/nonexistent/ra-pipeline'] }).run(
      processPayload({ exposure: 1, detector: 1 }),
      context(),
    )
    expect(result).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/cannot run .*ENOENT/) })
  })

  it('reads outputs only from a last stdout line that declares them', () => {
    expect(declaredOutputs(['log', '{"outputs":["a","b"]}'])).toEqual(['a', 'b'])
    expect(declaredOutputs(['{"outputs":["a"]}', 'done'])).toBeUndefined()
    expect(declaredOutputs(['{"outputs":[1]}'])).toBeUndefined()
    expect(declaredOutputs([])).toBeUndefined()
  })
})
