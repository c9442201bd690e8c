// Renders plain data as a TypeScript literal already in Biome's format, so that
// `biome check --write` leaves generated files untouched and --check stays exact.
const WIDTH = 120
const INDENT = '  '

export type Literal = string | number | boolean | null | readonly Literal[] | { readonly [key: string]: Literal }

export interface RenderOptions {
  /** Objects whose key set matches this predicate are always written one property per line. */
  readonly expand?: (value: { readonly [key: string]: Literal }) => boolean
}

function isObject(value: Literal): value is { readonly [key: string]: Literal } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function scalar(value: string | number | boolean | null): string {
  if (typeof value === 'string') {
    // Biome would switch quote style or re-escape; none of our facts need either.
    if (/['"\\\n]/.test(value)) throw new Error(`literal: string ${JSON.stringify(value)} needs escaping`)
    return `'${value}'`
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`literal: ${value} is not finite`)
  return String(value)
}

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : scalar(name)
}

/** Biome (like Prettier) always breaks an array of several objects that each have more than one key. */
function mustBreakArray(items: readonly Literal[]): boolean {
  return items.length > 1 && items.every((item) => isObject(item) && Object.keys(item).length > 1)
}

/** Whether the value must be written over several lines whatever the width (then so must its parents). */
function hardBreak(value: Literal, options: RenderOptions): boolean {
  if (Array.isArray(value)) return mustBreakArray(value) || value.some((item) => hardBreak(item, options))
  if (!isObject(value)) return false
  const values = Object.values(value)
  if (values.length > 0 && (options.expand?.(value) ?? false)) return true
  return values.some((item) => hardBreak(item, options))
}

function inline(value: Literal): string {
  if (!Array.isArray(value) && !isObject(value)) return scalar(value as string | number | boolean | null)
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`
  const entries = Object.entries(value as { readonly [key: string]: Literal })
  if (entries.length === 0) return '{}'
  return `{ ${entries.map(([k, v]) => `${key(k)}: ${inline(v)}`).join(', ')} }`
}

/**
 * `prefix` is what precedes the value on its first line (indent plus `key: `); the value is
 * followed by `suffix` (a comma inside a broken parent). Returns the text after the prefix.
 */
function render(value: Literal, depth: number, prefixWidth: number, suffix: string, options: RenderOptions): string {
  const flat = inline(value)
  if (!hardBreak(value, options) && prefixWidth + flat.length + suffix.length <= WIDTH) return flat
  if (!Array.isArray(value) && !isObject(value)) return flat
  const inner = INDENT.repeat(depth + 1)
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'number')) {
    return `[\n${fill(value as readonly number[], inner)}\n${INDENT.repeat(depth)}]`
  }
  const lines = Array.isArray(value)
    ? value.map((item) => inner + render(item, depth + 1, inner.length, ',', options))
    : Object.entries(value as { readonly [key: string]: Literal }).map(([k, v]) => {
        const head = `${inner}${key(k)}: `
        return head + render(v, depth + 1, head.length, ',', options)
      })
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  return `${open}\n${lines.map((line) => `${line},`).join('\n')}\n${INDENT.repeat(depth)}${close}`
}

/** Biome (like Prettier) fills a broken array of numbers: as many `n,` per line as fit the width. */
function fill(numbers: readonly number[], indent: string): string {
  const lines: string[] = []
  let line = ''
  for (const n of numbers) {
    const item = `${scalar(n)},`
    if (line === '') line = indent + item
    else if (line.length + 1 + item.length <= WIDTH) line += ` ${item}`
    else {
      lines.push(line)
      line = indent + item
    }
  }
  lines.push(line)
  return lines.join('\n')
}

/** `export const NAME = <value> as const` (one statement, trailing newline). */
export function constStatement(name: string, value: Literal, options: RenderOptions = {}): string {
  const head = `export const ${name} = `
  return `${head}${render(value, 0, head.length, ' as const', options)} as const\n`
}
