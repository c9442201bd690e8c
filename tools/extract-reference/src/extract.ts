// Every data file the extractor owns, as repo-relative path -> text. Pure: nothing is written here.
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { readCamera, renderCamera } from './camera.ts'
import { KEPT_SCHEMAS, readSchema, renderSchemas } from './consdb.ts'

export const OUTPUTS = {
  lsstcam: 'contract/src/detectors/data/lsstcam.data.ts',
  latiss: 'contract/src/detectors/data/latiss.data.ts',
  columns: 'contract/src/consdb/data/columns.data.ts',
} as const

/** The read-only reference tree: `../shared` next to the repo root unless RA_SHARED_DIR says otherwise. */
export function sharedDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env.RA_SHARED_DIR
  return override !== undefined && override !== '' ? resolve(override) : resolve(root, '../shared')
}

export async function generate(shared: string, log: (line: string) => void = () => {}): Promise<Map<string, string>> {
  const data = join(shared, 'reference-data')
  const files = new Map<string, string>()

  const lsstcam = await readCamera(join(data, 'camera/lsstCam.yaml'))
  log(`extract-reference: camera/lsstCam.yaml -> ${lsstcam.detectors.length} detectors`)
  files.set(OUTPUTS.lsstcam, renderCamera(lsstcam, 'lsstCam.yaml', 'LSSTCAM'))

  const latiss = await readCamera(join(data, 'camera/latiss.yaml'))
  log(`extract-reference: camera/latiss.yaml -> ${latiss.detectors.length} detector`)
  files.set(OUTPUTS.latiss, renderCamera(latiss, 'latiss.yaml', 'LATISS'))

  const schemas = []
  for (const name of KEPT_SCHEMAS) {
    const schema = await readSchema(join(data, `consdb/${name}.yaml`))
    if (schema.name !== name) throw new Error(`consdb/${name}.yaml: schema is named '${schema.name}'`)
    const counts = Object.entries(schema.tables).map(([t, facts]) => `${t} ${facts.columns.length}`)
    log(`extract-reference: consdb/${name}.yaml v${schema.version} -> ${counts.join(', ')} columns`)
    schemas.push(schema)
  }
  files.set(OUTPUTS.columns, renderSchemas(schemas))
  return files
}

/** Repo-relative paths whose committed text differs from the freshly generated text (or is missing). */
export async function staleFiles(root: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const stale: string[] = []
  for (const [path, text] of files) {
    const committed = await readFile(join(root, path), 'utf8').catch(() => undefined)
    if (committed !== text) stale.push(path)
  }
  return stale
}
