// ----------------------------------------------------------------------------
// The display benchmark (./ra bench display): how long from a product's write
// until it is on a RubinTV screen, with ObjectWritten notifications against
// today's way (listing S3 every second), in the same run on the same machine,
// with a private Redis, the project's S3 server, RubinTV in-process shaped like
// USDF, browser-like WebSocket clients and one real Chromium page. Also the
// bytes a browser receives per new product and per changed cell, against a
// whole-table resend.
// ----------------------------------------------------------------------------

import { dayObsOf } from '@rubin/ra-contract'
import { createS3Client } from '@rubin/ra-runtime'
import { startRedisServer, startS3Server } from '@rubin/ra-runtime/testing'
import { launchChromium } from '../src/testing/browser.ts'
import { type PhaseResult, runPhase } from './phase.ts'
import { dayTable, eventKey, keyOf, type Pair, PRODUCT_BODY, prefill, usdfPairs } from './workload.ts'

export interface DisplayBenchOptions {
  /** Products written to the shown camera per phase (each with one to another camera). */
  readonly products?: number
  /** Metadata cells changed per phase. */
  readonly cellChanges?: number
  /** Browser-like WebSocket clients, each subscribed to every camera table. */
  readonly clients?: number
  /** Exposures already on the shown camera's day (rows of its metadata.json). */
  readonly dayExposures?: number
  /** Products already on every other camera's day. */
  readonly otherProducts?: number
  /** Mean time between writes (ms). */
  readonly paceMs?: number
  readonly progress?: (line: string) => void
}

export interface DisplayBenchResult {
  readonly benchmark: 'display'
  readonly cameras: number
  readonly locations: number
  readonly products: number
  readonly cell_changes: number
  readonly clients: number
  readonly day_exposures: number
  readonly display_p50_ms: number
  readonly display_p99_ms: number
  readonly baseline_p50_ms: number
  readonly baseline_p99_ms: number
  readonly delta_p50_ms: number
  readonly delta_p99_ms: number
  readonly baseline_delta_p50_ms: number
  readonly baseline_delta_p99_ms: number
  readonly metadata_cell_p50_ms: number
  readonly metadata_cell_p99_ms: number
  readonly baseline_metadata_cell_p99_ms: number
  readonly bytes_per_product: number
  readonly bytes_per_cell: number
  readonly whole_table_bytes: number
  readonly snapshot_bytes: number
  readonly missing: number
  readonly display_p50_ratio: number
  readonly display_p99_ratio: number
  readonly metadata_cell_p99_ratio: number
  readonly bytes_per_product_ratio: number
  readonly bytes_per_cell_ratio: number
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] as number
}

const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits

export async function benchDisplay(options: DisplayBenchOptions = {}): Promise<DisplayBenchResult> {
  const products = options.products ?? 60
  const cellChanges = options.cellChanges ?? 20
  const clients = options.clients ?? 8
  const dayExposures = options.dayExposures ?? 500
  const otherProducts = options.otherProducts ?? 20
  const paceMs = options.paceMs ?? 250
  const progress = options.progress ?? (() => {})
  if (cellChanges > dayExposures) throw new Error('cellChanges must not exceed dayExposures')

  const { locations, pairs } = usdfPairs()
  const shown = pairs.find((p) => p.location === 'summit-usdf' && p.camera === 'lsstcam') ?? (pairs[0] as Pair)
  progress(`${locations.length} locations, ${pairs.length} camera prefixes (from the registry's usdf-k8s site)`)
  await using redis = await startRedisServer()
  const s3Server = await startS3Server()
  const s3 = createS3Client({ endpoint: s3Server.endpoint })
  await using browser = await launchChromium()
  try {
    for (const bucket of new Set(pairs.map((p) => p.bucket))) await s3Server.bucket(bucket)
    const dayObs = dayObsOf(new Date())
    const table = dayTable(dayExposures)
    const tableText = JSON.stringify(table)
    const writes: { bucket: string; key: string; body: Uint8Array | string }[] = [
      { bucket: shown.bucket, key: keyOf({ kind: 'metadata', camera: shown.camera, dayObs }), body: tableText },
    ]
    for (let seq = 1; seq <= dayExposures; seq++) {
      writes.push({ bucket: shown.bucket, key: eventKey(shown, dayObs, seq), body: PRODUCT_BODY })
    }
    for (const pair of pairs) {
      if (pair === shown || pair.channel === undefined) continue
      for (let seq = 1; seq <= otherProducts; seq++) {
        writes.push({ bucket: pair.bucket, key: eventKey(pair, dayObs, seq), body: PRODUCT_BODY })
      }
    }
    await prefill(s3, writes)
    progress(`prefilled ${writes.length} objects; ${shown.location}/${shown.camera} has ${dayExposures} exposures`)

    const changedSeqs = Array.from({ length: cellChanges }, (_, i) => dayExposures - i)
    const common = {
      redisUrl: redis.url,
      s3Endpoint: s3Server.endpoint,
      s3,
      locations,
      pairs,
      shown,
      dayObs,
      table,
      browser,
      clients,
      products,
      cellChanges,
      paceMs,
      progress,
    }
    const ours: PhaseResult = await runPhase({
      ...common,
      name: 'notified',
      firstSeq: dayExposures + 1,
      changedSeqs,
    })
    progress(`notified: display p50 ${round(percentile(ours.displayMs, 50))} ms`)
    // The same seqs get new values: the table carries the notified phase's values on.
    const base: PhaseResult = await runPhase({
      ...common,
      name: 'baseline',
      firstSeq: dayExposures + products + 1,
      changedSeqs,
    })
    progress(`baseline: display p50 ${round(percentile(base.displayMs, 50))} ms`)

    const wholeTableBytes = Buffer.byteLength(tableText)
    const p = (values: readonly number[], q: number) => round(percentile(values, q))
    return {
      benchmark: 'display',
      cameras: pairs.length,
      locations: locations.length,
      products,
      cell_changes: cellChanges,
      clients,
      day_exposures: dayExposures,
      display_p50_ms: p(ours.displayMs, 50),
      display_p99_ms: p(ours.displayMs, 99),
      baseline_p50_ms: p(base.displayMs, 50),
      baseline_p99_ms: p(base.displayMs, 99),
      delta_p50_ms: p(ours.deltaMs, 50),
      delta_p99_ms: p(ours.deltaMs, 99),
      baseline_delta_p50_ms: p(base.deltaMs, 50),
      baseline_delta_p99_ms: p(base.deltaMs, 99),
      metadata_cell_p50_ms: p(ours.cellDisplayMs, 50),
      metadata_cell_p99_ms: p(ours.cellDisplayMs, 99),
      baseline_metadata_cell_p99_ms: p(base.cellDisplayMs, 99),
      bytes_per_product: Math.round(ours.bytesPerProduct),
      bytes_per_cell: Math.round(ours.bytesPerCell),
      whole_table_bytes: wholeTableBytes,
      snapshot_bytes: ours.snapshotBytes,
      missing: ours.missing + base.missing,
      display_p50_ratio: round(percentile(base.displayMs, 50) / percentile(ours.displayMs, 50), 2),
      display_p99_ratio: round(percentile(base.displayMs, 99) / percentile(ours.displayMs, 99), 2),
      metadata_cell_p99_ratio: round(percentile(base.cellDisplayMs, 99) / percentile(ours.cellDisplayMs, 99), 2),
      bytes_per_product_ratio: round(wholeTableBytes / Math.max(1, ours.bytesPerProduct), 1),
      bytes_per_cell_ratio: round(wholeTableBytes / Math.max(1, ours.bytesPerCell), 1),
    }
  } finally {
    s3.destroy()
    await s3Server.dispose()
  }
}
