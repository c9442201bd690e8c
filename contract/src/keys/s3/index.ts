// S3 object keys shared by RA (writer) and RubinTV (reader): the key kinds as
// data, builders and parsers derived from them, and a re-implementation of
// RubinTV v2's parser that proves the two stay wire-compatible.
export { buildS3Key } from './build.ts'
export { type Check, type FieldCodec, PLACEHOLDERS, type PlaceholderName, type S3KeyOptions } from './fields.ts'
export {
  KEY_KINDS,
  type KeyKindSpec,
  type ParsedS3Key,
  type ParsedS3KeyOf,
  type S3KeyKind,
  type S3KeySpec,
} from './kinds.ts'
export { parseS3Key } from './parse.ts'
export { REGISTERED_CHANNELS_ONLY } from './registry-channels.ts'
export {
  type RubintvV2Options,
  type RubintvV2Parsed,
  type RubintvV2Route,
  rubintvV2Accepts,
  rubintvV2Parse,
  rubintvV2Route,
} from './rubintv-v2.ts'
