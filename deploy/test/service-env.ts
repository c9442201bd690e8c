// ----------------------------------------------------------------------------
// Which environment variables a service reads, from its source: the property
// names of its TypeBox config schemas (`NAME: Type.…`, `[S3_ENDPOINT_ENV]:`),
// `env.NAME` reads, the runtime's CommonConfig (every runService process), the
// runtime's S3Config when the service composes it, and the variables read by
// the libraries it depends on (the AWS SDK's credential chain, pg's libpq names).
// ----------------------------------------------------------------------------
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { S3_ENDPOINT_ENV } from '@rubin/ra-contract'
import { ROOT } from '../src/index.ts'

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name))
}

export function namesIn(text: string): Set<string> {
  const out = new Set<string>()
  // Schema properties: `NAME: Type.String(…)` or through a helper, `NAME: oneOf(…)`.
  for (const m of text.matchAll(/^\s*([A-Z][A-Z0-9_]{2,}):\s*[A-Za-z.]+\(/gm)) out.add(m[1] as string)
  for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]{2,})\b/g)) out.add(m[1] as string)
  if (/\[S3_ENDPOINT_ENV\]\s*:/.test(text)) out.add(S3_ENDPOINT_ENV)
  return out
}

const read = (file: string) => readFileSync(file, 'utf8')
const runtime = join(ROOT, 'services/runtime/src')

export interface ServiceSource {
  readonly present: boolean
  /** Has a config schema: the env it reads is known. */
  readonly configured: boolean
  readonly reads: ReadonlySet<string>
}

export function serviceSource(folder: string): ServiceSource {
  const dir = join(ROOT, 'services', folder)
  const files = sourceFiles(join(dir, 'src'))
  const text = files.map(read).join('\n')
  const reads = namesIn(text)
  if (/\b(runService|startService)\b/.test(text)) {
    for (const n of namesIn(read(join(runtime, 'service.ts')))) reads.add(n)
    for (const n of namesIn(read(join(runtime, 'logger.ts')))) reads.add(n)
  }
  if (/\bS3Config\b/.test(text)) for (const n of namesIn(read(join(runtime, 's3.ts')))) reads.add(n)
  return {
    present: files.length > 0,
    configured: files.some((f) => f.endsWith('/config.ts')),
    reads,
  }
}
