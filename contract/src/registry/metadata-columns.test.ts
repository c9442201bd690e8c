import { describe, expect, it } from 'vitest'
import { Camera } from '../identifiers/cameras.ts'
import { metadataColumnsOf } from './metadata-columns.ts'

const names = (camera: Camera) => metadataColumnsOf(camera).map((column) => column.name)

describe('metadata columns', () => {
  it('attaches the TS8 columns to slac_ts8 (the YAML keys them `ts8`, which is no camera)', () => {
    expect(names('slac_ts8')).toEqual(['Run number', 'Exposure time', 'Dark time', 'Image type', 'Test type'])
  })

  it('keeps RubinTV display order', () => {
    expect(names('auxtel').slice(0, 3)).toEqual([
      'Exposure log entries',
      'Mount motion image degradation',
      'Exposure time',
    ])
    expect(names('lsstcam')).toEqual(['Exposure time', 'Image type'])
  })

  it('suffixes the star-tracker columns with the camera, except MJD and UTC for wide and fast', () => {
    expect(names('startracker_narrow')).toHaveLength(20)
    expect(names('startracker_narrow')).toContain('MJD narrow')
    expect(names('startracker_wide')).toContain('MJD')
    expect(names('startracker_fast')).toContain('RMS scatter pixels fast')
    expect(names('startracker_fast')).not.toContain('UTC fast')
  })

  it('gives every column a string description and no camera a duplicate column', () => {
    for (const camera of Camera.values) {
      for (const column of metadataColumnsOf(camera)) expect(typeof column.description).toBe('string')
      expect(new Set(names(camera)).size).toBe(names(camera).length)
    }
    expect(metadataColumnsOf('dream')).toEqual([
      { name: 'Local time', description: '' },
      { name: 'UTC', description: '' },
    ])
  })

  it('has no defaults for cameras RubinTV gives none', () => {
    expect(metadataColumnsOf('allsky')).toEqual([])
    expect(metadataColumnsOf('comcam_sim_prep')).toEqual([])
  })
})
