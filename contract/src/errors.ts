// ----------------------------------------------------------------------------
// Stable error codes of the contract and its CLI. Codes never change meaning;
// contract/README.md lists them (generated, and tested against this table).
// ----------------------------------------------------------------------------

export const ERROR_CODES = {
  RA_CONTRACT_USAGE: {
    exitCode: 2,
    summary: 'The command line was not understood.',
    action: 'Run `./ra contract help` for the accepted forms.',
  },
  RA_CONTRACT_INVALID_KEY: {
    exitCode: 1,
    summary: 'An S3 key or Redis key does not follow the contract.',
    action: 'Read the issues printed: each names the segment and what it must be.',
  },
  RA_CONTRACT_INVALID_MESSAGE: {
    exitCode: 1,
    summary: 'A message does not validate against its schema.',
    action: 'Fix the fields named in the issues; `./ra contract registry messages --json` lists schemas.',
  },
  RA_CONTRACT_UNKNOWN_SCHEMA: {
    exitCode: 2,
    summary: 'No message schema has that name.',
    action: 'Use a message name (Payload) or its file stem (payload); the error lists them all.',
  },
  RA_CONTRACT_UNKNOWN_NAME: {
    exitCode: 1,
    summary: 'A camera, channel, control or other registry name is not in the contract.',
    action: 'Use one of the names the error lists; add new names to the contract first.',
  },
  RA_CONTRACT_INCOMPATIBLE: {
    exitCode: 1,
    summary: 'The contract changed incompatibly since the last release without a major version bump.',
    action: 'Restore the name (keep old spellings as aliases) or bump the major version and tell the services listed.',
  },
  RA_CONTRACT_NO_RELEASE: {
    exitCode: 1,
    summary: 'No released snapshot or git revision to compare with.',
    action: 'Run `./ra contract release` for the first release, or pass an existing git ref to --against.',
  },
  RA_CONTRACT_IO: {
    exitCode: 1,
    summary: 'A file or standard input could not be read.',
    action: 'Check the path; use - to read standard input.',
  },
} as const satisfies Record<string, { exitCode: number; summary: string; action: string }>

export type ErrorCode = keyof typeof ERROR_CODES

/** For programmer and environment errors only; bad input is reported as data (Result). */
export class ContractError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ContractError'
    this.code = code
  }
  get exitCode(): number {
    return ERROR_CODES[this.code].exitCode
  }
}
