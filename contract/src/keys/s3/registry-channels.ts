// Key checks against the channel registry: a channel must belong to its camera.
// Kept apart from the key grammar so the grammar has no registry dependency.
import { findChannel } from '../../registry/index.ts'
import type { S3KeyOptions } from './fields.ts'

/** Options that refuse channels the camera does not have (what producers should use). */
export const REGISTERED_CHANNELS_ONLY: S3KeyOptions = {
  isKnownChannel: (camera, channel) => findChannel(camera, channel) !== undefined,
}
