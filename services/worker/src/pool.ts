// ----------------------------------------------------------------------------
// A pool: many workers in one process. On Kubernetes every worker is its own pod
// (StatefulSet ordinal = detector); on one machine 200 Node processes would not
// fit, so `./ra up` and the scenarios host workers in a few pool processes. Each
// pooled worker is a full worker service (own Redis connections, heartbeat,
// claimed list); a restart payload restarts just that worker, as a pod would be.
// ----------------------------------------------------------------------------
import { fail, issue, ok, type Result, WORKER_FLAVOUR_SHAPE, WorkerFlavour } from '@rubin/ra-contract'

export interface PoolMember {
  readonly flavour: WorkerFlavour
  readonly depth: number
  readonly detector?: number
}

const range = (text: string): number[] | undefined => {
  const out: number[] = []
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim())
    if (!m) return undefined
    const first = Number(m[1])
    const last = m[2] === undefined ? first : Number(m[2])
    if (last < first) return undefined
    for (let n = first; n <= last; n++) out.push(n)
  }
  return out
}

/**
 * `RA_WORKER_POOL`: groups separated by `;`, each `FLAVOUR[@DEPTH]:LIST` where LIST is
 * numbers and ranges (`0-188,191`): detectors for per-detector flavours (at DEPTH,
 * default 0), depths for the others. E.g. `SFM_WORKER:0-188;AOS_WORKER:191,192;STEP1B_WORKER:0-1`.
 */
export function parsePool(text: string): Result<PoolMember[]> {
  const members: PoolMember[] = []
  const groups = text
    .split(';')
    .map((g) => g.trim())
    .filter((g) => g !== '')
  if (groups.length === 0) return fail(issue('', 'RA_WORKER_POOL is empty', { expected: 'FLAVOUR[@DEPTH]:LIST;…' }))
  for (const group of groups) {
    const m = /^([A-Z0-9_]+)(?:@(\d+))?:(.+)$/.exec(group)
    const flavour = m?.[1]
    const numbers = m?.[3] === undefined ? undefined : range(m[3])
    if (!m || flavour === undefined || numbers === undefined) {
      return fail(
        issue('', `cannot read pool group '${group}'`, { expected: 'FLAVOUR[@DEPTH]:LIST, e.g. SFM_WORKER@0:0-188' }),
      )
    }
    if (!WorkerFlavour.is(flavour) || flavour === 'HEAD_NODE') {
      return fail(
        issue('', `unknown worker flavour '${flavour}' in '${group}'`, { expected: WorkerFlavour.values.join(', ') }),
      )
    }
    const shape = WORKER_FLAVOUR_SHAPE[flavour]
    if (shape === 'perDetector') {
      for (const detector of numbers) members.push({ flavour, depth: Number(m[2] ?? 0), detector })
    } else {
      if (m[2] !== undefined)
        return fail(issue('', `'${group}': @DEPTH is only for per-detector flavours; list depths instead`))
      for (const depth of numbers) members.push({ flavour, depth })
    }
  }
  return ok(members)
}
