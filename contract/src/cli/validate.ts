// ra-contract validate SCHEMA FILE|- : check a JSON message against the contract.
import { readFile } from 'node:fs/promises'
import { ContractError } from '../errors.ts'
import { formatIssues } from '../result.ts'
import { MESSAGES } from '../schemas.ts'
import { isMessageName, MESSAGE_NAMES, validate } from '../validate/index.ts'
import { type Io, parse } from './args.ts'

const USAGE = 'ra-contract validate SCHEMA FILE|-   (SCHEMA: a message name like Payload, or its stem like payload)'

export function resolveSchemaName(input: string): string {
  const byStem = MESSAGES.find((m) => m.stem === input || m.schema.$id === input)
  if (byStem) return byStem.name
  const byName = MESSAGE_NAMES.find((n: string) => n.toLowerCase() === input.toLowerCase())
  if (byName) return byName
  throw new ContractError(
    'RA_CONTRACT_UNKNOWN_SCHEMA',
    `unknown schema '${input}'. Known: ${MESSAGES.map((m) => `${m.name} (${m.stem})`).join(', ')}`,
  )
}

export async function validateCommand(args: string[], io: Io): Promise<number> {
  const { positionals } = parse(args, {}, USAGE)
  const [schema, file] = positionals
  if (schema === undefined || file === undefined || positionals.length > 2) {
    throw new ContractError('RA_CONTRACT_USAGE', `expected SCHEMA and FILE\nusage: ${USAGE}`)
  }
  const name = resolveSchemaName(schema)
  if (!isMessageName(name)) throw new ContractError('RA_CONTRACT_UNKNOWN_SCHEMA', `unknown schema '${schema}'`)
  let text: string
  try {
    text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8')
  } catch (error) {
    throw new ContractError('RA_CONTRACT_IO', `cannot read ${file}: ${(error as Error).message}`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    io.err(`ra-contract: ${file} is not valid JSON: ${(error as Error).message}`)
    return 1
  }
  const result = validate(name, value)
  if (result.ok) {
    io.out(`valid ${name}`)
    return 0
  }
  io.err(`ra-contract: error RA_CONTRACT_INVALID_MESSAGE: ${file} is not a valid ${name}:`)
  io.err(formatIssues(result.issues).replace(/^/gm, '  '))
  return 1
}
