import { describe, expect, it } from 'vitest'
import { parsePipelineSpecs, usesQuicklook } from './spec.ts'

describe('RA_PIPELINES', () => {
  it('accepts pipeline ids, one-off tasks and "*"', () => {
    const text = JSON.stringify({
      SFM: { kind: 'exec', command: ['python', '-m', 'sfm'], timeoutS: 600 },
      GUIDER: { kind: 'test', sleepMs: 5 },
      '*': { kind: 'test', sleepMs: 10, failDetectors: [3], failEvery: 4 },
    })
    const parsed = parsePipelineSpecs(text)
    expect(parsed.ok).toBe(true)
    expect(parsed.ok && parsed.value.SFM).toEqual({ kind: 'exec', command: ['python', '-m', 'sfm'], timeoutS: 600 })
  })

  it('names the key and field at fault', () => {
    const parsed = parsePipelineSpecs(
      JSON.stringify({
        SFMM: { kind: 'test' },
        ISR: { kind: 'shell' },
        BIAS: { kind: 'exec', command: [] },
        DARK: { kind: 'test', sleepMs: -1 },
      }),
    )
    expect(parsed.ok).toBe(false)
    const paths = parsed.ok ? [] : parsed.issues.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['/SFMM', '/ISR/kind', '/BIAS/command', '/DARK/sleepMs']))
  })

  it('refuses text that is not a JSON object', () => {
    expect(parsePipelineSpecs('{').ok).toBe(false)
    expect(parsePipelineSpecs('[]').ok).toBe(false)
  })
})

describe('quicklook pipeline spec', () => {
  it('accepts the quicklook kind with an optional bin factor, and names a bad field', () => {
    const parsed = parsePipelineSpecs('{"*":{"kind":"quicklook"},"SFM":{"kind":"quicklook","binFactor":4}}')
    expect(parsed.ok && usesQuicklook(parsed.value)).toBe(true)
    const bad = parsePipelineSpecs('{"SFM":{"kind":"quicklook","binFactor":0}}')
    expect(bad.ok).toBe(false)
    expect(!bad.ok && bad.issues[0]?.path).toBe('/SFM/binFactor')
    expect(usesQuicklook({ '*': { kind: 'test' } })).toBe(false)
  })
})
