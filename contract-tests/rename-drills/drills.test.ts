// ----------------------------------------------------------------------------
// Rename drills: prove the rename guard works on the REAL contract sources. Each
// drill edits a source file in a scratch copy of the workspace, regenerates the
// surface with the real codegen, and runs the real `ra-contract check-compat`
// against contract/releases/: a rename must fail and name who it breaks; a major
// bump or a compatible addition must pass. /work/main's files are never touched.
// ----------------------------------------------------------------------------
import { readFile, realpath } from 'node:fs/promises'
import { join } from 'node:path'
import { CONTRACT_VERSION } from '@rubin/ra-contract'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { makeScratch, ROOT, type RunResult, type Scratch } from './scratch.ts'

const DRILL_TIMEOUT = 60_000
const WHO_PRODUCTS = 'producers: worker, step1b-worker, metadata-server, snowflakes'

let scratch: Scratch

beforeAll(async () => {
  scratch = await makeScratch()
}, DRILL_TIMEOUT)

afterEach(async () => {
  await scratch?.restore()
})

afterAll(async () => {
  await scratch?.dispose()
})

/** The one report line (findings are one per line) of the finding `subject: message`. */
function finding(result: RunResult, subject: string, message: string): string {
  const lines = result.stdout.split('\n').filter((l) => l.includes(`${subject}: ${message}`))
  expect(lines, `no single finding '${subject}: ${message}' in:\n${result.output}`).toHaveLength(1)
  return lines[0] ?? ''
}

/** Regenerate from the (edited) sources, then run check-compat against the last release. */
async function regenerateAndCheck(): Promise<RunResult> {
  const generated = await scratch.codegen()
  expect(generated.code, generated.output).toBe(0)
  return scratch.checkCompat()
}

function expectRefused(result: RunResult): void {
  expect(result.code, result.output).toBe(1)
  expect(result.stderr).toContain('RA_CONTRACT_INCOMPATIBLE')
  expect(result.stdout).toContain(`compared with contract/releases/v${CONTRACT_VERSION}.json`)
}

describe('the scratch workspace', () => {
  it(
    'is a faithful copy whose codegen reads its own contract sources',
    async () => {
      const linked = await realpath(join(scratch.root, 'tools/codegen/node_modules/@rubin/ra-contract'))
      expect(linked).toBe(await realpath(join(scratch.root, 'contract')))
      expect(scratch.root.startsWith(ROOT)).toBe(false)
      const check = await scratch.codegen('--check')
      expect(check.code, check.output).toBe(0)
      expect(check.stdout).toMatch(/codegen: \d+ generated files are up to date/)
      const compat = await scratch.checkCompat()
      expect(compat.code, compat.output).toBe(0)
      expect(compat.stdout).toContain('no changes')
    },
    DRILL_TIMEOUT,
  )
})

describe('rename drills: check-compat refuses a rename and names who it breaks', () => {
  it(
    'a renamed channel (lsstcam focal_plane_mosaic -> post_isr_mosaic)',
    async () => {
      const lsstcamMosaic = "colour: '#64ced9' },\n    { name: 'focal_plane_mosaic'"
      const replaced = await scratch.edit(
        'contract/src/registry/channel-data.ts',
        lsstcamMosaic,
        lsstcamMosaic.replace('focal_plane_mosaic', 'post_isr_mosaic'),
      )
      expect(replaced).toBe(1)
      const result = await regenerateAndCheck()
      expectRefused(result)
      const line = finding(result, 'channel channel:lsstcam/focal_plane_mosaic', "'lsstcam/focal_plane_mosaic' removed")
      expect(line).toContain(`[breaks ${WHO_PRODUCTS}; consumers: rubintv]`)
      expect(finding(result, 'channel channel:lsstcam/post_isr_mosaic', "'lsstcam/post_isr_mosaic' added")).toMatch(
        /^ {2}\+ /,
      )
      // The copy's surface changed; the real workspace's did not.
      expect(await scratch.read('contract/generated/surface.json')).toContain('channel:lsstcam/post_isr_mosaic')
      expect(await readFile(join(ROOT, 'contract/generated/surface.json'), 'utf8')).not.toContain(
        'channel:lsstcam/post_isr_mosaic',
      )
    },
    DRILL_TIMEOUT,
  )

  it(
    'a renamed control token (FocalPlanePattern ULTRA_MINIMAL -> TINY)',
    async () => {
      expect(await scratch.edit('contract/src/identifiers/patterns.ts', 'ULTRA_MINIMAL', 'TINY', { all: true })).toBe(2)
      // The detector-set switch must follow, or the contract cannot even load (a developer would do the same).
      expect(await scratch.edit('contract/src/detectors/patterns.ts', "case 'ULTRA_MINIMAL':", "case 'TINY':")).toBe(1)
      const result = await regenerateAndCheck()
      expectRefused(result)
      expect(finding(result, 'identifier FocalPlanePattern', "token 'ULTRA_MINIMAL' removed or renamed")).toMatch(
        /^ {2}✗ /,
      )
      const control = finding(
        result,
        'control value control-value:CHIP_SELECTION/ULTRA_MINIMAL',
        "'ULTRA_MINIMAL' removed",
      )
      expect(control).toContain('[breaks producers: rubintv, ra-cli; consumers: head-node]')
    },
    DRILL_TIMEOUT,
  )

  it(
    "a renamed metadata column ('PSF FWHM' -> 'PSF fwhm')",
    async () => {
      expect(await scratch.edit('contract/src/registry/quicklook-columns.ts', "'PSF FWHM'", "'PSF fwhm'")).toBe(1)
      const result = await regenerateAndCheck()
      expectRefused(result)
      const line = finding(
        result,
        'metadata column metadata-column:quicklook/psfFwhm',
        "changed from 'PSF FWHM' to 'PSF fwhm'",
      )
      expect(line).toContain('[breaks producers: worker, step1b-worker; consumers: rubintv]')
    },
    DRILL_TIMEOUT,
  )

  it(
    'a renamed stream (stream:CLUSTER_STATUS_{set} -> stream:CLUSTER_STATE_{set})',
    async () => {
      const replaced = await scratch.edit(
        'contract/src/redis/keys.ts',
        "template: 'stream:CLUSTER_STATUS_{set}'",
        "template: 'stream:CLUSTER_STATE_{set}'",
      )
      expect(replaced).toBe(1)
      const result = await regenerateAndCheck()
      expectRefused(result)
      const line = finding(
        result,
        'cluster-status stream stream:SFM_SET_0',
        "changed from 'stream:CLUSTER_STATUS_SFM_SET_0' to 'stream:CLUSTER_STATE_SFM_SET_0'",
      )
      expect(line).toContain('[breaks producers: cluster-manager; consumers: rubintv]')
      expect(
        finding(result, 'Redis key redis-key:clusterStatus', "changed from 'stream stream:CLUSTER_STATUS_{set}'"),
      ).toContain('consumers: rubintv, ra-cli')
    },
    DRILL_TIMEOUT,
  )

  it(
    'a renamed schema field (ObjectWritten key -> objectKey)',
    async () => {
      // The schema property and the two golden examples: three `key: ` in the file.
      expect(await scratch.edit('contract/src/messages/object-written.ts', 'key: ', 'objectKey: ', { all: true })).toBe(
        3,
      )
      const result = await regenerateAndCheck()
      expectRefused(result)
      const line = finding(result, 'message ObjectWritten /properties/key', "property 'key' removed or renamed")
      expect(line).toContain(`[breaks ${WHO_PRODUCTS}; consumers: rubintv, catcher]`)
      expect(
        finding(result, 'message ObjectWritten /properties/objectKey', "new required property 'objectKey'"),
      ).toMatch(/^ {2}✗ /)
    },
    DRILL_TIMEOUT,
  )
})

describe('the guard lets through what it should', () => {
  it(
    'the escape hatch: the same field rename with a major bump to 2.0.0 is allowed',
    async () => {
      expect(await scratch.edit('contract/src/messages/object-written.ts', 'key: ', 'objectKey: ', { all: true })).toBe(
        3,
      )
      expect(
        await scratch.edit('contract/package.json', `"version": "${CONTRACT_VERSION}"`, '"version": "2.0.0"'),
      ).toBe(1)
      const result = await regenerateAndCheck()
      expect(result.code, result.output).toBe(0)
      expect(result.stderr).not.toContain('RA_CONTRACT_INCOMPATIBLE')
      expect(result.stdout).toContain(`@rubin/ra-contract ${CONTRACT_VERSION} → 2.0.0`)
      expect(result.stdout).toContain('breaking change(s) (allowed: the major version was bumped)')
      expect(finding(result, 'message ObjectWritten /properties/key', "property 'key' removed or renamed")).toContain(
        'consumers: rubintv, catcher',
      )
      expect(result.stdout).not.toContain('incompatible:')
    },
    DRILL_TIMEOUT,
  )

  it(
    'a compatible change (a new optional ObjectWritten property) passes and is listed',
    async () => {
      const etag = '    etag: Type.Optional(Type.String()),\n'
      const replaced = await scratch.edit(
        'contract/src/messages/object-written.ts',
        etag,
        `${etag}    region: Type.Optional(Type.String()),\n`,
      )
      expect(replaced).toBe(1)
      const result = await regenerateAndCheck()
      expect(result.code, result.output).toBe(0)
      expect(result.stdout).not.toContain('breaking change(s)')
      expect(result.stdout).toContain('1 compatible change(s)')
      expect(finding(result, 'message ObjectWritten /properties/region', "new optional property 'region'")).toMatch(
        /^ {2}\+ /,
      )
    },
    DRILL_TIMEOUT,
  )

  it(
    'restoring the drilled files brings back the released surface',
    async () => {
      const result = await regenerateAndCheck()
      expect(result.code, result.output).toBe(0)
      expect(result.stdout).toContain('no changes')
      const check = await scratch.codegen('--check')
      expect(check.code, check.output).toBe(0)
    },
    DRILL_TIMEOUT,
  )
})
