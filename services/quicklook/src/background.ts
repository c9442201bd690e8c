// Mesh background and noise: clipped statistics per cell on a subsample (stars and cosmic
// rays are clipped away), bilinear interpolation between cell centres.
import { checkImage, type Image } from './image.ts'
import { clippedStatsInPlace, medianInPlace } from './stats.ts'

export interface BackgroundOptions {
  /** Cell size in pixels (default 256). */
  readonly cellSize?: number
  /** Sample every `stride`-th pixel in x and y inside a cell (default 4: 4096 samples in a 256² cell, plenty for a clipped mean). */
  readonly stride?: number
}

export interface Background {
  readonly cellsX: number
  readonly cellsY: number
  readonly cellSize: number
  /** Per-cell clipped mean (sky) and clipped standard deviation (noise), row-major. */
  readonly level: Float64Array
  readonly noise: Float64Array
  /** Median over cells: the detector's sky level and noise. */
  readonly sky: number
  readonly skyNoise: number
  /** Background at (x, y), bilinear between cell centres. */
  at(x: number, y: number): number
  /** Background of image row y into `out` (length ≥ width). */
  row(y: number, out: Float32Array): void
}

export function measureBackground(image: Image, options: BackgroundOptions = {}): Background {
  checkImage(image)
  const { width, height, pixels } = image
  const cell = Math.max(16, Math.min(options.cellSize ?? 256, Math.max(width, height)))
  const stride = Math.max(1, options.stride ?? 4)
  const cellsX = Math.max(1, Math.round(width / cell))
  const cellsY = Math.max(1, Math.round(height / cell))
  const cw = width / cellsX
  const ch = height / cellsY
  const level = new Float64Array(cellsX * cellsY)
  const noise = new Float64Array(cellsX * cellsY)
  const scratch = new Float64Array(Math.ceil((Math.ceil(cw) + 1) / stride) * Math.ceil((Math.ceil(ch) + 1) / stride))
  for (let cy = 0; cy < cellsY; cy++) {
    const y0 = Math.round(cy * ch)
    const y1 = Math.round((cy + 1) * ch)
    for (let cx = 0; cx < cellsX; cx++) {
      const x0 = Math.round(cx * cw)
      const x1 = Math.round((cx + 1) * cw)
      let n = 0
      // Start half a stride in, so the samples are centred in the cell (matters for gradients).
      const start = (stride - 1) >> 1
      for (let y = y0 + start; y < y1; y += stride) {
        const row = y * width
        for (let x = x0 + start; x < x1; x += stride) scratch[n++] = pixels[row + x] as number
      }
      const s = clippedStatsInPlace(scratch, n)
      level[cy * cellsX + cx] = s.mean
      noise[cy * cellsX + cx] = s.stddev
    }
  }
  // No median filter over cells: it would bend real gradients at the edges; the clipped
  // statistics already ignore stars, and the detector sky is the median over cells.
  const smoothLevel = level
  const smoothNoise = noise
  const sky = medianInPlace(Float64Array.from(smoothLevel))
  const skyNoise = medianInPlace(Float64Array.from(smoothNoise))

  // Bilinear weights between cell centres (clamped outside the outermost centres).
  const at = (x: number, y: number): number => {
    const fx = Math.min(Math.max(x / cw - 0.5, 0), cellsX - 1)
    const fy = Math.min(Math.max(y / ch - 0.5, 0), cellsY - 1)
    const ix = Math.min(Math.floor(fx), Math.max(0, cellsX - 2))
    const iy = Math.min(Math.floor(fy), Math.max(0, cellsY - 2))
    const tx = cellsX === 1 ? 0 : fx - ix
    const ty = cellsY === 1 ? 0 : fy - iy
    const g = (i: number, j: number) =>
      smoothLevel[Math.min(j, cellsY - 1) * cellsX + Math.min(i, cellsX - 1)] as number
    return (
      (1 - ty) * ((1 - tx) * g(ix, iy) + tx * g(ix + 1, iy)) + ty * ((1 - tx) * g(ix, iy + 1) + tx * g(ix + 1, iy + 1))
    )
  }
  // Row interpolation: the x weights do not depend on the row, so they are computed once.
  const colA = new Float64Array(cellsX)
  const ixOf = new Int32Array(width)
  const txOf = new Float32Array(width)
  for (let x = 0; x < width; x++) {
    const fx = Math.min(Math.max(x / cw - 0.5, 0), cellsX - 1)
    const ix = Math.min(Math.floor(fx), Math.max(0, cellsX - 2))
    ixOf[x] = ix
    txOf[x] = cellsX === 1 ? 0 : fx - ix
  }
  const row = (y: number, out: Float32Array): void => {
    const fy = Math.min(Math.max(y / ch - 0.5, 0), cellsY - 1)
    const iy = Math.min(Math.floor(fy), Math.max(0, cellsY - 2))
    const ty = cellsY === 1 ? 0 : fy - iy
    const iy1 = Math.min(iy + 1, cellsY - 1)
    for (let i = 0; i < cellsX; i++) {
      colA[i] = (1 - ty) * (smoothLevel[iy * cellsX + i] as number) + ty * (smoothLevel[iy1 * cellsX + i] as number)
    }
    const last = cellsX - 1
    for (let x = 0; x < width; x++) {
      const ix = ixOf[x] as number
      const tx = txOf[x] as number
      const a = colA[ix] as number
      const b = colA[ix < last ? ix + 1 : last] as number
      out[x] = a + tx * (b - a)
    }
  }
  return { cellsX, cellsY, cellSize: cell, level: smoothLevel, noise: smoothNoise, sky, skyNoise, at, row }
}
