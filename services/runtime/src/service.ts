// ----------------------------------------------------------------------------
// The shape of every service: configuration from the environment, a logger,
// Redis, metrics, the status HTTP endpoint, dead letters, and a graceful stop.
// `startService` runs one in-process (tests, scenarios); `runService` is the
// process entry point (signals, exit codes).
// ----------------------------------------------------------------------------

import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Service } from '@rubin/ra-contract'
import { type Static, type TObject, Type } from '@sinclair/typebox'
import { Counter, type Registry } from 'prom-client'
import { loadConfig } from './config.ts'
import { createDeadLetters, type DeadLetters } from './dead-letter.ts'
import { type StatusServer, startStatusServer } from './http.ts'
import { createLogger, type Logger } from './logger.ts'
import { createMetrics } from './metrics.ts'
import { connectRedis, type RedisHandle } from './redis.ts'

export const CommonConfig = Type.Object({
  RA_REDIS_URL: Type.String({
    default: 'redis://127.0.0.1:6379',
    description: 'Redis URL, redis://[user:password@]host:port',
  }),
  RA_KEY_PREFIX: Type.String({ default: '', description: 'prefix for every Redis key; empty in production' }),
  RA_HTTP_PORT: Type.Integer({
    default: 0,
    minimum: 0,
    maximum: 65535,
    description: 'port for /healthz, /readyz, /metrics, /status; 0 picks a free one',
  }),
  RA_HTTP_HOST: Type.String({ default: '127.0.0.1', description: 'address the status endpoint listens on' }),
})
export type CommonConfig = Static<typeof CommonConfig>

export interface ServiceContext<C> {
  readonly name: Service
  readonly config: C & CommonConfig
  readonly logger: Logger
  readonly redis: RedisHandle
  readonly metrics: Registry
  readonly deadLetters: DeadLetters
  /** Aborted when the service is asked to stop: loops end, blocking reads return. */
  readonly signal: AbortSignal
}

export interface Running {
  /** Why the service is not ready (empty when it is); Redis is checked for every service. */
  notReady?(): readonly string[]
  status?(): unknown
  routes?(request: IncomingMessage, response: ServerResponse): Promise<boolean> | boolean
  /** Finish current work and release resources. */
  stop(): Promise<void>
}

export interface ServiceSpec<T extends TObject> {
  readonly name: Service
  readonly config: T
  start(context: ServiceContext<Static<T>>): Promise<Running>
}

export interface StartOptions {
  /** Serve /healthz, /readyz, /metrics, /status (default true; a pool of workers serves one for all). */
  readonly http?: boolean
}

export interface StartedService<C> {
  readonly context: ServiceContext<C>
  /** Undefined when started with `http: false`. */
  readonly http: StatusServer | undefined
  readonly running: Running
  stop(): Promise<void>
}

export async function startService<T extends TObject>(
  spec: ServiceSpec<T>,
  env: NodeJS.ProcessEnv = process.env,
  options: StartOptions = {},
): Promise<StartedService<Static<T>> & AsyncDisposable> {
  const config = loadConfig(spec.name, Type.Composite([CommonConfig, spec.config]), env) as unknown as Static<T> &
    CommonConfig
  const logger = createLogger(spec.name, env.RA_LOG_LEVEL ?? 'info')
  const redis = connectRedis({ url: config.RA_REDIS_URL, prefix: config.RA_KEY_PREFIX, name: spec.name, logger })
  const metrics = createMetrics(spec.name)
  const deadLetterCount = new Counter({
    name: 'ra_dead_letters_total',
    help: 'Inputs set aside as dead letters, by code',
    labelNames: ['code'],
    registers: [metrics],
  })
  const controller = new AbortController()
  const context: ServiceContext<Static<T>> = {
    name: spec.name,
    config,
    logger,
    redis,
    metrics,
    deadLetters: createDeadLetters(redis, spec.name, logger, deadLetterCount),
    signal: controller.signal,
  }
  let running: Running
  try {
    running = await spec.start(context)
  } catch (error) {
    controller.abort()
    await redis.close()
    throw error
  }
  const http =
    options.http === false
      ? undefined
      : await startStatusServer({
          port: config.RA_HTTP_PORT,
          host: config.RA_HTTP_HOST,
          metrics,
          notReady: () => [...(redis.isReady() ? [] : ['redis: not connected']), ...(running.notReady?.() ?? [])],
          ...(running.status ? { status: () => running.status?.() } : {}),
          ...(running.routes ? { routes: (rq, rs) => running.routes?.(rq, rs) ?? false } : {}),
        })
  logger.info({ http: http?.url ?? 'off' }, `${spec.name} started`)
  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      controller.abort()
      await running.stop()
      await http?.close()
      await redis.close()
      logger.info(`${spec.name} stopped`)
    })()
    return stopping
  }
  return { context, http, running, stop, [Symbol.asyncDispose]: stop }
}

const STOP_TIMEOUT_MS = 20_000

/** Process entry point: start, stop cleanly on SIGTERM/SIGINT, exit non-zero on a fatal error. */
export async function runService<T extends TObject>(spec: ServiceSpec<T>): Promise<void> {
  let started: StartedService<Static<T>> | undefined
  try {
    started = await startService(spec)
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`)
    process.exit(1)
  }
  const service = started
  const shutdown = (signal: string) => {
    service.context.logger.info({ signal }, 'stopping')
    const timer = setTimeout(() => {
      service.context.logger.error('did not stop in time; exiting')
      process.exit(1)
    }, STOP_TIMEOUT_MS)
    timer.unref()
    service.stop().then(
      () => process.exit(0),
      (error) => {
        service.context.logger.error({ err: error }, 'error while stopping')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.on('uncaughtException', (error) => {
    service.context.logger.fatal({ err: error }, 'uncaught exception; exiting so the pod restarts')
    process.exit(1)
  })
}
