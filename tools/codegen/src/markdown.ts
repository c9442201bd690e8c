// Tiny Markdown helpers for generated docs: deterministic tables with escaped cells.

export function cell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value)
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ')
}

export const code = (value: string) => (value === '' ? '`""`' : `\`${value}\``)

export function table(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`]
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`)
  return lines.join('\n')
}

export const START = '<!-- generated:start (./ra codegen writes everything down to generated:end) -->'
export const END = '<!-- generated:end -->'

/** Replace the generated region of a hand-written document (or append one). */
export function spliceGenerated(document: string, generated: string): string {
  const start = document.indexOf(START)
  const end = document.indexOf(END)
  const block = `${START}\n\n${generated.trim()}\n\n${END}`
  if (start === -1 || end === -1 || end < start) return `${document.trimEnd()}\n\n${block}\n`
  return `${document.slice(0, start)}${block}${document.slice(end + END.length)}`
}
