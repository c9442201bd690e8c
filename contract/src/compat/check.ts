// ----------------------------------------------------------------------------
// The rename guard: compare the current surface with a released one. Removing or
// renaming anything, or narrowing a type, is breaking, and is allowed only with a
// major version bump. Every finding names what changed and who it breaks.
// ----------------------------------------------------------------------------
import { diffSchemas } from './schema-diff.ts'
import type { Surface } from './surface.ts'

export interface CompatFinding {
  readonly breaking: boolean
  /** What changed, e.g. "channel lsstcam/focal_plane_mosaic". */
  readonly subject: string
  readonly message: string
  readonly producers: readonly string[]
  readonly consumers: readonly string[]
}

export interface CompatReport {
  readonly from: string
  readonly to: string
  readonly majorBumped: boolean
  readonly findings: readonly CompatFinding[]
  /** True when the change is allowed: nothing breaking, or the major version was bumped. */
  readonly compatible: boolean
}

const major = (version: string) => Number(version.split('.')[0])

export function compareSurfaces(released: Surface, current: Surface): CompatReport {
  const findings: CompatFinding[] = []
  const push = (f: CompatFinding) => findings.push(f)

  for (const [name, old] of Object.entries(released.identifiers)) {
    const now = current.identifiers[name]
    const users = identifierUsers(released, name)
    if (now === undefined) {
      push({ breaking: true, subject: `identifier set ${name}`, message: 'removed or renamed', ...users })
      continue
    }
    for (const value of old.values) {
      if (!now.values.includes(value)) {
        const alias = now.aliases[value]
        const message = alias
          ? `canonical token '${value}' replaced by '${alias}' (still accepted on input, but writers changed)`
          : `token '${value}' removed or renamed`
        push({ breaking: true, subject: `identifier ${name}`, message, ...users })
      }
    }
    for (const [alias, target] of Object.entries(old.aliases)) {
      if (now.aliases[alias] === undefined && !now.values.includes(alias)) {
        push({
          breaking: true,
          subject: `identifier ${name}`,
          message: `legacy spelling '${alias}' (→ ${target}) no longer accepted`,
          ...users,
        })
      }
    }
    for (const value of now.values) {
      if (!old.values.includes(value)) {
        push({ breaking: false, subject: `identifier ${name}`, message: `token '${value}' added`, ...users })
      }
    }
  }
  for (const name of Object.keys(current.identifiers)) {
    if (!(name in released.identifiers)) {
      push({ breaking: false, subject: `identifier set ${name}`, message: 'added', producers: [], consumers: [] })
    }
  }

  for (const [id, old] of Object.entries(released.names)) {
    const now = current.names[id]
    const who = { producers: old.producers, consumers: old.consumers }
    if (now === undefined) {
      push({ breaking: true, subject: `${old.kind} ${id}`, message: `'${old.value}' removed or renamed`, ...who })
    } else if (now.value !== old.value) {
      push({
        breaking: true,
        subject: `${old.kind} ${id}`,
        message: `changed from '${old.value}' to '${now.value}'`,
        ...who,
      })
    }
  }
  for (const [id, now] of Object.entries(current.names)) {
    if (!(id in released.names)) {
      push({
        breaking: false,
        subject: `${now.kind} ${id}`,
        message: `'${now.value}' added`,
        producers: now.producers,
        consumers: now.consumers,
      })
    }
  }

  for (const [name, old] of Object.entries(released.messages)) {
    const now = current.messages[name]
    const who = { producers: old.producers, consumers: old.consumers }
    if (now === undefined) {
      push({ breaking: true, subject: `message ${name}`, message: 'removed or renamed', ...who })
      continue
    }
    for (const change of diffSchemas(old.schema, now.schema)) {
      push({ breaking: change.breaking, subject: `message ${name} ${change.path}`, message: change.message, ...who })
    }
  }
  for (const [name, now] of Object.entries(current.messages)) {
    if (!(name in released.messages)) {
      push({
        breaking: false,
        subject: `message ${name}`,
        message: 'added',
        producers: now.producers,
        consumers: now.consumers,
      })
    }
  }

  const majorBumped = major(current.version) > major(released.version)
  return {
    from: released.version,
    to: current.version,
    majorBumped,
    findings,
    compatible: majorBumped || findings.every((f) => !f.breaking),
  }
}

/** Who depends on an identifier set: the union of the services of messages whose schema mentions it. */
function identifierUsers(surface: Surface, name: string): { producers: string[]; consumers: string[] } {
  const producers = new Set<string>()
  const consumers = new Set<string>()
  const needle = `"#/$defs/${name}"`
  for (const message of Object.values(surface.messages)) {
    if (!JSON.stringify(message.schema).includes(needle)) continue
    for (const p of message.producers) producers.add(p)
    for (const c of message.consumers) consumers.add(c)
  }
  return { producers: [...producers].sort(), consumers: [...consumers].sort() }
}

export function formatReport(report: CompatReport): string {
  const lines: string[] = []
  const breaking = report.findings.filter((f) => f.breaking)
  const additions = report.findings.filter((f) => !f.breaking)
  const who = (f: CompatFinding) => {
    const parts = []
    if (f.producers.length > 0) parts.push(`producers: ${f.producers.join(', ')}`)
    if (f.consumers.length > 0) parts.push(`consumers: ${f.consumers.join(', ')}`)
    return parts.length > 0 ? ` [breaks ${parts.join('; ')}]` : ''
  }
  lines.push(`@rubin/ra-contract ${report.from} → ${report.to}`)
  if (breaking.length > 0) {
    lines.push(
      `${breaking.length} breaking change(s)${report.majorBumped ? ' (allowed: the major version was bumped)' : ''}:`,
    )
    for (const f of breaking) lines.push(`  ✗ ${f.subject}: ${f.message}${who(f)}`)
  }
  if (additions.length > 0) {
    lines.push(`${additions.length} compatible change(s) (need at least a minor version bump before release):`)
    for (const f of additions) lines.push(`  + ${f.subject}: ${f.message}`)
  }
  if (report.findings.length === 0) lines.push('no changes')
  if (!report.compatible) {
    lines.push(
      'incompatible: restore the removed/renamed names (keep old spellings as aliases), or bump the major version in contract/package.json, add a CHANGELOG entry and tell the producers and consumers listed above.',
    )
  }
  return lines.join('\n')
}
