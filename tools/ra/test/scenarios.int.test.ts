// ----------------------------------------------------------------------------
// The whole system (S3 server, PostgreSQL database, metadata server, ConsDB
// writer, RubinTV, camera simulator and the RA core, as processes) through each
// scenario, short: five detectors (the witness 94, two other imaging detectors,
// a wavefront pair) at binning 4. The workers run the real quicklook pipelines;
// every product the run should produce (expected-products.ts) must be written.
// Nothing may be lost; each scenario's own figure is checked. Outages last 10 s
// here (`./ra scenario s3-outage` defaults to the 60 s).
// ----------------------------------------------------------------------------
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runNightScenario } from '../src/scenario/night.ts'
import { expectedOf, FEW_DETECTORS, type NightRunOptions } from '../src/scenario/night-run.ts'
import { runOutage } from '../src/scenario/outages.ts'

const short = async (): Promise<NightRunOptions> => ({
  instrument: 'LSSTCam',
  exposures: 3,
  pipelineMs: 200,
  cadenceS: 1.5,
  timeoutS: 60,
  detectors: FEW_DETECTORS,
  binning: 4,
  logDir: await mkdtemp(join(tmpdir(), 'ra-scenario-logs-')),
  progress: () => {},
})

const common = async (result: Record<string, unknown>, exposures: number) => {
  const perExposure = expectedOf(await short()).length
  // witness + imexam, visit step (2), mosaic, exposure record (2), AOS (5), timing diagrams (2).
  expect(perExposure).toBe(14)
  expect(result).toMatchObject({
    exposures,
    products_expected: exposures * perExposure,
    products_written: exposures * perExposure,
    lost: 0,
  })
  expect(result.metadata_rows).toBeGreaterThanOrEqual(exposures)
  // Per exposure at least the visit row, the mount row and the detectors' rows.
  expect(result.consdb_rows).toBeGreaterThanOrEqual(exposures * 3)
}

describe('the whole system, as processes', () => {
  it('night: every exposure reaches S3, metadata.json and ConsDB, with end-to-end latency per exposure', async () => {
    const result = await runNightScenario(await short())
    await common(result, 3)
    const e2e = result.end_to_end_s as { n: number; p99: number }
    expect(e2e.n).toBe(3)
    expect(e2e.p99).toBeGreaterThan(0)
    expect(e2e.p99).toBeLessThan(30)
    expect(result.fwhm_rel_err_max).toBeTypeOf('number')
    expect(result.fwhm_rel_err_max).toBeLessThan(0.05)
    expect(result).not.toHaveProperty('pending')
  })

  it('redis-restart: nothing lost when Redis restarts mid-night', async () => {
    const result = await runOutage('redis-restart', { ...(await short()), outageS: 1 })
    await common(result, 3)
    expect(result.outage).toBe('redis-restart')
  })

  it('s3-outage: payloads wait for S3 and spooled products upload after it; nothing lost', async () => {
    const result = await runOutage('s3-outage', { ...(await short()), outageS: 10, timeoutS: 90 })
    await common(result, 3)
    expect(result).toMatchObject({ outage: 's3-outage', s3_running: true })
    // Complete only after S3 came back, and not long after.
    expect(result.settled_after_fault_s).toBeGreaterThanOrEqual(10)
    expect(result.settled_after_fault_s).toBeLessThan(60)
  })

  it('postgres-outage: the ConsDB writer keeps the rows through the cut and writes them all after it', async () => {
    const result = await runOutage('postgres-outage', { ...(await short()), outageS: 10, timeoutS: 90 })
    await common(result, 3)
    expect(result).toMatchObject({ outage: 'postgres-outage' })
    expect(result.settled_after_fault_s).toBeGreaterThanOrEqual(10)
    expect(result.settled_after_fault_s).toBeLessThan(60)
  })
})
