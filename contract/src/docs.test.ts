// contract/README.md is generated from the code (./ra codegen); this reads it back
// independently: every name is documented, and nothing documented is unknown.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONTROLS, ControlName } from './controls/index.ts'
import { ERROR_CODES } from './errors.ts'
import { IDENTIFIER_SETS } from './identifier-sets.ts'
import { KEY_KINDS } from './keys/s3/index.ts'
import { ClusterStatusSet, clusterStatusStreamKey, REDIS_KEYS } from './redis/index.ts'
import { CHANNELS, LOCATIONS } from './registry/index.ts'
import { MESSAGES } from './schemas.ts'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const documented = (name: string) => readme.includes(`\`${name}\``)

describe('contract/README.md', () => {
  it('documents every identifier token and every alias', () => {
    const missing = IDENTIFIER_SETS.flatMap((set) =>
      [...set.values.filter((v) => v !== ''), ...Object.keys(set.aliases)]
        .filter((v) => !documented(v))
        .map((v) => `${set.name}:${v}`),
    )
    expect(missing).toEqual([])
    for (const set of IDENTIFIER_SETS) expect(readme).toContain(`### ${set.name}`)
  })

  it('documents every channel under its camera, every location and every key kind', () => {
    for (const c of CHANNELS) {
      const section = readme.slice(readme.indexOf(`### \`${c.camera}\``))
      expect(section.slice(0, section.indexOf('\n### ', 4)), `${c.camera}/${c.name}`).toContain(`\`${c.name}\``)
    }
    for (const l of Object.values(LOCATIONS)) expect(documented(l.bucket), l.name).toBe(true)
    for (const k of KEY_KINDS) expect(documented(k.template), k.kind).toBe(true)
  })

  it('documents every Redis key, stream, control key and read-back key', () => {
    for (const k of REDIS_KEYS) expect(documented(k.template), k.name).toBe(true)
    for (const set of ClusterStatusSet.values) expect(documented(clusterStatusStreamKey(set))).toBe(true)
    for (const name of ControlName.values) {
      expect(documented(CONTROLS[name].key)).toBe(true)
      expect(documented(CONTROLS[name].readbackKey)).toBe(true)
    }
  })

  it('documents every message and links its schema file', () => {
    for (const m of MESSAGES) {
      expect(documented(m.name), m.name).toBe(true)
      expect(readme).toContain(`(schemas/${m.stem}.v1.json)`)
    }
  })

  it('documents exactly the error codes that exist', () => {
    const inDocs = new Set(readme.match(/RA_CONTRACT_[A-Z_]+/g) ?? [])
    expect([...inDocs].sort()).toEqual(Object.keys(ERROR_CODES).sort())
  })
})
