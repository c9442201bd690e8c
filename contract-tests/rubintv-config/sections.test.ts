// ----------------------------------------------------------------------------
// Which part of RubinTV's models_data.yaml each compatibility check covers.
// Every top-level section must be listed here, so a section RubinTV adds fails
// until someone decides whether it is part of the contract.
// ----------------------------------------------------------------------------
import { describe, expect, it } from 'vitest'
import { loadModelsData, MODELS_DATA_SECTIONS } from './models-data.ts'

type Coverage =
  | { readonly status: 'checked'; readonly by: string }
  | { readonly status: 'exempt'; readonly reason: string }
  | { readonly status: 'extension point'; readonly by: string }

const SECTIONS: Readonly<Record<string, Coverage>> = {
  bucket_configurations: { status: 'checked', by: 'registry.test.ts' },
  locations: { status: 'checked', by: 'registry.test.ts' },
  cameras: { status: 'checked', by: 'registry.test.ts' },
  metadata_columns: { status: 'checked', by: 'registry.test.ts' },
  services: {
    status: 'exempt',
    reason: 'Legacy heartbeat/service map; no current RubinTV page reads it and no RA message depends on it.',
  },
  admin_for: {
    status: 'exempt',
    reason: "RubinTV's own admin-page authorisation per site (user names); not an RA↔RubinTV message.",
  },
  admin_redis_menus: { status: 'checked', by: 'controls-and-streams.test.ts' },
  redis_detectors: { status: 'checked', by: 'controls-and-streams.test.ts' },
}

const data = loadModelsData()

describe('models_data.yaml sections', () => {
  it('are each checked, exempt with a reason, or a named extension point', () => {
    expect(Object.keys(data).sort()).toEqual(Object.keys(SECTIONS).sort())
  })

  it('are all typed by the loader', () => {
    expect([...MODELS_DATA_SECTIONS].sort()).toEqual(Object.keys(SECTIONS).sort())
  })

  it('give the extension points the data their checks will need', () => {
    expect(data.admin_redis_menus.map((menu) => menu.key)).toContain('RUBINTV_CONTROL_CHIP_SELECTION')
    expect(data.redis_detectors.map((detector) => detector.key)).toContain('CLUSTER_STATUS_SFM_SET_0')
  })
})

describe('loadModelsData', () => {
  it('refuses a file whose sections have the wrong shape, naming the section', () => {
    expect(() => loadModelsData('locations: {}\n')).toThrow(/'bucket_configurations' should be an object/)
    expect(() => loadModelsData('- a list\n')).toThrow(/expected a mapping, got array/)
  })

  it("reads RubinTV's True as a boolean", () => {
    expect(data.locations.find((location) => location.name === 'usdf')?.has_cluster_status).toBe(true)
  })
})
