// focal_plane_mosaic / calexp_mosaic (and the AOS fp_pairing_plot): binned detector images placed
// where the camera geometry puts them, one Uint8 canvas, one display range, one encode.
import { detectorsOf, type Instrument } from '@rubin/ra-contract'
import { ProductError } from '../errors.ts'
import { type EncodeOptions, encodeRaster, type RenderedImage } from '../image/encode.ts'
import { DEFAULT_SCALING, type DisplayScaling, displayRange, makeScaler } from '../image/scale.ts'
import type { BinnedImage } from '../types.ts'
import { type CanvasLayout, layoutDetectors, nativeSize, PIXEL_SIZE_MM } from './geometry.ts'

/** Default output scale, focal-plane mm per pixel (16× the native 10 µm pixels). */
export const DEFAULT_MOSAIC_SCALE_MM = 0.16
/** Canvas value outside every detector. */
export const MOSAIC_BACKGROUND = 0
/** Canvas value over an expected detector that has no image (drawn blank, visibly not data). */
export const MOSAIC_MISSING = 40

export interface MosaicOptions extends EncodeOptions {
  /** Default LSSTCam. */
  readonly instrument?: Instrument
  /** Detectors drawn (blank when no image is given); default: every imaging detector of the instrument. */
  readonly expected?: readonly number[]
  /**
   * Focal-plane mm per output pixel. Default DEFAULT_MOSAIC_SCALE_MM (0.16 mm: 8×-binned inputs
   * shown 2× smaller, ~4000 px square for LSSTCam, encodes in ~0.3 s); 0.08 keeps 8× binning 1:1
   * (~7900 px square, ~1.3 s, mostly JPEG encoding). Never finer than the coarsest input needs.
   */
  readonly scaleMm?: number
  readonly scaling?: DisplayScaling
}

export interface MosaicRaster {
  readonly layout: CanvasLayout
  /** width × height grey, row 0 at the top (focal-plane +y up). */
  readonly pixels: Uint8Array
}

function defaultExpected(instrument: Instrument): number[] {
  return detectorsOf(instrument)
    .filter((d) => d.purpose === 'imaging')
    .map((d) => d.id)
}

/**
 * For output pixel offsets along one canvas axis, the source index along the image axis that the
 * quarter turn maps it to (-1 outside the image). Nearest-neighbour: the mosaic is already binned.
 */
function axisIndex(from: number, to: number, centre: number, scale: number, pitch: number, n: number, sign: number) {
  const out = new Int32Array(to - from)
  for (let i = from; i < to; i++) {
    const mm = sign * (i + 0.5 - centre) * scale
    const src = Math.floor(mm / pitch + n / 2)
    out[i - from] = src >= 0 && src < n ? src : -1
  }
  return out
}

/**
 * Place the images on the canvas. Canvas x grows with focal-plane x, canvas y with −y. A detector
 * turned by q quarter turns (counter-clockwise) shows image pixel (col, row) at focal-plane offset
 * R(q·90°)·(col, row); inverting that per axis gives, for q even, col from canvas x and row from
 * canvas y, and for q odd the other way round, so each axis needs one index table.
 */
export function composeMosaic(images: readonly BinnedImage[], options: MosaicOptions = {}): MosaicRaster {
  const instrument = options.instrument ?? 'LSSTCam'
  const byId = new Map<number, BinnedImage>()
  for (const image of images) {
    if (image.pixels.length !== image.width * image.height || image.width < 1 || image.height < 1) {
      throw new ProductError(
        'RA_PRODUCTS_BAD_INPUT',
        `detector ${image.detector}: ${image.width}×${image.height} image has ${image.pixels.length} pixels`,
      )
    }
    byId.set(image.detector, image)
  }
  const expected = options.expected ?? defaultExpected(instrument)
  const ids = [...new Set([...expected, ...byId.keys()])]
  const scaleMm = options.scaleMm ?? DEFAULT_MOSAIC_SCALE_MM
  if (!(scaleMm > 0))
    throw new ProductError('RA_PRODUCTS_BAD_INPUT', `mosaic scale must be > 0 mm/pixel; got ${scaleMm}`)
  const layout = layoutDetectors(instrument, ids, scaleMm)
  const canvas = new Uint8Array(layout.width * layout.height)
  if (MOSAIC_BACKGROUND !== 0) canvas.fill(MOSAIC_BACKGROUND)

  const scale =
    images.length === 0
      ? () => 0
      : makeScaler(
          displayRange(
            images.map((i) => i.pixels),
            options.scaling?.range ?? DEFAULT_SCALING.range,
          ),
          options.scaling?.stretch ?? DEFAULT_SCALING.stretch,
          options.scaling?.asinhA,
        )

  for (const [id, p] of layout.placements) {
    const image = byId.get(id)
    if (image === undefined) {
      for (let y = p.y0; y < p.y1; y++) canvas.fill(MOSAIC_MISSING, y * layout.width + p.x0, y * layout.width + p.x1)
      continue
    }
    const native = nativeSize(p.detector)
    const pitchX = (native.width * PIXEL_SIZE_MM) / image.width
    const pitchY = (native.height * PIXEL_SIZE_MM) / image.height
    const q = p.quarterTurns
    // Image offset (a, b) shows at focal-plane R(q·90°)(a, b); canvas x = +fp x, canvas y = −fp y.
    // Inverted: q=0 a=+x b=−y; q=1 a=−y b=−x; q=2 a=−x b=+y; q=3 a=+y b=+x.
    let colFromX = true
    let colSign = 1
    let rowSign = 1
    if (q === 0) {
      colSign = 1
      rowSign = -1
    } else if (q === 1) {
      colFromX = false
      colSign = -1
      rowSign = -1
    } else if (q === 2) {
      colSign = -1
      rowSign = 1
    } else {
      colFromX = false
      colSign = 1
      rowSign = 1
    }
    const xs = p.x0
    const ys = p.y0
    const colIdx = colFromX
      ? axisIndex(p.x0, p.x1, p.cx, scaleMm, pitchX, image.width, colSign)
      : axisIndex(p.y0, p.y1, p.cy, scaleMm, pitchX, image.width, colSign)
    const rowIdx = colFromX
      ? axisIndex(p.y0, p.y1, p.cy, scaleMm, pitchY, image.height, rowSign)
      : axisIndex(p.x0, p.x1, p.cx, scaleMm, pitchY, image.height, rowSign)
    const px = image.pixels
    const w = image.width
    const cw = layout.width
    for (let y = p.y0; y < p.y1; y++) {
      const out = y * cw
      if (colFromX) {
        const row = rowIdx[y - ys] as number
        if (row < 0) continue
        const base = row * w
        for (let x = p.x0; x < p.x1; x++) {
          const col = colIdx[x - xs] as number
          if (col >= 0) canvas[out + x] = scale(px[base + col] as number)
        }
      } else {
        const col = colIdx[y - ys] as number
        if (col < 0) continue
        for (let x = p.x0; x < p.x1; x++) {
          const row = rowIdx[x - xs] as number
          if (row >= 0) canvas[out + x] = scale(px[row * w + col] as number)
        }
      }
    }
  }
  return { layout, pixels: canvas }
}

/** The mosaic as JPEG (default) or PNG bytes, plus its layout (for callers that annotate). */
export async function renderFocalPlaneMosaic(
  images: readonly BinnedImage[],
  options: MosaicOptions = {},
): Promise<RenderedImage & { readonly layout: CanvasLayout }> {
  const { layout, pixels } = composeMosaic(images, options)
  const encoded = await encodeRaster(pixels, layout.width, layout.height, 1, options)
  return { ...encoded, layout }
}
