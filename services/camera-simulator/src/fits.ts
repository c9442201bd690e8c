// Turning HDUs into file bytes: @rubin/ra-fits (RICE_1 tile compression, as the camera
// writes). A plain uncompressed MEF writer stays as a dependency-free fallback for tests.
import { writeFits } from '@rubin/ra-fits'
import type { Card } from './headers.ts'

export interface ImageHdu {
  readonly header: readonly Card[]
  readonly image?: { readonly width: number; readonly height: number; readonly bitpix: 32; readonly data: Int32Array }
  readonly compress?: 'RICE_1'
}

export type FitsEncoder = (hdus: readonly ImageHdu[]) => Uint8Array

const BLOCK = 2880

function card(key: string, value: string | number | boolean | null | undefined, comment?: string): string {
  let text: string
  if (value === undefined) text = key === 'END' ? 'END' : `${key.padEnd(8)}${comment ?? ''}`
  else {
    const v =
      typeof value === 'string'
        ? `'${value.replace(/'/g, "''").padEnd(8)}'`.padEnd(20)
        : typeof value === 'boolean'
          ? (value ? 'T' : 'F').padStart(20)
          : value === null
            ? ''.padStart(20)
            : String(value).padStart(20)
    const name = key.length > 8 ? `HIERARCH ${key} = ` : `${key.padEnd(8)}= `
    text = `${name}${v}${comment === undefined ? '' : ` / ${comment}`}`
  }
  return text.slice(0, 80).padEnd(80)
}

function block(text: string): Uint8Array {
  const padded = text.padEnd(Math.ceil(text.length / BLOCK) * BLOCK)
  return new TextEncoder().encode(padded)
}

/** Uncompressed multi-extension FITS (BITPIX 32), the stand-in encoder. */
export const plainFitsEncoder: FitsEncoder = (hdus) => {
  const parts: Uint8Array[] = []
  hdus.forEach((hdu, i) => {
    const img = hdu.image
    const head = [
      i === 0 ? card('SIMPLE', true) : card('XTENSION', 'IMAGE'),
      card('BITPIX', img?.bitpix ?? 8),
      card('NAXIS', img === undefined ? 0 : 2),
      ...(img === undefined ? [] : [card('NAXIS1', img.width), card('NAXIS2', img.height)]),
      ...(i === 0 ? [card('EXTEND', true)] : [card('PCOUNT', 0), card('GCOUNT', 1)]),
      ...hdu.header.map((c) => card(c.key, c.value, c.comment)),
      card('END', undefined),
    ]
    parts.push(block(head.join('')))
    if (img !== undefined) {
      const bytes = new Uint8Array(Math.ceil((img.data.length * 4) / BLOCK) * BLOCK)
      const view = new DataView(bytes.buffer)
      for (let p = 0; p < img.data.length; p++) view.setInt32(p * 4, img.data[p] ?? 0, false)
      parts.push(bytes)
    }
  })
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** @rubin/ra-fits's writeFits: RICE_1-compresses the extensions that ask for it. */
export const riceFitsEncoder: FitsEncoder = (hdus) => writeFits(hdus)

/** The encoder the CLI uses. */
export async function defaultEncoder(): Promise<{ encode: FitsEncoder; compressed: boolean }> {
  return { encode: riceFitsEncoder, compressed: true }
}
