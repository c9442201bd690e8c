// ----------------------------------------------------------------------------
// Who is asking, and may they change things here. The user comes only from the
// header the auth proxy (Gafaelfawr) sets; the server must sit behind it. Admin
// writes are authorised here, on the server, against the location's admin list
// (today's RubinTV checks only the page, not the write API: rubintv.md §5.1).
// ----------------------------------------------------------------------------
import type { Location } from '@rubin/ra-contract'

export const ANYONE = '*'

export interface Auth {
  userOf(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined
  isAdmin(user: string | undefined, location: Location): boolean
  adminLocations(user: string | undefined): Location[]
}

export function createAuth(header: string, admins: ReadonlyMap<Location, readonly string[]>): Auth {
  const name = header.toLowerCase()
  const isAdmin = (user: string | undefined, location: Location) => {
    if (user === undefined) return false
    const list = admins.get(location) ?? []
    return list.includes(ANYONE) || list.includes(user)
  }
  return {
    userOf(headers) {
      const raw = headers[name]
      const value = Array.isArray(raw) ? raw[0] : raw
      const user = value?.trim()
      // A user name is a short token; anything else is not a user the proxy would send.
      return user !== undefined && /^[A-Za-z0-9._@+-]{1,128}$/.test(user) ? user : undefined
    },
    isAdmin,
    adminLocations: (user) => [...admins.keys()].filter((location) => isAdmin(user, location)),
  }
}
