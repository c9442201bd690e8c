/// <reference lib="dom" />
// Cluster status: one section per cluster-status set of the contract, the
// step-1a sets drawn on the focal plane (RubinTV's detectorMap/cwfsMap corners),
// the others as cells per depth or a queue table. Admins get the set's reset.
import {
  CLUSTER_STATUS_SETS,
  type ClusterStatusEntry,
  ClusterStatusSet,
  clusterStatusView,
  decodeClusterStatus,
  type Location,
  RESETTABLE_CLUSTER_STATUS_SETS,
  type WorkerFlavour,
} from '@rubin/ra-contract'
import cwfsMap from '../../data/cwfsMap.json' with { type: 'json' }
import detectorMap from '../../data/detectorMap.json' with { type: 'json' }
import { append, el, replace } from '../dom.ts'
import { live } from '../live.ts'
import { resetButton } from './admin.ts'

type Corners = Record<string, { corners: Record<'lowerLeft' | 'lowerRight' | 'upperRight' | 'upperLeft', number[]> }>
const SVG = 'http://www.w3.org/2000/svg'
const STATUSES = ['free', 'busy', 'queued', 'restarting', 'guest', 'missing'] as const

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
  return node
}

type View = ReturnType<typeof clusterStatusView>

function focalPlane(map: Corners, view: View | undefined): SVGSVGElement {
  // Fit the map: the science map spans about ±1.8, the wavefront map about ±0.25.
  const all = Object.values(map).flatMap(({ corners }) => Object.values(corners))
  const extent = Math.max(...all.flatMap(([x = 0, y = 0]) => [Math.abs(x), Math.abs(y)])) * 1.05
  const root = svg('svg', { viewBox: `${-extent} ${-extent} ${2 * extent} ${2 * extent}`, class: 'focal-plane' })
  const g = svg('g', { transform: 'scale(1,-1)' })
  root.appendChild(g)
  for (const [id, { corners }] of Object.entries(map)) {
    const points = [corners.lowerLeft, corners.lowerRight, corners.upperRight, corners.upperLeft]
      .map((p) => p.join(','))
      .join(' ')
    const worker = view?.workers[id]
    const status = worker?.status ?? 'missing'
    const poly = svg('polygon', {
      points,
      class: `det st-${status}`,
      'data-detector': id,
      'stroke-width': String(extent / 400),
    })
    const tip = svg('title', {})
    tip.textContent = `detector ${id}: ${status}${worker?.queueLength ? ` (${worker.queueLength} queued)` : ''}`
    poly.appendChild(tip)
    g.appendChild(poly)
    if (worker?.queueLength !== undefined) {
      const [x = 0, y = 0] = corners.lowerLeft
      const [x2 = 0, y2 = 0] = corners.upperRight
      const label = svg('text', {
        x: String((x + x2) / 2),
        y: String(-(y + y2) / 2),
        class: 'queue-len',
        'font-size': String(extent / 30),
      })
      label.textContent = String(worker.queueLength)
      root.appendChild(label)
    }
  }
  return root
}

function cells(view: View | undefined, placeholders: number): HTMLElement {
  const ids = Object.keys(view?.workers ?? {}).sort((a, b) => Number(a) - Number(b))
  const count = Math.max(view?.numWorkers ?? placeholders, ids.length)
  const grid = el('div', { class: 'cells' })
  for (let i = 0; i < count; i++) {
    const w = view?.workers[String(i)]
    grid.appendChild(
      el(
        'span',
        { class: `cell st-${w?.status ?? 'missing'}`, title: `${i}: ${w?.status ?? 'missing'}` },
        w?.queueLength ?? '',
      ),
    )
  }
  return grid
}

function queueTable(view: View | undefined): HTMLElement {
  const table = el('table', { class: 'queues' }, el('tr', {}, el('th', {}, 'Queue Name'), el('th', {}, 'Queue Length')))
  for (const [name, text] of Object.entries(view?.text ?? {})) {
    if (text !== '') table.appendChild(el('tr', {}, el('td', {}, name), el('td', {}, text)))
  }
  return table
}

export function clusterPage(root: HTMLElement, location: Location, isAdmin: boolean): void {
  const sections = new Map<ClusterStatusSet, HTMLElement>()
  const entries = new Map<ClusterStatusSet, ClusterStatusEntry>()
  append(
    root,
    el('h2', {}, 'Cluster status'),
    el('div', { class: 'legend' }, ...STATUSES.map((s) => el('span', { class: `cell st-${s}` }, s))),
  )
  for (const set of ClusterStatusSet.values) {
    const body = el('div', { class: 'set-body' })
    const section = el(
      'section',
      { class: 'cluster-set', 'data-set': set },
      el('h3', {}, CLUSTER_STATUS_SETS[set].title),
      body,
    )
    if (isAdmin && (RESETTABLE_CLUSTER_STATUS_SETS as readonly string[]).includes(set)) {
      section.appendChild(resetButton(location, `RESET_${set}`, `Restart ${CLUSTER_STATUS_SETS[set].title}`))
    }
    sections.set(set, body)
    root.appendChild(section)
  }
  const render = (set: ClusterStatusSet) => {
    const entry = entries.get(set)
    const decoded = entry === undefined ? undefined : decodeClusterStatus(JSON.stringify(entry))
    const view = decoded?.ok ? clusterStatusView(decoded.value) : undefined
    const coverage = CLUSTER_STATUS_SETS[set].coverage
    const body = sections.get(set)
    if (body === undefined) return
    if (coverage.kind === 'detectors') {
      // The corner wavefront sensors have their own map; a renamed flavour fails to compile here.
      const wavefront = coverage.flavour === ('AOS_WORKER' satisfies WorkerFlavour)
      replace(body, focalPlane((wavefront ? cwfsMap : detectorMap) as Corners, view))
    } else if (coverage.kind === 'depths') replace(body, cells(view, 8))
    else replace(body, queueTable(view))
  }
  for (const set of ClusterStatusSet.values) render(set)
  live.subscribe({ kind: 'clusterStatus', location }, (m) => {
    if (m.type === 'snapshot' && m.data.kind === 'clusterStatus') {
      for (const [set, entry] of Object.entries(m.data.sets)) {
        if (ClusterStatusSet.is(set)) {
          entries.set(set, entry)
          render(set)
        }
      }
    } else if (m.type === 'delta' && m.change.kind === 'clusterStatus') {
      entries.set(m.change.set, m.change.entry)
      render(m.change.set)
    }
  })
}
