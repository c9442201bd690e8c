// ----------------------------------------------------------------------------
// A disposable copy of the workspace for rename drills: the contract and codegen
// sources copied (never /work/main's files edited), dependencies symlinked back,
// and @rubin/ra-contract in the copy's codegen pointed at the COPY's contract so
// regenerating reads the edited sources. Runs codegen and check-compat there.
// ----------------------------------------------------------------------------
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Top-level files copied; then the two packages codegen and check-compat need. */
const TOP_FILES = ['package.json', 'pnpm-workspace.yaml', 'tsconfig.json', 'tsconfig.base.json']
const PACKAGES = ['contract', 'tools/codegen']
const SKIP = new Set(['node_modules', 'dist', '__pycache__', 'test-results', '.tools'])

export interface RunResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  /** stdout and stderr together, for assertions on messages that may go to either. */
  readonly output: string
}

export interface Scratch {
  readonly root: string
  /** Replace `from` by `to` in one file of the copy; returns the number of replacements. */
  edit(path: string, from: string, to: string, options?: { all?: boolean }): Promise<number>
  /** Put every edited file back to its original text. */
  restore(): Promise<void>
  read(path: string): Promise<string>
  codegen(...args: string[]): Promise<RunResult>
  checkCompat(...args: string[]): Promise<RunResult>
  dispose(): Promise<void>
}

function run(script: string, args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@rubin/source', '--no-warnings', script, ...args],
      { cwd, encoding: 'utf8', timeout: 50_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
        resolve({ code, stdout, stderr, output: `${stdout}\n${stderr}` })
      },
    )
  })
}

/** Link each entry of a package's node_modules into the copy, except the ones given as overrides. */
async function linkNodeModules(pkg: string, root: string, overrides: Record<string, string> = {}): Promise<void> {
  const from = join(ROOT, pkg, 'node_modules')
  const to = join(root, pkg, 'node_modules')
  await mkdir(to, { recursive: true })
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue
    if (entry.name.startsWith('@') && entry.isDirectory()) {
      await mkdir(join(to, entry.name), { recursive: true })
      for (const inner of await readdir(join(from, entry.name))) {
        const name = `${entry.name}/${inner}`
        await symlink(overrides[name] ?? (await realpath(join(from, name))), join(to, name))
      }
    } else {
      await symlink(await realpath(join(from, entry.name)), join(to, entry.name))
    }
  }
}

export async function makeScratch(): Promise<Scratch> {
  const root = await mkdtemp(join(tmpdir(), 'ra-rename-drill-'))
  const originals = new Map<string, string>()
  try {
    for (const file of TOP_FILES) await cp(join(ROOT, file), join(root, file))
    for (const pkg of PACKAGES) {
      await cp(join(ROOT, pkg), join(root, pkg), {
        recursive: true,
        filter: (src) => !SKIP.has(basename(src)),
      })
    }
    await symlink(join(ROOT, 'node_modules'), join(root, 'node_modules'))
    await linkNodeModules('contract', root)
    // The workspace link would point back at /work/main/contract: point it at the copy's contract instead.
    await linkNodeModules('tools/codegen', root, { '@rubin/ra-contract': join(root, 'contract') })
  } catch (error) {
    await rm(root, { recursive: true, force: true })
    throw error
  }

  const scratch: Scratch = {
    root,
    async edit(path, from, to, options = {}) {
      const file = join(root, path)
      const text = await readFile(file, 'utf8')
      const count = text.split(from).length - 1
      if (count === 0) throw new Error(`drill edit: '${from}' not found in ${path}`)
      if (count > 1 && !options.all) throw new Error(`drill edit: '${from}' occurs ${count} times in ${path}`)
      if (!originals.has(path)) originals.set(path, text)
      await writeFile(file, text.replaceAll(from, to))
      return count
    },
    async restore() {
      for (const [path, text] of originals) await writeFile(join(root, path), text)
      originals.clear()
    },
    read: (path) => readFile(join(root, path), 'utf8'),
    codegen: (...args) => run(join(root, 'tools/codegen/src/main.ts'), args, root),
    checkCompat: (...args) => run(join(root, 'contract/src/cli/main.ts'), ['check-compat', ...args], root),
    dispose: () => rm(root, { recursive: true, force: true }),
  }
  return scratch
}
