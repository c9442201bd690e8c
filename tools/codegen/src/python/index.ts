// ----------------------------------------------------------------------------
// The Python module, contract/python/ra_contract: generated from the same
// registry and schemas as everything else, standard library only (Python >= 3.10).
// Data is emitted as Python literals from the TS values (a rename in TS renames it
// in Python); logic lives in ./templates as real Python. Both languages run
// contract/test-vectors/vectors.json (contract/python/tests, ./python.test.ts).
// ----------------------------------------------------------------------------
import { MESSAGES } from '@rubin/ra-contract/authoring'
import type { SchemaDocs } from '../schemas.ts'
import { buildIdentifiers } from './identifiers.ts'
import { pythonModule } from './module.ts'
import { buildRedisKeys } from './redis-keys.ts'
import { buildRegistry } from './registry.ts'
import { buildS3Keys } from './s3-keys.ts'
import { buildDayObs, buildIds, buildInit, buildPyproject, VERBATIM } from './small-modules.ts'
import { buildExamples, buildValidate } from './validate.ts'

export const PYTHON_ROOT = 'contract/python'
export const PYTHON_PACKAGE = `${PYTHON_ROOT}/ra_contract`
/** Folders the Python codegen owns entirely (orphans there are stale). */
export const PYTHON_OWNED_DIRS = [PYTHON_PACKAGE, `${PYTHON_PACKAGE}/schemas`] as const

export async function buildPythonArtefacts(
  version: string,
  major: number,
  docs: SchemaDocs,
): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  const put = (name: string, text: string) => files.set(`${PYTHON_PACKAGE}/${name}`, text)
  put('__init__.py', await buildInit(version, major))
  for (const name of VERBATIM) put(name, await pythonModule(name, version))
  put('identifiers.py', await buildIdentifiers(version))
  put('day_obs.py', await buildDayObs(version))
  put('ids.py', await buildIds(version))
  put('registry.py', await buildRegistry(version))
  put('s3_keys.py', await buildS3Keys(version))
  put('redis_keys.py', await buildRedisKeys(version))
  put('validate.py', await buildValidate(version, major, MESSAGES, docs.perMessage))
  put('py.typed', '')
  put('examples.json', buildExamples(MESSAGES))
  for (const [path, text] of docs.files) {
    if (path.startsWith('contract/schemas/')) put(`schemas/${path.slice('contract/schemas/'.length)}`, text)
  }
  files.set(`${PYTHON_ROOT}/pyproject.toml`, buildPyproject(version))
  return files
}
