import { Type } from '@sinclair/typebox'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

const Schema = Type.Object({
  RA_INSTRUMENT: Type.Union([Type.Literal('LSSTCam'), Type.Literal('LATISS')], {
    description: 'the butler instrument',
  }),
  RA_HTTP_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 9100 }),
  RA_DEBUG: Type.Boolean({ default: false }),
})

describe('loadConfig', () => {
  it('converts strings and applies defaults', () => {
    expect(loadConfig('t', Schema, { RA_INSTRUMENT: 'LSSTCam', RA_DEBUG: 'true' })).toEqual({
      RA_INSTRUMENT: 'LSSTCam',
      RA_HTTP_PORT: 9100,
      RA_DEBUG: true,
    })
  })

  it('names every bad variable, what it must be and what it was', () => {
    let error: unknown
    try {
      loadConfig('head-node', Schema, { RA_HTTP_PORT: 'eighty' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as ConfigError).message
    expect(message).toContain('head-node: invalid configuration')
    expect(message).toMatch(/RA_INSTRUMENT: .*\(the butler instrument\); it is not set/)
    expect(message).toMatch(/RA_HTTP_PORT: .*got 'eighty'/)
  })
})
