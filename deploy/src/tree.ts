// ----------------------------------------------------------------------------
// The files this tool owns and what they must contain: every rendered manifest
// and docs/operations.md (its generated controls table). Shared by the CLI and
// the test so "stale" means the same in both.
// ----------------------------------------------------------------------------
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { RENDERED_DIR } from './argocd.ts'
import { withControlsTable } from './controls-table.ts'
import { DEPLOY_SITES } from './model.ts'
import { renderAll } from './render.ts'
import { SITES } from './sites.ts'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const GUIDE = 'docs/operations.md'

async function readOr(path: string): Promise<string | undefined> {
  try {
    return await readFile(join(ROOT, path), 'utf8')
  } catch {
    return undefined
  }
}

/** Path → expected text. */
export async function renderTree(): Promise<Map<string, string>> {
  const out = renderAll(DEPLOY_SITES.map((s) => SITES[s]))
  const guide = await readOr(GUIDE)
  if (guide !== undefined) out.set(GUIDE, withControlsTable(guide))
  return out
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true }).catch(() => [])
  const out: string[] = []
  for (const e of entries) {
    const path = join(dir, e.name)
    if (e.isDirectory()) out.push(...(await filesUnder(path)))
    else out.push(relative(ROOT, join(ROOT, path)))
  }
  return out
}

/** Paths whose content differs from `expected`, are missing, or are rendered files no site produces. */
export async function staleFiles(expected: ReadonlyMap<string, string>): Promise<string[]> {
  const stale: string[] = []
  for (const [path, text] of expected) if ((await readOr(path)) !== text) stale.push(path)
  for (const path of await filesUnder(RENDERED_DIR)) if (!expected.has(path)) stale.push(path)
  return stale.sort()
}
