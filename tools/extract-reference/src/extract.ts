// Every data file the extractor owns, as repo-relative path -> text. Pure: nothing is written here.
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { readAmplifiers, renderAmplifiers } from './amplifiers.ts'
import { parseCameraYaml, readCamera, renderCamera } from './camera.ts'
import { KEPT_SCHEMAS, readSchema, renderSchemas } from './consdb.ts'

export const OUTPUTS = {
  lsstcam: 'contract/src/detectors/data/lsstcam.data.ts',
  latiss: 'contract/src/detectors/data/latiss.data.ts',
  amplifiers: 'contract/src/detectors/data/amplifiers.data.ts',
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

  const lsstcamFile = join(data, 'camera/lsstCam.yaml')
  const lsstcamDoc = await parseCameraYaml(lsstcamFile)
  const lsstcam = await readCamera(lsstcamFile, lsstcamDoc)
  log(`extract-reference: camera/lsstCam.yaml -> ${lsstcam.detectors.length} detectors`)
  files.set(OUTPUTS.lsstcam, renderCamera(lsstcam, 'lsstCam.yaml', 'LSSTCAM'))

  const latissFile = join(data, 'camera/latiss.yaml')
  const latissDoc = await parseCameraYaml(latissFile)
  const latiss = await readCamera(latissFile, latissDoc)
  log(`extract-reference: camera/latiss.yaml -> ${latiss.detectors.length} detector`)
  files.set(OUTPUTS.latiss, renderCamera(latiss, 'latiss.yaml', 'LATISS'))

  const lsstcamAmps = readAmplifiers(lsstcamFile, lsstcamDoc)
  const latissAmps = readAmplifiers(latissFile, latissDoc)
  const types = [...lsstcamAmps.layouts].map(([t, l]) => `${t} ${l.amplifiers.length}`)
  log(`extract-reference: amplifier layouts -> ${types.join(', ')} amplifiers`)
  files.set(OUTPUTS.amplifiers, renderAmplifiers(lsstcamAmps, latissAmps))

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
