// Camera geometry (obs_lsst generated camera YAML) -> amplifier layout per physical type and
// per-amplifier electronics (gain, read noise, saturation) per detector -> our own data module.
import { constStatement, type Literal } from './literal.ts'

/** obs_lsst `[[x0, y0], [width, height]]` boxes, 0-based pixels. */
export interface Box {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export interface AmplifierFacts {
  readonly name: string
  /** Column and row of the amplifier in the assembled detector (obs_lsst `ixy`). */
  readonly ix: number
  readonly iy: number
  readonly rawFlipX: boolean
  readonly rawFlipY: boolean
  readonly rawBBox: Box
  readonly rawDataBBox: Box
  readonly rawSerialPrescanBBox: Box
  readonly rawSerialOverscanBBox: Box
  readonly rawParallelPrescanBBox: Box
  readonly rawParallelOverscanBBox: Box
  /** Where the trimmed data lands in the assembled detector: (ix, iy) times the data size. */
  readonly bbox: Box
}

export interface LayoutFacts {
  readonly width: number
  readonly height: number
  readonly amplifiers: readonly AmplifierFacts[]
}

export interface ElectronicsFacts {
  readonly gain: readonly number[]
  readonly readNoise: readonly number[]
  readonly saturation: readonly number[]
}

export interface AmplifierCameraFacts {
  /** Layout per physical type; every detector of a type must agree. */
  readonly layouts: ReadonlyMap<string, LayoutFacts>
  /** Detector name -> per-amplifier values, in the layout's amplifier order. */
  readonly electronics: ReadonlyMap<string, ElectronicsFacts>
}

type Raw = Record<string, unknown>

function fail(file: string, message: string): never {
  throw new Error(`${file}: ${message}`)
}

function num(file: string, where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(file, `${where} is not a finite number`)
  return value === 0 ? 0 : value
}

function box(file: string, where: string, value: unknown): Box {
  const ok = Array.isArray(value) && value.length === 2 && value.every((p) => Array.isArray(p) && p.length === 2)
  if (!ok) fail(file, `${where} is not [[x0, y0], [width, height]]`)
  const [[x, y], [width, height]] = value as [[unknown, unknown], [unknown, unknown]]
  return {
    x: num(file, where, x),
    y: num(file, where, y),
    width: num(file, where, width),
    height: num(file, where, height),
  }
}

function flag(file: string, where: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(file, `${where} is not a boolean`)
  return value
}

function amplifier(file: string, where: string, name: string, raw: Raw): AmplifierFacts {
  const ixy = raw.ixy
  if (!Array.isArray(ixy) || ixy.length !== 2) fail(file, `${where}.ixy is not [ix, iy]`)
  const flips = raw.flipXY
  if (!Array.isArray(flips) || flips.length !== 2) fail(file, `${where}.flipXY is not [x, y]`)
  const ix = num(file, `${where}.ixy`, ixy[0])
  const iy = num(file, `${where}.ixy`, ixy[1])
  const rawDataBBox = box(file, `${where}.rawDataBBox`, raw.rawDataBBox)
  return {
    name,
    ix,
    iy,
    rawFlipX: flag(file, `${where}.flipXY[0]`, flips[0]),
    rawFlipY: flag(file, `${where}.flipXY[1]`, flips[1]),
    rawBBox: box(file, `${where}.rawBBox`, raw.rawBBox),
    rawDataBBox,
    rawSerialPrescanBBox: box(file, `${where}.rawSerialPrescanBBox`, raw.rawSerialPrescanBBox),
    rawSerialOverscanBBox: box(file, `${where}.rawSerialOverscanBBox`, raw.rawSerialOverscanBBox),
    rawParallelPrescanBBox: box(file, `${where}.rawParallelPrescanBBox`, raw.rawParallelPrescanBBox),
    rawParallelOverscanBBox: box(file, `${where}.rawParallelOverscanBBox`, raw.rawParallelOverscanBBox),
    // obs_lsst (yamlCamera) places each amplifier's trimmed data at ixy * data size.
    bbox: {
      x: ix * rawDataBBox.width,
      y: iy * rawDataBBox.height,
      width: rawDataBBox.width,
      height: rawDataBBox.height,
    },
  }
}

function layoutOf(file: string, name: string, raw: Raw): LayoutFacts {
  const bbox = raw.bbox
  // obs_lsst detector bbox is [[xmin, ymin], [xmax, ymax]], inclusive.
  if (!Array.isArray(bbox) || bbox.length !== 2) fail(file, `${name}.bbox is not [[x0, y0], [x1, y1]]`)
  const [[x0, y0], [x1, y1]] = bbox as [[unknown, unknown], [unknown, unknown]]
  const amps = (raw.amplifiers ?? fail(file, `${name}: no amplifiers`)) as Record<string, Raw>
  // Keep the file's order: it is the readout (HDU) order, C10..C17 then C07..C00.
  const amplifiers = Object.entries(amps).map(([amp, a]) => amplifier(file, `${name}.${amp}`, amp, a))
  return {
    width: num(file, `${name}.bbox`, x1) - num(file, `${name}.bbox`, x0) + 1,
    height: num(file, `${name}.bbox`, y1) - num(file, `${name}.bbox`, y0) + 1,
    amplifiers,
  }
}

function electronicsOf(file: string, name: string, raw: Raw): ElectronicsFacts {
  const amps = Object.entries(raw.amplifiers as Record<string, Raw>)
  return {
    gain: amps.map(([amp, a]) => num(file, `${name}.${amp}.gain`, a.gain)),
    readNoise: amps.map(([amp, a]) => num(file, `${name}.${amp}.readNoise`, a.readNoise)),
    saturation: amps.map(([amp, a]) => num(file, `${name}.${amp}.saturation`, a.saturation)),
  }
}

/** Layouts and electronics from an already parsed camera document (merge keys resolved). */
export function readAmplifiers(file: string, doc: Raw): AmplifierCameraFacts {
  const ccds = (doc.CCDs ?? fail(file, 'no CCDs section')) as Record<string, Raw>
  const layouts = new Map<string, LayoutFacts>()
  const electronics = new Map<string, ElectronicsFacts>()
  for (const [name, raw] of Object.entries(ccds)) {
    const type = String(raw.physicalType)
    const layout = layoutOf(file, name, raw)
    const known = layouts.get(type)
    if (known === undefined) layouts.set(type, layout)
    else if (JSON.stringify(known) !== JSON.stringify(layout))
      fail(file, `${name}: amplifier layout differs from other ${type} detectors`)
    electronics.set(name, electronicsOf(file, name, raw))
  }
  return { layouts, electronics }
}

const HEADER = [
  '// Generated by tools/extract-reference from obs_lsst camera geometry (facts only). Do not edit.',
  '// Source: reference-data/camera/lsstCam.yaml and latiss.yaml (lsst/obs_lsst, GPL-3.0-or-later); only amplifier',
  '// boxes, flips and per-amplifier gain, read noise and saturation are kept. Regenerate with',
  '// `node tools/extract-reference/src/main.ts`.',
].join('\n')

const TYPE_ORDER = ['E2V', 'ITL', 'ITL_G', 'ITL_WF']

function layoutsLiteral(layouts: ReadonlyMap<string, LayoutFacts>): Literal {
  const out: Record<string, Literal> = {}
  for (const type of TYPE_ORDER) {
    const layout = layouts.get(type)
    if (layout === undefined) throw new Error(`amplifiers: no ${type} detector in the LSSTCam geometry`)
    out[type] = {
      width: layout.width,
      height: layout.height,
      amplifiers: layout.amplifiers.map((a) => ({ ...a }) as unknown as Literal),
    }
  }
  return out
}

function electronicsLiteral(electronics: ReadonlyMap<string, ElectronicsFacts>): Literal {
  const out: Record<string, Literal> = {}
  for (const [name, e] of [...electronics].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[name] = { ...e }
  return out
}

/**
 * The data module: one layout per physical type (from LSSTCam; LATISS's ITL must be the same
 * layout, which is checked) and the per-amplifier electronics of each LSSTCam and LATISS detector.
 */
export function renderAmplifiers(lsstcam: AmplifierCameraFacts, latiss: AmplifierCameraFacts): string {
  for (const [type, layout] of latiss.layouts) {
    const same = lsstcam.layouts.get(type)
    if (same === undefined || JSON.stringify(same) !== JSON.stringify(layout)) {
      throw new Error(`latiss.yaml: ${type} amplifier layout differs from lsstCam.yaml's; the data module assumes one`)
    }
  }
  const isBox = (v: { readonly [key: string]: Literal }) => 'width' in v && 'height' in v && 'x' in v
  const isAmp = (v: { readonly [key: string]: Literal }) => 'rawFlipX' in v
  return [
    `${HEADER}\n`,
    '/**',
    ' * Amplifier layout per physical type. Boxes are 0-based `{ x, y, width, height }`; raw boxes are in the',
    " * amplifier's readout order (as in the raw FITS extension), `bbox` is in the assembled detector. Amplifiers",
    ' * are in readout (HDU) order. `rawFlipX/Y`: flip the raw data section to get assembled orientation.',
    ' */',
    constStatement('AMPLIFIER_LAYOUTS', layoutsLiteral(lsstcam.layouts), { expand: (v) => isAmp(v) && !isBox(v) }),
    '/** LSSTCam per-amplifier gain (e-/ADU), read noise (e-) and saturation (ADU), by detector name, in layout order. */',
    constStatement('LSSTCAM_AMPLIFIER_ELECTRONICS', electronicsLiteral(lsstcam.electronics)),
    '/** LATISS per-amplifier gain (e-/ADU), read noise (e-) and saturation (ADU), in layout order. */',
    constStatement('LATISS_AMPLIFIER_ELECTRONICS', electronicsLiteral(latiss.electronics)),
  ].join('\n')
}
