/// <reference lib="dom" />
// Admin: every control of the contract, its live read-back (the legacy string and
// the structured outcome), and a way to set it. Resets ask for confirmation. The
// server authorises every write; this page only hides what a non-admin cannot do.
import {
  CONTROLS,
  ControlName,
  type ControlReadback,
  type Location,
  RESET_VALUE,
  type RubinTvServerMessage,
} from '@rubin/ra-contract'
import { append, confirmDialog, el, replace } from '../dom.ts'
import { live } from '../live.ts'

type State = { readback: string | null; last?: ControlReadback }

async function send(location: Location, control: ControlName, value: string, dot: HTMLElement): Promise<void> {
  dot.className = 'dot pending'
  dot.title = 'sending'
  try {
    const response = await fetch(`/api/${location}/controls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ control, value }),
    })
    const body = (await response.json()) as { message?: string; issues?: { message: string }[] }
    dot.className = response.ok ? 'dot ok' : 'dot fail'
    dot.title = response.ok
      ? 'sent; waiting for the read-back'
      : [body.message, ...(body.issues ?? []).map((i) => i.message)].join(': ')
    dot.textContent = response.ok ? '' : dot.title
  } catch (error) {
    dot.className = 'dot fail'
    dot.textContent = String(error)
  }
}

export function resetButton(location: Location, control: ControlName, label: string): HTMLElement {
  const dot = el('span', { class: 'dot' })
  const button = el('button', { type: 'button', class: 'danger', 'data-control': control }, label)
  button.addEventListener('click', async () => {
    if (await confirmDialog(`${label}? Every worker of the set finishes its current payload and restarts.`)) {
      await send(location, control, RESET_VALUE, dot)
    }
  })
  return el('span', { class: 'reset' }, button, dot)
}

function describe(state: State | undefined): HTMLElement {
  const last = state?.last
  return el(
    'div',
    { class: 'readback' },
    el('span', { class: 'legacy', title: 'RUBINTV_CONTROL_…_READBACK' }, state?.readback ?? '(no read-back yet)'),
    last === undefined
      ? null
      : el(
          'span',
          { class: `outcome ${last.outcome}` },
          ` ${last.outcome}: ${last.value || '—'}${last.reason ? ` (${last.reason})` : ''} at ${last.at}`,
        ),
  )
}

export function adminPage(root: HTMLElement, location: Location, isAdmin: boolean): void {
  append(root, el('h2', {}, 'Admin'))
  if (!isAdmin) {
    root.appendChild(
      el('p', { class: 'refused' }, 'You are not an admin for this location; controls are shown read-only.'),
    )
  }
  const boxes = new Map<ControlName, HTMLElement>()
  for (const name of ControlName.values) {
    const spec = CONTROLS[name]
    const readback = el('div', { class: 'readback-box' })
    boxes.set(name, readback)
    const dot = el('span', { class: 'dot' })
    let input: HTMLElement | null = null
    const domain = spec.domain
    if (isAdmin && domain.kind === 'identifiers') {
      const select = el('select', { name }, ...domain.set.values.map((v) => el('option', { value: v }, v)))
      const apply = el('button', { type: 'button', 'data-control': name }, 'Set')
      apply.addEventListener('click', () => void send(location, name, select.value, dot))
      input = el('span', {}, select, ' ', apply)
    } else if (isAdmin && domain.kind === 'pattern') {
      const text = el('input', { type: 'text', name, title: domain.expected })
      const apply = el('button', { type: 'button', 'data-control': name }, 'Set')
      apply.addEventListener('click', () => void send(location, name, text.value.trim(), dot))
      input = el('span', {}, text, ' ', apply)
    } else if (isAdmin && domain.kind === 'truthy') {
      input = resetButton(location, name, spec.title)
    } else if (domain.kind === 'refused') {
      input = el('span', { class: 'muted' }, 'not a control anyone can apply')
    }
    root.appendChild(
      el(
        'section',
        { class: 'control', 'data-control': name },
        el('h3', { title: spec.description }, spec.title),
        readback,
        input,
        input !== null && domain.kind !== 'truthy' ? dot : null,
      ),
    )
  }
  const states = new Map<ControlName, State>()
  const render = (name: ControlName) => {
    const box = boxes.get(name)
    if (box !== undefined) replace(box, describe(states.get(name)))
  }
  live.subscribe({ kind: 'controlReadbacks', location }, (m: RubinTvServerMessage) => {
    if (m.type === 'snapshot' && m.data.kind === 'controlReadbacks') {
      for (const [name, state] of Object.entries(m.data.controls)) {
        if (ControlName.is(name)) {
          states.set(name, state)
          render(name)
        }
      }
    } else if (m.type === 'delta' && m.change.kind === 'readback') {
      states.set(m.change.control, m.change.state)
      render(m.change.control)
    }
  })
}
