// ----------------------------------------------------------------------------
// @rubin/ra-contract/validate: check any message against the contract.
// Writers use `validate` (strict: unknown properties are refused, which catches
// typos before they reach the wire); readers use `validateReceived` (tolerant:
// unknown properties are allowed, so a newer minor producer never breaks them).
// Both return data, never throw.
// ----------------------------------------------------------------------------

import { MESSAGE_NAMES, type MessageName, type MessageTypes } from '../../generated/messages.ts'
import * as strict from '../../generated/validators.cjs'
import type { CompiledValidator } from '../../generated/validators.d.cts'
import * as tolerant from '../../generated/validators-tolerant.cjs'
import { fail, issue, ok, type Result } from '../result.ts'
import { toIssues } from './issues.ts'

export { MESSAGE_NAMES, type MessageName, type MessageTypes }

const strictByName = strict as unknown as Record<MessageName, CompiledValidator>
const tolerantByName = tolerant as unknown as Record<MessageName, CompiledValidator>

export function isMessageName(name: string): name is MessageName {
  return (MESSAGE_NAMES as readonly string[]).includes(name)
}

function run<N extends MessageName>(set: Record<MessageName, CompiledValidator>, name: N, value: unknown) {
  const validator = set[name]
  if (validator(value)) return ok(value as MessageTypes[N])
  return fail<MessageTypes[N]>(...toIssues(validator.errors, value))
}

/** Strict check, for producers about to publish. */
export function validate<N extends MessageName>(name: N, value: unknown): Result<MessageTypes[N]> {
  return run(strictByName, name, value)
}

/** Tolerant check, for consumers: unknown extra properties are accepted. */
export function validateReceived<N extends MessageName>(name: N, value: unknown): Result<MessageTypes[N]> {
  return run(tolerantByName, name, value)
}

/** Parse JSON text and validate it (tolerantly, as a reader would). */
export function parseMessage<N extends MessageName>(name: N, text: string): Result<MessageTypes[N]> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return fail(issue('', `not valid JSON: ${(error as Error).message}`, { received: text.slice(0, 200) }))
  }
  return validateReceived(name, value)
}

export function isMessage<N extends MessageName>(name: N, value: unknown): value is MessageTypes[N] {
  return strictByName[name](value)
}
