// ----------------------------------------------------------------------------
// SIMULATED mount telemetry. RA reads the TMA's EFD telemetry at the summit; this
// implementation has no EFD, so the series is made up — deterministically from the
// exposure record (seeded by the exposure id), so the same exposure always gives
// the same plot and the same ConsDB mount row. Pointing comes from the record
// (azimuth, zenith angle, sky angle; defaults when null); tracking errors are a
// slow oscillation plus seeded noise of a few hundredths of an arcsec, torques a
// smooth function of the motion. Replace with an EFD reader when one exists.
// ----------------------------------------------------------------------------
import type { ExposureRecord } from '@rubin/ra-contract'
import type { MountSample } from '@rubin/ra-products'

/** Seconds between samples, and how long before and after the exposure the series runs. */
export const TELEMETRY_STEP_S = 0.5
export const TELEMETRY_MARGIN_S = 2
const MAX_SAMPLES = 2000
const DEFAULT_AZIMUTH = 180
const DEFAULT_ELEVATION = 60
/** Sidereal tracking rates stand-in, degrees per second. */
const AZ_RATE = 0.004
const EL_RATE = 0.002
const ROT_RATE = -0.003
const ARCSEC = 1 / 3600

/** mulberry32: a small seeded generator (the sequence is part of what "deterministic" promises). */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The simulated mount series over an exposure (see the file comment: not real telemetry). */
export function simulatedMountTelemetry(record: ExposureRecord): MountSample[] {
  const random = rng((record.exposureId % 2 ** 32) ^ Math.floor(record.exposureId / 2 ** 32))
  const duration = Math.max(record.exposureTime, 1)
  const n = Math.min(MAX_SAMPLES, Math.floor((duration + 2 * TELEMETRY_MARGIN_S) / TELEMETRY_STEP_S) + 1)
  const az0 = record.azimuth ?? DEFAULT_AZIMUTH
  const el0 = record.zenithAngle === null ? DEFAULT_ELEVATION : 90 - record.zenithAngle
  const rot0 = record.skyAngle ?? 0
  // Per-exposure character: amplitude (arcsec) and period of the tracking oscillation.
  const amplitude = 0.02 + 0.06 * random()
  const period = 4 + 8 * random()
  const phase = 2 * Math.PI * random()
  const noise = () => (random() - 0.5) * 0.02
  const samples: MountSample[] = []
  for (let i = 0; i < n; i++) {
    const t = -TELEMETRY_MARGIN_S + i * TELEMETRY_STEP_S
    const wobble = Math.sin((2 * Math.PI * t) / period + phase)
    const az = az0 + AZ_RATE * t
    const el = el0 + EL_RATE * t
    const rot = rot0 + ROT_RATE * t
    samples.push({
      t,
      azimuthDemandDeg: az,
      elevationDemandDeg: el,
      rotatorDemandDeg: rot,
      azimuthDeg: az + (amplitude * wobble + noise()) * ARCSEC,
      elevationDeg: el + (0.7 * amplitude * Math.cos((2 * Math.PI * t) / period + phase) + noise()) * ARCSEC,
      rotatorDeg: rot + (0.5 * amplitude * wobble + noise()) * ARCSEC,
      azimuthTorque: 1500 * wobble + 300 * (random() - 0.5),
      elevationTorque: -2000 + 800 * Math.cos((2 * Math.PI * t) / period + phase),
    })
  }
  return samples
}
