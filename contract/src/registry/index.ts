// ----------------------------------------------------------------------------
// The registry: every location, camera, channel and metadata column RubinTV
// and Rapid Analysis share, plus the legacy producer names that map onto them.
// ----------------------------------------------------------------------------
export {
  CAMERAS,
  type CameraFlavour,
  type CameraSpec,
  cameraForInstrument,
  cameraSpec,
  DEFAULT_NIGHT_REPORT_LABEL,
  type ExtraButton,
  INSTRUMENT_CAMERAS,
  type MosaicTile,
} from './cameras.ts'
export {
  CHANNEL_DATA,
  CHANNELS,
  type ChannelDef,
  type ChannelName,
  type ChannelSpec,
  channelsOf,
  findChannel,
  type MediaType,
  parseChannel,
} from './channels.ts'
export {
  CAMERAS_IN_NO_LOCATION,
  type CameraGroup,
  camerasAt,
  type EndpointSpec,
  LOCAL_S3_ENDPOINT,
  LOCATIONS,
  Location,
  type LocationSpec,
  S3_ENDPOINT_ENV,
} from './locations.ts'
export {
  cameraForMetadataChannel,
  LEGACY_CHANNELS,
  LEGACY_NON_CHANNELS,
  type LegacyChannel,
  METADATA_CHANNEL_CAMERAS,
  MetadataChannel,
  parseLegacyChannel,
} from './metadata-channels.ts'
export { METADATA_COLUMN_DATA, type MetadataColumn, metadataColumnsOf } from './metadata-columns.ts'
export { isProduced, NOT_PRODUCED, type NotProduced, notProducedReason } from './not-produced.ts'
export { ONE_OFF_METADATA_COLUMNS, type OneOffMetadataColumn } from './oneoff-columns.ts'
export {
  PSF_GRADIENT_THRESHOLDS,
  QUICKLOOK_METADATA_COLUMNS,
  type QuicklookMetadataColumn,
} from './quicklook-columns.ts'
export { RA_SITE_S3, RaSite, type RaSiteS3, type RemoteS3Target, type S3Target } from './ra-sites.ts'
export { BUCKET_CONFIGURATIONS, locationsFor, RubinTvSite } from './sites.ts'
