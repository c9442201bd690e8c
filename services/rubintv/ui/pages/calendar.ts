/// <reference lib="dom" />
// The historical calendar (rubintv.md §6.2): years, then month grids (weeks start
// on Monday); days with data link to that day's table; today is marked.
import { type Camera, cameraSpec, type DayObs, daysInMonth, formatDayObs, type Location } from '@rubin/ra-contract'
import { append, el } from '../dom.ts'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export function monthGrid(
  year: number,
  month: number,
  days: ReadonlySet<DayObs>,
  link: (d: DayObs) => string,
  today: DayObs,
) {
  const table = el('table', { class: 'month' })
  append(table, el('caption', {}, `${MONTHS[month - 1]} ${year}`))
  const head = el('tr', {}, ...['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'].map((d) => el('th', {}, d)))
  table.appendChild(head)
  // 0 = Monday.
  const first = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7
  let row = el('tr')
  for (let i = 0; i < first; i++) row.appendChild(el('td'))
  for (let d = 1; d <= daysInMonth(year, month); d++) {
    const dayObs = year * 10000 + month * 100 + d
    const td = el('td', { 'data-day': String(dayObs) })
    if (days.has(dayObs)) td.appendChild(el('a', { href: link(dayObs), class: 'has-data' }, String(d)))
    else td.textContent = String(d)
    if (dayObs === today) td.classList.add('today')
    row.appendChild(td)
    if ((first + d) % 7 === 0) {
      table.appendChild(row)
      row = el('tr')
    }
  }
  if (row.childNodes.length > 0) table.appendChild(row)
  return table
}

export async function calendarPage(root: HTMLElement, location: Location, camera: Camera) {
  append(root, el('h2', {}, `${cameraSpec(camera).title}: historical days`))
  const [{ days }, { today }] = await Promise.all([
    fetch(`/api/${location}/${camera}/days`).then((r) => r.json() as Promise<{ days: DayObs[] }>),
    fetch('/api/locations').then((r) => r.json() as Promise<{ today: DayObs }>),
  ])
  if (days.length === 0) {
    append(root, el('p', { class: 'empty' }, 'No days with data.'))
    return
  }
  const set = new Set(days)
  const link = (d: DayObs) => `/${location}/${camera}?date=${formatDayObs(d)}`
  const years = [...new Set(days.map((d) => Math.floor(d / 10000)))].sort((a, b) => b - a)
  const yearNav = el('nav', { class: 'years' })
  const grids = el('div', { class: 'calendar' })
  append(root, yearNav, grids)
  const showYear = (year: number) => {
    for (const b of yearNav.querySelectorAll('button')) b.classList.toggle('selected', b.dataset.year === String(year))
    while (grids.firstChild) grids.removeChild(grids.firstChild)
    const months = [
      ...new Set(days.filter((d) => Math.floor(d / 10000) === year).map((d) => Math.floor(d / 100) % 100)),
    ]
    for (const month of months.sort((a, b) => b - a)) grids.appendChild(monthGrid(year, month, set, link, today))
  }
  for (const year of years) {
    const b = el('button', { type: 'button', 'data-year': String(year) }, String(year))
    b.addEventListener('click', () => showYear(year))
    yearNav.appendChild(b)
  }
  showYear(years[0] as number)
}
