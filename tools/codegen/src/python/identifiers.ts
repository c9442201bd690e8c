// identifiers.py: every identifier set of IDENTIFIER_SETS as a Literal type, a canonical
// tuple, an alias map, an IdentifierSet and a parse_<set>() function, plus the
// constants keyed by identifiers (instrument codes, detector counts, worker shapes).
import {
  AOS_CWFS_PIPELINES,
  AOS_FAM_PIPELINES,
  DEFAULT_AOS_FAM_PIPELINE,
  DEFAULT_AOS_PIPELINE,
  IDENTIFIER_SETS,
  type IdentifierSet,
  INSTRUMENT_CODE,
  INSTRUMENT_DETECTOR_COUNT,
  PIPELINE_FOR_IMAGE_TYPE,
  RA_SERVICES,
  WORKER_FLAVOUR_SHAPE,
} from '@rubin/ra-contract'
import { assign, dictOf, flat, PY_WIDTH, type Py, pyLiteral } from './literal.ts'
import { blocks, docstring, pythonModule, snake, upper } from './module.ts'

/**
 * Whether a set matches loosely. The TS object does not expose the flag, so ask it:
 * a loose set accepts a token with surrounding spaces, an exact one never does.
 */
function isLoose(set: IdentifierSet<string>): boolean {
  const [first = ''] = set.values
  return set.parse(` ${first} `).ok
}

function setBlock(set: IdentifierSet<string>): string {
  const id = upper(set.name)
  const loose = isLoose(set)
  const literal = `Literal[${set.values.map((v) => flat(v)).join(', ')}]`
  const typeLine = `${set.name}: TypeAlias = ${literal}`
  const typeAlias =
    typeLine.length <= PY_WIDTH
      ? typeLine
      : `${set.name}: TypeAlias = Literal[\n${set.values.map((v) => `    ${flat(v)},`).join('\n')}\n]`
  const matching = loose
    ? "Matching ignores case and surrounding space and reads '-' or a space as '_'."
    : 'Matching is exact (case-sensitive).'
  return [
    `# ---- ${set.name} ${'-'.repeat(Math.max(3, 100 - set.name.length))}`,
    '',
    typeAlias,
    '',
    assign(`${id}_VALUES`, `Final[tuple[${set.name}, ...]]`, set.values),
    assign(`${id}_ALIASES`, `Final[Mapping[str, ${set.name}]]`, dictOf(set.aliases)),
    `${id}: Final = IdentifierSet(`,
    `    name=${flat(set.name)},`,
    `    description=${pyLiteral(set.description, 4, 16, 1)},`,
    `    values=${id}_VALUES,`,
    `    docs=${pyLiteral(dictOf(set.docs as Record<string, Py>), 4, 9, 1)},`,
    `    aliases=${id}_ALIASES,`,
    `    loose=${loose ? 'True' : 'False'},`,
    ')',
    '',
    '',
    `def parse_${snake(set.name)}(value: object, path: str = '') -> Result[${set.name}]:`,
    docstring([`${set.name}: ${set.description}`, matching], 4),
    `    return cast('Result[${set.name}]', ${id}.parse(value, path))`,
  ].join('\n')
}

function extras(): string {
  return [
    '#: Every identifier set, by its contract name.',
    assign(
      'IDENTIFIER_SETS',
      'Final[Mapping[str, IdentifierSet]]',
      dictOf(Object.fromEntries(IDENTIFIER_SETS.map((s) => [s.name, { type: 'raw', text: upper(s.name) } as Py]))),
    ),
    '',
    '#: The two-letter code of an instrument in obs ids and raw file names (MC_O_20250415_000060).',
    assign('INSTRUMENT_CODE', 'Final[Mapping[Instrument, str]]', dictOf(INSTRUMENT_CODE)),
    '#: Number of detectors of an instrument (ids 0..n-1).',
    assign('INSTRUMENT_DETECTOR_COUNT', 'Final[Mapping[Instrument, int]]', dictOf(INSTRUMENT_DETECTOR_COUNT)),
    '#: How a worker flavour is addressed: by (depth, detector), by depth, or a singleton.',
    assign('WORKER_FLAVOUR_SHAPE', 'Final[Mapping[WorkerFlavour, str]]', dictOf(WORKER_FLAVOUR_SHAPE)),
    '#: The Rapid Analysis processes themselves.',
    assign('RA_SERVICES', 'Final[tuple[Service, ...]]', RA_SERVICES),
    '#: Pipelines for the corner wavefront sensors, and the full-array-mode ones.',
    assign('AOS_CWFS_PIPELINES', 'Final[tuple[Pipeline, ...]]', AOS_CWFS_PIPELINES),
    assign('AOS_FAM_PIPELINES', 'Final[tuple[Pipeline, ...]]', AOS_FAM_PIPELINES),
    assign('DEFAULT_AOS_PIPELINE', 'Final[Pipeline]', DEFAULT_AOS_PIPELINE),
    assign('DEFAULT_AOS_FAM_PIPELINE', 'Final[Pipeline]', DEFAULT_AOS_FAM_PIPELINE),
    '#: Which step-1a pipeline an image type runs (by lower-cased observation_type).',
    assign('PIPELINE_FOR_IMAGE_TYPE', 'Final[Mapping[str, Pipeline]]', dictOf(PIPELINE_FOR_IMAGE_TYPE)),
  ].join('\n')
}

export function buildIdentifiers(version: string): Promise<string> {
  return pythonModule('identifiers.py', version, {
    SETS: blocks(IDENTIFIER_SETS.map(setBlock)),
    EXTRAS: extras(),
  })
}
