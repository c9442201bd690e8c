// fp_pairing_plot (lsstcam_aos "Post-ISR mosaic"): the eight corner wavefront half-chips (intra and
// extra beside each other) at their focal-plane places, at 8× binning 1:1 since they are few.
import { LSSTCAM_WAVEFRONT_IDS } from '@rubin/ra-contract'
import type { RenderedImage } from '../image/encode.ts'
import type { BinnedImage } from '../types.ts'
import type { CanvasLayout } from './geometry.ts'
import { type MosaicOptions, renderFocalPlaneMosaic } from './mosaic.ts'

export function renderWavefrontMosaic(
  images: readonly BinnedImage[],
  options: MosaicOptions = {},
): Promise<RenderedImage & { readonly layout: CanvasLayout }> {
  return renderFocalPlaneMosaic(images, {
    expected: LSSTCAM_WAVEFRONT_IDS,
    scaleMm: 0.08,
    scaling: { range: { kind: 'zscale' }, stretch: 'linear' },
    ...options,
  })
}
