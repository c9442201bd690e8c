// Which renderer makes each channel RA produces: channel names are the contract's (typed against its
// registry, so a renamed channel fails to compile), renderers are this package's functions.
import {
  Camera,
  type ChannelName,
  cameraSpec,
  channelsOf,
  findChannel,
  type Instrument,
  isProduced,
} from '@rubin/ra-contract'
import { ProductError } from './errors.ts'

/** The public renderer functions of this package, by name (index.ts exports each). */
export const RENDERER_NAMES = [
  'renderDetectorImage',
  'renderFocalPlaneMosaic',
  'renderWavefrontMosaic',
  'renderFwhmFocalPlane',
  'renderPsfShapeAzel',
  'renderImexam',
  'renderEventTimeline',
  'renderMountPlot',
  'renderTimingDiagram',
  'renderZernikePyramid',
  'renderDonutFits',
  'renderDonutGallery',
  'renderFocusSweep',
  'renderFwhmContributions',
  'renderGuiderCentroids',
  'renderGuiderFluxTrend',
  'renderGuiderPsfTrend',
  'renderSpectrum',
  'renderImageSequenceMovie',
  'encodeMovie',
] as const
export type RendererName = (typeof RENDERER_NAMES)[number]

export interface ProductDef {
  readonly renderer: RendererName
  /** Options to pass besides the data (e.g. which pyramid), as the renderer's option object takes them. */
  readonly options?: Readonly<Record<string, unknown>>
  /** What the renderer is given, in words. */
  readonly input: string
  readonly output: 'jpeg' | 'png' | 'mp4'
}

export interface CatalogueEntry extends ProductDef {
  readonly camera: Camera
  readonly channel: string
}

type Catalogue = { readonly [C in Camera]?: { readonly [N in ChannelName<C>]: ProductDef } }

const MOSAIC: ProductDef = {
  renderer: 'renderFocalPlaneMosaic',
  input: 'BinnedImage[] (8×-binned post-ISR images of the dispatched detectors)',
  output: 'jpeg',
}
const CALEXP_MOSAIC: ProductDef = { ...MOSAIC, input: 'BinnedImage[] (8×-binned calexp images)' }
const WITNESS: ProductDef = {
  renderer: 'renderDetectorImage',
  input: 'Image2D (one detector, post-ISR)',
  output: 'jpeg',
}
const PSF_SHAPE: ProductDef = {
  renderer: 'renderPsfShapeAzel',
  input: 'DetectorSummary[] and the rotation to az/el',
  output: 'png',
}
const FWHM_MAP: ProductDef = { renderer: 'renderFwhmFocalPlane', input: 'DetectorSummary[]', output: 'png' }
const MOUNT: ProductDef = {
  renderer: 'renderMountPlot',
  input: 'MountSample[] (telemetry over the exposure)',
  output: 'png',
}
const IMEXAM: ProductDef = {
  renderer: 'renderImexam',
  input: 'ImexamInput (cutouts, stars, radial profile)',
  output: 'png',
}
const TIMELINE: ProductDef = { renderer: 'renderEventTimeline', input: 'TimelineEvent[]', output: 'png' }
const DAY_MOVIE: ProductDef = { renderer: 'encodeMovie', input: 'the night’s mosaic JPEGs, in order', output: 'mp4' }
const PYRAMID = (kind: 'measured' | 'residual'): ProductDef => ({
  renderer: 'renderZernikePyramid',
  options: { kind },
  input: 'ZernikeMeasurement[]',
  output: 'png',
})
const DONUT_GALLERY: ProductDef = { renderer: 'renderDonutGallery', input: 'DonutStamp[]', output: 'png' }
const FOCUS_SWEEP: ProductDef = { renderer: 'renderFocusSweep', input: 'FocusSweepPoint[]', output: 'png' }
const PSF_ZK: ProductDef = {
  renderer: 'renderFwhmFocalPlane',
  options: { title: 'AOS residual FWHM', valueTitle: 'Residual FWHM (arcsec)' },
  input: 'DetectorSummary[] (fwhm = AOS residual FWHM)',
  output: 'png',
}
const AOS_CAMERA = {
  fp_donut_gallery: DONUT_GALLERY,
  zk_residual_pyramid: PYRAMID('residual'),
  zk_measurement_pyramid: PYRAMID('measured'),
  focus_sweep: FOCUS_SWEEP,
  psf_zk_panel: PSF_ZK,
} as const

export const PRODUCT_CATALOGUE: Catalogue = {
  lsstcam: {
    witness_detector: WITNESS,
    focal_plane_mosaic: MOSAIC,
    calexp_mosaic: CALEXP_MOSAIC,
    psf_shape_azel: PSF_SHAPE,
    fwhm_focal_plane: FWHM_MAP,
    mount: MOUNT,
    imexam: IMEXAM,
    event_timeline: TIMELINE,
    day_movie: DAY_MOVIE,
  },
  lsstcam_aos: {
    ...AOS_CAMERA,
    fp_pairing_plot: {
      renderer: 'renderWavefrontMosaic',
      input: 'BinnedImage[] (the corner wavefront half-chips)',
      output: 'jpeg',
    },
    donut_fits: { renderer: 'renderDonutFits', input: 'ZernikeMeasurement[]', output: 'png' },
    zernike_predicted_fwhm: {
      renderer: 'renderFwhmContributions',
      options: { title: 'Zernike predicted FWHM', axisTitle: 'Zernike' },
      input: 'FwhmContribution[] (one per Zernike)',
      output: 'png',
    },
    dof_predicted_fwhm: {
      renderer: 'renderFwhmContributions',
      options: { title: 'DOF predicted FWHM', axisTitle: 'Degree of freedom' },
      input: 'FwhmContribution[] (one per degree of freedom)',
      output: 'png',
    },
  },
  lsstcam_guider: {
    full_movie: { renderer: 'renderImageSequenceMovie', input: 'Image2D[] (guider frames)', output: 'mp4' },
    star_movie: {
      renderer: 'renderImageSequenceMovie',
      options: { upscale: 8 },
      input: 'Image2D[] (one guide star’s stamps)',
      output: 'mp4',
    },
    centroid_alt_az: { renderer: 'renderGuiderCentroids', input: 'GuiderSample[]', output: 'png' },
    flux_trend: { renderer: 'renderGuiderFluxTrend', input: 'GuiderSample[]', output: 'png' },
    psf_trend: { renderer: 'renderGuiderPsfTrend', input: 'GuiderSample[]', output: 'png' },
  },
  ra_performance: {
    timing_diagram: { renderer: 'renderTimingDiagram', input: 'PayloadTiming[] (one exposure, SFM)', output: 'png' },
    aos_timing: {
      renderer: 'renderTimingDiagram',
      options: { title: 'AOS timing' },
      input: 'PayloadTiming[] (one exposure, AOS)',
      output: 'png',
    },
  },
  auxtel: {
    monitor: { ...WITNESS, input: 'Image2D (the LATISS post-ISR image, binned)' },
    imexam: IMEXAM,
    specexam: { renderer: 'renderSpectrum', input: 'SpectrumSample[]', output: 'png' },
    mount: MOUNT,
    movies: { ...DAY_MOVIE, input: 'the night’s monitor JPEGs, in order' },
  },
  allsky: {
    movies: { ...DAY_MOVIE, input: 'the all-sky stills, in order' },
    stills: { ...WITNESS, input: 'Image2D (one all-sky frame)' },
  },
  comcam: {
    focal_plane_mosaic: MOSAIC,
    calexp_mosaic: CALEXP_MOSAIC,
    psf_shape_azel: PSF_SHAPE,
    mount: MOUNT,
    imexam: IMEXAM,
    event_timeline: TIMELINE,
    day_movie: DAY_MOVIE,
    last_n_movie: { ...DAY_MOVIE, input: 'the last N mosaic JPEGs, in order' },
  },
  comcam_aos: AOS_CAMERA,
  comcam_sim: { focal_plane_mosaic: MOSAIC, calexp_mosaic: CALEXP_MOSAIC, psf_shape_azel: PSF_SHAPE },
  comcam_sim_aos: AOS_CAMERA,
}

/** Every catalogue entry, flattened, cameras and channels in the catalogue's order. */
export const PRODUCTS: readonly CatalogueEntry[] = Object.entries(PRODUCT_CATALOGUE).flatMap(([camera, channels]) =>
  Object.entries(channels as Record<string, ProductDef>).map(([channel, def]) => ({
    ...def,
    camera: camera as Camera,
    channel,
  })),
)

/** The products this package renders for a camera, in the registry's display order. */
export function productsFor(camera: Camera): readonly CatalogueEntry[] {
  const order = channelsOf(camera).map((c) => c.name as string)
  return PRODUCTS.filter((p) => p.camera === camera).sort((a, b) => order.indexOf(a.channel) - order.indexOf(b.channel))
}

/** The product of a camera's channel; throws RA_PRODUCTS_NO_RENDERER (naming the reason when the contract says it is not produced). */
export function productFor(camera: Camera, channel: string): CatalogueEntry {
  const hit = PRODUCTS.find((p) => p.camera === camera && p.channel === channel)
  if (hit !== undefined) return hit
  const known = findChannel(camera, channel) !== undefined
  const why = !known
    ? `camera '${camera}' has no channel '${channel}'`
    : isProduced(camera, channel)
      ? `no renderer is registered for ${camera}/${channel} (a gap in services/products)`
      : `the contract says ${camera}/${channel} is not produced by RA`
  throw new ProductError('RA_PRODUCTS_NO_RENDERER', why)
}

/** Every registry camera whose products come from an instrument (LSSTCam → lsstcam, lsstcam_aos, …). */
export function camerasOfInstrument(instrument: Instrument): readonly Camera[] {
  return Camera.values.filter((c) => cameraSpec(c).instrument === instrument)
}
