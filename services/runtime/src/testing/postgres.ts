// ----------------------------------------------------------------------------
// PostgreSQL for tests and one-machine runs: an isolated database on the
// machine's server (127.0.0.1:5432, trust auth), created for one test or run and
// dropped at the end; nothing else on that server is touched. The server is
// shared, so an outage is made by cutting a TCP proxy we own between the client
// and it, never by stopping PostgreSQL.
// ----------------------------------------------------------------------------
import { randomBytes } from 'node:crypto'
import { connect, createServer, type Server, type Socket } from 'node:net'
import pg from 'pg'

export const POSTGRES_ADMIN_URL = process.env.RA_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

export interface ScratchDatabase extends AsyncDisposable {
  readonly name: string
  /** Connection string of the database, through `port` when given (e.g. a proxy's). */
  url(port?: number): string
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>
  drop(): Promise<void>
}

/** `CREATE DATABASE <prefix>_<random>`; `drop()` (or dispose) removes exactly that database. */
export async function createScratchDatabase(
  options: { readonly prefix?: string; readonly adminUrl?: string } = {},
): Promise<ScratchDatabase> {
  const adminUrl = options.adminUrl ?? POSTGRES_ADMIN_URL
  const name = `${options.prefix ?? 'ra_test'}_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  try {
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
  } catch (error) {
    await admin.end().catch(() => {})
    throw new Error(
      `PostgreSQL at ${new URL(adminUrl).host} refused a scratch database (${(error as Error).message}); ` +
        'a local server with trust auth for user postgres is needed (set RA_POSTGRES_ADMIN_URL otherwise)',
      { cause: error },
    )
  }
  const url = (port?: number) => {
    const u = new URL(adminUrl)
    u.pathname = `/${name}`
    if (port !== undefined) u.port = String(port)
    return u.toString()
  }
  const client = new pg.Client({ connectionString: url() })
  await client.connect()
  client.on('error', () => {})
  let dropped = false
  const drop = async () => {
    if (dropped) return
    dropped = true
    await client.end().catch(() => {})
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {})
    await admin.end().catch(() => {})
  }
  return { name, url, query: (text, values) => client.query(text, values), drop, [Symbol.asyncDispose]: drop }
}

export interface TcpProxy extends AsyncDisposable {
  readonly port: number
  /** Stop accepting and cut every open connection: to its clients the server is gone. */
  cut(): Promise<void>
  /**
   * Pass nothing either way and leave new connections unanswered, closing nothing: a network
   * that drops packets without a reset, where only the clients' own timeouts notice.
   */
  stall(): void
  /** Accept again on the same port (after `cut`), or pass traffic again (after `stall`). */
  restore(): Promise<void>
}

interface Pair {
  readonly inbound: Socket
  outbound?: Socket
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const pairs = new Set<Pair>()
  let server: Server | undefined
  let stalled = false
  const track = (pair: Pair, socket: Socket) => {
    socket.on('close', () => {
      // One side gone: end the other too (a stalled or unconnected pair has no pipe() to do it),
      // reading on so its peer's FIN closes it; what still arrives goes nowhere.
      for (const other of [pair.inbound, pair.outbound]) other?.end().resume()
      if (pair.inbound.destroyed && (pair.outbound?.destroyed ?? true)) pairs.delete(pair)
    })
    socket.on('error', () => {})
  }
  const flow = (pair: Pair) => {
    if (pair.inbound.destroyed) return
    if (pair.outbound === undefined) {
      pair.outbound = connect(targetPort, targetHost)
      track(pair, pair.outbound)
    }
    pair.inbound.pipe(pair.outbound).pipe(pair.inbound)
  }
  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const s = createServer((inbound) => {
        const pair: Pair = { inbound }
        pairs.add(pair)
        track(pair, inbound)
        if (stalled) inbound.pause()
        else flow(pair)
      })
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => resolve(s))
    })
  server = await listen(0)
  const address = server.address()
  if (typeof address !== 'object' || address === null) throw new Error('the TCP proxy has no port')
  const port = address.port
  const cut = async () => {
    const current = server
    server = undefined
    stalled = false
    for (const pair of pairs) {
      pair.inbound.destroy()
      pair.outbound?.destroy()
    }
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()))
  }
  return {
    port,
    cut,
    stall() {
      stalled = true
      for (const { inbound, outbound } of pairs) {
        inbound.unpipe()
        outbound?.unpipe()
        inbound.pause()
        outbound?.pause()
      }
    },
    async restore() {
      if (stalled) {
        stalled = false
        for (const pair of pairs) flow(pair)
      }
      server ??= await listen(port)
    },
    [Symbol.asyncDispose]: cut,
  }
}
