// mount (LSSTCam "Mount torques", LATISS "Mount"): tracking errors per axis against time, from a
// (simulated) telemetry series, with the RMS image degradation in the subtitle; torques when given.
import { badInput } from '../errors.ts'
import type { MountSample } from '../types.ts'
import { requireRows } from './common.ts'
import { type PlotOptions, type RenderedPlot, renderVegaLite, type TopLevelSpec } from './vega.ts'

export interface MountErrorStats {
  /** RMS tracking error per axis, arcsec (azimuth scaled by cos(elevation), i.e. on the sky). */
  readonly azimuthRmsArcsec: number
  readonly elevationRmsArcsec: number
  readonly rotatorRmsArcsec: number
  /** Sky image degradation, arcsec: quadrature sum of the azimuth and elevation RMS. */
  readonly imageDegradationArcsec: number
}

const AXES = ['Azimuth', 'Elevation', 'Rotator'] as const

function errorsArcsec(s: MountSample): readonly [number, number, number] {
  const cosEl = Math.cos((s.elevationDeg * Math.PI) / 180)
  return [
    (s.azimuthDeg - s.azimuthDemandDeg) * 3600 * cosEl,
    (s.elevationDeg - s.elevationDemandDeg) * 3600,
    (s.rotatorDeg - s.rotatorDemandDeg) * 3600,
  ]
}

export function mountErrorStats(samples: readonly MountSample[]): MountErrorStats {
  requireRows(samples, 'mount samples')
  const sums = [0, 0, 0]
  for (const s of samples) {
    const e = errorsArcsec(s)
    for (let i = 0; i < 3; i++) sums[i] = (sums[i] as number) + (e[i] as number) ** 2
  }
  const [az, el, rot] = sums.map((v) => Math.sqrt(v / samples.length)) as [number, number, number]
  if (![az, el, rot].every(Number.isFinite)) badInput('mount samples contain non-finite angles')
  return {
    azimuthRmsArcsec: az,
    elevationRmsArcsec: el,
    rotatorRmsArcsec: rot,
    imageDegradationArcsec: Math.hypot(az, el),
  }
}

export async function renderMountPlot(
  samples: readonly MountSample[],
  options: PlotOptions & { readonly title?: string } = {},
): Promise<RenderedPlot & { readonly stats: MountErrorStats }> {
  const stats = mountErrorStats(samples)
  const errors = samples.flatMap((s) => {
    const e = errorsArcsec(s)
    return AXES.map((axis, i) => ({ t: s.t, axis, error: e[i] }))
  })
  const torques = samples.flatMap((s) => [
    ...(s.azimuthTorque === undefined ? [] : [{ t: s.t, axis: 'Azimuth', torque: s.azimuthTorque }]),
    ...(s.elevationTorque === undefined ? [] : [{ t: s.t, axis: 'Elevation', torque: s.elevationTorque }]),
  ])
  const time = { field: 't', type: 'quantitative', title: 'Time since exposure start (s)' } as const
  const errorPanel = {
    data: { values: errors },
    facet: { row: { field: 'axis', type: 'nominal', title: null, sort: [...AXES] } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 640,
      height: 120,
      mark: { type: 'line', strokeWidth: 1.2 },
      encoding: {
        x: time,
        y: { field: 'error', type: 'quantitative', title: 'Tracking error (arcsec)' },
        color: { field: 'axis', type: 'nominal', legend: null },
      },
    },
  } as const
  const torquePanel = {
    width: 640,
    height: 120,
    data: { values: torques },
    mark: { type: 'line', strokeWidth: 1.2 },
    encoding: {
      x: time,
      y: { field: 'torque', type: 'quantitative', title: 'Torque (N·m)' },
      color: { field: 'axis', type: 'nominal', title: 'Axis' },
    },
  } as const
  const spec: TopLevelSpec = {
    title: {
      text: options.title ?? 'Mount tracking',
      subtitle: `Image degradation ${stats.imageDegradationArcsec.toFixed(3)}″ (az RMS ${stats.azimuthRmsArcsec.toFixed(3)}″, el RMS ${stats.elevationRmsArcsec.toFixed(3)}″, rot RMS ${stats.rotatorRmsArcsec.toFixed(3)}″)`,
    },
    vconcat: torques.length > 0 ? [errorPanel, torquePanel] : [errorPanel],
  } as TopLevelSpec
  return { ...(await renderVegaLite(spec, options)), stats }
}
