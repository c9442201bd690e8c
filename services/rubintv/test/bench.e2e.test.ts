// The display benchmark at tiny counts, so it cannot rot: both phases run, every
// product and cell is seen, and the figures are the right way round.
import { describe, expect, it } from 'vitest'
import { benchDisplay } from '../bench/display.ts'

describe('bench display (smoke)', () => {
  it('measures notified and baseline display latency and bytes on a USDF-shaped deployment', async () => {
    const r = await benchDisplay({ products: 2, cellChanges: 2, clients: 1, dayExposures: 20, otherProducts: 1 })
    expect(r.locations).toBe(4)
    expect(r.cameras).toBe(31)
    expect(r.missing).toBe(0)
    for (const v of [r.display_p50_ms, r.display_p99_ms, r.baseline_p50_ms, r.metadata_cell_p99_ms]) {
      expect(v).toBeGreaterThan(0)
    }
    // Listing every second cannot beat a notification; a delta is smaller than the table.
    expect(r.baseline_p99_ms).toBeGreaterThan(r.display_p50_ms)
    expect(r.bytes_per_product).toBeLessThan(r.whole_table_bytes)
    expect(r.bytes_per_cell).toBeLessThan(r.bytes_per_product)
  })
})
