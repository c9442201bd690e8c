#!/usr/bin/env node
// ----------------------------------------------------------------------------
// ra-contract (also ./ra contract): the contract from the command line, for
// operators and for RubinTV developers in other repositories.
// ----------------------------------------------------------------------------
import { ContractError, ERROR_CODES } from '../errors.ts'
import { CONTRACT_MAJOR, CONTRACT_VERSION } from '../version.ts'
import type { Io } from './args.ts'
import { checkCompatCommand, releaseCommand } from './compat.ts'
import { registryCommand } from './registry.ts'
import { s3Command } from './s3.ts'
import { validateCommand } from './validate.ts'

const HELP = `ra-contract ${CONTRACT_VERSION}: names and messages shared by Rapid Analysis and RubinTV

usage:
  ra-contract s3 build --camera CAM --channel CHAN --day-obs YYYYMMDD (--seq N | --final) --ext EXT
  ra-contract s3 parse KEY
  ra-contract registry NAME [--json]
      NAME: cameras | channels | locations | controls | patterns | pipelines | detectors |
            redis-keys | streams | messages | identifiers
  ra-contract validate SCHEMA FILE|-
  ra-contract check-compat [--against REF] [--json]
  ra-contract release
  ra-contract version

Exit status: 0 ok; 1 invalid input or incompatible change; 2 usage error.`

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  s3: s3Command,
  registry: registryCommand,
  validate: validateCommand,
  'check-compat': checkCompatCommand,
  release: releaseCommand,
  version: async (_args, io) => {
    io.out(`@rubin/ra-contract ${CONTRACT_VERSION} (schemas v${CONTRACT_MAJOR})`)
    return 0
  },
  help: async (_args, io) => {
    io.out(HELP)
    return 0
  },
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command = 'help', ...rest] = argv
  const handler = COMMANDS[command === '--help' || command === '-h' ? 'help' : command]
  try {
    if (handler === undefined) {
      throw new ContractError(
        'RA_CONTRACT_USAGE',
        `unknown command '${command}'. Commands: ${Object.keys(COMMANDS).join(', ')}`,
      )
    }
    return await handler(rest, io)
  } catch (error) {
    if (error instanceof ContractError) {
      io.err(`ra-contract: error ${error.code}: ${error.message}`)
      io.err(`  ${ERROR_CODES[error.code].action}`)
      return error.exitCode
    }
    throw error
  }
}

const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  },
}

/** Entry point for the bin and for `node main.ts`. */
export async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), processIo)
}

if (import.meta.main) await main()
