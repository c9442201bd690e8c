// ----------------------------------------------------------------------------
// ./ra test: every check and test the project has, in one run, with progress.
// Each check counts as one test; Vitest's tests count individually. The last
// line is the plain "N passed, N failed" that CI reads.
// ----------------------------------------------------------------------------
import { spawn } from 'node:child_process'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const RESULTS = join(ROOT, 'test-results')
const SOURCE = '--conditions=@rubin/source'

interface Step {
  readonly name: string
  readonly command: readonly string[]
  /** Counts from the step's own report instead of 1 pass / 1 fail. */
  readonly count?: () => Promise<{ passed: number; failed: number } | undefined>
}

const bin = (name: string) => join(ROOT, 'node_modules/.bin', name)

/** A Vitest run of some projects, counted test by test from its JSON report. */
function vitestStep(name: string, report: string, projects: readonly string[]): Step {
  const file = join(RESULTS, `${report}.json`)
  return {
    name,
    command: [
      bin('vitest'),
      'run',
      ...projects.flatMap((p) => ['--project', p]),
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
    ],
    count: async () => {
      try {
        const result = JSON.parse(await readFile(file, 'utf8')) as {
          numPassedTests: number
          numFailedTests: number
          testResults: { status: string }[]
        }
        // A file that fails to load has no tests; count it as a failure so it cannot hide.
        const brokenFiles = result.testResults.filter((f) => f.status === 'failed').length
        return { passed: result.numPassedTests, failed: Math.max(result.numFailedTests, brokenFiles) }
      } catch {
        return undefined
      }
    },
  }
}

const STEPS: readonly Step[] = [
  { name: 'generated contract artefacts are fresh', command: ['node', SOURCE, 'tools/codegen/src/main.ts', '--check'] },
  { name: 'extracted reference data is fresh', command: ['node', 'tools/extract-reference/src/main.ts', '--check'] },
  { name: 'lint and format (biome)', command: [bin('biome'), 'ci', '--reporter=summary', '.'] },
  { name: 'typecheck, incl. type-level tests (tsc)', command: [bin('tsc'), '-p', 'tsconfig.json'] },
  {
    name: 'contract compatibility with the last release',
    command: ['node', SOURCE, 'contract/src/cli/main.ts', 'check-compat'],
  },
  vitestStep('unit, contract and integration tests (vitest)', 'vitest', ['unit', 'contract', 'integration']),
  vitestStep('browser tests: RubinTV in Debian Chromium (vitest + playwright-core)', 'vitest-browser', ['browser']),
  vitestStep('system tests: the RA core as processes (vitest)', 'vitest-system', ['system']),
]

function run(step: Step): Promise<number> {
  return new Promise((done) => {
    const [command, ...args] = step.command
    if (command === undefined) return done(1)
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } })
    child.on('error', (error) => {
      console.error(`ra test: could not start ${command}: ${error.message}`)
      done(1)
    })
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)))
  })
}

async function main(): Promise<number> {
  const only = process.argv.slice(2)
  await rm(RESULTS, { recursive: true, force: true })
  await mkdir(RESULTS, { recursive: true })
  let passed = 0
  let failed = 0
  const failures: string[] = []
  const steps = only.length > 0 ? STEPS.filter((s) => only.some((o) => s.name.includes(o))) : STEPS
  for (const [index, step] of steps.entries()) {
    const started = performance.now()
    console.log(`\n── [${index + 1}/${steps.length}] ${step.name}`)
    const code = await run(step)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    const counted = step.count ? await step.count() : undefined
    if (counted) {
      passed += counted.passed
      failed += counted.failed
      if (code !== 0 && counted.failed === 0) failed += 1
    } else if (code === 0) {
      passed += 1
    } else {
      failed += 1
    }
    const ok = code === 0
    if (!ok) failures.push(step.name)
    console.log(`── ${ok ? 'ok' : 'FAILED'}: ${step.name} (${seconds} s)`)
  }
  console.log('')
  if (failures.length > 0) console.log(`failed steps:\n  ${failures.join('\n  ')}\n`)
  console.log(`${passed} passed, ${failed} failed`)
  return failed > 0 ? 1 : 0
}

process.exitCode = await main()
