// One exposure: truth for each detector, its pixels, its raw file, and its ExposureRecord.
import {
  type Detector,
  detectorById,
  detectorsOf,
  type ExposureRecord,
  exposureId as exposureIdOf,
  obsId as obsIdOf,
  type Result,
} from '@rubin/ra-contract'
import { type FitsEncoder, type ImageHdu, plainFitsEncoder } from './fits.ts'
import { amplifierCards, type ExposureIdentity, guiderStampCards, primaryCards } from './headers.ts'
import { INSTRUMENT_FACTS } from './instruments.ts'
import { binnedLayout } from './layout.ts'
import { expectedElectrons, guiderStamps, type RawAmplifier, readOut } from './render.ts'
import { detectorTruth, type Resolved } from './scene.ts'
import {
  CWFS_DEFOCUS_MM,
  DROPPED_KEYWORD,
  EXPOSURE_TIME_DEFAULT,
  type ExposureSpec,
  IMAGE_TYPES,
  UNKNOWN_DETECTOR_NAME,
} from './spec.ts'
import { type DetectorTruth, type ExposureTruth, TRUTH_SCHEMA_VERSION } from './truth.ts'

export class SimulatorError extends Error {
  readonly code: 'SIM_BAD_SPEC' | 'SIM_UNKNOWN_DETECTOR'
  constructor(code: SimulatorError['code'], message: string) {
    super(`${code}: ${message}`)
    this.name = 'SimulatorError'
    this.code = code
  }
}

export interface SimulatedExposure {
  /** Raw file bytes per detector name. */
  readonly files: Map<string, Uint8Array>
  readonly truth: ExposureTruth
  readonly record: ExposureRecord
  /** The raw amplifier images per detector name, when asked for (tests). */
  readonly amplifiers?: Map<string, RawAmplifier[]>
}

export interface SimulateOptions {
  readonly encoder?: FitsEncoder
  /** Whether the encoder compresses (RICE_1 is requested per extension). Default false. */
  readonly compress?: boolean
  /** Keep the raw amplifier arrays in the result (for tests; memory heavy at full size). */
  readonly keepPixels?: boolean
}

function unwrap<T>(result: Result<T>, what: string): T {
  if (result.ok) return result.value
  throw new SimulatorError('SIM_BAD_SPEC', `${what}: ${result.issues.map((i) => i.message).join('; ')}`)
}

export function resolveSpec(spec: ExposureSpec): Resolved {
  const exposureTime = spec.exposureTime ?? EXPOSURE_TIME_DEFAULT[spec.imageType]
  const focusZ = spec.focusZ ?? (spec.imageType === 'cwfs' ? -CWFS_DEFOCUS_MM : 0)
  return {
    spec,
    exposureTime: spec.imageType === 'bias' ? 0 : exposureTime,
    band: spec.band ?? 'r',
    seeing: spec.seeing ?? 0.8,
    focusZ,
    binning: spec.binning ?? 1,
  }
}

export function exposureIdentity(resolved: Resolved): ExposureIdentity {
  const { spec } = resolved
  const controller = spec.controller ?? 'O'
  const parts = { instrument: spec.instrument, controller, dayObs: spec.dayObs, seqNum: spec.seqNum }
  return {
    obsId: unwrap(obsIdOf(parts), 'obs id'),
    exposureId: unwrap(exposureIdOf(parts), 'exposure id'),
    controller,
    groupId: spec.groupId ?? spec.start.toISOString().slice(0, 23),
    physicalFilter: spec.physicalFilter ?? INSTRUMENT_FACTS[spec.instrument].filters[resolved.band] ?? 'empty',
    end: new Date(spec.start.getTime() + resolved.exposureTime * 1000),
  }
}

export function selectDetectors(spec: ExposureSpec): Detector[] {
  if (spec.detectors === undefined) return [...detectorsOf(spec.instrument)]
  return spec.detectors.map((id) => {
    const found = detectorById(spec.instrument, id)
    if (found === undefined)
      throw new SimulatorError('SIM_UNKNOWN_DETECTOR', `${spec.instrument} has no detector ${id}`)
    return found
  })
}

export function exposureRecord(resolved: Resolved, identity: ExposureIdentity, rawUri?: string): ExposureRecord {
  const { spec } = resolved
  const el = spec.elevation
  return {
    instrument: spec.instrument,
    exposureId: identity.exposureId,
    obsId: identity.obsId,
    dayObs: spec.dayObs,
    seqNum: spec.seqNum,
    controller: identity.controller as ExposureRecord['controller'],
    groupId: identity.groupId,
    observationType: IMAGE_TYPES[spec.imageType].observationType,
    observationReason:
      spec.observationReason ??
      (spec.imageType === 'cwfs' ? (resolved.focusZ < 0 ? 'intra' : 'extra') : spec.imageType),
    physicalFilter: identity.physicalFilter,
    exposureTime: resolved.exposureTime,
    darkTime: spec.imageType === 'bias' ? 0 : resolved.exposureTime + 1,
    targetName: spec.targetName ?? (spec.imageType === 'science' ? 'simulated_field' : ''),
    scienceProgram: spec.scienceProgram ?? 'SIMULATION',
    trackingRa: spec.ra ?? null,
    trackingDec: spec.dec ?? null,
    skyAngle: spec.rotation ?? null,
    azimuth: spec.azimuth ?? null,
    zenithAngle: el === undefined ? null : 90 - el,
    canSeeSky: spec.imageType === 'science' || spec.imageType === 'cwfs' || spec.imageType === 'acquisition',
    timespanBegin: spec.start.toISOString(),
    timespanEnd: identity.end.toISOString(),
    ...(rawUri === undefined ? {} : { rawUri }),
  }
}

/** One detector: its truth, raw amplifier images and the file's HDUs. */
export function simulateDetector(
  resolved: Resolved,
  identity: ExposureIdentity,
  detector: Detector,
  compress: boolean,
): { truth: DetectorTruth; hdus: ImageHdu[]; amplifiers: RawAmplifier[] } {
  const layout = binnedLayout(detector, resolved.binning)
  const truth = detectorTruth(resolved, detector, layout)
  const amplifiers = readOut(truth, layout, expectedElectrons(truth), resolved.spec.seed)
  const hdus: ImageHdu[] = [{ header: primaryCards(resolved, identity, detector, layout, resolved.binning) }]
  layout.amplifiers.forEach((amp, i) => {
    const raw = amplifiers[i] as RawAmplifier
    hdus.push({
      header: amplifierCards(amp, layout, i + 1, resolved.binning),
      image: { width: raw.width, height: raw.height, bitpix: 32, data: raw.data },
      ...(compress ? { compress: 'RICE_1' as const } : {}),
    })
  })
  const stamps = guiderStamps(truth, resolved.spec.seed)
  stamps.forEach((stamp, i) => {
    const t = truth.guider?.stamps[i]?.t ?? 0
    const origin = { x: truth.guider?.originX ?? 0, y: truth.guider?.originY ?? 0 }
    hdus.push({
      header: guiderStampCards(i, t, origin),
      image: { width: stamp.width, height: stamp.height, bitpix: 32, data: stamp.data },
      ...(compress ? { compress: 'RICE_1' as const } : {}),
    })
  })
  return { truth, hdus, amplifiers }
}

/** Every selected detector of one exposure, with its truth and ExposureRecord. */
export function simulateExposure(spec: ExposureSpec, options: SimulateOptions = {}): SimulatedExposure {
  const resolved = resolveSpec(spec)
  const identity = exposureIdentity(resolved)
  const encode = options.encoder ?? plainFitsEncoder
  const files = new Map<string, Uint8Array>()
  const kept = options.keepPixels === true ? new Map<string, RawAmplifier[]>() : undefined
  const detectors: DetectorTruth[] = []
  for (const [i, detector] of selectDetectors(spec).entries()) {
    const made = simulateDetector(resolved, identity, detector, options.compress ?? false)
    const first = i === 0
    if (first && spec.fault === 'missingKeyword') {
      const primary = made.hdus[0] as ImageHdu
      made.hdus[0] = { ...primary, header: primary.header.filter((c) => c.key !== DROPPED_KEYWORD) }
    }
    const bytes = encode(made.hdus)
    files.set(detector.name, first && spec.fault === 'truncated' ? bytes.slice(0, Math.floor(bytes.length / 2)) : bytes)
    if (first && spec.fault === 'unknownDetector') files.set(UNKNOWN_DETECTOR_NAME, bytes)
    detectors.push(made.truth)
    kept?.set(detector.name, made.amplifiers)
  }
  const truth: ExposureTruth = {
    schemaVersion: TRUTH_SCHEMA_VERSION,
    instrument: spec.instrument,
    obsId: identity.obsId,
    exposureId: identity.exposureId,
    dayObs: spec.dayObs,
    seqNum: spec.seqNum,
    imageType: spec.imageType,
    exposureTime: resolved.exposureTime,
    band: resolved.band,
    physicalFilter: identity.physicalFilter,
    focusZ: resolved.focusZ,
    seed: spec.seed,
    binning: resolved.binning,
    pixelScaleArcsec: INSTRUMENT_FACTS[spec.instrument].pixelScaleArcsec,
    detectors,
  }
  return {
    files,
    truth,
    record: exposureRecord(resolved, identity),
    ...(kept === undefined ? {} : { amplifiers: kept }),
  }
}
