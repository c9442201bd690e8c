// ISR-lite per amplifier: serial-overscan level (robust), subtract, ADU→e- by gain, flip to
// assembled orientation and place into the assembled detector image.
import { QuicklookError } from './errors.ts'
import type { Image } from './image.ts'
import type { AmpGeometry, DetectorGeometry } from './layout.ts'
import { clippedStatsInPlace, medianInPlace } from './stats.ts'

export const OverscanMode = ['amp', 'row'] as const
export type OverscanMode = (typeof OverscanMode)[number]

export interface IsrOptions {
  /** 'amp': one clipped mean per amplifier (default); 'row': a median per row, for bias that wanders along the readout. */
  readonly overscan?: OverscanMode
  /** Leading serial-overscan columns skipped: charge trailing from the last data column (CTI) lands there. */
  readonly overscanSkip?: number
  /** Gain (e-/ADU) used where the layout has none. */
  readonly defaultGain?: number
}

export interface AmpIsrResult {
  readonly name: string
  /** ADU. */
  readonly overscanLevel: number
  /** ADU, clipped standard deviation of the overscan: the read noise in ADU. */
  readonly overscanNoise: number
  readonly gain: number
  readonly gainKnown: boolean
  /** Electrons: the level above which this amplifier saturates after ISR (Infinity when unknown). */
  readonly saturationElectrons: number
  readonly saturatedPixels: number
}

/** Scratch buffers reused across amplifiers (one allocation per detector, not per amp). */
export class IsrScratch {
  buffer = new Float64Array(0)
  take(n: number): Float64Array {
    if (this.buffer.length < n) this.buffer = new Float64Array(n)
    return this.buffer
  }
}

/** Run ISR on one raw amplifier image and write its data section into `out` (the assembled image). */
export function isrAmp(
  raw: Image,
  amp: AmpGeometry,
  out: Float32Array,
  outWidth: number,
  options: IsrOptions = {},
  scratch = new IsrScratch(),
): AmpIsrResult {
  const { rawBBox, rawDataBBox: data, rawSerialOverscanBBox: os, bbox } = amp
  if (raw.width !== rawBBox.width || raw.height !== rawBBox.height) {
    throw new QuicklookError(
      'RA_QUICKLOOK_GEOMETRY_MISMATCH',
      `amplifier ${amp.name}: raw image is ${raw.width}×${raw.height}, the layout expects ${rawBBox.width}×${rawBBox.height}`,
    )
  }
  const px = raw.pixels
  const w = raw.width
  const skip = Math.min(options.overscanSkip ?? 2, Math.max(0, os.width - 1))
  const osX0 = os.x + skip
  const osW = os.width - skip
  const mode = options.overscan ?? 'amp'
  const gainKnown = amp.gain !== null && amp.gain > 0
  const gain = gainKnown ? (amp.gain as number) : (options.defaultGain ?? 1)

  // Whole-amp robust level; also the noise estimate in both modes.
  const all = scratch.take(osW * os.height)
  let n = 0
  for (let y = os.y; y < os.y + os.height; y++) {
    const row = y * w
    for (let x = osX0; x < osX0 + osW; x++) all[n++] = px[row + x] as number
  }
  const stats = clippedStatsInPlace(all, n)
  const level = stats.mean

  // Per-row levels (mode 'row'): rows beyond the overscan box reuse the whole-amp level.
  let rowLevel: Float64Array | null = null
  if (mode === 'row') {
    rowLevel = new Float64Array(raw.height).fill(level)
    const rowBuf = new Float64Array(osW)
    for (let y = os.y; y < os.y + os.height; y++) {
      const row = y * w
      for (let i = 0; i < osW; i++) rowBuf[i] = px[row + osX0 + i] as number
      rowLevel[y] = medianInPlace(rowBuf, osW)
    }
  }

  const sat = amp.saturation
  const satAdu = sat ?? Number.POSITIVE_INFINITY
  let saturatedPixels = 0
  const nx = data.width
  const ny = data.height
  for (let dy = 0; dy < ny; dy++) {
    const ry = data.y + dy
    const bias = rowLevel === null ? level : (rowLevel[ry] as number)
    const ay = bbox.y + (amp.rawFlipY ? ny - 1 - dy : dy)
    const inRow = ry * w + data.x
    const outRow = ay * outWidth + bbox.x
    if (amp.rawFlipX) {
      const end = outRow + nx - 1
      for (let dx = 0; dx < nx; dx++) {
        const v = px[inRow + dx] as number
        if (v >= satAdu) saturatedPixels++
        out[end - dx] = (v - bias) * gain
      }
    } else {
      for (let dx = 0; dx < nx; dx++) {
        const v = px[inRow + dx] as number
        if (v >= satAdu) saturatedPixels++
        out[outRow + dx] = (v - bias) * gain
      }
    }
  }
  return {
    name: amp.name,
    overscanLevel: level,
    overscanNoise: stats.stddev,
    gain,
    gainKnown,
    saturationElectrons: sat === null ? Number.POSITIVE_INFINITY : (sat - level) * gain,
    saturatedPixels,
  }
}

export interface AssembleResult {
  readonly image: { readonly width: number; readonly height: number; readonly pixels: Float32Array }
  readonly amps: readonly AmpIsrResult[]
  /** Lowest per-amp saturation level in electrons (Infinity when unknown). */
  readonly saturationElectrons: number
}

/** ISR every amplifier (raws in the layout's readout order) into one assembled Float32 image. */
export function assemble(raws: readonly Image[], layout: DetectorGeometry, options: IsrOptions = {}): AssembleResult {
  if (raws.length !== layout.amplifiers.length) {
    throw new QuicklookError(
      'RA_QUICKLOOK_GEOMETRY_MISMATCH',
      `got ${raws.length} amplifier images, the layout has ${layout.amplifiers.length}`,
    )
  }
  const pixels = new Float32Array(layout.width * layout.height)
  const scratch = new IsrScratch()
  const amps = layout.amplifiers.map((amp, i) => isrAmp(raws[i] as Image, amp, pixels, layout.width, options, scratch))
  const saturationElectrons = Math.min(...amps.map((a) => a.saturationElectrons))
  return { image: { width: layout.width, height: layout.height, pixels }, amps, saturationElectrons }
}
