// ----------------------------------------------------------------------------
// ./ra bench display [--json] [--products N] [--cells N] [--clients N] [--exposures N]:
// time from a product's write to a RubinTV screen (WebSocket delta and a real
// Chromium page's DOM) with ObjectWritten notifications, against today's 1 s S3
// listing in the same run; metadata cell latency; bytes per product and per cell
// against a whole-table resend. A benchmark prints figures; it is not a test.
// The work lives in services/rubintv/bench (that package has the browser and
// WebSocket dependencies), imported by path.
// ----------------------------------------------------------------------------
import { parseArgs } from 'node:util'
import { benchDisplay } from '../../../../services/rubintv/bench/display.ts'

const USAGE =
  'usage: ./ra bench display [--json] [--products N] [--cells N] [--clients N] [--exposures N]\n' +
  '  (defaults: 60 products and 20 cell changes per phase, 8 WebSocket clients, a 500-exposure day)'

const whole = (text: string | undefined, fallback: number, min: number): number | undefined => {
  const n = Number(text ?? fallback)
  return Number.isInteger(n) && n >= min ? n : undefined
}

export async function runDisplayBench(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      products: { type: 'string' },
      cells: { type: 'string' },
      clients: { type: 'string' },
      exposures: { type: 'string' },
    },
  })
  const products = whole(values.products, 60, 1)
  const cellChanges = whole(values.cells, 20, 1)
  const clients = whole(values.clients, 8, 1)
  const dayExposures = whole(values.exposures, 500, 1)
  if (products === undefined || cellChanges === undefined || clients === undefined || dayExposures === undefined) {
    process.stderr.write(`options take whole numbers ≥ 1\n${USAGE}\n`)
    return 2
  }
  if (cellChanges > dayExposures) {
    process.stderr.write(`--cells must not exceed --exposures\n${USAGE}\n`)
    return 2
  }
  const start = Date.now()
  const progress = (line: string) =>
    process.stderr.write(`bench display: [${((Date.now() - start) / 1000).toFixed(1)} s] ${line}\n`)
  const r = await benchDisplay({ products, cellChanges, clients, dayExposures, progress })
  const lines = [
    `camera prefixes ${r.cameras} at ${r.locations} locations; ${r.clients} WebSocket clients + 1 Chromium page`,
    `on screen (DOM): p50 ${r.display_p50_ms} ms, p99 ${r.display_p99_ms} ms; baseline (1 s listing) p50 ${r.baseline_p50_ms} ms, p99 ${r.baseline_p99_ms} ms → ${r.display_p50_ratio}× / ${r.display_p99_ratio}× faster`,
    `delta at the clients: p50 ${r.delta_p50_ms} ms, p99 ${r.delta_p99_ms} ms; baseline p50 ${r.baseline_delta_p50_ms} ms, p99 ${r.baseline_delta_p99_ms} ms`,
    `metadata cell on screen: p99 ${r.metadata_cell_p99_ms} ms; baseline p99 ${r.baseline_metadata_cell_p99_ms} ms → ${r.metadata_cell_p99_ratio}× faster`,
    `bytes to a browser: ${r.bytes_per_product}/product, ${r.bytes_per_cell}/cell; whole table ${r.whole_table_bytes} → ${r.bytes_per_product_ratio}× / ${r.bytes_per_cell_ratio}× fewer`,
  ]
  if (!values.json) process.stdout.write(`${lines.join('\n')}\n`)
  else process.stderr.write(`${lines.map((l) => `bench display: ${l}`).join('\n')}\n`)
  const { benchmark: _b, ...figures } = r
  process.stdout.write(`${JSON.stringify({ benchmark: 'display', ...figures })}\n`)
  return 0
}
