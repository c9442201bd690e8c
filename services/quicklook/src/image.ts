// The one image shape the library works on: row-major pixels, x fastest.
import { QuicklookError } from './errors.ts'

export type Pixels = Float32Array | Float64Array | Int32Array | Uint16Array | Int16Array | Uint32Array | Uint8Array

export interface Image<P extends Pixels = Pixels> {
  readonly width: number
  readonly height: number
  readonly pixels: P
}

/** An assembled or binned detector image in electrons. */
export type FloatImage = Image<Float32Array>

export function checkImage(image: Image, what = 'image'): void {
  const { width, height, pixels } = image
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new QuicklookError(
      'RA_QUICKLOOK_BAD_IMAGE',
      `${what}: width and height must be whole numbers ≥ 1, got ${width}×${height}`,
    )
  }
  if (pixels.length !== width * height) {
    throw new QuicklookError(
      'RA_QUICKLOOK_BAD_IMAGE',
      `${what}: ${width}×${height} needs ${width * height} pixels, got ${pixels.length}`,
    )
  }
}
