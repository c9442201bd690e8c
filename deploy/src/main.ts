// ----------------------------------------------------------------------------
// Renders every site into deploy/rendered and the controls table into
// docs/operations.md. `--check` writes nothing and exits 1, naming the files,
// when anything committed differs from what the data renders (stale or extra).
//   node --conditions=@rubin/source deploy/src/main.ts [--check]
// ----------------------------------------------------------------------------
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { ROOT, renderTree, staleFiles } from './tree.ts'

const check = process.argv.includes('--check')
const expected = await renderTree()
const stale = await staleFiles(expected)
if (check) {
  if (stale.length > 0) {
    process.stderr.write(
      `RA_DEPLOY_STALE: rendered manifests differ from the site data:\n  ${stale.join('\n  ')}\n` +
        'run: node --conditions=@rubin/source deploy/src/main.ts\n',
    )
    process.exit(1)
  }
  process.stdout.write(`deploy: ${expected.size} rendered files are current\n`)
} else {
  for (const path of stale) {
    const text = expected.get(path)
    if (text === undefined) await rm(join(ROOT, path))
    else {
      await mkdir(dirname(join(ROOT, path)), { recursive: true })
      await writeFile(join(ROOT, path), text)
    }
  }
  process.stdout.write(`deploy: ${stale.length} of ${expected.size} files written or removed\n`)
}
