/// <reference lib="dom" />
// The night report (rubintv.md §6.1): text_* keys are the Efficiency tab
// (multi-line text, spacing kept), other keys the QA Plots tab (title → link),
// each plot group its own tab of images. The chosen tab is remembered. Text goes
// in as text nodes only.
import { type Camera, cameraSpec, type DayObs, formatDayObs, type Location } from '@rubin/ra-contract'
import { append, el, replace } from '../dom.ts'

interface NightReportView {
  dayObs: DayObs
  text: Record<string, string> | null
  problem?: string
  groups: Record<string, { name: string; url: string }[]>
}

const TAB_KEY = 'night-report-selected'
const EFFICIENCY = 'Efficiency'
const QA = 'QA Plots'

export async function nightReportPage(root: HTMLElement, location: Location, camera: Camera, day: DayObs | undefined) {
  const today = (await fetch('/api/locations').then((r) => r.json())) as { today: DayObs }
  const dayObs = day ?? today.today
  const spec = cameraSpec(camera)
  const tabs = el('nav', { class: 'tabs', role: 'tablist' })
  const body = el('div', { class: 'tab-body' })
  append(
    root,
    el('h2', {}, `${spec.title}: ${spec.nightReportLabel}`),
    el('p', { class: 'date-nav' }, el('strong', { class: 'day' }, formatDayObs(dayObs))),
    tabs,
    body,
  )
  const url = `/api/${location}/${camera}/night-report/${formatDayObs(dayObs)}`
  const report = (await fetch(url).then((r) => r.json())) as NightReportView
  const text = report.text ?? {}
  const blocks = Object.keys(text)
    .filter((k) => k.startsWith('text_'))
    .sort()
  const links = Object.keys(text).filter((k) => !k.startsWith('text_'))
  const panes = new Map<string, () => Node[]>()
  if (blocks.length > 0) panes.set(EFFICIENCY, () => blocks.map((k) => el('pre', { class: 'nr-text' }, text[k])))
  if (links.length > 0) {
    panes.set(QA, () => [
      el('ul', {}, ...links.map((k) => el('li', {}, el('a', { href: text[k], class: 'nr-link' }, k)))),
    ])
  }
  for (const group of Object.keys(report.groups).sort()) {
    panes.set(group, () =>
      (report.groups[group] ?? []).map((p) =>
        el('figure', { class: 'nr-plot' }, el('img', { src: p.url, class: 'media' }), el('figcaption', {}, p.name)),
      ),
    )
  }
  if (panes.size === 0) {
    replace(
      body,
      el('p', { class: 'empty' }, report.problem ?? `There is no night report for ${formatDayObs(dayObs)} yet`),
    )
    return
  }
  const show = (name: string) => {
    localStorage.setItem(TAB_KEY, name)
    for (const b of tabs.querySelectorAll('button')) b.classList.toggle('selected', b.dataset.tab === name)
    replace(body, ...(panes.get(name)?.() ?? []))
  }
  for (const name of panes.keys()) {
    const button = el('button', { type: 'button', role: 'tab', 'data-tab': name }, name)
    button.addEventListener('click', () => show(name))
    tabs.appendChild(button)
  }
  const remembered = localStorage.getItem(TAB_KEY)
  show(remembered !== null && panes.has(remembered) ? remembered : ([...panes.keys()][0] as string))
}
