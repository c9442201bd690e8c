/// <reference lib="dom" />
// Single event, current channel (live) and per-day pages.
import {
  type Camera,
  type ChannelSpec,
  cameraSpec,
  channelsOf,
  type DayObs,
  findChannel,
  formatDayObs,
  type Location,
  type MetadataTable,
  type RubinTvProduct,
} from '@rubin/ra-contract'
import { append, el, replace } from '../dom.ts'
import { live } from '../live.ts'
import { eventHref, renderMetaCell } from './camera-table.ts'

export function mediaElement(product: RubinTvProduct, spec: ChannelSpec | undefined): HTMLElement {
  if (spec?.mediaType === 'video') {
    const video = el('video', { src: product.url, class: 'media' })
    video.controls = true
    video.muted = true
    return video
  }
  return el('a', { href: product.url }, el('img', { src: product.url, class: 'media', title: product.key }))
}

export function eventPage(
  root: HTMLElement,
  location: Location,
  camera: Camera,
  dayObs: DayObs,
  seq: number,
  channel: string,
) {
  const spec = findChannel(camera, channel)
  const heading = el('h2', {}, `${cameraSpec(camera).title}: ${spec?.title ?? channel}`)
  const nav = el('div', { class: 'event-nav' })
  const body = el('div', { class: 'event-body' })
  const others = el('div', { class: 'others' })
  const meta = el('table', { class: 'event-meta' })
  append(root, heading, nav, body, el('h3', {}, 'Other channels of this seq'), others, el('h3', {}, 'Metadata'), meta)
  let events: Record<string, Record<string, RubinTvProduct>> = {}
  let metadata: MetadataTable = {}
  const render = () => {
    const withChannel = Object.keys(events)
      .map(Number)
      .filter((s) => events[String(s)]?.[channel] !== undefined)
      .sort((a, b) => a - b)
    const prev = withChannel.filter((s) => s < seq).pop()
    const next = withChannel.find((s) => s > seq)
    const link = (s: number | undefined, text: string) => {
      const p = s === undefined ? undefined : events[String(s)]?.[channel]
      return p === undefined
        ? el('span', { class: 'disabled' }, text)
        : el('a', { href: eventHref(location, camera, p), class: 'nav' }, text)
    }
    replace(
      nav,
      link(prev, '◀ previous'),
      el('strong', {}, ` ${formatDayObs(dayObs)} seq ${seq} `),
      link(next, 'next ▶'),
    )
    const product = events[String(seq)]?.[channel]
    replace(body, product === undefined ? el('p', {}, 'Not (yet) available.') : mediaElement(product, spec))
    replace(
      others,
      ...channelsOf(camera)
        .filter((c) => !c.perDay && c.name !== channel)
        .map((c) => {
          const p = events[String(seq)]?.[c.name]
          return p === undefined
            ? el('span', { class: 'chan-missing' }, c.title)
            : el('a', { class: 'button', href: eventHref(location, camera, p) }, c.title)
        }),
    )
    const row = metadata[String(seq)]
    replace(meta)
    for (const column of Object.keys(row ?? {}).filter((k) => !k.startsWith('_') && !k.startsWith('@'))) {
      const td = el('td')
      renderMetaCell(td, row, column)
      meta.appendChild(el('tr', {}, el('th', {}, column), td))
    }
  }
  live.subscribe({ kind: 'cameraTable', location, camera, dayObs }, (m) => {
    if (m.type === 'snapshot' && m.data.kind === 'cameraTable') {
      events = m.data.events
      metadata = m.data.metadata
    } else if (m.type === 'delta' && m.change.kind === 'product' && m.change.product.seq !== 'final') {
      const p = m.change.product
      events[String(p.seq)] = { ...(events[String(p.seq)] ?? {}), [p.channel]: p }
    } else if (m.type === 'delta' && m.change.kind === 'metadata') {
      for (const [s, c] of Object.entries(m.change.rows)) {
        const row = { ...(metadata[s] ?? {}), ...c.cells }
        for (const r of c.removed) delete row[r]
        metadata[s] = row
      }
    } else return
    render()
  })
}

export function currentPage(root: HTMLElement, location: Location, camera: Camera, channel: string) {
  const spec = findChannel(camera, channel)
  const caption = el('p', { class: 'caption' })
  const body = el('div', { class: 'current-body' })
  append(root, el('h2', {}, `${cameraSpec(camera).title}: current ${spec?.title ?? channel}`), caption, body)
  const show = (product: RubinTvProduct | null) => {
    if (product === null) {
      replace(caption, 'Nothing yet today.')
      replace(body)
      return
    }
    replace(caption, `${formatDayObs(product.dayObs)} ${product.seq === 'final' ? 'final' : `seq ${product.seq}`}`)
    replace(body, mediaElement(product, spec))
  }
  live.subscribe({ kind: 'currentChannel', location, camera, channel }, (m) => {
    if (m.type === 'snapshot' && m.data.kind === 'currentChannel') show(m.data.product)
    else if (m.type === 'delta' && m.change.kind === 'product') show(m.change.product)
  })
}

export function perDayPage(root: HTMLElement, location: Location, camera: Camera, dayObs: DayObs | undefined) {
  const heading = el('h2', {}, `${cameraSpec(camera).title}: per-day channels`)
  const list = el('div', { class: 'per-day-list' })
  append(root, heading, list)
  const perDay: Record<string, RubinTvProduct> = {}
  const render = () =>
    replace(
      list,
      ...channelsOf(camera)
        .filter((c) => c.perDay)
        .map((c) => {
          const p = perDay[c.name]
          return el(
            'section',
            {},
            el('h3', {}, c.title),
            p === undefined ? el('p', {}, 'Not yet.') : mediaElement(p, c),
          )
        }),
      ...channelsOf(camera)
        .filter((c) => !c.perDay)
        .map((c) =>
          el('a', { class: 'button', href: `/${location}/${camera}/current/${c.name}` }, `Current ${c.title}`),
        ),
    )
  render()
  live.subscribe({ kind: 'cameraTable', location, camera, ...(dayObs === undefined ? {} : { dayObs }) }, (m) => {
    if (m.type === 'snapshot' && m.data.kind === 'cameraTable') Object.assign(perDay, m.data.perDay)
    else if (m.type === 'delta' && m.change.kind === 'product' && m.change.product.seq === 'final') {
      perDay[m.change.product.channel] = m.change.product
    } else return
    render()
  })
}
