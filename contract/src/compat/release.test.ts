// The rename guard on the real contract: the committed surface is compatible
// with the last release, and renaming real names in it is caught and attributed.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONTRACT_VERSION } from '../version.ts'
import { compareSurfaces, formatReport } from './check.ts'
import type { Surface } from './surface.ts'

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Surface
const current = read('../../generated/surface.json')
const releases = readdirSync(new URL('../../releases/', import.meta.url)).filter((f) =>
  /^v\d+\.\d+\.\d+\.json$/.test(f),
)
const released = read(`../../releases/${releases.sort().at(-1)}`)
const edit = (change: (s: { -readonly [K in keyof Surface]: Surface[K] }) => void): Surface => {
  const copy = structuredClone(current) as { -readonly [K in keyof Surface]: Surface[K] }
  change(copy)
  return copy
}

describe('the contract against its last release', () => {
  it('is the current version and compatible', () => {
    expect(current.version).toBe(CONTRACT_VERSION)
    const report = compareSurfaces(released, current)
    expect(report.findings.filter((f) => f.breaking)).toEqual([])
    expect(report.compatible).toBe(true)
  })

  it('catches a renamed channel and names who it breaks', () => {
    const renamed = edit((s) => {
      const names = { ...s.names }
      const old = names['channel:lsstcam/focal_plane_mosaic']
      delete names['channel:lsstcam/focal_plane_mosaic']
      if (old) names['channel:lsstcam/post_isr_mosaic'] = { ...old, value: 'lsstcam/post_isr_mosaic' }
      s.names = names
    })
    const report = compareSurfaces(released, renamed)
    expect(report.compatible).toBe(false)
    expect(formatReport(report)).toMatch(
      /channel channel:lsstcam\/focal_plane_mosaic: 'lsstcam\/focal_plane_mosaic' removed or renamed \[breaks producers: .*worker.*; consumers: rubintv\]/,
    )
  })

  it('catches a renamed control token, a changed stream key and a renamed message field', () => {
    const changed = edit((s) => {
      const pattern = s.identifiers.FocalPlanePattern
      if (pattern)
        s.identifiers = {
          ...s.identifiers,
          FocalPlanePattern: { ...pattern, values: pattern.values.map((v) => (v === '5_ON_A_DIE' ? 'FIVE_RAFTS' : v)) },
        }
      const stream = s.names['stream:SFM_SET_0']
      if (stream) s.names = { ...s.names, 'stream:SFM_SET_0': { ...stream, value: 'stream:CLUSTER_STATUS_SFM_0' } }
      const payload = structuredClone(s.messages.ObjectWritten)
      if (payload) {
        const props = payload.schema as { properties: Record<string, unknown>; required: string[] }
        props.properties.objectKey = props.properties.key
        delete props.properties.key
        props.required = props.required.map((r) => (r === 'key' ? 'objectKey' : r))
        s.messages = { ...s.messages, ObjectWritten: payload }
      }
    })
    const text = formatReport(compareSurfaces(released, changed))
    expect(text).toContain("identifier FocalPlanePattern: token '5_ON_A_DIE' removed or renamed")
    expect(text).toContain(
      "cluster-status stream stream:SFM_SET_0: changed from 'stream:CLUSTER_STATUS_SFM_SET_0' to 'stream:CLUSTER_STATUS_SFM_0'",
    )
    expect(text).toMatch(
      /message ObjectWritten \/properties\/key: property 'key' removed or renamed \[breaks producers: .*metadata-server.*; consumers: rubintv, catcher\]/,
    )
  })

  it('lets the same renames through with a major version bump', () => {
    const bumped = edit((s) => {
      s.version = '2.0.0'
      s.names = {}
    })
    expect(compareSurfaces(released, bumped).compatible).toBe(true)
  })
})
