// witness_detector (LSSTCam) and monitor (LATISS): one detector's image, display-scaled.
import type { Image2D } from '../types.ts'
import { type EncodeOptions, encodeRaster, type RenderedImage } from './encode.ts'
import { type DisplayScaling, toUint8 } from './scale.ts'

export interface DetectorImageOptions extends EncodeOptions {
  readonly scaling?: DisplayScaling
}

/** One image (post-ISR detector, binned or not) → JPEG (default) or PNG, top row = highest y. */
export async function renderDetectorImage(image: Image2D, options: DetectorImageOptions = {}): Promise<RenderedImage> {
  const grey = toUint8(image, options.scaling ?? { range: { kind: 'zscale' }, stretch: 'linear' })
  return encodeRaster(grey, image.width, image.height, 1, options)
}
