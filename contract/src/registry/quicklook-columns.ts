// ----------------------------------------------------------------------------
// Metadata-table columns the quicklook pipelines write (step1a/step1b shards),
// named as today's RA post-processing names them (ra_framework.md §9), so the
// workers never spell a RubinTV column as a literal. Keyed by a camelCase handle.
// A cell flag is the column name behind FLAG_PREFIX (`_PSF FWHM`).
// ----------------------------------------------------------------------------

export const QUICKLOOK_METADATA_COLUMNS = {
  psfFwhm: 'PSF FWHM',
  psfE1: 'PSF e1',
  psfE2: 'PSF e2',
  skyMean: 'Sky mean',
  skyRms: 'Sky RMS',
  psfStarCount: 'PSF star count',
  postIsrPixelMedian: 'PostISR pixel median',
  psfGradient: 'PSF gradient',
  retrievalFails: 'Retrieval fails',
  witnessDetector: 'Witness detector',
} as const

export type QuicklookMetadataColumn = (typeof QUICKLOOK_METADATA_COLUMNS)[keyof typeof QUICKLOOK_METADATA_COLUMNS]

/** PSF gradient colour thresholds (arcsec) today's RA applies: warning ≥ 0.65, bad ≥ 0.85. */
export const PSF_GRADIENT_THRESHOLDS = { warning: 0.65, bad: 0.85 } as const
