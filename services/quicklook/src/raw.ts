// Step1a from raw FITS bytes: read the MEF (RICE_1 tile-compressed or plain), match the
// amplifier HDUs to the detector's layout by EXTNAME, run the quicklook. Every failure is a
// QuicklookError with a stable code, so the worker can dead-letter it and carry on.
import { type Detector, type SensorLayout, sensorLayoutOf } from '@rubin/ra-contract'
import { type FitsFile, type FitsHdu, isFitsError, readFits } from '@rubin/ra-fits'
import { QuicklookError } from './errors.ts'
import type { GuiderStamp } from './guider.ts'
import type { Image } from './image.ts'
import type { AmpGeometry, DetectorGeometry } from './layout.ts'
import { ampGeometryFromHeader, parseSection } from './sections.ts'
import { runStep1aOnAmps, type Step1aOptions, type Step1aResult } from './step1a.ts'

export interface RawStep1aOptions extends Step1aOptions {
  /** Geometry to use instead of the contract's `sensorLayoutOf(detector)`. */
  readonly layout?: DetectorGeometry
}

/** Parse FITS bytes, turning the FITS library's errors into RA_QUICKLOOK_BAD_FITS. */
export function openRaw(bytes: Uint8Array): FitsFile {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
    throw new QuicklookError('RA_QUICKLOOK_BAD_FITS', 'raw is empty: expected the bytes of a FITS file')
  }
  try {
    return readFits(bytes)
  } catch (error) {
    throw asQuicklookError(error, 'raw')
  }
}

function asQuicklookError(error: unknown, what: string): unknown {
  if (error instanceof QuicklookError) return error
  if (isFitsError(error)) {
    const code = error.code === 'FITS_MISSING_KEYWORD' ? 'RA_QUICKLOOK_MISSING_KEYWORD' : 'RA_QUICKLOOK_BAD_FITS'
    return new QuicklookError(code, `${what} is not readable FITS (${error.code}): ${error.message}`, { cause: error })
  }
  return error
}

/** The contract layout of a detector, or RA_QUICKLOOK_UNKNOWN_DETECTOR. */
export function layoutOf(detector: Detector): SensorLayout {
  try {
    const layout = sensorLayoutOf(detector)
    if (layout === undefined || layout.amplifiers.length === 0) throw new Error('no amplifiers')
    return layout
  } catch (error) {
    throw new QuicklookError(
      'RA_QUICKLOOK_UNKNOWN_DETECTOR',
      `no amplifier geometry for detector ${detector?.id ?? '?'} (${detector?.name ?? '?'}, ${detector?.physicalType ?? '?'}): ${(error as Error).message}`,
      { cause: error },
    )
  }
}

/** Decoded physical pixels of an HDU (Int32 kept as is when no scaling applies). */
function pixelsOf(hdu: FitsHdu): Image {
  const img = hdu.image()
  if (img.bscale === 1 && img.bzero === 0) return { width: img.width, height: img.height, pixels: img.data }
  return { width: img.width, height: img.height, pixels: hdu.toFloat32() }
}

/** The amplifier images of a raw in the layout's order, and the geometry that fits them. */
export function amplifiersOf(
  file: FitsFile,
  layout: DetectorGeometry,
): { readonly raws: Image[]; readonly geometry: DetectorGeometry } {
  const imageHdus = file.hdus.filter((h) => h.hasImage)
  if (imageHdus.length === 0) throw new QuicklookError('RA_QUICKLOOK_BAD_FITS', 'raw has no image extensions')
  const byName = new Map(imageHdus.filter((h) => h.name !== undefined).map((h) => [h.name?.trim().toUpperCase(), h]))
  const hdus = layout.amplifiers.map((amp, i) => {
    const want = (amp.extname ?? `Segment${amp.name.slice(1)}`).toUpperCase()
    const hdu = byName.get(want) ?? (byName.size === 0 ? imageHdus[i] : undefined)
    if (hdu === undefined) {
      throw new QuicklookError(
        'RA_QUICKLOOK_GEOMETRY_MISMATCH',
        `raw has no extension ${amp.extname ?? amp.name} (found: ${[...byName.keys()].join(', ') || 'none'}); ${layout.amplifiers.length} amplifiers expected`,
      )
    }
    return hdu
  })
  const raws = hdus.map((hdu) => {
    try {
      return pixelsOf(hdu)
    } catch (error) {
      throw asQuicklookError(error, `extension ${hdu.name ?? hdu.index}`)
    }
  })
  const sizesMatch = raws.every((r, i) => {
    const amp = layout.amplifiers[i] as AmpGeometry
    const box = amp.rawBBox
    return r.width === box.width && r.height === box.height && dataSectionAgrees((hdus[i] as FitsHdu).header, amp)
  })
  if (sizesMatch) return { raws, geometry: layout }
  // Different amplifier size (binned or another camera's readout): trust the raw's sections.
  const amplifiers: AmpGeometry[] = layout.amplifiers.map((amp, i) =>
    ampGeometryFromHeader((hdus[i] as FitsHdu).header, raws[i] as Image, amp.name, amp),
  )
  const width = Math.max(...amplifiers.map((a) => a.bbox.x + a.bbox.width))
  const height = Math.max(...amplifiers.map((a) => a.bbox.y + a.bbox.height))
  // The sections must tile a rectangle from (0, 0): otherwise this raw is not this detector.
  const area = amplifiers.reduce((n, a) => n + a.bbox.width * a.bbox.height, 0)
  const x0 = Math.min(...amplifiers.map((a) => a.bbox.x))
  const y0 = Math.min(...amplifiers.map((a) => a.bbox.y))
  if (area !== width * height || x0 !== 0 || y0 !== 0) {
    throw new QuicklookError(
      'RA_QUICKLOOK_GEOMETRY_MISMATCH',
      `the raw's amplifier sections do not tile a ${layout.amplifiers.length}-amplifier detector (they cover ${area} of ${width}×${height} pixels): is this raw from another detector type?`,
    )
  }
  return { raws, geometry: { width, height, amplifiers } }
}

/** True unless the header has a DATASEC that disagrees with the layout's data box. */
function dataSectionAgrees(header: FitsHdu['header'], amp: AmpGeometry): boolean {
  const text = header.get('DATASEC')
  if (typeof text !== 'string') return true
  try {
    const { box } = parseSection(text)
    const want = amp.rawDataBBox
    return box.x === want.x && box.y === want.y && box.width === want.width && box.height === want.height
  } catch {
    return true // unparsable: the layout decides
  }
}

/** Per-detector quicklook from the raw FITS bytes of one detector. */
export function runStep1a(rawFitsBytes: Uint8Array, detector: Detector, options: RawStep1aOptions = {}): Step1aResult {
  const layout = options.layout ?? layoutOf(detector)
  const file = openRaw(rawFitsBytes)
  const { raws, geometry } = amplifiersOf(file, layout)
  return runStep1aOnAmps(raws, geometry, options)
}

/** Guider stamp extensions of a raw (EXTNAME GUIDERnnn with STMPTIME, as the camera simulator writes them), in time order. */
export function guiderStampsOf(file: FitsFile): GuiderStamp[] {
  const stamps = file.hdus
    .filter((h) => h.hasImage && /^GUIDER\d+$/i.test(h.name?.trim() ?? ''))
    .map((h) => {
      const t = h.header.get('STMPTIME')
      if (typeof t !== 'number') {
        throw new QuicklookError(
          'RA_QUICKLOOK_MISSING_KEYWORD',
          `guider stamp ${h.name}: STMPTIME is missing or not a number`,
        )
      }
      return { t, image: pixelsOf(h) }
    })
  return stamps.sort((a, b) => a.t - b.t)
}
