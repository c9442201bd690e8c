// ----------------------------------------------------------------------------
// The whole system (S3 server, PostgreSQL database, metadata server, ConsDB
// writer, RubinTV, camera simulator and the RA core, as processes) through each
// scenario, short: five detectors (the witness 94, two other imaging detectors,
// a wavefront pair) at binning 4. The workers run the real quicklook pipelines;
// every product the run should produce (expected-products.ts) must be written.
// Nothing may be lost; each scenario's own figure is checked. Outages last 10 s
// here (`./ra scenario s3-outage|postgres-outage` default to 60 s). worker-crash
// and dispatch (RA core only) are in system.int.test.ts.
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

  it('bad-inputs: faulty raws and hostile inputs are set aside with stable codes; nothing good is lost', async () => {
    const result = await runBadInputs(await short())
    // A clean exposure, then one per camera fault. The truncated raw is the first simulated
    // detector (0), not the witness (94), so every exposure still owes the same 14 products.
    await common(result, 4)
    expect(result.lost_detail).toEqual([])
    expect(result.refused_by).toEqual({
      raw_landed_not_json: 'watcher RA_EXPOSURE_RECORD_INVALID',
      raw_landed_invalid_record: 'watcher RA_EXPOSURE_RECORD_INVALID',
      raw_landed_no_data: 'watcher RA_EXPOSURE_RECORD_INVALID',
      control_invalid_value: 'head-node RA_CONTROL_INVALID',
      // Text is data: kept as sent (checked below), escaped by whoever shows it.
      metadata_hostile_text: 'accepted',
      metadata_invalid_camera: 'metadata-server RA_METADATA_SHARD_INVALID',
      consdb_unknown_table: 'consdb-writer RA_CONSDB_BATCH_INVALID',
      consdb_hostile_column: 'consdb-writer RA_CONSDB_ROW_INVALID',
      object_written_hostile_key: 'rubintv RA_RUBINTV_NOTIFICATION_KEY_REFUSED',
      product_key_outside_layout: 'ra-cli RA_PRODUCT_KEY_INVALID (thrown, nothing written)',
    })
    expect(result).toMatchObject({
      product_key_rejected: true,
      hostile_text_kept_verbatim: true,
      // Every dead letter is one of the injected inputs, and each is a contract DeadLetter.
      unexpected_dead_letters: [],
      dead_letters_off_contract: [],
      dead_letters: 8,
      services_ready: true,
      services_not_ready: [],
    })
    expect(result.dead_letters_by_service).toEqual({
      watcher: ['RA_EXPOSURE_RECORD_INVALID', 'RA_EXPOSURE_RECORD_INVALID', 'RA_EXPOSURE_RECORD_INVALID'],
      'head-node': ['RA_CONTROL_INVALID'],
      'metadata-server': ['RA_METADATA_SHARD_INVALID'],
      'consdb-writer': ['RA_CONSDB_BATCH_INVALID', 'RA_CONSDB_ROW_INVALID'],
      rubintv: ['RA_RUBINTV_NOTIFICATION_KEY_REFUSED'],
    })
  })

  it('overload: at 2× the processing rate the newest comes first, older exposures are gaps filled later, the backlog drains', async () => {
    const result = await runOverload({ ...(await short()), exposures: 8 })
    await common(result, 8)
    const processing = result.processing_s as number
    expect(processing).toBeGreaterThan(0)
    expect(result.cadence_s).toBeCloseTo(processing / 2, 2)
    // The acquisition really outran the processing (measured again from the overloaded exposures).
    expect(result.overload_factor).toBeGreaterThan(1.2)
    expect(result.gaps_filled_later).toBeGreaterThanOrEqual(1)
    expect(result.backlog_drained).toBe(true)
    const newest = result.newest_product_lag_s as { n: number; p99: number }
    const olderMax = result.older_exposures_lag_s_max as number
    expect(newest.n).toBeGreaterThan(0)
    expect(newest.p99).toBeLessThan(olderMax)
    // In line (oldest first) the last exposure would wait longest; newest first, it does not.
    expect(result.last_exposure_lag_s).toBeLessThan(olderMax)
  })
})
