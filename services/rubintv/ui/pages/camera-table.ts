/// <reference lib="dom" />
// The camera table: one row per seq, channel buttons, metadata columns. Live:
// a new product updates one channel cell (or adds its row), a metadata delta
// updates exactly the cells it names; nothing else is rebuilt.
import {
  type Camera,
  cameraSpec,
  channelsOf,
  type DayObs,
  formatDayObs,
  type Location,
  type MetadataRow,
  type MetadataTable,
  nextDayObs,
  previousDayObs,
  type RubinTvProduct,
  type RubinTvServerMessage,
} from '@rubin/ra-contract'
import { sinceLastImage } from '../clock.ts'
import { append, el, modal, replace } from '../dom.ts'
import {
  type Cell,
  compareCells,
  flagClass,
  formatScalar,
  isPopup,
  placeholder,
  popupEntries,
  popupLabel,
} from '../format.ts'
import { live } from '../live.ts'
import {
  availableColumns,
  columnDescription,
  displayOrder,
  loadSelection,
  openPicker,
  saveSelection,
} from './columns.ts'

interface RowView {
  readonly tr: HTMLTableRowElement
  readonly channelCells: Map<string, HTMLTableCellElement>
  readonly metaCells: Map<string, HTMLTableCellElement>
}

export function eventHref(location: Location, camera: Camera, product: RubinTvProduct): string {
  const params = new URLSearchParams({
    date: formatDayObs(product.dayObs),
    seq: String(product.seq),
    channel: product.channel,
  })
  return `/${location}/${camera}/event?${params}`
}

export function renderMetaCell(td: HTMLTableCellElement, row: MetadataRow | undefined, column: string): void {
  const value: Cell | undefined = row?.[column]
  td.className = ['meta', flagClass(row, column)].filter(Boolean).join(' ')
  td.removeAttribute('title')
  if (isPopup(value)) {
    const button = el('button', { type: 'button', class: 'popup' }, popupLabel(value))
    button.addEventListener('click', () => {
      const table = el('table', { class: 'popup-table' })
      for (const [k, v] of popupEntries(value)) table.appendChild(el('tr', {}, el('th', {}, k), el('td', {}, v)))
      modal(column, table)
    })
    replace(td, button)
    return
  }
  const shown = formatScalar(value)
  if (shown.title !== undefined) td.title = shown.title
  if (shown.numeric) td.classList.add('num')
  td.textContent = shown.text
}

export function cameraTablePage(root: HTMLElement, location: Location, camera: Camera, day: DayObs | undefined): void {
  const spec = cameraSpec(camera)
  const seqChannels = channelsOf(camera).filter((c) => !c.perDay)
  const perDayChannels = channelsOf(camera).filter((c) => c.perDay)
  let dayObs: DayObs | undefined = day
  let events: Record<string, Record<string, RubinTvProduct>> = {}
  let perDay: Record<string, RubinTvProduct> = {}
  let metadata: MetadataTable = {}
  let selected = loadSelection(location, camera)
  let sort: { column: string; dir: 1 | -1 } | undefined
  let filter: { column: string; value: string } | undefined
  const rows = new Map<string, RowView>()

  const title = el('h2', {}, spec.title)
  const dateNav = el('div', { class: 'date-nav' })
  // The clock only makes sense on the live day.
  const clock =
    day === undefined && spec.timeSinceClockLabel !== undefined
      ? el('span', { class: 'clock', id: 'time-since' })
      : undefined
  if (clock !== undefined) {
    const tick = () => {
      clock.textContent = `${spec.timeSinceClockLabel}: ${sinceLastImage(metadata, Date.now()) ?? '—'}`
    }
    setInterval(tick, 1000)
    queueMicrotask(tick)
  }
  const perDayBar = el('div', { class: 'per-day' })
  const toolbar = el('div', { class: 'toolbar' })
  const thead = el('thead')
  const tbody = el('tbody')
  const table = el('table', { class: 'camera-table', id: 'camera-table' }, thead, tbody)
  append(root, title, dateNav, perDayBar, toolbar, el('div', { class: 'table-wrap' }, table))

  const columns = () => displayOrder(camera, selected)

  const renderChrome = () => {
    if (dayObs === undefined) return
    const link = (d: DayObs, text: string) => el('a', { href: `/${location}/${camera}?date=${formatDayObs(d)}` }, text)
    replace(
      dateNav,
      link(previousDayObs(dayObs), '◀ previous day'),
      el('strong', { class: 'day' }, ` ${formatDayObs(dayObs)} `),
      day === undefined ? el('span', { class: 'badge' }, 'today, live') : link(nextDayObs(dayObs), 'next day ▶'),
      ' ',
      el('a', { href: `/${location}/${camera}/per-day?date=${formatDayObs(dayObs)}` }, 'per-day channels & movies'),
      ' ',
      el(
        'a',
        { href: `/${location}/${camera}/night-report?date=${formatDayObs(dayObs)}`, class: 'nr' },
        spec.nightReportLabel,
      ),
      ' ',
      el('a', { href: `/${location}/${camera}/calendar`, class: 'cal' }, 'calendar'),
      spec.mosaicView.length > 0
        ? el('a', { href: `/${location}/${camera}/mosaic`, class: 'mosaic-link' }, ' Movies View')
        : null,
      clock ?? null,
    )
    replace(
      perDayBar,
      ...perDayChannels.map((c) => {
        const product = perDay[c.name]
        return product === undefined
          ? el('span', { class: 'per-day-missing' }, `${c.title}: not yet`)
          : el('a', { class: 'per-day-link', href: product.url }, c.title)
      }),
    )
    const picker = el('button', { type: 'button', id: 'pick-columns' }, 'Columns…')
    picker.addEventListener('click', () =>
      openPicker(camera, availableColumns(camera, metadata), selected, (next) => {
        selected = next
        saveSelection(location, camera, next)
        renderTable()
      }),
    )
    const download = el('button', { type: 'button' }, 'Download metadata')
    download.addEventListener('click', () => {
      const blob = new Blob([JSON.stringify(metadata, null, 2)], { type: 'application/json' })
      const a = el('a', { href: URL.createObjectURL(blob) })
      a.download = `${camera}_${formatDayObs(dayObs ?? 0)}.json`
      a.click()
    })
    const filterText =
      filter === undefined ? undefined : el('span', { class: 'filter' }, `${filter.column} = ${filter.value} `)
    const clearFilter = el('button', { type: 'button' }, 'clear filter')
    clearFilter.addEventListener('click', () => {
      filter = undefined
      renderChrome()
      applyFilter()
    })
    replace(toolbar, picker, ' ', download, ' ', filterText, filter === undefined ? null : clearFilter)
  }

  const seqs = () => {
    const all = new Set([...Object.keys(events), ...Object.keys(metadata)])
    const list = [...all].map(Number).sort((a, b) => b - a)
    if (sort === undefined) return list
    const { column, dir } = sort
    return list.sort((a, b) => {
      const c = compareCells(metadata[String(a)]?.[column], metadata[String(b)]?.[column])
      return c === undefined || c === 0 ? b - a : c * dir
    })
  }

  const channelCell = (td: HTMLTableCellElement, seq: string, channel: string) => {
    const product = events[seq]?.[channel]
    if (product !== undefined) {
      const spec = seqChannels.find((c) => c.name === channel)
      replace(
        td,
        el('a', { class: 'chan', href: eventHref(location, camera, product), title: spec?.title ?? channel }, '●'),
      )
      td.className = 'chan-cell has'
      return
    }
    td.className = 'chan-cell'
    td.textContent = placeholder(metadata[seq], channel) ?? ''
  }

  const buildRow = (seq: string): RowView => {
    const tr = el('tr', { 'data-seq': seq }, el('td', { class: 'seq' }, seq))
    const channelCells = new Map<string, HTMLTableCellElement>()
    for (const c of seqChannels) {
      const td = el('td', { 'data-channel': c.name })
      channelCell(td, seq, c.name)
      channelCells.set(c.name, td)
      tr.appendChild(td)
    }
    const metaCells = new Map<string, HTMLTableCellElement>()
    for (const column of columns()) {
      const td = el('td', { 'data-column': column })
      renderMetaCell(td, metadata[seq], column)
      metaCells.set(column, td)
      tr.appendChild(td)
    }
    const view = { tr, channelCells, metaCells }
    rows.set(seq, view)
    return view
  }

  const applyFilter = () => {
    for (const [seq, view] of rows) {
      const value = metadata[seq]?.[filter?.column ?? '']
      view.tr.hidden = filter !== undefined && String(value ?? '') !== filter.value
    }
  }

  /**
   * Put rows in order, creating missing ones; existing rows (and their cells) are moved, never
   * rebuilt, and only those out of place move (a new newest row is one insertion, not n moves).
   */
  const placeRows = () => {
    let cursor: ChildNode | null = tbody.firstChild
    for (const seq of seqs()) {
      const tr = (rows.get(String(seq)) ?? buildRow(String(seq))).tr
      if (tr === cursor) cursor = cursor.nextSibling
      else tbody.insertBefore(tr, cursor)
    }
    applyFilter()
  }

  const openFilter = (column: string) => {
    const values = [
      ...new Set(
        Object.values(metadata)
          .map((r) => r[column])
          .filter((v) => v !== undefined && !isPopup(v)),
      ),
    ]
    const select = el('select', { name: 'value' }, ...values.map((v) => el('option', { value: String(v) }, String(v))))
    const apply = el('button', { type: 'button' }, 'Filter')
    const dialog = modal(`Show rows where ${column} is`, select, [apply])
    apply.addEventListener('click', () => {
      filter = { column, value: select.value }
      dialog.close()
      renderChrome()
      applyFilter()
    })
  }

  const renderTable = () => {
    const header = el('tr', {}, el('th', {}, 'Seq. No.'))
    for (const c of seqChannels)
      header.appendChild(el('th', { class: 'chan-head', title: c.title }, c.label ?? c.title))
    for (const column of columns()) {
      const th = el('th', { class: 'meta-head', title: columnDescription(camera, column) }, column)
      if (sort?.column === column) th.classList.add(sort.dir === 1 ? 'sort-asc' : 'sort-desc')
      th.addEventListener('click', (event) => {
        if (event.shiftKey) {
          sort = sort?.column === column && sort.dir === -1 ? { column, dir: 1 } : { column, dir: -1 }
          renderTable()
        } else openFilter(column)
      })
      header.appendChild(th)
    }
    replace(thead, header)
    rows.clear()
    replace(tbody)
    placeRows()
  }

  const onMessage = (message: RubinTvServerMessage) => {
    if (message.type === 'snapshot' && message.data.kind === 'cameraTable') {
      dayObs = message.data.dayObs
      events = message.data.events
      perDay = message.data.perDay
      metadata = message.data.metadata
      renderChrome()
      renderTable()
      return
    }
    if (message.type !== 'delta') return
    const change = message.change
    if (change.kind === 'product') {
      const p = change.product
      if (p.seq === 'final') {
        perDay[p.channel] = p
        renderChrome()
        return
      }
      const seq = String(p.seq)
      events[seq] = { ...(events[seq] ?? {}), [p.channel]: p }
      const view = rows.get(seq)
      const td = view?.channelCells.get(p.channel)
      if (td !== undefined) channelCell(td, seq, p.channel)
      else placeRows()
      return
    }
    if (change.kind === 'metadata') {
      let added = false
      for (const [seq, rowChange] of Object.entries(change.rows)) {
        const row: MetadataRow = { ...(metadata[seq] ?? {}), ...rowChange.cells }
        for (const column of rowChange.removed) delete row[column]
        metadata[seq] = row
        const view = rows.get(seq)
        if (view === undefined) {
          added = true
          continue
        }
        // Only the named cells: a value, its `_flag`, or a channel placeholder.
        const touched = new Set([...Object.keys(rowChange.cells), ...rowChange.removed])
        for (const key of touched) {
          const column = key.replace(/^[_@]/, '')
          const metaTd = view.metaCells.get(column)
          if (metaTd !== undefined) renderMetaCell(metaTd, row, column)
          const chanTd = key === column ? undefined : view.channelCells.get(column)
          if (chanTd !== undefined) channelCell(chanTd, seq, column)
        }
      }
      // Sorted by a column that changed: rows move to their new places (cells are kept).
      const sortedChanged =
        sort !== undefined &&
        Object.values(change.rows).some(
          (r) => sort !== undefined && (sort.column in r.cells || r.removed.includes(sort.column)),
        )
      if (added || sortedChanged) placeRows()
      else if (filter !== undefined) applyFilter()
    }
  }

  live.subscribe({ kind: 'cameraTable', location, camera, ...(day === undefined ? {} : { dayObs: day }) }, onMessage)
}
