import { describe, expect, it } from 'vitest'
import { compareSurfaces, formatReport } from './check.ts'
import type { Surface } from './surface.ts'

const surface = (version: string, patch: Partial<Surface> = {}): Surface => ({
  version,
  identifiers: { FocalPlanePattern: { values: ['ALL', '5_ON_A_DIE'], aliases: { FIVE_ON_A_DIE: '5_ON_A_DIE' } } },
  names: {
    'channel:lsstcam/focal_plane_mosaic': {
      kind: 'channel',
      value: 'lsstcam/focal_plane_mosaic',
      producers: ['worker'],
      consumers: ['rubintv'],
    },
  },
  messages: {
    Payload: {
      schema: { type: 'object', properties: { pattern: { $ref: '#/$defs/FocalPlanePattern' } }, required: ['pattern'] },
      producers: ['head-node'],
      consumers: ['worker'],
    },
  },
  ...patch,
})

describe('compatibility check', () => {
  it('passes an unchanged surface', () => {
    const report = compareSurfaces(surface('1.0.0'), surface('1.0.0'))
    expect(report.compatible).toBe(true)
    expect(report.findings).toEqual([])
  })

  it('fails a renamed channel without a major bump and names who it breaks', () => {
    const renamed = surface('1.1.0', {
      names: {
        'channel:lsstcam/post_isr_mosaic': {
          kind: 'channel',
          value: 'lsstcam/post_isr_mosaic',
          producers: ['worker'],
          consumers: ['rubintv'],
        },
      },
    })
    const report = compareSurfaces(surface('1.0.0'), renamed)
    expect(report.compatible).toBe(false)
    const text = formatReport(report)
    expect(text).toContain('channel channel:lsstcam/focal_plane_mosaic')
    expect(text).toContain('producers: worker')
    expect(text).toContain('consumers: rubintv')
    expect(text).toContain('bump the major version')
  })

  it('allows the same rename with a major bump', () => {
    const report = compareSurfaces(surface('1.0.0'), surface('2.0.0', { names: {} }))
    expect(report.compatible).toBe(true)
    expect(report.majorBumped).toBe(true)
  })

  it('fails a removed identifier token and a dropped legacy alias', () => {
    const narrowed = surface('1.0.1', { identifiers: { FocalPlanePattern: { values: ['ALL'], aliases: {} } } })
    const report = compareSurfaces(surface('1.0.0'), narrowed)
    expect(report.compatible).toBe(false)
    const messages = report.findings.filter((f) => f.breaking).map((f) => f.message)
    expect(messages).toContain("token '5_ON_A_DIE' removed or renamed")
    expect(messages.some((m) => m.includes("'FIVE_ON_A_DIE'"))).toBe(true)
    // The identifier is used by Payload, so its producers and consumers are named.
    expect(report.findings[0]?.producers).toEqual(['head-node'])
  })

  it('accepts additions as compatible', () => {
    const more = surface('1.1.0', {
      identifiers: {
        FocalPlanePattern: { values: ['ALL', '5_ON_A_DIE', 'EDGE'], aliases: { FIVE_ON_A_DIE: '5_ON_A_DIE' } },
      },
    })
    const report = compareSurfaces(surface('1.0.0'), more)
    expect(report.compatible).toBe(true)
    expect(report.findings.map((f) => f.message)).toEqual(["token 'EDGE' added"])
  })
})
