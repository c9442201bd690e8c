/// <reference lib="dom" />
// The RubinTV single-page UI: one HTML shell for every page, routed by path.
import { type Camera, cameraSpec, camerasAt, LOCATIONS, Location, parseDayObs } from '@rubin/ra-contract'
import { append, el, query } from './dom.ts'
import { adminPage } from './pages/admin.ts'
import { calendarPage } from './pages/calendar.ts'
import { cameraTablePage } from './pages/camera-table.ts'
import { clusterPage } from './pages/cluster.ts'
import { currentPage, eventPage, perDayPage } from './pages/media.ts'
import { mosaicPage } from './pages/mosaic.ts'
import { nightReportPage } from './pages/night-report.ts'
import { homePage, locationPage } from './pages/simple.ts'

interface Me {
  user: string | null
  adminAt: Location[]
}

function notFound(root: HTMLElement, what: string) {
  append(root, el('h2', {}, 'Not found'), el('p', {}, what))
}

async function main() {
  const root = document.getElementById('app') as HTMLElement
  const crumbs = document.getElementById('crumbs') as HTMLElement
  const [me, served] = await Promise.all([
    fetch('/api/me').then((r) => r.json() as Promise<Me>),
    fetch('/api/locations').then((r) => r.json() as Promise<{ locations: { name: Location }[] }>),
  ])
  const userBox = document.getElementById('user')
  if (userBox !== null) userBox.textContent = me.user ?? 'not signed in'

  const parts = location.pathname
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent)
  const [locText, second, third, fourth] = parts
  if (locText === undefined) {
    homePage(
      root,
      served.locations.map((l) => l.name),
    )
    return
  }
  if (!Location.is(locText)) return notFound(root, `no location ${locText}`)
  const loc: Location = locText
  const isAdmin = me.adminAt.includes(loc)
  append(crumbs, ' / ', el('a', { href: `/${loc}` }, LOCATIONS[loc].title))
  if (second === undefined) return locationPage(root, loc, isAdmin)
  if (second === 'cluster-status') return clusterPage(root, loc, isAdmin)
  if (second === 'admin') return adminPage(root, loc, isAdmin)
  if (!(camerasAt(loc) as readonly string[]).includes(second)) return notFound(root, `no camera ${second} here`)
  const camera = second as Camera
  append(crumbs, ' / ', el('a', { href: `/${loc}/${camera}` }, cameraSpec(camera).title))
  const dateText = query('date')
  const date = dateText === undefined ? undefined : parseDayObs(dateText)
  if (date !== undefined && !date.ok) return notFound(root, `bad date ${dateText}`)
  const dayObs = date?.value
  if (third === undefined) return cameraTablePage(root, loc, camera, dayObs)
  if (third === 'event') {
    const seq = Number(query('seq'))
    const channel = query('channel') ?? ''
    if (dayObs === undefined || !Number.isInteger(seq)) return notFound(root, 'an event needs date and seq')
    return eventPage(root, loc, camera, dayObs, seq, channel)
  }
  if (third === 'current' && fourth !== undefined) return currentPage(root, loc, camera, fourth)
  if (third === 'per-day') return perDayPage(root, loc, camera, dayObs)
  if (third === 'night-report') return void nightReportPage(root, loc, camera, dayObs)
  if (third === 'calendar') return void calendarPage(root, loc, camera)
  if (third === 'mosaic') {
    if (mosaicPage(root, loc, camera, query('headerless') === 'true')) return
    return notFound(root, `${cameraSpec(camera).title} has no Movies View`)
  }
  notFound(root, location.pathname)
}

void main()
