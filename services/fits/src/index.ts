// @rubin/ra-fits: FITS headers, multi-extension images, tile compression (RICE_1, GZIP_1).

export { type Card, formatCard, type HeaderValue, normalizeKey, parseCard } from './card.ts'
export { FitsError, FitsErrorCode, type FitsLocation, isFitsError } from './errors.ts'
export {
  BLOCK_SIZE,
  type CommentedValue,
  Header,
  type HeaderInit,
  type HeaderRecord,
  parseHeader,
} from './header.ts'
export { type Bitpix, type FitsImage, type ImageInput, type PixelArray, toFloat32 } from './pixels.ts'
export { ditherRandoms, type QuantizeMethod } from './quantize.ts'
export { type FitsFile, type FitsHdu, readFits } from './read.ts'
export type { CompressionInfo, CompressionType } from './tiled.ts'
export { type CompressOptions, type HduInput, type WriteCompressionType, writeFits } from './write.ts'
