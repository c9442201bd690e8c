// 8-bit raster → encoded bytes with sharp (libvips). One encode per product.
import sharp from 'sharp'

export type ImageFormat = 'jpeg' | 'png'

/** Encoded product bytes and what a caller needs to store them (extension for the contract's key builders). */
export interface RenderedImage {
  readonly bytes: Buffer
  readonly format: ImageFormat
  readonly ext: 'jpg' | 'png'
  readonly mimeType: 'image/jpeg' | 'image/png'
  readonly width: number
  readonly height: number
}

export interface EncodeOptions {
  readonly format?: ImageFormat
  /** JPEG quality 1..100 (default 85). */
  readonly quality?: number
  /** A caption drawn in a band above the image (e.g. "LSSTCam 2025-11-15 #226"). */
  readonly title?: string
}

const TITLE_BAND = 36

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
}

function titleSvg(title: string, width: number): Buffer {
  const size = Math.min(22, Math.max(10, Math.floor(width / 40)))
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${TITLE_BAND}">` +
      `<text x="8" y="${TITLE_BAND / 2 + size / 3}" font-family="DejaVu Sans, Liberation Sans, sans-serif" ` +
      `font-size="${size}" fill="#ffffff">${escapeXml(title)}</text></svg>`,
  )
}

/** Encode a raster (1 = grey, 3 = RGB channels), row 0 at the top. */
export async function encodeRaster(
  data: Uint8Array,
  width: number,
  height: number,
  channels: 1 | 3,
  options: EncodeOptions = {},
): Promise<RenderedImage> {
  const format = options.format ?? 'jpeg'
  let pipeline = sharp(data, { raw: { width, height, channels } })
  let outHeight = height
  if (options.title !== undefined) {
    outHeight = height + TITLE_BAND
    pipeline = pipeline
      .extend({ top: TITLE_BAND, background: { r: 0, g: 0, b: 0 } })
      .composite([{ input: titleSvg(options.title, width), top: 0, left: 0 }])
  }
  const bytes =
    format === 'jpeg'
      ? await pipeline.jpeg({ quality: options.quality ?? 85, mozjpeg: false }).toBuffer()
      : await pipeline.png({ compressionLevel: 6 }).toBuffer()
  return {
    bytes,
    format,
    ext: format === 'jpeg' ? 'jpg' : 'png',
    mimeType: format === 'jpeg' ? 'image/jpeg' : 'image/png',
    width,
    height: outHeight,
  }
}
