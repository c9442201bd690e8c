// Exposure, ccdexposure and obs ids: how RA, the butler and ConsDB name one
// exposure (and one detector of it). Builders and parsers return Results.
export {
  CCD_EXPOSURE_ID_FIRST_DAY,
  CCD_EXPOSURE_ID_LAST_DAY,
  CCD_EXPOSURE_ID_MAX,
  type CcdExposureIdParts,
  ccdExposureId,
  unpackCcdExposureId,
} from './ccd-exposure-id.ts'
export {
  CONTROLLER_INCREMENT,
  CONTROLLER_OFFSET_LAST_DAY,
  controllerOffsetIndex,
  EXPOSURE_ID_SEQ_DIGITS,
  EXPOSURE_ID_SEQ_MAX,
  type ExposureIdParts,
  exposureId,
  type ParsedExposureId,
  parseExposureId,
} from './exposure-id.ts'
export { type InstrumentCode, OBS_ID_SEQ_MAX, type ObsIdParts, obsId, type ParsedObsId, parseObsId } from './obs-id.ts'
