// ----------------------------------------------------------------------------
// Metadata-table columns the one-off analyses write (exposure record, mount,
// AOS, guider shards) that RubinTV's column registry does not list. RubinTV
// shows them when a user picks them; declaring them here means no producer
// spells them as literals and a rename is a contract change. Keyed by a
// camelCase handle, as QUICKLOOK_METADATA_COLUMNS.
// ----------------------------------------------------------------------------

export const ONE_OFF_METADATA_COLUMNS = {
  dateBegin: 'Date begin',
  azimuth: 'Azimuth',
  elevation: 'Elevation',
  ra: 'RA',
  dec: 'Dec',
  skyAngle: 'Sky angle',
  observationReason: 'Observation reason',
  scienceProgram: 'Science program',
  groupId: 'Group id',
  donutCount: 'Donuts measured',
  focusOffset: 'AOS focus offset (mm)',
  guiderDrift: 'Guider drift (arcsec/s)',
  guiderJitter: 'Guider jitter (arcsec)',
  guiderFluxRms: 'Guider flux RMS',
  guiderFwhm: 'Guider FWHM (arcsec)',
} as const

export type OneOffMetadataColumn = (typeof ONE_OFF_METADATA_COLUMNS)[keyof typeof ONE_OFF_METADATA_COLUMNS]
