// ----------------------------------------------------------------------------
// node tools/extract-reference/src/main.ts [--check]: third-party reference data
// (GPL camera geometry and ConsDB schemas, never copied) -> our own fact files.
// Deterministic: --check regenerates in memory and exits 1 naming stale files.
// ----------------------------------------------------------------------------
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generate, sharedDir, staleFiles } from './extract.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

async function main(): Promise<number> {
  const check = process.argv.includes('--check')
  const shared = sharedDir(ROOT)
  if (!existsSync(join(shared, 'reference-data'))) {
    console.error(`extract-reference: no reference-data under ${shared}; set RA_SHARED_DIR to the shared folder`)
    return 1
  }
  console.log(`extract-reference: reading ${shared}`)
  const files = await generate(shared, (line) => console.log(line))
  const stale = await staleFiles(ROOT, files)
  if (check) {
    if (stale.length > 0) {
      console.error(`extract-reference: ${stale.length} data file(s) are stale:\n  ${stale.join('\n  ')}`)
      console.error('extract-reference: run `node tools/extract-reference/src/main.ts` and commit the result.')
      return 1
    }
    console.log(`extract-reference: ${files.size} data files are up to date`)
    return 0
  }
  for (const path of stale) {
    await mkdir(dirname(join(ROOT, path)), { recursive: true })
    await writeFile(join(ROOT, path), files.get(path) ?? '')
    console.log(`extract-reference: wrote ${path}`)
  }
  if (stale.length === 0) console.log(`extract-reference: ${files.size} data files already up to date`)
  return 0
}

process.exitCode = await main()
