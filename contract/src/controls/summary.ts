// A plain-data summary of what a control accepts, for the CLI, docs and the compatibility surface.
import type { ControlDomain } from './domains.ts'
import { FALSY_VALUES, RESET_VALUE } from './domains.ts'

export interface ControlDomainSummary {
  /** Canonical tokens (identifier domains), or the canonical "yes" (truthy domains). */
  readonly values: readonly string[]
  readonly aliases: { readonly [alias: string]: string }
  /** For pattern domains: the regular expression a value must match. */
  readonly pattern?: string
  /** What a valid value looks like, in words. */
  readonly expected: string
}

export function summarizeDomain(domain: ControlDomain): ControlDomainSummary {
  switch (domain.kind) {
    case 'identifiers':
      return {
        values: domain.set.values,
        aliases: domain.set.aliases,
        expected: `one of ${domain.set.values.join(', ')}`,
      }
    case 'truthy':
      return {
        values: [RESET_VALUE],
        aliases: {},
        expected: `any value except ${FALSY_VALUES.join(', ')} (RubinTV sends 1 or reset)`,
      }
    case 'pattern':
      return { values: [], aliases: {}, pattern: domain.pattern.source, expected: domain.expected }
    case 'refused':
      return { values: [], aliases: {}, expected: `nothing: always refused (${domain.reason})` }
  }
}
