// ra-contract s3 build … | s3 parse KEY: product keys from the command line.
import { ContractError } from '../errors.ts'
import { buildS3Key, KEY_KINDS, parseS3Key, REGISTERED_CHANNELS_ONLY, type S3KeySpec } from '../keys/s3/index.ts'
import { formatIssues, type Issue } from '../result.ts'
import { parseDayObs } from '../time/day-obs.ts'
import { type Io, parse, required } from './args.ts'

const BUILD_USAGE =
  'ra-contract s3 build --camera CAM --channel CHAN --day-obs YYYYMMDD (--seq N | --final) --ext EXT [--any-channel]\n' +
  '       ra-contract s3 build --kind metadata|nightReportText --camera CAM --day-obs YYYYMMDD\n' +
  '       ra-contract s3 build --kind nightReportPlot --camera CAM --day-obs YYYYMMDD --group G --name N --ext EXT'
const PARSE_USAGE = 'ra-contract s3 parse KEY [--any-channel]'

function invalid(what: string, issues: readonly Issue[]): never {
  throw new ContractError('RA_CONTRACT_INVALID_KEY', `${what}:\n${formatIssues(issues).replace(/^/gm, '  ')}`)
}

function buildSpec(values: Record<string, string | boolean | undefined>): S3KeySpec {
  const str = (flag: string) => required(values[flag] as string | undefined, `--${flag}`, BUILD_USAGE)
  const camera = str('camera')
  const day = parseDayObs(str('day-obs'), '--day-obs')
  if (!day.ok) invalid('invalid --day-obs', day.issues)
  const kind = (values.kind as string | undefined) ?? (values.final ? 'final' : 'event')
  const known: readonly string[] = KEY_KINDS.map((k) => k.kind)
  if (!known.includes(kind)) {
    throw new ContractError(
      'RA_CONTRACT_USAGE',
      `unknown --kind '${kind}'; one of: ${known.join(', ')}\nusage: ${BUILD_USAGE}`,
    )
  }
  switch (kind) {
    case 'event': {
      if (values.final)
        throw new ContractError('RA_CONTRACT_USAGE', `--seq and --final exclude each other\nusage: ${BUILD_USAGE}`)
      const seqText = str('seq')
      if (!/^\d+$/.test(seqText))
        invalid('invalid --seq', [{ path: '--seq', message: `must be a whole number 0..999999; got '${seqText}'` }])
      return {
        kind,
        camera,
        channel: str('channel'),
        dayObs: day.value,
        seq: Number(seqText),
        ext: str('ext'),
      } as S3KeySpec
    }
    case 'final':
      if (values.seq !== undefined)
        throw new ContractError('RA_CONTRACT_USAGE', `--seq and --final exclude each other\nusage: ${BUILD_USAGE}`)
      return { kind, camera, channel: str('channel'), dayObs: day.value, ext: str('ext') } as S3KeySpec
    case 'metadata':
    case 'nightReportText':
      return { kind, camera, dayObs: day.value } as S3KeySpec
    case 'nightReportPlot':
      return { kind, camera, dayObs: day.value, group: str('group'), name: str('name'), ext: str('ext') } as S3KeySpec
    default:
      throw new ContractError(
        'RA_CONTRACT_USAGE',
        `--kind ${kind} is not built from the command line\nusage: ${BUILD_USAGE}`,
      )
  }
}

export async function s3Command(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args
  if (sub === 'build') {
    const { values, positionals } = parse(
      rest,
      {
        kind: { type: 'string' },
        camera: { type: 'string' },
        channel: { type: 'string' },
        'day-obs': { type: 'string' },
        seq: { type: 'string' },
        final: { type: 'boolean' },
        ext: { type: 'string' },
        group: { type: 'string' },
        name: { type: 'string' },
        'any-channel': { type: 'boolean' },
      },
      BUILD_USAGE,
    )
    if (positionals.length > 0)
      throw new ContractError('RA_CONTRACT_USAGE', `unexpected '${positionals[0]}'\nusage: ${BUILD_USAGE}`)
    const built = buildS3Key(buildSpec(values), values['any-channel'] ? {} : REGISTERED_CHANNELS_ONLY)
    if (!built.ok) invalid('cannot build that key', built.issues)
    io.out(built.value)
    return 0
  }
  if (sub === 'parse') {
    const { values, positionals } = parse(rest, { 'any-channel': { type: 'boolean' } }, PARSE_USAGE)
    const [key] = positionals
    if (key === undefined || positionals.length !== 1) {
      throw new ContractError('RA_CONTRACT_USAGE', `expected one KEY\nusage: ${PARSE_USAGE}`)
    }
    const parsed = parseS3Key(key, values['any-channel'] ? {} : REGISTERED_CHANNELS_ONLY)
    if (!parsed.ok) invalid(`not a valid RubinTV/RA key: ${key}`, parsed.issues)
    io.out(JSON.stringify(parsed.value))
    return 0
  }
  throw new ContractError(
    'RA_CONTRACT_USAGE',
    `expected 'build' or 'parse'\nusage: ${BUILD_USAGE}\n       ${PARSE_USAGE}`,
  )
}
