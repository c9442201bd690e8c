// Interoperability with an independent implementation: cfitsio's fpack/funpack (Debian
// libcfitsio-bin, installed by ./ra). Our files must survive their tools and theirs ours.

import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { type FitsHdu, type PixelArray, readFits, writeFits } from '../src/index.ts'

const run = promisify(execFile)

interface TempDir extends AsyncDisposable {
  readonly path: string
  file(name: string): string
}

async function tempDir(): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), 'ra-fits-'))
  return {
    path,
    file: (name) => join(path, name),
    [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }),
  }
}

beforeAll(async () => {
  for (const tool of ['fpack', 'funpack']) {
    try {
      await run(tool, ['-V'])
    } catch {
      throw new Error(
        `${tool} is not installed: it comes with Debian's libcfitsio-bin, which ./ra installs (run ./ra setup)`,
      )
    }
  }
})

const W = 300
const H = 40
// Deterministic noise: a bias level plus scatter, a few cosmic-ray-like spikes.
function noise(seed: number): () => number {
  let state = seed
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}
function image<T extends PixelArray>(data: T, f: (i: number, r: () => number) => number, seed: number): T {
  const r = noise(seed)
  for (let i = 0; i < data.length; i++) data[i] = f(i, r)
  return data
}
const integers: Record<string, PixelArray> = {
  amp_int32: image(new Int32Array(W * H), (i, r) => 20000 + Math.floor(r() * 40) + (i % 503 === 0 ? 150000 : 0), 1),
  amp_uint16: image(new Uint16Array(W * H), (i, r) => 30000 + Math.floor(r() * 3000) + (i % 701 === 0 ? 35000 : 0), 2),
  amp_int16: image(new Int16Array(W * H), (_, r) => Math.floor(r() * 600) - 300, 3),
  amp_uint8: image(new Uint8Array(W * H), (i, r) => (i + Math.floor(r() * 4)) % 256, 4),
}
const floats = image(new Float32Array(W * H), (i, r) => 1000 + 50 * Math.sin(i / 300) + (r() - 0.5) * 8, 5)

function integerFile(compress?: 'RICE_1'): Uint8Array {
  return writeFits([
    { header: { OBSID: 'MC_O_20250415_000228', TELESCOP: 'Simonyi Survey Telescope' } },
    ...Object.entries(integers).map(([name, data]) => ({
      header: { EXTNAME: name, CCDSLOT: 'S11' },
      image: { width: W, height: H, data },
      ...(compress === undefined ? {} : { compress }),
    })),
  ])
}

function expectIntegerImages(hdus: readonly FitsHdu[]): void {
  expect(hdus.map((hdu) => hdu.name)).toEqual([undefined, ...Object.keys(integers)])
  for (const hdu of hdus.slice(1)) {
    const original = integers[hdu.name ?? ''] as PixelArray
    const decoded = hdu.image()
    expect([decoded.width, decoded.height]).toEqual([W, H])
    expect(decoded.data.constructor).toBe(original.constructor)
    expect(decoded.data).toEqual(original)
    expect(hdu.header.get('CCDSLOT')).toBe('S11')
  }
}

describe('fpack/funpack interoperability', () => {
  it('reads what fpack -r (RICE_1) made of our uncompressed file', async () => {
    await using dir = await tempDir()
    await writeFile(dir.file('plain.fits'), integerFile())
    await run('fpack', ['-r', '-O', dir.file('rice.fits'), dir.file('plain.fits')])
    const file = readFits(await readFile(dir.file('rice.fits')))
    expect(file.hdus.slice(1).map((hdu) => hdu.compression?.type)).toEqual(['RICE_1', 'RICE_1', 'RICE_1', 'RICE_1'])
    expectIntegerImages(file.hdus)
  })

  it('reads fpack tiles of other shapes and GZIP_1/GZIP_2', async () => {
    await using dir = await tempDir()
    await writeFile(dir.file('plain.fits'), integerFile())
    for (const [name, args] of [
      ['tiles', ['-r', '-t', '64,7']],
      ['gzip1', ['-g1']],
      ['gzip2', ['-g2']],
    ] as const) {
      await run('fpack', [...args, '-O', dir.file(`${name}.fits`), dir.file('plain.fits')])
      expectIntegerImages(readFits(await readFile(dir.file(`${name}.fits`))).hdus)
    }
  })

  it('writes RICE_1 that funpack restores to the same pixels', async () => {
    await using dir = await tempDir()
    const ours = integerFile('RICE_1')
    await writeFile(dir.file('ours.fits.fz'), ours)
    // compresses as well as cfitsio's own Rice coder (same block and FS choices)
    await writeFile(dir.file('plain.fits'), integerFile())
    await run('fpack', ['-r', '-O', dir.file('theirs.fits.fz'), dir.file('plain.fits')])
    expect(ours.length).toBeLessThanOrEqual((await readFile(dir.file('theirs.fits.fz'))).length)
    await run('funpack', ['-O', dir.file('restored.fits'), dir.file('ours.fits.fz')])
    const restored = readFits(await readFile(dir.file('restored.fits')))
    expect(restored.hdus.every((hdu) => hdu.compression === undefined)).toBe(true)
    expect(restored.hdus[0]?.header.get('OBSID')).toBe('MC_O_20250415_000228')
    expectIntegerImages(restored.hdus)
  })

  it('restores fpack -q quantized floats like funpack does, within the quantization step', async () => {
    await using dir = await tempDir()
    await writeFile(
      dir.file('float.fits'),
      writeFits([{}, { header: { EXTNAME: 'SCI' }, image: { width: W, height: H, data: floats } }]),
    )
    // -q: SUBTRACTIVE_DITHER_1 (seed 42 to be reproducible), -qz: SUBTRACTIVE_DITHER_2, -q0: NO_DITHER
    for (const [flag, method] of [
      ['-q42', 'SUBTRACTIVE_DITHER_1'],
      ['-qz', 'SUBTRACTIVE_DITHER_2'],
      ['-q0', 'NO_DITHER'],
    ] as const) {
      await rm(dir.file('q.fits'), { force: true })
      await rm(dir.file('theirs.fits'), { force: true })
      await run('fpack', [flag, '4', '-O', dir.file('q.fits'), dir.file('float.fits')])
      await run('funpack', ['-O', dir.file('theirs.fits'), dir.file('q.fits')])
      const hdu = readFits(await readFile(dir.file('q.fits'))).hdu('SCI')
      expect(hdu.compression?.quantize).toBe(method)
      if (flag === '-q42') expect(hdu.compression?.ditherSeed).toBe(42)
      const ours = hdu.image().data
      expect(ours).toBeInstanceOf(Float32Array)
      // bit for bit what cfitsio restores: the dither sequence and arithmetic are the standard's
      expect(ours).toEqual(
        readFits(await readFile(dir.file('theirs.fits')))
          .hdu('SCI')
          .image().data,
      )
      let worst = 0
      for (let i = 0; i < floats.length; i++)
        worst = Math.max(worst, Math.abs((ours[i] as number) - (floats[i] as number)))
      const step = Math.max(...tileScales(dir.file('q.fits'), await readFile(dir.file('q.fits'))))
      expect(worst).toBeGreaterThan(0)
      expect(worst).toBeLessThanOrEqual(step)
    }
  })
})

/** ZSCALE of every tile, read from the table: the quantization step of each tile. */
function tileScales(_path: string, bytes: Uint8Array): number[] {
  const hdu = readFits(bytes).hdu('SCI')
  const raw = hdu.rawHeader
  const rows = raw.getInteger('NAXIS2')
  const rowLength = raw.getInteger('NAXIS1')
  let offset = 0
  for (let n = 1; n <= raw.getInteger('TFIELDS'); n++) {
    if (raw.getString(`TTYPE${n}`) === 'ZSCALE') break
    const form = raw.getString(`TFORM${n}`)
    offset += /^1?[PQ]/.test(form) ? (form.includes('Q') ? 16 : 8) : form.endsWith('D') ? 8 : 4
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + hdu.dataOffset, rows * rowLength)
  return Array.from({ length: rows }, (_, row) => view.getFloat64(row * rowLength + offset))
}
