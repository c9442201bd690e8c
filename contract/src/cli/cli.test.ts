import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { MESSAGES } from '../schemas.ts'
import { CONTRACT_VERSION } from '../version.ts'
import { runCli } from './main.ts'

async function cli(args: string[], stdin = '') {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readStdin: async () => stdin,
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

const KEY = 'lsstcam/2025-11-15/focal_plane_mosaic/000226/lsstcam_focal_plane_mosaic_2025-11-15_000226.jpg'

describe('ra-contract s3', () => {
  it('builds the per-seq key RubinTV expects', async () => {
    const args = ['s3', 'build', '--camera', 'lsstcam', '--channel', 'focal_plane_mosaic', '--day-obs', '20251115']
    const r = await cli([...args, '--seq', '226', '--ext', 'jpg'])
    expect(r).toEqual({ code: 0, out: KEY, err: '' })
  })

  it('builds the per-day final key', async () => {
    const r = await cli([
      's3',
      'build',
      '--camera',
      'allsky',
      '--channel',
      'movies',
      '--day-obs',
      '20251115',
      '--final',
      '--ext',
      'mp4',
    ])
    expect(r.out).toBe('allsky/2025-11-15/movies/final/allsky_movies_2025-11-15_final.mp4')
  })

  it('parses a key into one JSON object with the fixed fields', async () => {
    const r = await cli(['s3', 'parse', KEY])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({
      camera: 'lsstcam',
      channel: 'focal_plane_mosaic',
      dayObs: 20251115,
      seq: 226,
      ext: 'jpg',
    })
    const final = await cli(['s3', 'parse', 'allsky/2025-11-15/movies/final/allsky_movies_2025-11-15_final.mp4'])
    expect(JSON.parse(final.out).seq).toBe('final')
  })

  it('refuses an invalid key with exit 1 and says which segment is wrong', async () => {
    const r = await cli(['s3', 'parse', 'lsstcam/2025-11-15/focal_plane_mosaic/1234567/x.jpg'])
    expect(r.code).toBe(1)
    expect(r.err).toContain('RA_CONTRACT_INVALID_KEY')
    expect(r.err).toContain('seq must be exactly 6 digits')
  })

  it('refuses a channel the camera does not have, unless asked not to check', async () => {
    const args = [
      's3',
      'build',
      '--camera',
      'lsstcam',
      '--channel',
      'focal_plane_mosaik',
      '--day-obs',
      '20251115',
      '--seq',
      '1',
      '--ext',
      'png',
    ]
    const r = await cli(args)
    expect(r.code).toBe(1)
    expect(r.err).toContain("channel 'focal_plane_mosaik' is not a channel of camera 'lsstcam'")
    expect((await cli([...args, '--any-channel'])).code).toBe(0)
  })

  it('answers a missing flag with a usage error (exit 2) naming the flag', async () => {
    const r = await cli([
      's3',
      'build',
      '--camera',
      'lsstcam',
      '--channel',
      'mount',
      '--day-obs',
      '20251115',
      '--seq',
      '1',
    ])
    expect(r.code).toBe(2)
    expect(r.err).toContain('missing --ext')
    expect(r.err).toContain('usage:')
  })
})

describe('ra-contract registry', () => {
  const json = async (name: string) => {
    const r = await cli(['registry', name, '--json'])
    expect(r.code).toBe(0)
    return JSON.parse(r.out) as Record<string, unknown>[]
  }

  it('lists channels with camera, channel and perDay', async () => {
    const channels = await json('channels')
    expect(channels).toContainEqual(expect.objectContaining({ camera: 'allsky', channel: 'movies', perDay: true }))
    expect(channels).toContainEqual(
      expect.objectContaining({ camera: 'lsstcam', channel: 'calexp_mosaic', perDay: false }),
    )
  })

  it('lists cameras, controls, patterns, pipelines and detectors', async () => {
    expect((await json('cameras')).map((c) => c.camera)).toContain('lsstcam_guider')
    expect((await json('controls')).map((c) => c.key)).toContain('RUBINTV_CONTROL_CHIP_SELECTION')
    expect(await json('patterns')).toContainEqual(
      expect.objectContaining({ pattern: 'RAFT_CHECKERBOARD', detectors: { phase0: 108, phase1: 81 } }),
    )
    expect((await json('pipelines')).map((p) => p.pipeline)).toContain('AOS_TARTS_UNPAIRED')
    const detectors = await json('detectors')
    expect(detectors.filter((d) => d.instrument === 'LSSTCam')).toHaveLength(205)
    expect(detectors).toContainEqual(expect.objectContaining({ instrument: 'LSSTCam', id: 94, name: 'R22_S11' }))
  })

  it('prints a table for people without --json', async () => {
    const r = await cli(['registry', 'pipelines'])
    expect(r.out.split('\n')[0]).toMatch(/^pipeline\s+description$/)
  })

  it('refuses an unknown list with the accepted names', async () => {
    const r = await cli(['registry', 'chanels'])
    expect(r.code).toBe(2)
    expect(r.err).toContain('channels')
  })
})

describe('ra-contract validate', () => {
  const payload = MESSAGES.find((m) => m.name === 'Payload')?.examples[0]

  it('accepts a valid message from a file and from stdin', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ra-contract-'))
    try {
      const file = join(dir, 'payload.json')
      await writeFile(file, JSON.stringify(payload))
      expect(await cli(['validate', 'payload', file])).toMatchObject({ code: 0, out: 'valid Payload' })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
    expect((await cli(['validate', 'Payload', '-'], JSON.stringify(payload))).code).toBe(0)
  })

  it('names the bad field of an invalid message (exit 1)', async () => {
    const r = await cli(['validate', 'payload', '-'], JSON.stringify({ ...(payload as object), who: 'NOBODY' }))
    expect(r.code).toBe(1)
    expect(r.err).toContain('/who: is not one of the allowed values')
  })

  it('refuses an unknown schema with the list of schemas (exit 2)', async () => {
    const r = await cli(['validate', 'paylod', '-'], '{}')
    expect(r.code).toBe(2)
    expect(r.err).toContain('RA_CONTRACT_UNKNOWN_SCHEMA')
    expect(r.err).toContain('Payload (payload)')
  })
})

describe('ra-contract', () => {
  it('prints its version', async () => {
    expect((await cli(['version'])).out).toContain(CONTRACT_VERSION)
  })

  it('refuses an unknown command with exit 2', async () => {
    const r = await cli(['frobnicate'])
    expect(r.code).toBe(2)
    expect(r.err).toContain("unknown command 'frobnicate'")
  })

  it('reports an unreadable git ref for check-compat as an actionable error', async () => {
    const r = await cli(['check-compat', '--against', 'no-such-ref-xyz'])
    expect(r.code).toBe(1)
    expect(r.err).toContain('RA_CONTRACT_NO_RELEASE')
  })

  it('runs as a program with the documented exit codes', async () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url))
    const run = promisify(execFile)
    const ok = await run(process.execPath, ['--conditions=@rubin/source', main, 's3', 'parse', KEY])
    expect(JSON.parse(ok.stdout).seq).toBe(226)
    await expect(
      run(process.execPath, ['--conditions=@rubin/source', main, 's3', 'parse', 'nope']),
    ).rejects.toMatchObject({ code: 1 })
  })
})
