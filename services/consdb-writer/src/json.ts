// JSON.parse as a result, for stream entries written by someone else.
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` }
  }
}
