// The injected truth written beside the raws (`{obsId}_truth.json`): test-facing, so its
// schema lives here, not in the contract. All pixel positions are 0-based in the assembled
// (trimmed, un-flipped) detector of the file's binning; fluxes are electrons.
import { type Static, Type } from '@sinclair/typebox'
import { ImageTypeSchema } from './spec.ts'

export const TRUTH_SCHEMA_VERSION = 1

const Star = Type.Object({
  x: Type.Number({ description: 'Centre, assembled-detector pixels (0-based, pixel centres at integers).' }),
  y: Type.Number(),
  flux: Type.Number({ description: 'Total electrons.' }),
})

const Donut = Type.Object({
  x: Type.Number(),
  y: Type.Number(),
  flux: Type.Number({ description: 'Total electrons.' }),
  outerRadius: Type.Number({ description: 'Pixels.' }),
  innerRadius: Type.Number({ description: 'Pixels (central obscuration).' }),
})

const Amplifier = Type.Object({
  name: Type.String({ description: 'C10 ... C00' }),
  extname: Type.String({ description: 'Segment10 ... Segment00' }),
  bias: Type.Number({ description: 'ADU, added to every pixel of the amplifier.' }),
  gain: Type.Number({ description: 'e-/ADU.' }),
  readNoise: Type.Number({ description: 'Electrons rms.' }),
  skyAdu: Type.Number({ description: 'Sky level in this amplifier, ADU above bias (sky e- / gain).' }),
})

const HotColumn = Type.Object({
  x: Type.Integer({ description: 'Assembled-detector column.' }),
  y0: Type.Integer(),
  y1: Type.Integer({ description: 'Exclusive end row.' }),
  electrons: Type.Number({ description: 'Extra electrons per pixel.' }),
})

const CosmicRay = Type.Object({
  pixels: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()]), { description: '[x, y] hit pixels.' }),
  electrons: Type.Number({ description: 'Deposited per hit pixel.' }),
})

const GuiderStamp = Type.Object({
  t: Type.Number({ description: 'Seconds after exposure start.' }),
  x: Type.Number({ description: 'Star centre inside the stamp, pixels.' }),
  y: Type.Number(),
})

export const DetectorTruth = Type.Object({
  detectorId: Type.Integer(),
  detectorName: Type.String(),
  physicalType: Type.String(),
  purpose: Type.String(),
  width: Type.Integer({ description: 'Assembled size at this binning.' }),
  height: Type.Integer(),
  psf: Type.Object({
    profile: Type.Literal('gaussian'),
    fwhmArcsec: Type.Number(),
    fwhmPixels: Type.Number({ description: 'At this binning.' }),
    e1: Type.Number({ description: '(Ixx - Iyy) / (Ixx + Iyy), detector pixel axes.' }),
    e2: Type.Number({ description: '2 Ixy / (Ixx + Iyy).' }),
  }),
  sky: Type.Object({ electronsPerPixel: Type.Number() }),
  darkElectronsPerPixel: Type.Number(),
  stars: Type.Array(Star),
  donuts: Type.Array(Donut),
  amplifiers: Type.Array(Amplifier),
  hotColumns: Type.Array(HotColumn),
  cosmicRays: Type.Array(CosmicRay),
  guider: Type.Optional(
    Type.Object({
      stampSize: Type.Integer(),
      originX: Type.Integer({ description: 'Stamp lower-left corner in the assembled detector.' }),
      originY: Type.Integer(),
      intervalSeconds: Type.Number(),
      flux: Type.Number({ description: 'Star electrons per stamp.' }),
      stamps: Type.Array(GuiderStamp),
    }),
  ),
})
export type DetectorTruth = Static<typeof DetectorTruth>

export const ExposureTruth = Type.Object(
  {
    schemaVersion: Type.Literal(TRUTH_SCHEMA_VERSION),
    instrument: Type.String(),
    obsId: Type.String(),
    exposureId: Type.Integer(),
    dayObs: Type.Integer(),
    seqNum: Type.Integer(),
    imageType: ImageTypeSchema,
    exposureTime: Type.Number(),
    band: Type.String(),
    physicalFilter: Type.String(),
    focusZ: Type.Number({ description: 'Camera defocus, mm (0 unless cwfs).' }),
    seed: Type.Integer(),
    binning: Type.Integer(),
    pixelScaleArcsec: Type.Number({ description: 'Unbinned.' }),
    detectors: Type.Array(DetectorTruth),
  },
  { additionalProperties: false },
)
export type ExposureTruth = Static<typeof ExposureTruth>
