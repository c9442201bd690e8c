// ----------------------------------------------------------------------------
// Validation results are data, never exceptions: every parser and validator in
// the contract returns a Result naming each failing field and what was expected.
// ----------------------------------------------------------------------------

/** One reason an input was refused. `path` is a JSON pointer into the input ('' for the whole value). */
export interface Issue {
  readonly path: string
  readonly message: string
  /** What would have been accepted, for people and tools ("one of: ALL, MINIMAL"). */
  readonly expected?: string
  readonly received?: unknown
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue[] }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail<T = never>(...issues: Issue[]): Result<T> {
  return { ok: false, issues }
}

export function issue(path: string, message: string, extra: { expected?: string; received?: unknown } = {}): Issue {
  return { path, message, ...extra }
}

/** One line per issue, for logs and CLIs. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path === '' ? '(value)' : i.path}: ${i.message}`).join('\n')
}
