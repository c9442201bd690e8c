// Reading ExposureRecords: schema, instrument, a consistent id, and agreement with their key.
import type { ExposureRecord } from '@rubin/ra-contract'
import { describe, expect, it } from 'vitest'
import { parseExposureRecord } from './records.ts'

const RECORD: ExposureRecord = {
  instrument: 'LSSTCam',
  exposureId: 2025041500060,
  obsId: 'MC_O_20250415_000060',
  dayObs: 20250415,
  seqNum: 60,
  controller: 'O',
  groupId: '2025-04-16T03:12:00.000',
  observationType: 'science',
  observationReason: 'field_survey_science',
  physicalFilter: 'r_57',
  exposureTime: 30,
  darkTime: 30.8,
  targetName: 'field',
  scienceProgram: 'BLOCK-365',
  trackingRa: 10,
  trackingDec: -20,
  skyAngle: 0,
  azimuth: 100,
  zenithAngle: 30,
  canSeeSky: true,
  timespanBegin: '2025-04-16T03:12:05.000Z',
  timespanEnd: '2025-04-16T03:12:35.000Z',
}

const text = (record: unknown) => JSON.stringify(record)

describe('parseExposureRecord', () => {
  it('accepts a record for this instrument whose key agrees with it', () => {
    const parsed = parseExposureRecord(text(RECORD), {
      instrument: 'LSSTCam',
      obsId: 'MC_O_20250415_000060',
      dayObs: 20250415,
    })
    expect(parsed).toEqual({ ok: true, value: RECORD })
  })

  it('refuses what is not JSON, or not an ExposureRecord, naming the field', () => {
    expect(parseExposureRecord('{oops', { instrument: 'LSSTCam' }).ok).toBe(false)
    const missing = parseExposureRecord(text({ ...RECORD, seqNum: undefined }), { instrument: 'LSSTCam' })
    expect(missing.ok).toBe(false)
    expect(JSON.stringify(missing)).toContain('seqNum')
    expect(parseExposureRecord(undefined, { instrument: 'LSSTCam' }).ok).toBe(false)
  })

  it('refuses another instrument’s record', () => {
    const parsed = parseExposureRecord(text(RECORD), { instrument: 'LATISS' })
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.issues[0]?.path).toBe('/instrument')
  })

  it('refuses an id that disagrees with dayObs, seqNum and controller (the dedupe key must be right)', () => {
    const parsed = parseExposureRecord(text({ ...RECORD, exposureId: 2025041500061 }), { instrument: 'LSSTCam' })
    expect(!parsed.ok && parsed.issues[0]?.path).toBe('/exposureId')
  })

  it('refuses a record stored under another exposure’s key', () => {
    const wrongObs = parseExposureRecord(text(RECORD), { instrument: 'LSSTCam', obsId: 'MC_O_20250415_000061' })
    expect(!wrongObs.ok && wrongObs.issues[0]?.path).toBe('/obsId')
    const wrongDay = parseExposureRecord(text(RECORD), { instrument: 'LSSTCam', dayObs: 20250416 })
    expect(!wrongDay.ok && wrongDay.issues[0]?.path).toBe('/dayObs')
  })
})
