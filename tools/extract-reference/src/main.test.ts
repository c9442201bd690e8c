// The committed data files are exactly what the extractor produces from the reference data.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { generate, OUTPUTS, sharedDir, staleFiles } from './extract.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const MAIN = join(ROOT, 'tools/extract-reference/src/main.ts')
const run = promisify(execFile)
const files = await generate(sharedDir(ROOT))
const temps: string[] = []

afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true })
})

describe('extract-reference', () => {
  it('generates the four data files, deterministically', async () => {
    expect([...files.keys()].sort()).toEqual(Object.values(OUTPUTS).sort())
    expect(await generate(sharedDir(ROOT))).toEqual(files)
  }, 60_000) // parses ~0.5 MB of YAML twice; slow when the machine is busy with the integration tests

  it('finds the committed data files fresh', async () => {
    expect(await staleFiles(ROOT, files)).toEqual([])
  })

  it('names a stale or missing file', async () => {
    const root = await mkdtemp(join(tmpdir(), 'extract-reference-'))
    temps.push(root)
    for (const [path, text] of files) {
      if (path === OUTPUTS.latiss) continue
      await mkdir(dirname(join(root, path)), { recursive: true })
      await writeFile(join(root, path), path === OUTPUTS.columns ? text.replace("'1.9.0'", "'1.8.0'") : text)
    }
    expect((await staleFiles(root, files)).sort()).toEqual([OUTPUTS.columns, OUTPUTS.latiss].sort())
  })

  it('passes --check from the command line', async () => {
    const { stdout } = await run(process.execPath, [MAIN, '--check'], { cwd: ROOT })
    expect(stdout).toContain('camera/lsstCam.yaml -> 205 detectors')
    expect(stdout).toContain('4 data files are up to date')
  })

  it('fails --check with a clear message when the reference data is missing', async () => {
    const env = { ...process.env, RA_SHARED_DIR: join(tmpdir(), 'no-such-shared-dir') }
    const failed = await run(process.execPath, [MAIN, '--check'], { cwd: ROOT, env }).catch((e: unknown) => e)
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('set RA_SHARED_DIR') })
  })
})

describe('sharedDir', () => {
  it('defaults to ../shared next to the repo root and honours RA_SHARED_DIR', () => {
    expect(sharedDir('/repo/main', {})).toBe('/repo/shared')
    expect(sharedDir('/repo/main', { RA_SHARED_DIR: '/data/shared' })).toBe('/data/shared')
  })
})
