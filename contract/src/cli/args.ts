// Small argument helpers for the CLI (node:util parseArgs does the parsing).
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { ContractError } from '../errors.ts'

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new ContractError('RA_CONTRACT_USAGE', `${(error as Error).message}\nusage: ${usage}`)
  }
}

export function required(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined || value === '') {
    throw new ContractError('RA_CONTRACT_USAGE', `missing ${flag}\nusage: ${usage}`)
  }
  return value
}

export interface Io {
  out(text: string): void
  err(text: string): void
  readStdin(): Promise<string>
}
