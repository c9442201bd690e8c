// ----------------------------------------------------------------------------
// Python's json writer emits bare NaN / Infinity / -Infinity for float NaN and
// inf (ra_framework.md §9), which JSON.parse refuses. A shard from a Python
// producer must still merge, so those tokens (outside strings only) are read
// as null, which is what the table stores for them anyway.
// ----------------------------------------------------------------------------

const TOKENS = ['-Infinity', 'Infinity', 'NaN'] as const

/** The text with bare NaN/Infinity tokens replaced by null; strings are left untouched. */
export function replacePythonFloatTokens(text: string): string {
  let out = ''
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (inString) {
      out += ch
      if (ch === '\\') {
        out += text[i + 1] ?? ''
        i++
      } else if (ch === '"') inString = false
      continue
    }
    if (ch === '"') {
      inString = true
      out += ch
      continue
    }
    const token = TOKENS.find((t) => text.startsWith(t, i))
    if (token) {
      out += 'null'
      i += token.length - 1
    } else out += ch
  }
  return out
}

/** JSON.parse, falling back to the Python-token-tolerant reading; throws SyntaxError like JSON.parse. */
export function parseLenientJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const replaced = replacePythonFloatTokens(text)
    if (replaced === text) throw error
    return JSON.parse(replaced)
  }
}
