// What one simulated exposure is: the observing conditions the plan gives, as data.
import { type Static, Type } from '@sinclair/typebox'

/** Image types, with the butler's observationType and the camera's IMGTYPE keyword. */
export const IMAGE_TYPES = {
  bias: { observationType: 'bias', imgtype: 'BIAS' },
  dark: { observationType: 'dark', imgtype: 'DARK' },
  flat: { observationType: 'flat', imgtype: 'FLAT' },
  science: { observationType: 'science', imgtype: 'OBJECT' },
  cwfs: { observationType: 'cwfs', imgtype: 'CWFS' },
  acquisition: { observationType: 'acq', imgtype: 'ACQ' },
} as const
export type ImageType = keyof typeof IMAGE_TYPES
export const ImageTypeSchema = Type.Union(
  (Object.keys(IMAGE_TYPES) as ImageType[]).map((t) => Type.Literal(t)),
  { description: 'bias, dark, flat, science, cwfs (one of a pair) or acquisition' },
)

/** Bad input for scenarios, applied to the first detector written. */
export const FAULTS = {
  truncated: 'the raw file is cut to half its length',
  missingKeyword: 'the primary header lacks the FILTER keyword',
  unknownDetector: 'an extra raw file for a detector the instrument does not have (R99_S99)',
} as const
export type Fault = keyof typeof FAULTS
/** The keyword a missingKeyword fault drops. */
export const DROPPED_KEYWORD = 'FILTER'
/** The detector name an unknownDetector fault writes. */
export const UNKNOWN_DETECTOR_NAME = 'R99_S99'
export const FaultSchema = Type.Union((Object.keys(FAULTS) as Fault[]).map((f) => Type.Literal(f)))

/** The options of one exposure that a plan may set; the rest have defaults (see exposureDefaults). */
export const ExposureOptions = Type.Object(
  {
    imageType: ImageTypeSchema,
    exposureTime: Type.Optional(Type.Number({ minimum: 0, description: 'Seconds (bias: 0).' })),
    band: Type.Optional(Type.String({ description: 'u g r i z y', pattern: '^[ugrizy]$' })),
    physicalFilter: Type.Optional(Type.String()),
    ra: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
    dec: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    azimuth: Type.Optional(Type.Number()),
    elevation: Type.Optional(Type.Number({ minimum: 0, maximum: 90 })),
    rotation: Type.Optional(Type.Number({ description: 'Sky angle, degrees.' })),
    seeing: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'PSF FWHM at the field centre, arcsec.' })),
    focusZ: Type.Optional(
      Type.Number({ description: 'Camera defocus for cwfs images, mm: negative intra-focal, positive extra-focal.' }),
    ),
    targetName: Type.Optional(Type.String()),
    observationReason: Type.Optional(Type.String()),
    scienceProgram: Type.Optional(Type.String()),
    groupId: Type.Optional(Type.String()),
    fault: Type.Optional(FaultSchema),
  },
  { additionalProperties: false },
)
export type ExposureOptions = Static<typeof ExposureOptions>

export interface ExposureSpec extends ExposureOptions {
  readonly instrument: 'LSSTCam' | 'LATISS' | 'LSSTComCam' | 'LSSTComCamSim'
  readonly dayObs: number
  readonly seqNum: number
  readonly controller?: 'O' | 'C' | 'S'
  /** UTC start of the exposure. */
  readonly start: Date
  readonly seed: number
  /** Detector ids to make; default every detector of the instrument. */
  readonly detectors?: readonly number[]
  /** Divide every amplifier box by this (1: real size). */
  readonly binning?: number
  /** Write guider stamp sequences on guider detectors (LSSTCam). Default true. */
  readonly guiderStamps?: boolean
}

/** Defaults per image type: exposure time, and what the sky and telescope do. */
export const EXPOSURE_TIME_DEFAULT: Readonly<Record<ImageType, number>> = {
  bias: 0,
  dark: 30,
  flat: 15,
  science: 30,
  cwfs: 30,
  acquisition: 5,
}

/** Camera defocus of a cwfs image when the plan gives none: LSSTCam FAM uses ±1.5 mm. */
export const CWFS_DEFOCUS_MM = 1.5
