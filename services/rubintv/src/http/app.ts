// ----------------------------------------------------------------------------
// The web server: pages (one HTML shell, the UI bundle), the JSON API, product
// bytes, admin writes and the live WebSocket. Security: helmet headers with a
// strict CSP (no inline script or style), the user from the auth proxy's header,
// admin writes authorised here and rate-limited, every S3 key parsed before use,
// and no flush endpoint of any kind.
// ----------------------------------------------------------------------------
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import websocket from '@fastify/websocket'
import { type Camera, camerasAt, LOCATIONS, type Location, parseDayObs } from '@rubin/ra-contract'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Auth } from '../auth.ts'
import type { Hub, SnapshotData } from '../hub.ts'
import { cameraPrefix } from '../keys.ts'
import type { Controls } from '../live/controls.ts'
import type { NightReportView } from '../night-report.ts'
import type { Bucket } from '../s3.ts'
import { SHELL, uiAssets } from './bundle.ts'
import { serveMedia } from './media.ts'
import { handleSocket } from './ws.ts'

export interface AppDeps {
  readonly locations: readonly Location[]
  readonly buckets: ReadonlyMap<Location, Bucket>
  readonly auth: Auth
  readonly hub: Hub
  readonly controls: Controls
  readonly adminRatePerMinute: number
  /** A table snapshot for the JSON API (same data as the WebSocket's). */
  readonly table: (location: Location, camera: Camera, dayObs: number) => SnapshotData
  /** A day's night report (text parsed with the contract, plots as media URLs). */
  readonly nightReport: (location: Location, camera: Camera, dayObs: number) => Promise<NightReportView>
  readonly onTopic?: () => void
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024, trustProxy: true })
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  })
  await app.register(rateLimit, { global: false })
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } })

  const served = new Set<string>(deps.locations)
  const userOf = (headers: Parameters<Auth['userOf']>[0]) => deps.auth.userOf(headers)

  app.get('/healthz', async () => ({ ok: true }))
  app.get('/ui/app.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').send((await uiAssets()).js))
  app.get('/ui/app.css', async (_req, reply) => reply.type('text/css; charset=utf-8').send((await uiAssets()).css))

  const page = async (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(SHELL)
  app.get('/', page)
  app.get<{ Params: { location: string } }>('/:location', async (req, reply) =>
    served.has(req.params.location) ? page(req, reply) : reply.code(404).send({ code: 'RUBINTV_NOT_FOUND' }),
  )
  app.get<{ Params: { location: string; '*': string } }>('/:location/*', async (req, reply) =>
    served.has(req.params.location) ? page(req, reply) : reply.code(404).send({ code: 'RUBINTV_NOT_FOUND' }),
  )

  app.get('/api/me', async (req) => {
    const user = userOf(req.headers)
    return { user: user ?? null, adminAt: deps.auth.adminLocations(user) }
  })
  app.get('/api/locations', async () => ({
    today: deps.hub.currentDay,
    locations: deps.locations.map((name) => ({ name })),
  }))

  app.get<{ Params: { location: string; camera: string } }>('/api/:location/:camera/days', async (req, reply) => {
    const location = req.params.location as Location
    const camera = req.params.camera as Camera
    const bucket = deps.buckets.get(location)
    if (bucket === undefined || !camerasAt(location).includes(camera)) {
      return reply.code(404).send({ code: 'RUBINTV_NOT_FOUND', message: 'no such camera here' })
    }
    const folders = await bucket.folders(cameraPrefix(camera))
    const days = folders.flatMap((f) => {
      const d = parseDayObs(f)
      return d.ok ? [d.value] : []
    })
    return { days: days.sort((a, b) => b - a) }
  })

  app.get<{ Params: { location: string; camera: string; day: string } }>(
    '/api/:location/:camera/table/:day',
    async (req, reply) => {
      const location = req.params.location as Location
      const camera = req.params.camera as Camera
      const day = parseDayObs(req.params.day)
      if (!served.has(location) || !camerasAt(location).includes(camera) || !day.ok) {
        return reply.code(404).send({ code: 'RUBINTV_NOT_FOUND', message: 'no such camera or day here' })
      }
      return deps.table(location, camera, day.value)
    },
  )

  app.get<{ Params: { location: string; camera: string; day: string } }>(
    '/api/:location/:camera/night-report/:day',
    async (req, reply) => {
      const location = req.params.location as Location
      const camera = req.params.camera as Camera
      const day = parseDayObs(req.params.day)
      if (!served.has(location) || !camerasAt(location).includes(camera) || !day.ok) {
        return reply.code(404).send({ code: 'RUBINTV_NOT_FOUND', message: 'no such camera or day here' })
      }
      return deps.nightReport(location, camera, day.value)
    },
  )

  app.get<{ Params: { location: string; '*': string } }>('/media/:location/*', (req, reply) =>
    serveMedia(req, reply, deps.buckets),
  )

  app.post<{ Params: { location: string } }>(
    '/api/:location/controls',
    {
      config: {
        rateLimit: {
          max: deps.adminRatePerMinute,
          timeWindow: '1 minute',
          keyGenerator: (req) => userOf(req.headers) ?? req.ip,
        },
      },
    },
    async (req, reply) => {
      const location = req.params.location as Location
      if (!served.has(location)) return reply.code(404).send({ code: 'RUBINTV_NOT_FOUND' })
      const user = userOf(req.headers)
      if (user === undefined) {
        return reply
          .code(401)
          .send({ code: 'RUBINTV_UNAUTHENTICATED', message: 'no authenticated user (the auth proxy sets it)' })
      }
      if (!deps.auth.isAdmin(user, location)) {
        return reply
          .code(403)
          .send({ code: 'RUBINTV_NOT_ADMIN', message: `${user} is not an admin for ${LOCATIONS[location].title}` })
      }
      const result = await deps.controls.write(req.body, user)
      if (!result.ok) {
        return reply.code(400).send({
          code: 'RUBINTV_CONTROL_INVALID',
          message: 'not sent (nothing written)',
          issues: result.issues,
        })
      }
      return reply.code(202).send({ control: result.control, value: result.value, canonical: result.canonical })
    },
  )

  app.get('/ws', { websocket: true }, (socket) => handleSocket(socket, deps.hub, deps.locations, deps.onTopic))
  return app
}
