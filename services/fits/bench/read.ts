// Read throughput for a 16-amplifier ITL CCD (16 x 576 x 2048 int32 amps): uncompressed and
// RICE_1 (row tiles, as the camera writes raws). Prints MB/s of decoded pixels. Not a test.
// Run: node --conditions=@rubin/source services/fits/bench/read.ts

import { readFits, writeFits } from '../src/index.ts'

const AMPS = 16
const WIDTH = 576
const HEIGHT = 2048
const ROUNDS = 5

function amp(seed: number): Int32Array {
  const data = new Int32Array(WIDTH * HEIGHT)
  let state = seed
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    // bias ~20000 with ~6 ADU of read noise (sum of uniforms) and rare hot pixels
    const u = (state & 0xffff) / 65536 + (state >>> 16) / 65536
    data[i] = 20000 + Math.round((u - 1) * 10) + (i % 9973 === 0 ? 40000 : 0)
  }
  return data
}

const amps = Array.from({ length: AMPS }, (_, n) => amp(n + 1))
const pixelBytes = AMPS * WIDTH * HEIGHT * 4
const hdus = (compress?: 'RICE_1') => [
  { header: { INSTRUME: 'LSSTCam' } },
  ...amps.map((data, n) => ({
    header: { EXTNAME: `Segment${n}` },
    image: { width: WIDTH, height: HEIGHT, data },
    ...(compress === undefined ? {} : { compress }),
  })),
]

function time(label: string, action: () => void): void {
  action() // warm up
  const start = performance.now()
  for (let r = 0; r < ROUNDS; r++) action()
  const seconds = (performance.now() - start) / 1000 / ROUNDS
  console.log(
    `${label.padEnd(28)} ${(seconds * 1000).toFixed(1).padStart(8)} ms   ${(pixelBytes / 1e6 / seconds).toFixed(0).padStart(6)} MB/s`,
  )
}

let raw: Uint8Array = new Uint8Array(0)
let rice: Uint8Array = new Uint8Array(0)
time('write uncompressed', () => {
  raw = writeFits(hdus())
})
time('write RICE_1', () => {
  rice = writeFits(hdus('RICE_1'))
})
console.log(`sizes: uncompressed ${(raw.length / 1e6).toFixed(1)} MB, RICE_1 ${(rice.length / 1e6).toFixed(1)} MB`)
time('read uncompressed (16 amps)', () => {
  for (const hdu of readFits(raw).hdus.slice(1)) hdu.image()
})
time('read RICE_1 (16 amps)', () => {
  for (const hdu of readFits(rice).hdus.slice(1)) hdu.image()
})
time('read RICE_1 + toFloat32', () => {
  for (const hdu of readFits(rice).hdus.slice(1)) hdu.toFloat32()
})
