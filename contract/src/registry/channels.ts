// ----------------------------------------------------------------------------
// Channel lookups over ./channel-data.ts: the flattened list with defaults
// filled in, per-camera lists, and a parser that tells a producer or consumer
// which channels a camera does have when it names one that it does not.
// ----------------------------------------------------------------------------
import { Camera } from '../identifiers/cameras.ts'
import { fail, issue, ok, type Result } from '../result.ts'
import { CHANNEL_DATA, type ChannelDef, type ChannelName, type MediaType } from './channel-data.ts'

export type { ChannelDef, ChannelName, MediaType } from './channel-data.ts'
export { CHANNEL_DATA } from './channel-data.ts'

/** One channel of one camera, defaults filled in. */
export interface ChannelSpec {
  readonly camera: Camera
  readonly name: ChannelName
  readonly title: string
  readonly label?: string
  readonly perDay: boolean
  readonly colour?: string
  readonly textColour?: string
  readonly icon?: string
  readonly mediaType: MediaType
}

function toSpec(camera: Camera, def: ChannelDef): ChannelSpec {
  return {
    ...def,
    camera,
    name: def.name as ChannelName,
    perDay: def.perDay ?? false,
    mediaType: def.mediaType ?? 'image',
  }
}

const BY_CAMERA: ReadonlyMap<Camera, readonly ChannelSpec[]> = new Map(
  Camera.values.map((camera) => {
    const defs: readonly ChannelDef[] = CHANNEL_DATA[camera]
    return [camera, defs.map((def) => toSpec(camera, def))] as const
  }),
)

/** Every channel of every camera, cameras in Camera order, channels in display order. */
export const CHANNELS: readonly ChannelSpec[] = Camera.values.flatMap((camera) => BY_CAMERA.get(camera) ?? [])

/** The channels of one camera, in RubinTV's display order. */
export function channelsOf(camera: Camera): readonly ChannelSpec[] {
  return BY_CAMERA.get(camera) ?? []
}

/** The channel, or undefined when the camera has no channel of that name. */
export function findChannel(camera: Camera, channel: string): ChannelSpec | undefined {
  return channelsOf(camera).find((spec) => spec.name === channel)
}

/**
 * The channel of `camera` named `channel`. Names are exact (S3 key segments are
 * case-sensitive); an unknown name is refused with the camera's channels listed,
 * and with the cameras that do have that channel when it belongs elsewhere.
 */
export function parseChannel(camera: Camera, channel: unknown, path = ''): Result<ChannelSpec> {
  const known = channelsOf(camera).map((spec) => spec.name)
  const expected = `one of: ${known.join(', ')}`
  if (typeof channel !== 'string') {
    return fail(issue(path, `channel of camera '${camera}' must be a string`, { expected, received: channel }))
  }
  const spec = findChannel(camera, channel)
  if (spec !== undefined) return ok(spec)
  const elsewhere = CHANNELS.filter((other) => other.name === channel).map((other) => other.camera)
  const hint = elsewhere.length > 0 ? ` ('${channel}' is a channel of ${elsewhere.join(', ')})` : ''
  return fail(
    issue(path, `camera '${camera}' has no channel '${channel}'${hint}; its channels are: ${known.join(', ')}`, {
      expected,
      received: channel,
    }),
  )
}
