// Bucket notifications → the rawRecord keys of one instrument (decoding, filtering, refusals).
import type { BucketNotification } from '@rubin/ra-contract'
import { describe, expect, it } from 'vitest'
import { decodeObjectKey, parseNotification, recordKeysOf } from './notifications.ts'

const KEY = 'LSSTCam/20250415/MC_O_20250415_000060/MC_O_20250415_000060.json'

const event = (key: string, eventName = 'ObjectCreated:Put') => ({
  eventName,
  s3: { bucket: { name: 'rubin-raw' }, object: { key } },
})

describe('recordKeysOf', () => {
  it('keeps created rawRecord keys of this instrument and skips everything else', () => {
    const notification: BucketNotification = {
      Records: [
        event(KEY, 's3:ObjectCreated:CompleteMultipartUpload'),
        event('LSSTCam/20250415/MC_O_20250415_000060/MC_O_20250415_000060_R22_S11.fits'),
        event('LATISS/20250415/AT_O_20250415_000060/AT_O_20250415_000060.json'),
        event('LSSTCam/20250415/MC_O_20250415_000061/MC_O_20250415_000061.json', 'ObjectRemoved:Delete'),
        event('not/a/key'),
      ],
    }
    expect(recordKeysOf(notification, 'LSSTCam')).toEqual({
      records: [{ key: KEY, obsId: 'MC_O_20250415_000060', dayObs: 20250415 }],
      ignored: 4,
      undecodable: [],
    })
  })

  it('URL-decodes keys, counts each object once, and reports keys that do not decode', () => {
    const encoded = KEY.replace(/_/g, '%5F')
    const notification: BucketNotification = { Records: [event(encoded), event(KEY), event('LSSTCam/%E0%A4%A')] }
    const keys = recordKeysOf(notification, 'LSSTCam')
    expect(keys.records.map((r) => r.key)).toEqual([KEY])
    expect(keys.undecodable).toEqual(['LSSTCam/%E0%A4%A'])
  })

  it('decodes + as a space, as S3 encodes it', () => {
    expect(decodeObjectKey('a+b%2Bc')).toBe('a b+c')
  })
})

describe('parseNotification', () => {
  it('accepts a notification and refuses anything else with the reason', () => {
    expect(parseNotification(JSON.stringify({ Records: [event(KEY)] })).ok).toBe(true)
    const notJson = parseNotification('hello')
    expect(!notJson.ok && notJson.issues[0]?.message).toMatch(/not JSON/)
    const noRecords = parseNotification('{"records": []}')
    expect(noRecords.ok).toBe(false)
    expect(JSON.stringify(noRecords)).toContain('Records')
  })
})
