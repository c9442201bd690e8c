// Per-instrument facts the simulator needs beyond the contract's detector catalogue.
import type { Instrument } from '@rubin/ra-contract'

export interface InstrumentFacts {
  /** INSTRUME header value as the camera writes it. */
  readonly instrume: string
  readonly telescope: string
  readonly pixelScaleArcsec: number
  /** Physical filter per band (FILTER keyword and ExposureRecord.physicalFilter). */
  readonly filters: Readonly<Record<string, string>>
  /** Focal-plane radius that the PSF pattern is scaled to, mm. */
  readonly fieldRadiusMm: number
  /** Donut outer radius per mm of defocus, pixels (the beam's f-number over the pixel size). */
  readonly donutPxPerMm: number
  /** Central obscuration: donut inner radius over outer radius. */
  readonly obscuration: number
}

const LSST_FILTERS = { u: 'u_24', g: 'g_6', r: 'r_57', i: 'i_39', z: 'z_20', y: 'y_10' }

export const INSTRUMENT_FACTS: Readonly<Record<Instrument, InstrumentFacts>> = {
  // f/1.234 beam, 10 um pixels: a 1.5 mm defocus makes a ~61 px radius donut.
  LSSTCam: {
    instrume: 'lsstCam',
    telescope: 'Simonyi Survey Telescope',
    pixelScaleArcsec: 0.2,
    filters: LSST_FILTERS,
    fieldRadiusMm: 320,
    donutPxPerMm: 40.5,
    obscuration: 0.61,
  },
  LSSTComCam: {
    instrume: 'LSSTComCam',
    telescope: 'Simonyi Survey Telescope',
    pixelScaleArcsec: 0.2,
    filters: LSST_FILTERS,
    fieldRadiusMm: 64,
    donutPxPerMm: 40.5,
    obscuration: 0.61,
  },
  LSSTComCamSim: {
    instrume: 'LSSTComCamSim',
    telescope: 'Simonyi Survey Telescope',
    pixelScaleArcsec: 0.2,
    filters: LSST_FILTERS,
    fieldRadiusMm: 64,
    donutPxPerMm: 40.5,
    obscuration: 0.61,
  },
  // AuxTel's donuts come from a hexapod offset of ~0.8 mm that the f/18 beam turns into ~100 px.
  LATISS: {
    instrume: 'LATISS',
    telescope: 'LSST AuxTelescope',
    pixelScaleArcsec: 0.1,
    filters: { g: 'SDSSg_65mm', r: 'SDSSr_65mm', i: 'SDSSi_65mm', z: 'SDSSz_65mm', u: 'empty', y: 'empty' },
    fieldRadiusMm: 30,
    donutPxPerMm: 125,
    obscuration: 0.35,
  },
}

/** Dark-sky background per band at 0.2"/px, e-/s/px (scaled by pixel area for other scales). */
export const SKY_RATE: Readonly<Record<string, number>> = { u: 1.5, g: 6, r: 12, i: 18, z: 26, y: 30 }
