import { describe, expect, it } from 'vitest'
import { parseLenientJson, replacePythonFloatTokens } from './lenient-json.ts'

describe('parseLenientJson', () => {
  it('reads Python’s bare NaN and Infinity tokens as null', () => {
    expect(parseLenientJson('{"a": NaN, "b": [Infinity, -Infinity, 1]}')).toEqual({ a: null, b: [null, null, 1] })
  })

  it('leaves the same words inside strings alone, escaped quotes included', () => {
    expect(replacePythonFloatTokens('{"NaN": "x \\" NaN", "y": NaN}')).toBe('{"NaN": "x \\" NaN", "y": null}')
  })

  it('still refuses text that is not JSON', () => {
    expect(() => parseLenientJson('{"a": nope}')).toThrow(SyntaxError)
    expect(() => parseLenientJson('{"a": NaN')).toThrow(SyntaxError)
  })
})
