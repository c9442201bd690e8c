// Test resources for the ConsDB writer: an isolated database on the machine's PostgreSQL (created and
// dropped by the test; nothing else on that server is touched) and a TCP proxy to it that can be cut.
import { randomBytes } from 'node:crypto'
import { connect, createServer, type Server, type Socket } from 'node:net'
import pg from 'pg'

const ADMIN_URL = process.env.RA_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

export interface TestDatabase extends AsyncDisposable {
  readonly name: string
  /** Connection string of the test database through host:port (default: the real server). */
  url(port?: number): string
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `ra_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const base = new URL(ADMIN_URL)
  const url = (port?: number) => {
    const u = new URL(base)
    u.pathname = `/${name}`
    if (port !== undefined) u.port = String(port)
    return u.toString()
  }
  const client = new pg.Client({ connectionString: url() })
  await client.connect()
  return {
    name,
    url,
    query: (text, values) => client.query(text, values),
    async [Symbol.asyncDispose]() {
      await client.end().catch(() => {})
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    },
  }
}

export interface TcpProxy extends AsyncDisposable {
  readonly port: number
  /** Stop accepting and cut every open connection (PostgreSQL "goes away"). */
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
  if (typeof address !== 'object' || address === null) throw new Error('proxy has no port')
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
