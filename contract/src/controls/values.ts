// ----------------------------------------------------------------------------
// Control values and read-backs. parseControlValue turns what RubinTV (or ./ra)
// wrote into the canonical value, or says what would have been accepted. The
// consumer then records what it did as a ControlOutcome, which gives both the
// legacy `_READBACK` string and the structured read-back stream entry.
// Unlike today, every consumed command gets a read-back, including no-ops and
// invalid values (DESIGN §5: applied value, or a clear rejection with its reason).
// ----------------------------------------------------------------------------
import type { ControlReadback } from '../messages/control.ts'
import { fail, formatIssues, type Issue, issue, ok, type Result } from '../result.ts'
import { CONTROLS, type ControlValue } from './controls.ts'
import { type ControlRejection, FALSY_VALUES, LEGACY_REJECTION_READBACK, RESET_VALUE } from './domains.ts'
import { ControlName } from './names.ts'

function describeAccepted(name: ControlName): string {
  const { domain } = CONTROLS[name]
  switch (domain.kind) {
    case 'identifiers': {
      const aliases = Object.keys(domain.set.aliases)
      const also = aliases.length > 0 ? ` (also accepted: ${aliases.join(', ')})` : ''
      return `one of: ${domain.set.values.join(', ')}${also}`
    }
    case 'truthy':
      return `any value other than ${FALSY_VALUES.join('/')} (RubinTV sends 1 or reset)`
    case 'pattern':
      return domain.expected
    case 'refused':
      return 'nothing: this control is always refused'
  }
}

/** The canonical value for what was written to a control key, or why it is refused. */
export function parseControlValue<N extends ControlName>(name: N, raw: unknown): Result<ControlValue<N>> {
  if (!ControlName.is(name)) {
    return fail(
      issue('', `unknown control '${String(name)}'`, { expected: `one of: ${ControlName.values.join(', ')}` }),
    )
  }
  const spec = CONTROLS[name]
  const expected = describeAccepted(name)
  const refuse = (message: string) => fail<ControlValue<N>>(issue('', message, { expected, received: raw }))
  if (typeof raw !== 'string') return refuse(`${spec.key}: the value must be a string`)
  const text = raw.trim()
  const { domain } = spec
  switch (domain.kind) {
    case 'identifiers': {
      const parsed = domain.set.parse(text)
      if (parsed.ok) return ok(parsed.value as ControlValue<N>)
      return refuse(`${spec.key}: '${raw}' is not a valid ${spec.title}; send ${expected}`)
    }
    case 'truthy':
      if (text === '' || (FALSY_VALUES as readonly string[]).includes(text.toUpperCase())) {
        return refuse(`${spec.key}: '${raw}' does not ask for a reset; send 1 or reset`)
      }
      return ok(RESET_VALUE as ControlValue<N>)
    case 'pattern':
      if (domain.pattern.test(text)) return ok(domain.canonical(text) as ControlValue<N>)
      return refuse(`${spec.key}: '${raw}' is not ${domain.expected}`)
    case 'refused':
      return refuse(`${spec.key}: ${domain.reason}; nothing was restarted`)
  }
}

/** What a consumer did with one command. */
export type ControlOutcome =
  | { readonly outcome: 'applied' | 'unchanged'; readonly value: string }
  | {
      readonly outcome: 'rejected'
      readonly code: ControlRejection
      readonly reason: string
      /** The value still in effect, if known. */
      readonly value?: string
    }

/** The string written to the legacy `{key}_READBACK`: the value in effect, or a REJECTED_…! token. */
export function readbackValue(outcome: ControlOutcome): string {
  return outcome.outcome === 'rejected' ? LEGACY_REJECTION_READBACK[outcome.code] : outcome.value
}

/** The rejection for a value parseControlValue refused (INVALID_VALUE, or the control's own refusal code). */
export function rejectionFor(name: ControlName, issues: readonly Issue[], valueInEffect?: string): ControlOutcome {
  const { domain } = CONTROLS[name]
  return {
    outcome: 'rejected',
    code: domain.kind === 'refused' ? domain.code : 'INVALID_VALUE',
    reason: formatIssues(issues) || `${CONTROLS[name].key}: rejected`,
    ...(valueInEffect === undefined ? {} : { value: valueInEffect }),
  }
}

/** The structured read-back stream entry for an outcome. */
export function controlReadback(
  name: ControlName,
  requested: string,
  outcome: ControlOutcome,
  at: Date,
): ControlReadback {
  const base = { control: name, requested: requested.slice(0, 200), at: at.toISOString() }
  if (outcome.outcome !== 'rejected') return { ...base, outcome: outcome.outcome, value: outcome.value }
  return { ...base, outcome: 'rejected', value: outcome.value ?? '', reason: outcome.reason, code: outcome.code }
}
