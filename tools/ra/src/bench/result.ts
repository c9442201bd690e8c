// What one side of a benchmark measured.
export interface RunResult {
  readonly payloads: number
  readonly seconds: number
  /** Per payload: from being queued to a worker starting it. */
  readonly queueToStartMs: readonly number[]
}
