// ----------------------------------------------------------------------------
// The contract as another repository gets it: built to dist/, imported through
// its package exports with no source condition, type-checked by a consumer's own
// tsconfig, and its bin run. Guards the publishable shape, not just the source.
// ----------------------------------------------------------------------------
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CONTRACT = join(ROOT, 'contract')
const KEY = 'lsstcam/2025-11-15/calexp_mosaic/000226/lsstcam_calexp_mosaic_2025-11-15_000226.jpg'

let consumer = ''

beforeAll(async () => {
  await rm(join(CONTRACT, 'dist'), { recursive: true, force: true })
  await run('pnpm', ['--filter', '@rubin/ra-contract', 'run', 'build'], { cwd: ROOT })
  consumer = await mkdtemp(join(tmpdir(), 'ra-contract-consumer-'))
  await mkdir(join(consumer, 'node_modules/@rubin'), { recursive: true })
  await symlink(CONTRACT, join(consumer, 'node_modules/@rubin/ra-contract'))
  await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }))
}, 120_000)

afterAll(async () => {
  if (consumer) await rm(consumer, { recursive: true, force: true })
})

describe('the packaged contract', () => {
  it('imports from dist through the package exports', async () => {
    await writeFile(
      join(consumer, 'use.mjs'),
      `import { parseS3Key, parseControlValue, CONTRACT_VERSION } from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import schema from '@rubin/ra-contract/schemas/payload.v1.json' with { type: 'json' }
const key = parseS3Key(${JSON.stringify(KEY)})
const chip = parseControlValue('CHIP_SELECTION', '5-on-a-die')
const bad = validate('ObjectWritten', { kind: 'event' })
console.log(JSON.stringify({ version: CONTRACT_VERSION, key, chip, badOk: bad.ok, id: schema.$id, resolved: import.meta.resolve('@rubin/ra-contract') }))
`,
    )
    const { stdout } = await run(process.execPath, ['use.mjs'], { cwd: consumer })
    const out = JSON.parse(stdout)
    expect(out.resolved).toMatch(/\/dist\/src\/index\.js$/)
    expect(out.key).toMatchObject({ ok: true, value: { camera: 'lsstcam', channel: 'calexp_mosaic', seq: 226 } })
    expect(out.chip).toEqual({ ok: true, value: '5_ON_A_DIE' })
    expect(out.badOk).toBe(false)
    expect(out.id).toMatch(/\/payload\/v1\.json$/)
  })

  it('type-checks a consumer against the published declarations', async () => {
    await writeFile(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['use.ts'],
      }),
    )
    await writeFile(
      join(consumer, 'use.ts'),
      `import { buildS3Key, type Payload, type ParsedS3Key } from '@rubin/ra-contract'
const built = buildS3Key({ kind: 'event', camera: 'lsstcam', channel: 'mount', dayObs: 20251115, seq: 1, ext: 'png' })
export const key: string = built.ok ? built.value : ''
export function seqOf(p: ParsedS3Key): number | 'final' | undefined { return 'seq' in p ? p.seq : undefined }
export const kind: Payload['kind'] = 'process'
// @ts-expect-error an unknown key kind is a type error for consumers too
buildS3Key({ kind: 'nope' })
`,
    )
    const tsc = join(ROOT, 'node_modules/.bin/tsc')
    const result = await run(tsc, ['-p', consumer]).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    )
    expect(result).toBe('')
  })

  it('runs the ra-contract bin', async () => {
    const bin = join(consumer, 'node_modules/@rubin/ra-contract/bin/ra-contract.js')
    const { stdout } = await run(process.execPath, [bin, 's3', 'parse', KEY], { cwd: consumer })
    expect(JSON.parse(stdout)).toMatchObject({ camera: 'lsstcam', dayObs: 20251115, seq: 226, ext: 'jpg' })
  })
})
