// Amplifier geometry from the raw's own header sections (DATASEC, BIASSEC, DETSEC with its
// high-to-low ranges for flipped amplifiers): used when the raw's amplifier size differs from
// the camera geometry, e.g. binned simulator raws.
import { QuicklookError } from './errors.ts'
import type { AmpGeometry, Box } from './layout.ts'

export interface Section {
  readonly box: Box
  readonly flipX: boolean
  readonly flipY: boolean
}

const SECTION = /^\s*\[\s*(\d+)\s*:\s*(\d+)\s*,\s*(\d+)\s*:\s*(\d+)\s*\]\s*$/

/** `[x1:x2,y1:y2]` (1-based, inclusive; a high-to-low range means flipped) → 0-based box. */
export function parseSection(text: string, what = 'section'): Section {
  const m = SECTION.exec(text)
  if (m === null) {
    throw new QuicklookError('RA_QUICKLOOK_MISSING_KEYWORD', `${what} '${text}' is not a FITS section [x1:x2,y1:y2]`)
  }
  const [x1, x2, y1, y2] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number]
  return {
    box: {
      x: Math.min(x1, x2) - 1,
      y: Math.min(y1, y2) - 1,
      width: Math.abs(x2 - x1) + 1,
      height: Math.abs(y2 - y1) + 1,
    },
    flipX: x2 < x1,
    flipY: y2 < y1,
  }
}

export interface SectionHeader {
  get(key: string): unknown
}

/** One amplifier's geometry from its header; gain and saturation come from the caller (camera geometry). */
export function ampGeometryFromHeader(
  header: SectionHeader,
  raw: { readonly width: number; readonly height: number },
  name: string,
  electronics: { readonly gain: number | null; readonly saturation: number | null },
): AmpGeometry {
  const text = (key: string): string => {
    const v = header.get(key)
    if (typeof v !== 'string') {
      throw new QuicklookError(
        'RA_QUICKLOOK_MISSING_KEYWORD',
        `amplifier ${name}: header keyword ${key} is missing or not a string`,
      )
    }
    return v
  }
  const data = parseSection(text('DATASEC'), `${name} DATASEC`)
  const bias = parseSection(text('BIASSEC'), `${name} BIASSEC`)
  const det = parseSection(text('DETSEC'), `${name} DETSEC`)
  if (det.box.width !== data.box.width || det.box.height !== data.box.height) {
    throw new QuicklookError(
      'RA_QUICKLOOK_GEOMETRY_MISMATCH',
      `amplifier ${name}: DATASEC is ${data.box.width}×${data.box.height} but DETSEC is ${det.box.width}×${det.box.height}`,
    )
  }
  return {
    name,
    rawBBox: { x: 0, y: 0, width: raw.width, height: raw.height },
    rawDataBBox: data.box,
    rawSerialOverscanBBox: bias.box,
    rawFlipX: det.flipX,
    rawFlipY: det.flipY,
    bbox: det.box,
    gain: electronics.gain,
    saturation: electronics.saturation,
  }
}
