// Block-mean binning. Edge blocks that are cut short average the pixels they have.
import { checkImage, type Image } from './image.ts'

export interface BinnedImage {
  readonly width: number
  readonly height: number
  readonly pixels: Float32Array
  readonly factor: number
}

export function binImage(image: Image, factor = 8): BinnedImage {
  checkImage(image)
  const f = Math.max(1, Math.floor(factor))
  const { width, height, pixels } = image
  const bw = Math.ceil(width / f)
  const bh = Math.ceil(height / f)
  const out = new Float32Array(bw * bh)
  // Column sums over the block's rows first (one contiguous pass per row), then block sums.
  const cols = new Float64Array(width)
  for (let by = 0; by < bh; by++) {
    cols.fill(0)
    const y0 = by * f
    const y1 = Math.min(height, y0 + f)
    for (let y = y0; y < y1; y++) {
      const row = y * width
      for (let x = 0; x < width; x++) cols[x] = (cols[x] as number) + (pixels[row + x] as number)
    }
    const rows = y1 - y0
    for (let bx = 0; bx < bw; bx++) {
      const x0 = bx * f
      const x1 = Math.min(width, x0 + f)
      let sum = 0
      for (let x = x0; x < x1; x++) sum += cols[x] as number
      out[by * bw + bx] = sum / (rows * (x1 - x0))
    }
  }
  return { width: bw, height: bh, pixels: out, factor: f }
}
