// ----------------------------------------------------------------------------
// RubinTV deployment sites and the locations each one shows (RubinTV's
// `bucket_configurations`). A site is where one RubinTV instance runs; a
// location is one bucket it polls. The order of locations is the display order.
// ----------------------------------------------------------------------------
import { defineIdentifiers } from '../internal/identifier-set.ts'
import type { Location } from './locations.ts'

export const RubinTvSite = defineIdentifiers({
  name: 'RubinTvSite',
  description: 'Where one RubinTV instance runs; selects the locations it polls (bucket_configurations).',
  values: ['usdf-k8s', 'base', 'tucson', 'summit', 'gha', 'local'],
  docs: {
    'usdf-k8s': 'The USDF Kubernetes deployment: mirrors every site.',
    base: 'The Base test stand deployment.',
    tucson: 'The Tucson test stand deployment.',
    summit: 'The summit deployment.',
    gha: "RubinTV's own CI (GitHub Actions).",
    local: 'A developer machine (RubinTV run by hand, or our one-machine runs).',
  },
  // RubinTV maps RAPID_ANALYSIS_LOCATION to a site: BTS→base, TTS→tucson, USDF→usdf-k8s,
  // SUMMIT→summit (loose matching covers the case).
  aliases: { bts: 'base', tts: 'tucson', usdf: 'usdf-k8s' },
})
export type RubinTvSite = (typeof RubinTvSite.values)[number]

const USDF_MIRRORS = ['summit-usdf', 'usdf', 'base-usdf', 'tucson-usdf'] as const

/**
 * The locations each site shows, in display order. `test` is in no site.
 * `local` also shows our loopback location first, so a RubinTV run next to a
 * one-machine RA sees its products; the USDF mirrors stay for RubinTV developers.
 */
export const BUCKET_CONFIGURATIONS = {
  'usdf-k8s': USDF_MIRRORS,
  base: ['base'],
  tucson: ['tucson'],
  summit: ['summit'],
  gha: USDF_MIRRORS,
  local: ['local', ...USDF_MIRRORS],
} as const satisfies { readonly [S in RubinTvSite]: readonly Location[] }

/** The locations a site shows, in display order. */
export function locationsFor(site: RubinTvSite): readonly Location[] {
  return BUCKET_CONFIGURATIONS[site]
}
