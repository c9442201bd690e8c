// @rubin/ra-products: every RubinTV product RA makes, as pure functions from data to bytes
// (images with sharp, plots with Vega-Lite, movies with ffmpeg), plus the channel catalogue.
export {
  type CatalogueEntry,
  camerasOfInstrument,
  PRODUCT_CATALOGUE,
  PRODUCTS,
  type ProductDef,
  productFor,
  productsFor,
  RENDERER_NAMES,
  type RendererName,
} from './catalogue.ts'
export { PRODUCT_ERROR_CODES, ProductError, type ProductErrorCode } from './errors.ts'
export { type DetectorImageOptions, renderDetectorImage } from './image/detector-image.ts'
export { type EncodeOptions, encodeRaster, type ImageFormat, type RenderedImage } from './image/encode.ts'
export {
  DEFAULT_SCALING,
  type DisplayRange,
  type DisplayScaling,
  displayRange,
  makeScaler,
  type RangeMethod,
  type Stretch,
  toUint8,
  zscaleRange,
} from './image/scale.ts'
export {
  type CanvasLayout,
  layoutDetectors,
  nativeSize,
  PIXEL_SIZE_MM,
  type Placement,
  toCanvas,
} from './mosaic/geometry.ts'
export {
  composeMosaic,
  DEFAULT_MOSAIC_SCALE_MM,
  MOSAIC_BACKGROUND,
  MOSAIC_MISSING,
  type MosaicOptions,
  type MosaicRaster,
  renderFocalPlaneMosaic,
} from './mosaic/mosaic.ts'
export { renderWavefrontMosaic } from './mosaic/wavefront.ts'
export { encodeMovie, type MovieOptions, type RenderedMovie } from './movie/ffmpeg.ts'
export { renderImageSequenceMovie, type SequenceMovieOptions } from './movie/sequence.ts'
export {
  bestFocus,
  nollToNm,
  renderDonutFits,
  renderDonutGallery,
  renderFocusSweep,
  renderFwhmContributions,
  renderZernikePyramid,
} from './plots/aos.ts'
export { type FocalPlanePlotOptions, renderFwhmFocalPlane, renderPsfShapeAzel } from './plots/focal-plane.ts'
export { renderGuiderCentroids, renderGuiderFluxTrend, renderGuiderPsfTrend } from './plots/guider.ts'
export { renderImexam } from './plots/imexam.ts'
export { type MountErrorStats, mountErrorStats, renderMountPlot } from './plots/mount.ts'
export { renderSpectrum } from './plots/spectrum.ts'
export { renderEventTimeline } from './plots/timeline.ts'
export { renderTimingDiagram, summariseTimings, type TimingSummary, timingRows } from './plots/timing.ts'
export { PLOT_FONT, type PlotOptions, type RenderedPlot, renderVegaLite } from './plots/vega.ts'
export type * from './types.ts'
