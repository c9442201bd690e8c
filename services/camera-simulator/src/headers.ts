// Header cards of a raw file, after the real camera's (reference-data/headers): the primary
// HDU describes the exposure and the detector, each amplifier extension its sections.
import { type AmplifierLayout, type Detector, fitsSection, type SensorLayout } from '@rubin/ra-contract'
import { INSTRUMENT_FACTS } from './instruments.ts'
import type { Resolved } from './scene.ts'
import { IMAGE_TYPES } from './spec.ts'

/** A FITS header card, as @rubin/ra-fits takes them. */
export interface Card {
  readonly key: string
  readonly value?: string | number | boolean | null
  readonly comment?: string
}

export interface ExposureIdentity {
  readonly obsId: string
  readonly exposureId: number
  readonly controller: string
  readonly groupId: string
  readonly physicalFilter: string
  readonly end: Date
}

const iso = (d: Date) => d.toISOString().replace('Z', '').slice(0, 23)
const mjd = (d: Date) => d.getTime() / 86_400_000 + 40_587

export function primaryCards(
  resolved: Resolved,
  identity: ExposureIdentity,
  detector: Detector,
  layout: SensorLayout,
  binning: number,
): Card[] {
  const { spec } = resolved
  const facts = INSTRUMENT_FACTS[spec.instrument]
  const type = IMAGE_TYPES[spec.imageType]
  const el = spec.elevation ?? 60
  const manufacturer = detector.physicalType === 'E2V' ? 'E2V' : 'ITL'
  // LATISS's single CCD is bay R00 in its headers, RXX in obs_lsst's geometry.
  const raftBay = detector.raft === 'RXX' ? 'R00' : detector.raft
  return [
    { key: 'DATE', value: iso(identity.end) },
    { key: 'MJD', value: mjd(identity.end) },
    { key: 'IMGTYPE', value: type.imgtype },
    { key: 'DATE-OBS', value: iso(spec.start) },
    { key: 'MJD-OBS', value: mjd(spec.start) },
    { key: 'DATE-BEG', value: iso(spec.start) },
    { key: 'DATE-END', value: iso(identity.end) },
    { key: 'OBSID', value: identity.obsId },
    { key: 'BUNIT', value: 'adu' },
    { key: 'TIMESYS', value: 'TAI' },
    { key: 'GROUPID', value: identity.groupId },
    { key: 'INSTRUME', value: facts.instrume },
    { key: 'TELESCOP', value: facts.telescope },
    { key: 'RA', value: spec.ra ?? null },
    { key: 'DEC', value: spec.dec ?? null },
    { key: 'ROTPA', value: spec.rotation ?? 0 },
    { key: 'ELSTART', value: el },
    { key: 'AZSTART', value: spec.azimuth ?? 180 },
    { key: 'ELEND', value: el },
    { key: 'AZEND', value: spec.azimuth ?? 180 },
    { key: 'FOCUSZ', value: resolved.focusZ },
    { key: 'OBJECT', value: spec.targetName ?? (spec.imageType === 'science' ? 'simulated_field' : type.imgtype) },
    { key: 'TESTTYPE', value: type.imgtype },
    { key: 'CAMCODE', value: identity.obsId.slice(0, 2) },
    { key: 'CONTRLLR', value: identity.controller },
    { key: 'DAYOBS', value: String(spec.dayObs) },
    { key: 'SEQNUM', value: spec.seqNum },
    { key: 'PROGRAM', value: spec.scienceProgram ?? 'SIMULATION' },
    { key: 'REASON', value: spec.observationReason ?? spec.imageType },
    { key: 'CCD_MANU', value: manufacturer },
    { key: 'CCD_TYPE', value: manufacturer === 'E2V' ? '250' : '3800C' },
    { key: 'CCDSLOT', value: detector.sensor },
    { key: 'RAFTBAY', value: raftBay },
    { key: 'LSST_NUM', value: detector.serial ?? `${manufacturer}-SIM-${detector.id}` },
    { key: 'DETSIZE', value: fitsSection({ x: 0, y: 0, width: layout.width, height: layout.height }) },
    { key: 'FILTBAND', value: resolved.band },
    { key: 'FILTER', value: identity.physicalFilter },
    { key: 'EXPTIME', value: resolved.exposureTime },
    { key: 'DARKTIME', value: spec.imageType === 'bias' ? 0 : resolved.exposureTime + 1 },
    { key: 'CCDSUM', value: `${binning} ${binning}` },
    { key: 'HEADVER', value: 2 },
    { key: 'FILENAME', value: `${identity.obsId}_${detector.name}.fits` },
    { key: 'ORIGIN', value: 'camera-simulator', comment: 'simulated by @rubin/ra-camera-simulator' },
  ]
}

/** DETSEC/DTV/DTM follow the contract's assembled frame (obs_lsst's), so sections and layout agree. */
export function amplifierCards(amp: AmplifierLayout, layout: SensorLayout, channel: number, binning: number): Card[] {
  const data = amp.rawDataBBox
  const det = amp.bbox
  // detector = DTM * image + DTV (1-based): the first data pixel lands on the flipped corner.
  const dtv1 = amp.rawFlipX ? det.x + det.width + data.x + 1 : det.x - data.x
  const dtv2 = amp.rawFlipY ? det.y + det.height + data.y + 1 : det.y - data.y
  return [
    { key: 'CHANNEL', value: channel },
    { key: 'EXTNAME', value: amp.extname },
    { key: 'CCDSUM', value: `${binning} ${binning}` },
    { key: 'DATASEC', value: fitsSection(data) },
    { key: 'DETSEC', value: fitsSection(det, amp.rawFlipX, amp.rawFlipY) },
    { key: 'DETSIZE', value: fitsSection({ x: 0, y: 0, width: layout.width, height: layout.height }) },
    { key: 'BIASSEC', value: fitsSection(amp.rawSerialOverscanBBox) },
    { key: 'DTV1', value: dtv1 },
    { key: 'DTV2', value: dtv2 },
    { key: 'DTM1_1', value: amp.rawFlipX ? -1 : 1 },
    { key: 'DTM2_2', value: amp.rawFlipY ? -1 : 1 },
    { key: 'DTM1_2', value: 0 },
    { key: 'DTM2_1', value: 0 },
    { key: 'LTV1', value: -data.x },
    { key: 'LTV2', value: -data.y },
    { key: 'LTM1_1', value: 1 },
    { key: 'LTM2_2', value: 1 },
  ]
}

/** Extension names of the guider stamp sequence (simulator-only; see README). */
export const guiderStampExtname = (index: number) => `GUIDER${String(index).padStart(3, '0')}`

export function guiderStampCards(index: number, t: number, truthOrigin: { x: number; y: number }): Card[] {
  return [
    { key: 'EXTNAME', value: guiderStampExtname(index) },
    { key: 'STMPTIME', value: t, comment: 'seconds after exposure start' },
    { key: 'STMPX0', value: truthOrigin.x, comment: 'stamp origin, assembled detector x (0-based)' },
    { key: 'STMPY0', value: truthOrigin.y },
  ]
}
