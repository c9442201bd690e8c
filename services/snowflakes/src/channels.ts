// ----------------------------------------------------------------------------
// Which channels the snowflakes write and read, typed against the contract's
// channel registry (a renamed channel fails to compile here), filtered at run
// time to the cameras of the configured instrument.
// ----------------------------------------------------------------------------
import type { Camera, ChannelName, Instrument, Who } from '@rubin/ra-contract'
import { camerasOfInstrument } from '@rubin/ra-products'

interface Channel<C extends Camera = Camera> {
  readonly camera: C
  readonly channel: ChannelName<C>
}

/** Timing diagrams per processing branch (ra_performance); SFM and calibration ISR share one. */
const TIMING_BY_WHO: Readonly<Record<Who, Channel<'ra_performance'> | undefined>> = {
  SFM: { camera: 'ra_performance', channel: 'timing_diagram' },
  ISR: { camera: 'ra_performance', channel: 'timing_diagram' },
  AOS: { camera: 'ra_performance', channel: 'aos_timing' },
  ONE_OFF: undefined,
}

export interface DayMovieChannels {
  readonly camera: Camera
  /** The per-seq JPEGs the movie is made of. */
  readonly source: string
  /** The per-day movie channel (written as the `final` key kind). */
  readonly movie: string
}

const DAY_MOVIES: readonly DayMovieChannels[] = [
  { camera: 'lsstcam', source: 'focal_plane_mosaic', movie: 'day_movie' } satisfies {
    camera: 'lsstcam'
    source: ChannelName<'lsstcam'>
    movie: ChannelName<'lsstcam'>
  },
  { camera: 'comcam', source: 'focal_plane_mosaic', movie: 'day_movie' } satisfies {
    camera: 'comcam'
    source: ChannelName<'comcam'>
    movie: ChannelName<'comcam'>
  },
]

/** The timing-diagram channel of a branch, when the instrument has the performance camera. */
export function timingChannel(instrument: Instrument, who: Who): Channel | undefined {
  const channel = TIMING_BY_WHO[who]
  return channel !== undefined && camerasOfInstrument(instrument).includes(channel.camera) ? channel : undefined
}

/** The day movies of an instrument's cameras. */
export function dayMoviesOf(instrument: Instrument): readonly DayMovieChannels[] {
  const cameras = camerasOfInstrument(instrument)
  return DAY_MOVIES.filter((m) => cameras.includes(m.camera))
}
