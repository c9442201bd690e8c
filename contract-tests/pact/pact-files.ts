// ----------------------------------------------------------------------------
// The committed pact files: where they are, how two sets are compared (the
// JSON without the fields a Pact upgrade changes by itself), and how the
// providers find theirs, refusing to verify nothing (Pact passes silently when
// no pact names the provider).
// ----------------------------------------------------------------------------
import { copyFile, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CONSUMER, type ProviderName } from './interactions.ts'

export const PACT_DIR = fileURLToPath(new URL('../pacts/', import.meta.url))

interface PactFile {
  readonly consumer: { readonly name: string }
  readonly provider: { readonly name: string }
  readonly interactions: readonly { readonly description: string; readonly type: string }[]
  readonly metadata?: Record<string, unknown>
}

const jsonFiles = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()

/** The pact without the versions of the Pact tools that wrote it. */
export function normalize(pact: PactFile): unknown {
  const { metadata, ...rest } = pact
  const { 'pact-js': _js, pactRust: _rust, ...kept } = metadata ?? {}
  return { ...rest, metadata: kept }
}

/** Files that differ between two pact directories, by name (empty: the same contracts). */
export async function comparePactDirs(fresh: string, committed: string): Promise<string[]> {
  const a = await jsonFiles(fresh)
  const b = await jsonFiles(committed).catch(() => [] as string[])
  const differences: string[] = []
  for (const name of new Set([...a, ...b])) {
    if (!a.includes(name)) differences.push(`${name}: committed but no longer written`)
    else if (!b.includes(name)) differences.push(`${name}: written but not committed`)
    else {
      const x = normalize(JSON.parse(await readFile(join(fresh, name), 'utf8')))
      const y = normalize(JSON.parse(await readFile(join(committed, name), 'utf8')))
      if (JSON.stringify(x) !== JSON.stringify(y)) differences.push(`${name}: differs from the committed file`)
    }
  }
  return differences
}

export async function updateCommittedPacts(fresh: string): Promise<void> {
  const written = await jsonFiles(fresh)
  for (const stale of (await jsonFiles(PACT_DIR)).filter((f) => !written.includes(f))) await rm(join(PACT_DIR, stale))
  for (const name of written) await copyFile(join(fresh, name), join(PACT_DIR, name))
}

/** The committed pact of CONSUMER with this provider; throws when there is none or it is empty. */
export async function committedPactOf(provider: ProviderName): Promise<{ file: string; descriptions: string[] }> {
  for (const name of await jsonFiles(PACT_DIR)) {
    const pact = JSON.parse(await readFile(join(PACT_DIR, name), 'utf8')) as PactFile
    if (pact.provider.name !== provider || pact.consumer.name !== CONSUMER) continue
    const descriptions = pact.interactions.map((i) => i.description)
    if (descriptions.length === 0) throw new Error(`${name} has no interactions for ${provider}`)
    return { file: join(PACT_DIR, name), descriptions }
  }
  throw new Error(`no committed pact in ${PACT_DIR} names provider ${provider}: nothing would be verified`)
}
