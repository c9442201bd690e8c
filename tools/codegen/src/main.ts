// ----------------------------------------------------------------------------
// ./ra codegen [--check]: the contract's TypeBox sources -> committed artefacts.
// Deterministic: the same sources always give byte-identical files, so --check
// (run by ./ra test) fails whenever a committed artefact is stale.
// ----------------------------------------------------------------------------
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildArtefacts, orphans } from './artefacts.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

async function current(path: string): Promise<string | undefined> {
  try {
    return await readFile(join(ROOT, path), 'utf8')
  } catch {
    return undefined
  }
}

async function main(): Promise<number> {
  const check = process.argv.includes('--check')
  const files = await buildArtefacts(ROOT)
  const stale: string[] = []
  for (const [path, text] of files) {
    if ((await current(path)) === text) continue
    stale.push(path)
    if (!check) {
      await mkdir(dirname(join(ROOT, path)), { recursive: true })
      await writeFile(join(ROOT, path), text)
      console.log(`codegen: wrote ${path}`)
    }
  }
  for (const path of await orphans(ROOT, files)) {
    stale.push(path)
    if (!check) {
      await rm(join(ROOT, path))
      console.log(`codegen: removed ${path} (no longer generated)`)
    }
  }
  if (check) {
    if (stale.length > 0) {
      console.error(`codegen: ${stale.length} generated file(s) are stale:\n  ${stale.join('\n  ')}`)
      console.error('codegen: run ./ra codegen and commit the result.')
      return 1
    }
    console.log(`codegen: ${files.size} generated files are up to date`)
  } else if (stale.length === 0) {
    console.log(`codegen: ${files.size} generated files already up to date`)
  }
  return 0
}

process.exitCode = await main()
