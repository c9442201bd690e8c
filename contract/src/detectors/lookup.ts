// Detector lookups per instrument: by id, by name, and a lenient parser for controls.
import type { Instrument } from '../identifiers/instruments.ts'
import { fail, issue, ok, type Result } from '../result.ts'
import { COMCAM_DETECTORS } from './comcam.ts'
import { LATISS_DETECTORS } from './data/latiss.data.ts'
import { LSSTCAM_DETECTORS } from './data/lsstcam.data.ts'
import type { Detector } from './types.ts'

const BY_INSTRUMENT = {
  LSSTCam: LSSTCAM_DETECTORS satisfies readonly Detector[],
  LATISS: LATISS_DETECTORS satisfies readonly Detector[],
  LSSTComCam: COMCAM_DETECTORS,
  LSSTComCamSim: COMCAM_DETECTORS,
} as const satisfies Record<Instrument, readonly Detector[]>

const indexes = new Map<Instrument, { byId: Map<number, Detector>; byName: Map<string, Detector> }>()

function index(instrument: Instrument) {
  let found = indexes.get(instrument)
  if (found === undefined) {
    const all: readonly Detector[] = BY_INSTRUMENT[instrument]
    found = { byId: new Map(all.map((d) => [d.id, d])), byName: new Map(all.map((d) => [d.name, d])) }
    indexes.set(instrument, found)
  }
  return found
}

/** Every detector of an instrument, sorted by id (ids are 0..n-1). */
export function detectorsOf(instrument: Instrument): readonly Detector[] {
  return BY_INSTRUMENT[instrument]
}

export function detectorById(instrument: Instrument, id: number): Detector | undefined {
  return index(instrument).byId.get(id)
}

/** Exact canonical name, e.g. `R22_S11`. */
export function detectorByName(instrument: Instrument, name: string): Detector | undefined {
  return index(instrument).byName.get(name)
}

function expected(instrument: Instrument): string {
  const all = detectorsOf(instrument)
  const last = all[all.length - 1]
  const example = detectorById(instrument, instrument === 'LSSTCam' ? 94 : 0)?.name ?? ''
  return `an id 0..${last?.id ?? 0} or a name like ${example}`
}

/**
 * A detector from a control value or CLI argument: an id (`94` or `"94"`) or a name
 * (`"R22_S11"`; case and a missing underscore are forgiven, as in header section names `R22S11`).
 */
export function parseDetector(instrument: Instrument, idOrName: string | number, path = ''): Result<Detector> {
  const want = expected(instrument)
  if (typeof idOrName === 'number' || /^\s*\d+\s*$/.test(idOrName)) {
    const id = typeof idOrName === 'number' ? idOrName : Number(idOrName)
    const found = Number.isInteger(id) ? detectorById(instrument, id) : undefined
    if (found !== undefined) return ok(found)
    return fail(issue(path, `${instrument} has no detector ${idOrName}`, { expected: want, received: idOrName }))
  }
  if (typeof idOrName !== 'string') {
    return fail(issue(path, 'a detector must be an id or a name', { expected: want, received: idOrName }))
  }
  const compact = idOrName.trim().toUpperCase()
  const name = /^(R\w\w)_?(S\w\w)$/.exec(compact)
  const found = name === null ? undefined : detectorByName(instrument, `${name[1]}_${name[2]}`)
  if (found !== undefined) return ok(found)
  return fail(issue(path, `${instrument} has no detector '${idOrName}'`, { expected: want, received: idOrName }))
}
