// ----------------------------------------------------------------------------
// The whole system (S3 server, PostgreSQL database, metadata server, ConsDB
// writer, RubinTV, camera simulator and the RA core, as processes) through each
// scenario, short: five detectors (the witness 94, two other imaging detectors,
// a wavefront pair) at binning 4, outages of a few seconds. The workers run the
// real quicklook pipelines; every product the run should produce
// (expected-products.ts) must be written. Nothing may be lost; each scenario's
// own figure is checked.
// ----------------------------------------------------------------------------
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runBadInputs } from '../src/scenario/bad-inputs.ts'
import { runNightScenario } from '../src/scenario/night.ts'
import { expectedOf, FEW_DETECTORS, type NightRunOptions } from '../src/scenario/night-run.ts'
import { runOutage } from '../src/scenario/outages.ts'
import { runOverload } from '../src/scenario/overload.ts'

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

  it('overload: at twice the processing rate the newest product stays fresh and the backlog drains', async () => {
    const result = await runOverload({ ...(await short()), exposures: 8, pipelineMs: 1000 })
    await common(result, 8)
    expect(result.backlog_drained).toBe(true)
    const lag = result.newest_product_lag_s as { n: number; p99: number }
    expect(lag.n).toBeGreaterThan(0)
    expect(lag.p99).toBeLessThan(10)
    // Newest first: older exposures are left as gaps and filled later, and the last one does not wait
    // behind them (in line, it would wait longest).
    expect(result.gaps_filled_later).toBeGreaterThan(0)
    expect(result.last_exposure_lag_s).toBeLessThan(result.older_exposures_lag_s_max as number)
  })

  it('redis-restart: nothing lost when Redis restarts mid-night', async () => {
    const result = await runOutage('redis-restart', { ...(await short()), outageS: 1 })
    await common(result, 3)
    expect(result.outage).toBe('redis-restart')
  })

  it('s3-outage: products and metadata written during a 4 s S3 outage arrive after it', async () => {
    const result = await runOutage('s3-outage', { ...(await short()), outageS: 4 })
    await common(result, 3)
    expect(result.settled_after_fault_s).toBeGreaterThanOrEqual(4)
    expect(result.s3_running).toBe(true)
  })

  it('postgres-outage: ConsDB rows written during a 4 s database outage arrive after it', async () => {
    const result = await runOutage('postgres-outage', { ...(await short()), outageS: 4 })
    await common(result, 3)
    expect(result.settled_after_fault_s).toBeGreaterThanOrEqual(4)
  })

  it('bad-inputs: garbage is dead-lettered with stable codes and every good exposure still comes through', async () => {
    const result = await runBadInputs(await short())
    await common(result, 4)
    expect(result.product_key_rejected).toBe(true)
    expect(result.services_ready).toBe(true)
    const codes = result.dead_letters_by_service as Record<string, string[]>
    expect(codes.watcher).toHaveLength(3)
    expect(codes['metadata-server']).toContain('RA_METADATA_SHARD_INVALID')
    expect(codes['consdb-writer']).toEqual(expect.arrayContaining(['RA_CONSDB_BATCH_INVALID']))
    expect(codes['consdb-writer']).toHaveLength(2)
    for (const list of Object.values(codes)) for (const code of list) expect(code).toMatch(/^RA_[A-Z0-9_]+$/)
  })
})
