// ----------------------------------------------------------------------------
// Where a one-off's products go. Cameras and channels are never spelled here:
// the products catalogue (@rubin/ra-products, typed against the contract's
// channel registry) says which channel of which camera each renderer makes, and
// the instrument's cameras come from the contract. So the mount runner writes
// lsstcam/mount for LSSTCam and auxtel/mount for LATISS with the same code.
// ----------------------------------------------------------------------------
import { buildS3Key, type DayObs, type Instrument } from '@rubin/ra-contract'
import { type CatalogueEntry, camerasOfInstrument, PRODUCTS, type RendererName } from '@rubin/ra-products'
import type { QuicklookDeps } from '../quicklook/deps.ts'
import { OneOffError } from './errors.ts'

/** The catalogue entries an instrument's cameras render with `renderer` (may be empty). */
export function targetsOf(instrument: Instrument, renderer: RendererName): readonly CatalogueEntry[] {
  const cameras = new Set(camerasOfInstrument(instrument))
  return PRODUCTS.filter((p) => p.renderer === renderer && cameras.has(p.camera))
}

/** Like targetsOf, but at least one entry must exist. */
export function requireTargets(instrument: Instrument, renderer: RendererName): readonly CatalogueEntry[] {
  const found = targetsOf(instrument, renderer)
  if (found.length === 0) {
    throw new OneOffError('RA_ONEOFF_NO_PRODUCT', `no camera of ${instrument} has a channel rendered by ${renderer}`)
  }
  return found
}

export interface Rendered {
  readonly bytes: Uint8Array
  readonly ext: string
  readonly mimeType: string
}

/** The per-seq product key of a catalogue entry (contract `event` kind). */
export function eventKey(entry: CatalogueEntry, dayObs: DayObs, seq: number, ext: string): string {
  const built = buildS3Key({ kind: 'event', camera: entry.camera, channel: entry.channel, dayObs, seq, ext })
  if (!built.ok) {
    throw new OneOffError(
      'RA_ONEOFF_INTERNAL',
      `cannot build the key of ${entry.camera}/${entry.channel}: ${built.issues.map((i) => i.message).join('; ')}`,
    )
  }
  return built.value
}

/** Upload one rendered product under its event key; returns the key. */
export async function putEvent(
  deps: Pick<QuicklookDeps, 'products'>,
  entry: CatalogueEntry,
  at: { readonly dayObs: DayObs; readonly seq: number },
  rendered: Rendered,
): Promise<string> {
  const key = eventKey(entry, at.dayObs, at.seq, rendered.ext)
  await deps.products.put({ key, body: rendered.bytes, contentType: rendered.mimeType })
  return key
}
