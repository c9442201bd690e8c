// Every plot through real vega → SVG → sharp/librsvg → PNG: size, titles in the SVG, mark counts.
import { detectorsOf, LSSTCAM_WAVEFRONT_IDS } from '@rubin/ra-contract'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import {
  type DetectorSummary,
  type GuiderSample,
  type MountSample,
  type PayloadTiming,
  type RenderedPlot,
  renderDonutFits,
  renderDonutGallery,
  renderEventTimeline,
  renderFocusSweep,
  renderFwhmContributions,
  renderFwhmFocalPlane,
  renderGuiderCentroids,
  renderGuiderFluxTrend,
  renderGuiderPsfTrend,
  renderImexam,
  renderMountPlot,
  renderPsfShapeAzel,
  renderSpectrum,
  renderTimingDiagram,
  renderZernikePyramid,
} from '../src/index.ts'
import { gaussianStamp, keep, rng } from './fixtures.ts'

async function checkPng(plot: RenderedPlot, titles: readonly string[]) {
  const meta = await sharp(plot.bytes).metadata()
  expect([meta.format, meta.width, meta.height]).toEqual(['png', plot.width, plot.height])
  expect(plot.width).toBeGreaterThan(300)
  expect(plot.height).toBeGreaterThan(200)
  // Not a blank page: a real plot has many distinct grey levels.
  const stats = await sharp(plot.bytes).stats()
  expect(stats.channels[0]?.stdev).toBeGreaterThan(5)
  for (const title of titles) expect(plot.svg).toContain(title)
}

/** Number of data marks of a Vega mark type in the SVG (Vega tags each mark group with its type). */
function marks(svg: string, type: string): number {
  const group = new RegExp(`<g class="mark-${type} role-mark[^"]*"[^>]*>(.*?)</g>`, 'gs')
  let n = 0
  for (const m of svg.matchAll(group)) n += (m[1]?.match(/<(path|line|rect|text)\b/g) ?? []).length
  return n
}

const random = rng(42)
const imaging = detectorsOf('LSSTCam').filter((d) => d.purpose === 'imaging')
const summaries: DetectorSummary[] = imaging
  .filter((d) => d.id !== 10)
  .map((d) => ({
    detector: d.id,
    fwhm: 0.7 + Math.hypot(d.xMm, d.yMm) / 600 + 0.05 * random(),
    e1: 0.05 * Math.cos(d.xMm / 100),
    e2: 0.05 * Math.sin(d.yMm / 100),
    nStars: 100,
    sky: 1000,
  }))

describe('plots', () => {
  it('fwhm_focal_plane: one rectangle per imaging detector, grey for the missing one', async () => {
    const plot = await renderFwhmFocalPlane(summaries)
    await checkPng(plot, ['FWHM over the focal plane', 'Focal-plane x (mm)', 'FWHM (arcsec)'])
    expect(marks(plot.svg, 'rect')).toBe(189)
    expect(plot.svg).toContain('#d0d0d0')
    keep('fwhm_focal_plane.png', plot.bytes)
  })

  it('psf_shape_azel: one whisker per detector', async () => {
    const plot = await renderPsfShapeAzel(summaries, { rotationDeg: 30 })
    await checkPng(plot, ['PSF shape (az/el)', 'Azimuth direction (mm)', 'Ellipticity'])
    expect(marks(plot.svg, 'rule')).toBe(188)
    keep('psf_shape_azel.png', plot.bytes)
  })

  it('imexam: cutouts, radial profile and FWHM against flux', async () => {
    const stars = Array.from({ length: 30 }, (_, i) => ({ x: i, y: i, flux: 1e3 * (i + 1), fwhm: 0.9 + 0.01 * i }))
    const plot = await renderImexam({
      cutouts: [gaussianStamp(31, 2), gaussianStamp(31, 3), gaussianStamp(31, 2.5)],
      stars,
      radialProfile: Array.from({ length: 40 }, (_, i) => ({ r: i / 4, value: 1e4 * Math.exp(-((i / 4) ** 2) / 8) })),
    })
    await checkPng(plot, ['Image analysis', 'Radius (pixels)', 'FWHM against flux', 'Star 3'])
    expect(marks(plot.svg, 'rect')).toBe(3 * 31 * 31)
    expect(marks(plot.svg, 'symbol')).toBe(40 + 30)
    keep('imexam.png', plot.bytes)
  })

  it('event_timeline: bars and instants in lanes', async () => {
    const t0 = Date.parse('2025-11-16T03:12:00Z')
    const at = (s: number) => new Date(t0 + s * 1000).toISOString()
    const plot = await renderEventTimeline([
      { label: 'exposure', lane: 'camera', start: at(0), end: at(30) },
      { label: 'readout', lane: 'camera', start: at(30), end: at(32) },
      { label: 'slew', lane: 'mount', start: at(-20), end: at(-2) },
      { label: 'raw landed', lane: 'RA', start: at(35) },
      { label: 'mosaic', lane: 'RA', start: at(40), end: at(55) },
    ])
    await checkPng(plot, ['Event timeline', 'Time (UTC)', 'raw landed'])
    expect(marks(plot.svg, 'rect')).toBe(4)
    expect(marks(plot.svg, 'symbol')).toBe(1)
    keep('event_timeline.png', plot.bytes)
  })

  it('mount: tracking errors per axis, torques, image degradation in the subtitle', async () => {
    const samples: MountSample[] = Array.from({ length: 300 }, (_, i) => {
      const t = i * 0.1
      return {
        t,
        azimuthDeg: 120 + 0.01 * t + (0.3 * Math.sin(t)) / 3600,
        elevationDeg: 55 + 0.005 * t + (0.1 * Math.cos(2 * t)) / 3600,
        rotatorDeg: 10 + (0.5 * Math.sin(t / 3)) / 3600,
        azimuthDemandDeg: 120 + 0.01 * t,
        elevationDemandDeg: 55 + 0.005 * t,
        rotatorDemandDeg: 10,
        azimuthTorque: 2000 * Math.sin(t),
        elevationTorque: 1500 * Math.cos(t),
      }
    })
    const plot = await renderMountPlot(samples, { title: 'Mount torques' })
    await checkPng(plot, ['Mount torques', 'Tracking error (arcsec)', 'Torque (N·m)', 'Image degradation'])
    expect(plot.stats.elevationRmsArcsec).toBeCloseTo(0.1 / Math.SQRT2, 2)
    keep('mount.png', plot.bytes)
  })

  it('timing_diagram: a queue line and a run line per payload', async () => {
    const t0 = Date.parse('2025-11-16T03:12:45Z')
    const timings: PayloadTiming[] = imaging.map((d, i) => ({
      workerId: `SFM_WORKER-LSSTCam-000-${d.id}`,
      who: 'SFM',
      detector: d.id,
      outcome: i === 7 ? 'failed' : 'finished',
      enqueuedAt: new Date(t0).toISOString(),
      startedAt: new Date(t0 + 50 + (i % 13) * 20).toISOString(),
      finishedAt: new Date(t0 + 18_000 + i * 15).toISOString(),
    }))
    const plot = await renderTimingDiagram(timings)
    await checkPng(plot, ['Timing diagram', 'Seconds since first enqueue', '189 payloads, 1 not finished'])
    expect(marks(plot.svg, 'rule')).toBe(2 * 189)
    keep('timing_diagram.png', plot.bytes)
  })

  it('AOS: pyramids, donut fits, gallery, focus sweep, FWHM contributions', async () => {
    const zk = LSSTCAM_WAVEFRONT_IDS.filter((_, i) => i % 2 === 1).flatMap((detector) =>
      Array.from({ length: 25 }, (_, k) => ({
        detector,
        noll: k + 4,
        measuredUm: 0.3 * Math.sin(k + detector),
        predictedUm: 0.25 * Math.sin(k + detector),
      })),
    )
    const pyramid = await renderZernikePyramid(zk, { kind: 'residual' })
    await checkPng(pyramid, ['Zernike residual pyramid', 'Radial order n', 'Z28'])
    expect(marks(pyramid.svg, 'symbol')).toBe(zk.length)
    keep('zk_residual_pyramid.png', pyramid.bytes)

    const fits = await renderDonutFits(zk)
    await checkPng(fits, ['Donut fits', 'Noll index', 'R00_SW1'])

    const gallery = await renderDonutGallery(
      LSSTCAM_WAVEFRONT_IDS.map((detector, i) => ({
        ...gaussianStamp(40, 3, true),
        detector,
        side: i % 2 === 0 ? 'extra' : 'intra',
      })),
    )
    await checkPng(gallery, ['Donut gallery', 'R00_SW0 extra'])
    expect(marks(gallery.svg, 'rect')).toBe(8 * 40 * 40)

    const sweep = await renderFocusSweep(
      [-300, -150, 0, 150, 300].map((z, seq) => ({ focusZUm: z, fwhm: 0.7 + 4e-6 * (z - 50) ** 2, seq })),
    )
    await checkPng(sweep, ['Focus sweep', 'Camera hexapod z (µm)', 'best focus z = 50.0 µm'])
    keep('focus_sweep.png', sweep.bytes)

    const dof = await renderFwhmContributions(
      ['M2 dz', 'M2 dx', 'Cam dz', 'M1M3 B1'].map((name, i) => ({ name, fwhm: 0.1 * (i + 1) })),
      { title: 'DOF predicted FWHM', axisTitle: 'Degree of freedom' },
    )
    await checkPng(dof, ['DOF predicted FWHM', 'Degree of freedom', 'M1M3 B1'])
    expect(marks(dof.svg, 'rect')).toBe(4)
  })

  it('guider trends and the LATISS spectrum', async () => {
    const samples: GuiderSample[] = [189, 190, 193].flatMap((detector) =>
      Array.from({ length: 30 }, (_, i) => ({
        t: i,
        detector,
        dAltArcsec: 0.02 * i,
        dAzArcsec: -0.01 * i,
        flux: 1e5 * (1 + 0.01 * Math.sin(i)),
        fwhm: 0.8 + 0.01 * i,
      })),
    )
    const centroids = await renderGuiderCentroids(samples)
    await checkPng(centroids, ['Guider centroid offsets', 'Centroid offset (arcsec)', 'Altitude'])
    await checkPng(await renderGuiderFluxTrend(samples), ['Guide star flux', 'Flux (counts)'])
    const psf = await renderGuiderPsfTrend(samples)
    await checkPng(psf, ['Guide star PSF FWHM', 'FWHM (arcsec)'])
    expect(marks(psf.svg, 'symbol')).toBe(90)
    keep('psf_trend.png', psf.bytes)
    const spectrum = await renderSpectrum(
      Array.from({ length: 500 }, (_, i) => ({ wavelengthNm: 350 + i, flux: 1000 + 500 * Math.sin(i / 40) })),
    )
    await checkPng(spectrum, ['Extracted spectrum', 'Wavelength (nm)'])
  })

  it('refuses empty input with a stable code', async () => {
    await expect(renderTimingDiagram([])).rejects.toThrow(/RA_PRODUCTS_BAD_INPUT: no payload timings to plot/)
  })
})
