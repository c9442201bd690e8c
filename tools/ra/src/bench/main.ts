// ----------------------------------------------------------------------------
// ./ra bench dispatch [--json] [--exposures N]: payload dispatch throughput and
// queue-to-start latency, ours against BullMQ on the same machine in the same
// run, printed with their ratio. A benchmark prints figures; it is not a test.
// ----------------------------------------------------------------------------
import { parseArgs } from 'node:util'
import { summarize } from '../stats.ts'
import { runBullmq } from './bullmq.ts'
import { runOurs } from './ours.ts'
import type { RunResult } from './result.ts'

const USAGE =
  'usage: ./ra bench dispatch [--json] [--exposures N]   (N LSSTCam exposures of 197 payloads each; default 20)\n       ./ra bench quicklook [--json] [--runs N]\n       ./ra bench display [--json] [--products N] [--cells N] [--clients N] [--exposures N]'

const figures = (r: RunResult) => ({
  payloads: r.payloads,
  seconds: Math.round(r.seconds * 1000) / 1000,
  payloads_per_s: Math.round(r.payloads / r.seconds),
  queue_to_start_ms: summarize(r.queueToStartMs),
})

async function main(): Promise<number> {
  // Each other benchmark parses its own options.
  if (process.argv[2] === 'quicklook') {
    const { runQuicklookBench } = await import('./quicklook.ts')
    return runQuicklookBench(process.argv.slice(3))
  }
  if (process.argv[2] === 'display') {
    const { runDisplayBench } = await import('./display.ts')
    return runDisplayBench(process.argv.slice(3))
  }
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { json: { type: 'boolean' }, exposures: { type: 'string' } },
  })
  if (positionals[0] !== 'dispatch') {
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  const exposures = Number(values.exposures ?? 20)
  if (!Number.isInteger(exposures) || exposures < 1) {
    process.stderr.write(`--exposures must be a whole number ≥ 1\n${USAGE}\n`)
    return 2
  }
  const progress = (line: string) => process.stderr.write(`bench dispatch: ${line}\n`)
  // Baseline first, then ours, each on a fresh private Redis.
  const baseline = figures(await runBullmq(exposures, progress))
  progress(`bullmq: ${baseline.payloads_per_s} payloads/s`)
  const ours = figures(await runOurs(exposures, progress))
  progress(`ours: ${ours.payloads_per_s} payloads/s`)
  const result = {
    benchmark: 'dispatch',
    exposures,
    ours,
    bullmq: baseline,
    throughput_ratio: Math.round((ours.payloads_per_s / baseline.payloads_per_s) * 100) / 100,
    target_throughput_ratio: 2,
  }
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`)
  return 0
}

process.exitCode = await main()
