// ----------------------------------------------------------------------------
// The control an operator named: a contract ControlName in any case, or the
// full RUBINTV_CONTROL_… key (read-back keys refused: they are RA's answers).
// ----------------------------------------------------------------------------
import { ControlName, parseControlKey } from '@rubin/ra-contract'
import { UsageError } from './connect.ts'

export function resolveControlName(text: string): ControlName {
  const upper = text.trim().toUpperCase()
  if (ControlName.is(upper)) return upper
  const key = parseControlKey(upper)
  if (key.ok && !key.value.readback) return key.value.control
  if (key.ok) throw new UsageError(`'${text}' is a read-back key; name the control itself (${key.value.control})`)
  throw new UsageError(`unknown control '${text}'; use one of: ${ControlName.values.join(', ')}`)
}
