// Movies of image sequences (guider full_movie / star_movie): every frame scaled with one display
// range over the whole sequence, so brightness changes stay visible, then encoded by ffmpeg.
import { badInput } from '../errors.ts'
import { encodeRaster } from '../image/encode.ts'
import { DEFAULT_SCALING, type DisplayScaling, displayRange, makeScaler } from '../image/scale.ts'
import type { Image2D } from '../types.ts'
import { encodeMovie, type MovieOptions, type RenderedMovie } from './ffmpeg.ts'

export interface SequenceMovieOptions extends MovieOptions {
  readonly scaling?: DisplayScaling
  /** Integer enlargement of each frame (small guider stamps), nearest-neighbour (default 1). */
  readonly upscale?: number
}

export async function renderImageSequenceMovie(
  frames: readonly Image2D[],
  options: SequenceMovieOptions = {},
): Promise<RenderedMovie> {
  if (frames.length === 0) badInput('a movie needs at least one frame')
  const range = displayRange(
    frames.map((f) => f.pixels),
    options.scaling?.range ?? DEFAULT_SCALING.range,
  )
  const scale = makeScaler(range, options.scaling?.stretch ?? DEFAULT_SCALING.stretch, options.scaling?.asinhA)
  const k = Math.max(1, Math.floor(options.upscale ?? 1))
  const jpegs = await Promise.all(
    frames.map(async (f, index) => {
      if (f.pixels.length !== f.width * f.height)
        badInput(`frame ${index}: ${f.width}×${f.height} but ${f.pixels.length} pixels`)
      const W = f.width * k
      const H = f.height * k
      const out = new Uint8Array(W * H)
      for (let y = 0; y < H; y++) {
        const src = (f.height - 1 - Math.floor(y / k)) * f.width
        for (let x = 0; x < W; x++) out[y * W + x] = scale(f.pixels[src + Math.floor(x / k)] as number)
      }
      return (await encodeRaster(out, W, H, 1, { format: 'jpeg', quality: 92 })).bytes
    }),
  )
  return encodeMovie(jpegs, options)
}
