// ----------------------------------------------------------------------------
// JavaScript data -> Python literal source, deterministic and PEP 8 shaped: a
// value stays on one line when it fits, otherwise one item per line with a
// trailing comma (the layout black would choose); long strings are split at
// spaces into implicitly concatenated pieces. Arrays become tuples (registry
// data is immutable), objects dicts; `call` and `raw` cover constructors and names.
// ----------------------------------------------------------------------------

/** Maximum line length of generated Python (LSST DM's limit). */
export const PY_WIDTH = 110
const STEP = 4

export type Py = null | boolean | number | string | readonly Py[] | PyDict | PyCall | PyRaw

export interface PyDict {
  readonly type: 'dict'
  readonly entries: readonly (readonly [Py, Py])[]
}
export interface PyCall {
  readonly type: 'call'
  readonly callee: string
  readonly args: readonly (readonly [string, Py])[]
}
export interface PyRaw {
  readonly type: 'raw'
  readonly text: string
}

/** A dict literal; keys and values in the given order. */
export const dict = (entries: readonly (readonly [Py, Py])[]): PyDict => ({ type: 'dict', entries })
/** A dict literal from a plain object (insertion order). */
export const dictOf = (value: Readonly<Record<string, Py>>): PyDict => dict(Object.entries(value))
/** `Callee(name=value, ...)`; arguments whose value is undefined are left out. */
export function call(callee: string, args: Readonly<Record<string, Py | undefined>>): PyCall {
  const kept = Object.entries(args).filter((entry): entry is [string, Py] => entry[1] !== undefined)
  return { type: 'call', callee, args: kept }
}
/** Python source used verbatim (a name, an expression). */
export const raw = (text: string): PyRaw => ({ type: 'raw', text })

const isNode = (value: Py): value is PyDict | PyCall | PyRaw =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A Python string literal: single quotes unless the text holds one and no double quote. */
export function pyString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  let out = ''
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    if (ch === '\\') out += '\\\\'
    else if (ch === quote) out += `\\${quote}`
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`
    else if ((cp >= 0x80 && cp < 0xa0) || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`
    } else out += ch
  }
  return `${quote}${out}${quote}`
}

function pyNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`python literal: cannot write ${value}`)
  return Number.isInteger(value) ? String(value) : String(value).replace('e+', 'e')
}

/** The value on one line. */
export function flat(value: Py): string {
  if (value === null) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'number') return pyNumber(value)
  if (typeof value === 'string') return pyString(value)
  if (Array.isArray(value)) {
    const items = value.map(flat)
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`
  }
  if (!isNode(value)) throw new Error('python literal: unsupported value')
  switch (value.type) {
    case 'raw':
      return value.text
    case 'dict':
      return `{${value.entries.map(([k, v]) => `${flat(k)}: ${flat(v)}`).join(', ')}}`
    case 'call':
      return `${value.callee}(${value.args.map(([k, v]) => `${k}=${flat(v)}`).join(', ')})`
  }
}

/**
 * `text` cut into pieces whose literals (quotes included) fit `room` characters:
 * after spaces where possible, else after '|', '&', '/', ',' or ';', else anywhere.
 */
function splitString(text: string, room: number): string[] {
  const fits = (piece: string) => pyString(piece).length <= room
  const words = text.split(/(?<= )/).flatMap((word) => (fits(word) ? [word] : word.split(/(?<=[|&/,;])/)))
  const pieces: string[] = []
  let current = ''
  const push = (word: string) => {
    if (current !== '' && !fits(current + word)) {
      pieces.push(current)
      current = ''
    }
    for (const ch of word) {
      if (current !== '' && !fits(current + ch)) {
        pieces.push(current)
        current = ''
      }
      current += ch
    }
  }
  for (const word of words) push(word)
  if (current !== '') pieces.push(current)
  return pieces
}

/**
 * The value starting at column `start` of a line indented by `indent`, with
 * `tail` characters (a comma, a closing bracket) to follow it on its last line.
 */
export function pyLiteral(value: Py, indent = 0, start = indent, tail = 0): string {
  const one = flat(value)
  if (start + one.length + tail <= PY_WIDTH) return one
  const inner = ' '.repeat(indent + STEP)
  const close = ' '.repeat(indent)
  if (typeof value === 'string') {
    const pieces = splitString(value, PY_WIDTH - indent - STEP)
    return `(\n${pieces.map((p) => `${inner}${pyString(p)}`).join('\n')}\n${close})`
  }
  const item = (prefix: string, v: Py) =>
    `${inner}${prefix}${pyLiteral(v, indent + STEP, indent + STEP + prefix.length, 1)},`
  if (Array.isArray(value)) {
    if (value.length === 0) return one
    return `(\n${value.map((v) => item('', v)).join('\n')}\n${close})`
  }
  if (!isNode(value) || value.type === 'raw') return one
  if (value.type === 'dict') {
    if (value.entries.length === 0) return one
    return `{\n${value.entries.map(([k, v]) => item(`${flat(k)}: `, v)).join('\n')}\n${close}}`
  }
  if (value.args.length === 0) return one
  return `${value.callee}(\n${value.args.map(([k, v]) => item(`${k}=`, v)).join('\n')}\n${close})`
}

/** `NAME: Annotation = value` at module level. */
export function assign(name: string, annotation: string | undefined, value: Py): string {
  const left = annotation === undefined ? `${name} = ` : `${name}: ${annotation} = `
  return `${left}${pyLiteral(value, 0, left.length)}`
}
