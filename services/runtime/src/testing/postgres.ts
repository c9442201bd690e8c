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
  /** Accept again on the same port. */
  restore(): Promise<void>
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  let server: Server | undefined
  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const s = createServer((inbound) => {
        const outbound = connect(targetPort, targetHost)
        for (const socket of [inbound, outbound]) {
          sockets.add(socket)
          socket.on('close', () => sockets.delete(socket))
          socket.on('error', () => {})
        }
        inbound.pipe(outbound).pipe(inbound)
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
    for (const socket of sockets) socket.destroy()
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()))
  }
  return {
    port,
    cut,
    async restore() {
      server ??= await listen(port)
    },
    [Symbol.asyncDispose]: cut,
  }
}
