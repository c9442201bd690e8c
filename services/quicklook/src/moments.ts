// Adaptive (elliptical Gaussian-weighted) second moments, as in HSM / Bernstein & Jarvis 2002:
// iterate the weight's covariance W ← 2·M_w (M_w: the weighted moments) and its centre to the
// weighted centroid. At the fixed point W equals the covariance of a Gaussian source, so W is
// the weight-corrected moment (C = (M_w⁻¹ − W⁻¹)⁻¹ = W); flux = 2·Σ w·I.
import type { Image } from './image.ts'

export interface Moments {
  readonly x: number
  readonly y: number
  readonly ixx: number
  readonly iyy: number
  readonly ixy: number
  /** Gaussian-equivalent flux (2·Σ w·I). */
  readonly flux: number
  readonly iterations: number
}

export interface MomentsOptions {
  readonly maxIterations?: number
  /** Convergence tolerance on the relative change of Ixx+Iyy (default 1e-5). */
  readonly tolerance?: number
  /** Largest stamp half-size in pixels (default 48). */
  readonly maxRadius?: number
}

/** Failure reasons, stable strings (stars that fail are counted per reason in the summary). */
export type MomentsFailure = 'nonPositiveFlux' | 'diverged' | 'notConverged' | 'offImage'

export function adaptiveMoments(
  image: Image,
  x0: number,
  y0: number,
  background: number,
  sigma0: number,
  options: MomentsOptions = {},
): Moments | MomentsFailure {
  const { width, height, pixels } = image
  const maxIterations = options.maxIterations ?? 50
  const tol = options.tolerance ?? 1e-5
  const maxRadius = options.maxRadius ?? 48
  let xc = x0
  let yc = y0
  let wxx = sigma0 * sigma0
  let wyy = wxx
  let wxy = 0
  let s0 = 0
  for (let it = 1; it <= maxIterations; it++) {
    const det = wxx * wyy - wxy * wxy
    if (!(det > 0)) return 'diverged'
    const axx = wyy / det
    const ayy = wxx / det
    const axy = -wxy / det
    // 4σ along the major axis holds all but e^-8 of the weight.
    const r = Math.min(maxRadius, Math.ceil(4 * Math.sqrt(Math.max(wxx, wyy))))
    const ix0 = Math.max(0, Math.floor(xc - r))
    const ix1 = Math.min(width - 1, Math.ceil(xc + r))
    const iy0 = Math.max(0, Math.floor(yc - r))
    const iy1 = Math.min(height - 1, Math.ceil(yc + r))
    if (ix0 > ix1 || iy0 > iy1) return 'offImage'
    s0 = 0
    let sx = 0
    let sy = 0
    let sxx = 0
    let syy = 0
    let sxy = 0
    for (let y = iy0; y <= iy1; y++) {
      const dy = y - yc
      const row = y * width
      for (let x = ix0; x <= ix1; x++) {
        const dx = x - xc
        const q = axx * dx * dx + 2 * axy * dx * dy + ayy * dy * dy
        if (q > 16) continue
        const v = ((pixels[row + x] as number) - background) * Math.exp(-0.5 * q)
        s0 += v
        sx += v * dx
        sy += v * dy
        sxx += v * dx * dx
        syy += v * dy * dy
        sxy += v * dx * dy
      }
    }
    if (!(s0 > 0)) return 'nonPositiveFlux'
    const mx = sx / s0
    const my = sy / s0
    const mxx = sxx / s0 - mx * mx
    const myy = syy / s0 - my * my
    const mxy = sxy / s0 - mx * my
    const nxx = 2 * mxx
    const nyy = 2 * myy
    const nxy = 2 * mxy
    if (!(nxx > 0 && nyy > 0 && nxx * nyy - nxy * nxy > 0) || nxx + nyy > 4 * maxRadius * maxRadius) return 'diverged'
    const change = Math.abs(nxx + nyy - (wxx + wyy)) / (wxx + wyy)
    xc += mx
    yc += my
    wxx = nxx
    wyy = nyy
    wxy = nxy
    if (xc < 0 || yc < 0 || xc > width - 1 || yc > height - 1) return 'offImage'
    if (change < tol && Math.abs(mx) < 1e-3 && Math.abs(my) < 1e-3) {
      return { x: xc, y: yc, ixx: wxx, iyy: wyy, ixy: wxy, flux: 2 * s0, iterations: it }
    }
  }
  return 'notConverged'
}

const FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2))

/** Determinant radius (IxxIyy − Ixy²)^¼, the stack's psfSigma. */
export const determinantRadius = (m: Pick<Moments, 'ixx' | 'iyy' | 'ixy'>): number =>
  Math.sqrt(Math.sqrt(m.ixx * m.iyy - m.ixy * m.ixy))

/**
 * FWHM in pixels from the trace radius √((Ixx + Iyy)/2): the camera simulator's convention
 * (its injected covariance is σ²(1 + e1), σ²(1 − e1), σ²e2). The determinant radius (the stack's
 * psfSigma) is smaller by (1 − e²)^¼: 0.3 % at e = 0.1.
 */
export const fwhmPixels = (m: Pick<Moments, 'ixx' | 'iyy' | 'ixy'>): number =>
  FWHM_PER_SIGMA * Math.sqrt((m.ixx + m.iyy) / 2)

/** Distortion-convention ellipticity: e1 = (Ixx − Iyy)/(Ixx + Iyy), e2 = 2Ixy/(Ixx + Iyy). */
export function ellipticity(m: Pick<Moments, 'ixx' | 'iyy' | 'ixy'>): { readonly e1: number; readonly e2: number } {
  const t = m.ixx + m.iyy
  return { e1: (m.ixx - m.iyy) / t, e2: (2 * m.ixy) / t }
}
