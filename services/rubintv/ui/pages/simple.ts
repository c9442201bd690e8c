/// <reference lib="dom" />
// Home (locations) and location (camera groups) pages: straight from the registry.
import { cameraSpec, LOCATIONS, type Location } from '@rubin/ra-contract'
import { append, el } from '../dom.ts'

export function homePage(root: HTMLElement, locations: readonly Location[]): void {
  const main = locations.filter((l) => !LOCATIONS[l].isTeststand)
  const stands = locations.filter((l) => LOCATIONS[l].isTeststand)
  const list = (items: readonly Location[]) =>
    el('ul', { class: 'tiles' }, ...items.map((l) => el('li', {}, el('a', { href: `/${l}` }, LOCATIONS[l].title))))
  append(root, el('h2', {}, 'Locations'), list(main))
  if (stands.length > 0) append(root, el('h2', {}, 'Test stands'), list(stands))
}

export function locationPage(root: HTMLElement, location: Location, isAdmin: boolean): void {
  const spec = LOCATIONS[location]
  append(root, el('h2', {}, spec.title))
  const extras = el('div', { class: 'extras' })
  if (spec.hasClusterStatus)
    extras.appendChild(el('a', { class: 'button', href: `/${location}/cluster-status` }, 'Cluster Status'))
  if (isAdmin) extras.appendChild(el('a', { class: 'button', href: `/${location}/admin` }, 'Admin'))
  root.appendChild(extras)
  for (const group of spec.cameraGroups) {
    append(
      root,
      el('h3', {}, group.title),
      el(
        'ul',
        { class: 'tiles' },
        ...group.cameras.map((c) => el('li', {}, el('a', { href: `/${location}/${c}` }, cameraSpec(c).title))),
      ),
    )
  }
}
