import { describe, expect, it } from 'vitest'
import { opensFamPair, routeExposure } from './routing.ts'

const controls = { instrument: 'LSSTCam', aosPipeline: 'AOS_TIE', famPipeline: 'AOS_FAM_TIE' } as const

describe('routing by observation type', () => {
  it('sends science to SFM and the corner sensors to the AOS pipeline in effect', () => {
    expect(routeExposure({ ...controls, observationType: 'science' })).toEqual({
      kind: 'science',
      imaging: { who: 'SFM', pipeline: 'SFM' },
      wavefront: { who: 'AOS', pipeline: 'AOS_TIE' },
      aosPipeline: 'AOS_TIE',
    })
    expect(routeExposure({ ...controls, observationType: 'acq' }).kind).toBe('science')
  })

  it('sends calibs to their verification pipeline under who ISR, corners to plain ISR', () => {
    for (const [type, pipeline] of [
      ['bias', 'BIAS'],
      ['dark', 'DARK'],
      ['flat', 'FLAT'],
      ['unknown', 'ISR'],
    ] as const) {
      const route = routeExposure({ ...controls, observationType: type })
      expect(route.imaging).toEqual({ who: 'ISR', pipeline })
      expect(route.wavefront).toEqual({ who: 'ISR', pipeline: 'ISR' })
      expect(route.aosPipeline).toBeUndefined()
    }
    expect(routeExposure({ ...controls, observationType: 'BIAS' }).imaging.pipeline).toBe('BIAS')
  })

  it('sends full-array-mode images to the FAM pipeline under who AOS', () => {
    const route = routeExposure({ ...controls, observationType: 'cwfs' })
    expect(route).toEqual({
      kind: 'fam',
      imaging: { who: 'AOS', pipeline: 'AOS_FAM_TIE' },
      wavefront: undefined,
      aosPipeline: 'AOS_FAM_TIE',
    })
    expect(routeExposure({ ...controls, instrument: 'LATISS', observationType: 'cwfs' }).kind).toBe('science')
  })

  it('does not take inherited object properties for image types', () => {
    expect(routeExposure({ ...controls, observationType: 'constructor' }).kind).toBe('science')
  })

  it('opens a FAM pair only on an intra-focal cwfs image', () => {
    expect(opensFamPair('cwfs', 'INTRA')).toBe(true)
    expect(opensFamPair('cwfs', 'focus_intra_1.5')).toBe(true)
    expect(opensFamPair('cwfs', 'extra')).toBe(false)
    expect(opensFamPair('science', 'intra')).toBe(false)
  })
})
