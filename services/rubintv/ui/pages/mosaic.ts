/// <reference lib="dom" />
// The mosaic ("Movies View") page (rubintv.md §6.4): one tile per entry of the
// camera's mosaicView, each the newest product of its channel (live), with the
// seq and the tile's metadata columns under it. Videos autoplay and loop; the
// step buttons move the selected video by 0.1 s (also ← / →).
import {
  type Camera,
  cameraSpec,
  findChannel,
  type Location,
  type MetadataTable,
  type RubinTvProduct,
} from '@rubin/ra-contract'
import { append, el, replace } from '../dom.ts'
import { formatScalar } from '../format.ts'
import { live } from '../live.ts'
import { mediaElement } from './media.ts'

const STEP_S = 0.1

export function mosaicPage(root: HTMLElement, location: Location, camera: Camera, headerless: boolean): boolean {
  const spec = cameraSpec(camera)
  if (spec.mosaicView.length === 0) return false
  if (headerless) document.getElementById('top')?.setAttribute('hidden', '')
  append(root, el('h2', {}, `${spec.title}: Movies View`))
  const grid = el('div', { class: 'mosaic' })
  root.appendChild(grid)
  let metadata: MetadataTable = {}
  let selected: HTMLVideoElement | undefined
  const step = (dir: number) => {
    if (selected !== undefined) selected.currentTime = Math.max(0, selected.currentTime + dir * STEP_S)
  }
  document.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowLeft') step(-1)
    if (e.key === 'ArrowRight') step(1)
  })
  const renders: (() => void)[] = []
  for (const tile of spec.mosaicView) {
    const channel = findChannel(camera, tile.channel)
    const body = el('div', { class: 'tile-body' })
    const info = el('table', { class: 'tile-meta' })
    const section = el(
      'section',
      { class: 'tile', 'data-channel': tile.channel },
      el('h3', {}, channel?.title ?? tile.channel),
      body,
      info,
    )
    grid.appendChild(section)
    let product: RubinTvProduct | null = null
    const render = () => {
      if (product === null) {
        replace(body, el('p', { class: 'empty' }, 'Nothing today yet'))
        replace(info)
        return
      }
      const current = body.querySelector('.media')
      if (current?.getAttribute('src') !== product.url) {
        const media = mediaElement(product, channel)
        const video = media instanceof HTMLVideoElement ? media : undefined
        if (video !== undefined) {
          video.autoplay = true
          video.loop = true
          const back = el('button', { type: 'button', class: 'step' }, '◀ 0.1 s')
          const fwd = el('button', { type: 'button', class: 'step' }, '0.1 s ▶')
          video.addEventListener('click', () => {
            selected = video
          })
          back.addEventListener('click', () => {
            selected = video
            step(-1)
          })
          fwd.addEventListener('click', () => {
            selected = video
            step(1)
          })
          selected ??= video
          replace(body, video, el('div', { class: 'steps' }, back, fwd))
        } else replace(body, media)
      }
      const seq = product.seq
      const row = seq === 'final' ? undefined : metadata[String(seq)]
      replace(info, el('tr', {}, el('th', {}, 'Seq. No.'), el('td', { class: 'seq' }, String(seq))))
      for (const column of tile.metaColumns) {
        const value = row?.[column]
        const text = value === undefined ? 'No value set' : formatScalar(value).text
        info.appendChild(el('tr', {}, el('th', {}, column), el('td', { 'data-column': column }, text)))
      }
    }
    renders.push(render)
    render()
    live.subscribe({ kind: 'currentChannel', location, camera, channel: tile.channel }, (m) => {
      if (m.type === 'snapshot' && m.data.kind === 'currentChannel') product = m.data.product
      else if (m.type === 'delta' && m.change.kind === 'product') product = m.change.product
      else return
      render()
    })
  }
  if (spec.mosaicView.some((t) => t.metaColumns.length > 0)) {
    live.subscribe({ kind: 'cameraTable', location, camera }, (m) => {
      if (m.type === 'snapshot' && m.data.kind === 'cameraTable') metadata = m.data.metadata
      else if (m.type === 'delta' && m.change.kind === 'metadata') {
        for (const [s, c] of Object.entries(m.change.rows)) {
          const row = { ...(metadata[s] ?? {}), ...c.cells }
          for (const r of c.removed) delete row[r]
          metadata[s] = row
        }
      } else return
      for (const r of renders) r()
    })
  }
  return true
}
