// ra-contract check-compat [--against REF] and ra-contract release.
import { execFileSync } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compareSurfaces, formatReport } from '../compat/check.ts'
import type { Surface } from '../compat/surface.ts'
import { ContractError } from '../errors.ts'
import { CONTRACT_VERSION } from '../version.ts'
import { type Io, parse } from './args.ts'

const USAGE = 'ra-contract check-compat [--against REF] [--json]'
export const SURFACE_PATH = 'generated/surface.json'
export const RELEASES_DIR = 'releases'

/** The contract package folder, found from this file whether run from source or from dist. */
export async function contractDir(): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name?: string }
      if (pkg.name === '@rubin/ra-contract') return dir
    } catch {
      // keep walking up
    }
    dir = dirname(dir)
  }
  throw new ContractError('RA_CONTRACT_IO', 'cannot find the @rubin/ra-contract package folder')
}

const compareVersions = (a: string, b: string) => {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0)
  return 0
}

export async function latestRelease(dir: string): Promise<{ file: string; surface: Surface } | undefined> {
  let names: string[] = []
  try {
    names = (await readdir(join(dir, RELEASES_DIR))).filter((n) => /^v\d+\.\d+\.\d+\.json$/.test(n))
  } catch {
    return undefined
  }
  const newest = names
    .map((n) => n.slice(1, -'.json'.length))
    .sort(compareVersions)
    .at(-1)
  if (newest === undefined) return undefined
  const file = join(RELEASES_DIR, `v${newest}.json`)
  return { file, surface: JSON.parse(await readFile(join(dir, file), 'utf8')) as Surface }
}

function surfaceAt(ref: string, dir: string): Surface {
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).trim()
    const rel = join(dir, SURFACE_PATH).slice(top.length + 1)
    const text = execFileSync('git', ['show', `${ref}:${rel}`], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    return JSON.parse(text) as Surface
  } catch (error) {
    throw new ContractError(
      'RA_CONTRACT_NO_RELEASE',
      `cannot read the contract surface at git ref '${ref}': ${(error as Error).message.split('\n')[0]}`,
    )
  }
}

export async function checkCompatCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { against: { type: 'string' }, json: { type: 'boolean' } }, USAGE)
  const dir = await contractDir()
  const current = JSON.parse(await readFile(join(dir, SURFACE_PATH), 'utf8')) as Surface
  let released: Surface
  let label: string
  if (values.against !== undefined) {
    released = surfaceAt(values.against, dir)
    label = `git ${values.against}`
  } else {
    const latest = await latestRelease(dir)
    if (latest === undefined) {
      throw new ContractError(
        'RA_CONTRACT_NO_RELEASE',
        `no snapshot in contract/${RELEASES_DIR}/; run ./ra contract release`,
      )
    }
    released = latest.surface
    label = `contract/${latest.file}`
  }
  const report = compareSurfaces(released, current)
  if (values.json) io.out(JSON.stringify({ against: label, ...report }, null, 2))
  else io.out(`compared with ${label}\n${formatReport(report)}`)
  if (!report.compatible) {
    io.err('ra-contract: error RA_CONTRACT_INCOMPATIBLE: incompatible change without a major version bump (see above)')
    return 1
  }
  return 0
}

/** Freeze the current surface as the release of the current version. */
export async function releaseCommand(args: string[], io: Io): Promise<number> {
  parse(args, {}, 'ra-contract release')
  const dir = await contractDir()
  const current = JSON.parse(await readFile(join(dir, SURFACE_PATH), 'utf8')) as Surface
  if (current.version !== CONTRACT_VERSION) {
    throw new ContractError('RA_CONTRACT_USAGE', 'generated/surface.json is stale; run ./ra codegen first')
  }
  const latest = await latestRelease(dir)
  if (latest) {
    if (compareVersions(current.version, latest.surface.version) <= 0) {
      throw new ContractError(
        'RA_CONTRACT_USAGE',
        `version ${current.version} is not newer than the last release ${latest.surface.version}; bump contract/package.json first`,
      )
    }
    const report = compareSurfaces(latest.surface, current)
    if (!report.compatible) {
      io.out(formatReport(report))
      throw new ContractError(
        'RA_CONTRACT_INCOMPATIBLE',
        'refusing to release an incompatible change without a major bump',
      )
    }
  }
  const file = join(dir, RELEASES_DIR, `v${current.version}.json`)
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, `${JSON.stringify(current, null, 2)}\n`)
  io.out(`released @rubin/ra-contract ${current.version}: wrote contract/${RELEASES_DIR}/v${current.version}.json`)
  return 0
}
