// ----------------------------------------------------------------------------
// Every service's small HTTP face for Kubernetes and operators: /healthz
// (liveness: the event loop answers), /readyz (readiness, with the reasons when
// not ready), /metrics (Prometheus) and /status (the service's own JSON status).
// ----------------------------------------------------------------------------
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Registry } from 'prom-client'

export interface StatusServerOptions {
  readonly port: number
  readonly host?: string
  readonly metrics: Registry
  /** Reasons the service is not ready; empty when ready. */
  readonly notReady: () => readonly string[]
  /** A JSON-able snapshot for /status (what an operator wants to see). */
  readonly status?: () => unknown
  /** Extra routes (e.g. the watcher's webhook); return false to fall through to 404. */
  readonly routes?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean> | boolean
}

export interface StatusServer extends AsyncDisposable {
  readonly port: number
  readonly url: string
  close(): Promise<void>
}

function send(response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  response.end(body)
}

export async function startStatusServer(options: StatusServerOptions): Promise<StatusServer> {
  const server: Server = createServer(async (request, response) => {
    try {
      const path = (request.url ?? '/').split('?')[0]
      if (request.method === 'GET' && path === '/healthz') return send(response, 200, 'ok\n')
      if (request.method === 'GET' && path === '/readyz') {
        const reasons = options.notReady()
        return send(
          response,
          reasons.length === 0 ? 200 : 503,
          reasons.length === 0 ? 'ready\n' : `${reasons.join('\n')}\n`,
        )
      }
      if (request.method === 'GET' && path === '/metrics') {
        return send(response, 200, await options.metrics.metrics(), options.metrics.contentType)
      }
      if (request.method === 'GET' && path === '/status' && options.status) {
        return send(response, 200, `${JSON.stringify(options.status(), null, 2)}\n`, 'application/json')
      }
      if (options.routes && (await options.routes(request, response))) return
      send(response, 404, 'not found: try /healthz, /readyz, /metrics or /status\n')
    } catch (error) {
      send(response, 500, `internal error: ${(error as Error).message}\n`)
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  return { port, url: `http://${options.host ?? '127.0.0.1'}:${port}`, close, [Symbol.asyncDispose]: close }
}
