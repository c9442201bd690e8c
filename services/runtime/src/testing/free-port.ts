// ----------------------------------------------------------------------------
// A free loopback port for a process that is started next. Chosen below the
// kernel's ephemeral range: a port from that range (what listen(0) gives) can
// be taken by any outgoing connection between choosing it and binding it, and
// a system test with ~200 workers connecting to Redis makes that a real race.
// ----------------------------------------------------------------------------
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

const LOWEST = 10_000

/** The first port of the kernel's ephemeral range (Linux default 32768). */
function ephemeralStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number)
    return low !== undefined && Number.isInteger(low) ? low : 32_768
  } catch {
    return 32_768
  }
}

const canBind = (port: number): Promise<number | undefined> =>
  new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(undefined))
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined))
    })
  })

/** A port nothing listens on now, outside the ephemeral range when there is room below it. */
export async function freePort(): Promise<number> {
  const high = ephemeralStart()
  if (high - LOWEST > 1000) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = await canBind(LOWEST + Math.floor(Math.random() * (high - LOWEST)))
      if (port !== undefined) return port
    }
  }
  const port = await canBind(0)
  if (port === undefined) throw new Error('no free loopback port')
  return port
}
