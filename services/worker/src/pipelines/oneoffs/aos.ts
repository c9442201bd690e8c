// ----------------------------------------------------------------------------
// AOS on the corner wavefront sensors (the AOS_* cwfs pipeline ids), a stand-in
// for the real donut pipelines (see ./wavefront.ts for what it measures).
//   step1a (one wavefront detector): ISR the half-chip and measure its donuts —
//     a bad or missing raw fails that detector, and the visit step tolerates it.
//   visit step (step1b, no detector): ISR and measure all eight half-chips, then
//     render the AOS camera's products: fp_pairing_plot, fp_donut_gallery, both
//     Zernike pyramids and donut_fits (channels from the products catalogue), and
//     write the AOS camera's metadata cells.
// ----------------------------------------------------------------------------
import { type Detector, detectorById, detectorsOf, type ExposureRecord, type ProcessPayload } from '@rubin/ra-contract'
import {
  type BinnedImage,
  type DonutStamp,
  renderDonutFits,
  renderDonutGallery,
  renderWavefrontMosaic,
  renderZernikePyramid,
} from '@rubin/ra-products'
import {
  amplifiersOf,
  assemble,
  binImage,
  type DonutImageSummary,
  type FloatImage,
  layoutOf,
  measureDonuts,
  openRaw,
} from '@rubin/ra-quicklook'
import type { QuicklookDeps } from '../quicklook/deps.ts'
import type { PipelineRunner } from '../types.ts'
import { COLUMN, EXTRA_COLUMN, measuredCells, recordCells } from './columns.ts'
import { failed, OneOffError } from './errors.ts'
import { binningOf } from './guider.ts'
import { putEvent, requireTargets, targetsOf } from './products.ts'
import { recordOf } from './record.ts'
import { cutout, focusOffsetMm, sideOf, zernikeRows } from './wavefront.ts'

/** Native pixel size, mm; the pairing mosaic is drawn at this many native pixels per binned one. */
const PIXEL_MM = 0.01
const MOSAIC_BINNING = 8
/** Donut detection binning at native resolution (donuts are large and faint per pixel). */
const DETECT_BIN = 4

export interface HalfChip {
  readonly detector: Detector
  readonly image: FloatImage
  /** Binning of the raw relative to native pixels (the simulator can bin). */
  readonly rawBinning: number
  readonly donuts: DonutImageSummary
}

/** ISR one half-chip's raw and measure its donuts. */
export function measureHalfChip(detector: Detector, bytes: Uint8Array): HalfChip {
  const file = openRaw(bytes)
  const rawBinning = binningOf(file.hdus[0]?.header.get('CCDSUM'))
  const { raws, geometry } = amplifiersOf(file, layoutOf(detector))
  const { image } = assemble(raws, geometry)
  const donuts = measureDonuts(image, {
    pixelSizeMm: PIXEL_MM * rawBinning,
    detectBin: Math.max(1, Math.round(DETECT_BIN / rawBinning)),
  })
  return { detector, image, rawBinning, donuts }
}

async function readHalfChip(deps: QuicklookDeps, record: ExposureRecord, detector: Detector) {
  const bytes = await deps.raws.rawImage(record, detector.name)
  return bytes === undefined ? undefined : measureHalfChip(detector, bytes)
}

function galleryStamps(chips: readonly HalfChip[]): DonutStamp[] {
  return chips.flatMap((chip) => {
    const brightest = [...chip.donuts.donuts].sort((a, b) => b.flux - a.flux)[0]
    if (brightest === undefined) return []
    const stamp = cutout(chip.image, brightest.x, brightest.y, brightest.outerRadius * 1.3 + 2)
    return [{ ...stamp, detector: chip.detector.id, side: sideOf(chip.detector) }]
  })
}

function pairingImages(chips: readonly HalfChip[]): BinnedImage[] {
  return chips.map((chip) => {
    const factor = Math.max(1, Math.round(MOSAIC_BINNING / chip.rawBinning))
    const binned = binImage(chip.image, factor)
    return {
      detector: chip.detector.id,
      width: binned.width,
      height: binned.height,
      pixels: binned.pixels,
      binning: factor * chip.rawBinning,
    }
  })
}

async function visitStep(deps: QuicklookDeps, payload: ProcessPayload, signal: AbortSignal) {
  const record = await recordOf(deps, payload)
  const wavefront = detectorsOf(record.instrument).filter((d) => d.purpose === 'wavefront')
  const chips: HalfChip[] = []
  for (const detector of wavefront) {
    signal.throwIfAborted()
    const chip = await readHalfChip(deps, record, detector)
    if (chip !== undefined) chips.push(chip)
  }
  if (chips.length === 0) {
    throw new OneOffError('RA_ONEOFF_NO_RAWS', `no corner wavefront raw of ${record.obsId} was found`)
  }
  const zernikes = chips.flatMap((c) => zernikeRows(c.detector, c.donuts))
  const stamps = galleryStamps(chips)
  if (zernikes.length === 0 || stamps.length === 0) {
    throw new OneOffError(
      'RA_ONEOFF_NO_DONUTS',
      `no donut measured on the ${chips.length} wavefront half-chip(s) of ${record.obsId} (image type ${record.observationType})`,
    )
  }
  const at = { dayObs: record.dayObs, seq: record.seqNum }
  const keys: string[] = []
  const cameras = new Set<QuicklookDeps['camera']>()
  const put = async (entry: Parameters<typeof putEvent>[1], rendered: Parameters<typeof putEvent>[3]) => {
    keys.push(await putEvent(deps, entry, at, rendered))
    cameras.add(entry.camera)
  }
  const instrument = record.instrument
  const gallery = await renderDonutGallery(stamps, { instrument })
  for (const entry of requireTargets(instrument, 'renderDonutGallery')) await put(entry, gallery)
  for (const entry of targetsOf(instrument, 'renderZernikePyramid')) {
    const kind = entry.options?.kind === 'residual' ? 'residual' : 'measured'
    await put(entry, await renderZernikePyramid(zernikes, { instrument, kind }))
  }
  signal.throwIfAborted()
  const fits = targetsOf(instrument, 'renderDonutFits')
  if (fits.length > 0) {
    const plot = await renderDonutFits(zernikes, { instrument })
    for (const entry of fits) await put(entry, plot)
  }
  const mosaic = targetsOf(instrument, 'renderWavefrontMosaic')
  if (mosaic.length > 0) {
    const image = await renderWavefrontMosaic(pairingImages(chips))
    for (const entry of mosaic) await put(entry, image)
  }
  const offsets = chips
    .filter((c) => c.donuts.nDonuts > 0)
    .map((c) => focusOffsetMm(c.detector, c.donuts.defocusMm))
    .filter(Number.isFinite)
  const focus = offsets.length === 0 ? Number.NaN : offsets.reduce((a, b) => a + b, 0) / offsets.length
  const base = recordCells(record)
  const cells = {
    [COLUMN.exposureTime]: base[COLUMN.exposureTime] ?? null,
    [COLUMN.imageType]: base[COLUMN.imageType] ?? null,
    [EXTRA_COLUMN.donutCount]: chips.reduce((n, c) => n + c.donuts.nDonuts, 0),
    ...measuredCells(EXTRA_COLUMN.focusOffset, focus, 4),
  }
  for (const camera of cameras) {
    await deps.publishShard({ camera, dayObs: record.dayObs, rows: { [String(record.seqNum)]: cells } })
  }
  return keys
}

async function detectorStep(deps: QuicklookDeps, payload: ProcessPayload, detectorId: number) {
  const detector = detectorById(deps.instrument, detectorId)
  if (detector === undefined || detector.purpose !== 'wavefront') {
    throw new OneOffError(
      'RA_ONEOFF_BAD_PAYLOAD',
      `payload ${payload.payloadId}: detector ${detectorId} is not a ${deps.instrument} wavefront sensor`,
    )
  }
  const record = await recordOf(deps, payload)
  const chip = await readHalfChip(deps, record, detector)
  if (chip === undefined) {
    throw new OneOffError('RA_ONEOFF_NO_RAWS', `no raw of ${record.obsId} for wavefront sensor ${detector.name}`)
  }
  deps.logger.debug(
    { detector: detector.name, donuts: chip.donuts.nDonuts, defocusMm: chip.donuts.defocusMm },
    'wavefront half-chip measured',
  )
  return [] as string[]
}

export function aosRunner(deps: QuicklookDeps): PipelineRunner {
  return {
    describe: 'AOS stand-in: corner wavefront donuts → pairing mosaic, donut gallery, Zernike pyramids, donut fits',
    async run(payload, context) {
      try {
        const detector = payload.dataIds[0]?.detector
        const outputs =
          detector === undefined
            ? await visitStep(deps, payload, context.signal)
            : await detectorStep(deps, payload, detector)
        return { outcome: 'finished', outputs }
      } catch (error) {
        return failed(error)
      }
    },
  }
}
