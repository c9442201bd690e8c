import { describe, expect, it } from 'vitest'
import { Camera } from '../identifiers/cameras.ts'
import { Instrument } from '../identifiers/instruments.ts'
import { CAMERAS, cameraForInstrument, cameraSpec, DEFAULT_NIGHT_REPORT_LABEL, INSTRUMENT_CAMERAS } from './cameras.ts'

describe('cameras', () => {
  it('describes all 19 cameras, each keyed by its own name', () => {
    expect(Object.keys(CAMERAS)).toHaveLength(19)
    expect(Object.keys(CAMERAS)).toEqual([...Camera.values])
    for (const camera of Camera.values) expect(CAMERAS[camera].name).toBe(camera)
  })

  it('reads metadata only from a camera that reads its own', () => {
    for (const camera of Camera.values) {
      const from = cameraSpec(camera).metadataFrom
      if (from !== undefined) expect(cameraSpec(from).metadataFrom).toBeUndefined()
    }
    expect(CAMERAS.startracker_fast.metadataFrom).toBe('startracker_narrow')
  })

  it("uses RubinTV's default night-report label except at the SLAC test stands", () => {
    const custom = Camera.values.filter((camera) => CAMERAS[camera].nightReportLabel !== DEFAULT_NIGHT_REPORT_LABEL)
    expect(custom).toEqual(['slac_lsstcam', 'slac_ts8'])
  })

  it('has balanced braces in every copy-row template (the ra_performance YAML typo is fixed)', () => {
    for (const camera of Camera.values) {
      const template = cameraSpec(camera).copyRowTemplate
      if (template === undefined) continue
      let depth = 0
      for (const char of template) {
        depth += char === '{' ? 1 : char === '}' ? -1 : 0
        expect(depth).toBeGreaterThanOrEqual(0)
      }
      expect({ camera, depth }).toEqual({ camera, depth: 0 })
    }
    expect(CAMERAS.ra_performance.copyRowTemplate).toBe(
      'dataId = {"day_obs": {dayObs}, "seq_num": {seqNum}, "detector": 0}',
    )
  })

  it('fills the image-viewer link with the day and seq', () => {
    for (const camera of Camera.values) {
      const link = cameraSpec(camera).imageViewerLink
      if (link !== undefined) expect(link).toMatch(/\{dayObs\}_\{seqNum\}/)
    }
    expect(CAMERAS.lsstcam.imageViewerLink).toContain('MC_{controller:default=O}_{dayObs}_{seqNum}')
  })
})

describe('cameraForInstrument', () => {
  it("files each instrument's products under its camera", () => {
    expect(cameraForInstrument('LSSTCam')).toBe('lsstcam')
    expect(cameraForInstrument('LSSTCam', 'aos')).toBe('lsstcam_aos')
    expect(cameraForInstrument('LSSTCam', 'guider')).toBe('lsstcam_guider')
    expect(cameraForInstrument('LATISS')).toBe('auxtel')
    expect(cameraForInstrument('LSSTComCam', 'aos')).toBe('comcam_aos')
    expect(cameraForInstrument('LSSTComCamSim')).toBe('comcam_sim')
    expect(cameraForInstrument('LSSTComCamSim', 'aos')).toBe('comcam_sim_aos')
  })

  it('has no camera for a flavour the instrument lacks', () => {
    expect(cameraForInstrument('LATISS', 'aos')).toBeUndefined()
    expect(cameraForInstrument('LSSTComCam', 'guider')).toBeUndefined()
  })

  it("agrees with each camera's instrument", () => {
    for (const instrument of Instrument.values) {
      for (const camera of Object.values(INSTRUMENT_CAMERAS[instrument])) {
        expect(cameraSpec(camera).instrument).toBe(instrument)
      }
    }
    const lsstcam = Camera.values.filter((camera) => cameraSpec(camera).instrument === 'LSSTCam')
    expect(lsstcam).toEqual(['lsstcam', 'lsstcam_aos', 'lsstcam_guider', 'ra_performance'])
  })
})
