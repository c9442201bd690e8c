// ----------------------------------------------------------------------------
// ./ra bench quicklook [--json] [--runs N]: per-CCD quicklook time on a full
// 4k×4k RICE-compressed simulated raw against decoding its pixels once in the
// same run (target ≤ 3×), and the focal-plane mosaic time. A benchmark prints
// figures; it is not a test. The work lives in services/quicklook/bench (that
// package depends on the simulator, FITS and products packages; this one
// does not), imported by path.
// ----------------------------------------------------------------------------
import { parseArgs } from 'node:util'
import { benchQuicklook } from '../../../../services/quicklook/bench/quicklook.ts'

const USAGE = 'usage: ./ra bench quicklook [--json] [--runs N]   (timed repetitions, median reported; default 5)'

export async function runQuicklookBench(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { json: { type: 'boolean' }, runs: { type: 'string' } },
  })
  const runs = Number(values.runs ?? 5)
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write(`--runs must be a whole number ≥ 1\n${USAGE}\n`)
    return 2
  }
  const result = await benchQuicklook({
    runs,
    progress: (line) => process.stderr.write(`bench quicklook: ${line}\n`),
  })
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`)
  return 0
}
