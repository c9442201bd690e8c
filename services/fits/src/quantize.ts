// Restoring quantized floating-point tiles (FITS 4.0 §10.2; cfitsio's quantize.c): integers
// times ZSCALE plus ZZERO, minus a subtractive dither taken from the standard's fixed table
// of 10 000 pseudo-random numbers, which must match the writer's bit for bit.

export const N_RANDOM = 10_000
/** SUBTRACTIVE_DITHER_2 stores exact zeros as this integer. */
export const DITHER_ZERO_VALUE = -2_147_483_646

export const QuantizeMethods = ['NO_DITHER', 'SUBTRACTIVE_DITHER_1', 'SUBTRACTIVE_DITHER_2'] as const
export type QuantizeMethod = (typeof QuantizeMethods)[number]

let randoms: Float32Array | undefined

/** The standard's random sequence: Park–Miller minimal standard generator, seed 1, as float32. */
export function ditherRandoms(): Float32Array {
  if (randoms !== undefined) return randoms
  const values = new Float32Array(N_RANDOM)
  const a = 16807
  const m = 2147483647
  let seed = 1
  for (let i = 0; i < N_RANDOM; i++) {
    const temp = a * seed
    seed = temp - m * Math.trunc(temp / m)
    values[i] = seed / m
  }
  // The standard's own check value: any other number means the sequence is wrong.
  if (seed !== 1043618065) throw new Error(`dither random sequence check failed: ${seed}`)
  randoms = values
  return values
}

export interface UnquantizeParams {
  readonly scale: number
  readonly zero: number
  readonly method: QuantizeMethod
  /** Tile number (1-based) + ZDITHER0 - 1: picks the tile's start in the random sequence. */
  readonly ditherRow: number
  /** ZBLANK: the integer that marks a null pixel (restored as NaN). */
  readonly blank?: number | undefined
}

/** Restores `count` quantized integers into `out` (float32 or float64) starting at `outOffset`. */
export function unquantize(
  input: Int32Array,
  count: number,
  out: Float32Array | Float64Array,
  outOffset: number,
  params: UnquantizeParams,
): void {
  const { scale, zero, method } = params
  const blank = params.blank ?? Number.NaN // NaN never equals an integer: no nulls
  if (method === 'NO_DITHER') {
    for (let i = 0; i < count; i++) {
      const v = input[i] as number
      out[outOffset + i] = v === blank ? Number.NaN : v * scale + zero
    }
    return
  }
  const table = ditherRandoms()
  let iseed = (params.ditherRow - 1) % N_RANDOM
  let next = Math.floor((table[iseed] as number) * 500)
  const keepZeros = method === 'SUBTRACTIVE_DITHER_2'
  for (let i = 0; i < count; i++) {
    const v = input[i] as number
    if (v === blank) out[outOffset + i] = Number.NaN
    else if (keepZeros && v === DITHER_ZERO_VALUE) out[outOffset + i] = 0
    else out[outOffset + i] = (v - (table[next] as number) + 0.5) * scale + zero
    next++
    if (next === N_RANDOM) {
      iseed++
      if (iseed === N_RANDOM) iseed = 0
      next = Math.floor((table[iseed] as number) * 500)
    }
  }
}
