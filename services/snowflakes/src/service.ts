// ----------------------------------------------------------------------------
// The snowflakes service: RA's night-level one-of-a-kind products. Built so far:
// the performance monitor (./performance.ts) and the day movie (./day-movie.ts:
// daily at RA_DAY_MOVIE_AT, or on demand with POST /day-movie?dayObs=YYYYMMDD).
// The rest of what today's snowflakes do is listed in the README as not built.
// ----------------------------------------------------------------------------
import type { IncomingMessage, ServerResponse } from 'node:http'
import { dayObsOf, parseDayObs } from '@rubin/ra-contract'
import { createS3Client, ProductStore, type ServiceSpec, s3SettingsFrom } from '@rubin/ra-runtime'
import { dayMoviesOf } from './channels.ts'
import { minutesOf, SnowflakesConfig } from './config.ts'
import { type DayMovieResult, makeDayMovie } from './day-movie.ts'
import { SnowflakesError } from './errors.ts'
import { startPerformanceMonitor } from './performance.ts'

const DAY_MOVIE_CHECK_MS = 30_000

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

export function snowflakesService(): ServiceSpec<typeof SnowflakesConfig> {
  return {
    name: 'snowflakes',
    config: SnowflakesConfig,
    async start(context) {
      const { config, logger, redis } = context
      const instrument = config.RA_INSTRUMENT
      const s3 = createS3Client(s3SettingsFrom(config))
      const products = new ProductStore({
        s3: createS3Client({ ...s3SettingsFrom(config), maxAttempts: 1 }),
        bucket: config.RA_S3_BUCKET,
        redis,
        producer: 'snowflakes',
        logger,
        spoolDir: config.RA_PRODUCT_SPOOL_DIR,
      })
      await products.start()
      const monitor = config.RA_PERFORMANCE_MONITOR
        ? startPerformanceMonitor({
            instrument,
            redis,
            products,
            deadLetters: context.deadLetters,
            logger,
            lookbackSeconds: config.RA_TIMINGS_LOOKBACK_S,
            signal: context.signal,
          })
        : undefined

      const movies: { last?: DayMovieResult | undefined; lastError?: string; madeFor?: number } = {}
      async function dayMovies(dayObs: number): Promise<DayMovieResult[]> {
        const channels = dayMoviesOf(instrument)
        if (channels.length === 0) {
          throw new SnowflakesError('RA_SNOWFLAKES_NO_CAMERA', `${instrument} has no camera with a day movie`)
        }
        const made: DayMovieResult[] = []
        for (const c of channels) {
          made.push(
            await makeDayMovie({
              s3,
              bucket: config.RA_S3_BUCKET,
              products,
              channels: c,
              dayObs,
              fps: config.RA_DAY_MOVIE_FPS,
            }),
          )
        }
        movies.last = made.at(-1)
        logger.info({ dayObs, keys: made.map((m) => m.key), frames: made.map((m) => m.frames) }, 'day movie uploaded')
        return made
      }

      // The daily timer: once the configured UTC time has passed, the current day_obs gets its movie (once).
      const at = minutesOf(config.RA_DAY_MOVIE_AT)
      const timer =
        at === undefined
          ? undefined
          : setInterval(() => {
              const now = new Date()
              const dayObs = dayObsOf(now)
              if (now.getUTCHours() * 60 + now.getUTCMinutes() < at || movies.madeFor === dayObs) return
              movies.madeFor = dayObs
              dayMovies(dayObs).catch((error: Error) => {
                movies.lastError = error.message
                logger.error({ err: error, dayObs }, 'day movie failed')
              })
            }, DAY_MOVIE_CHECK_MS)
      timer?.unref()

      async function routes(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
        const url = new URL(request.url ?? '/', 'http://localhost')
        if (url.pathname !== '/day-movie' || request.method !== 'POST') return false
        const dayObs = parseDayObs(url.searchParams.get('dayObs') ?? '')
        if (!dayObs.ok) {
          reply(response, 400, {
            code: 'RA_SNOWFLAKES_BAD_REQUEST',
            message: `dayObs must be YYYYMMDD: ${dayObs.issues.map((i) => i.message).join('; ')}`,
          })
          return true
        }
        try {
          reply(response, 200, { made: await dayMovies(dayObs.value) })
        } catch (error) {
          const code = error instanceof SnowflakesError ? error.code : 'RA_SNOWFLAKES_INTERNAL'
          reply(response, code === 'RA_SNOWFLAKES_NO_FRAMES' ? 404 : 500, { code, message: (error as Error).message })
        }
        return true
      }

      return {
        routes,
        status: () => ({
          instrument,
          performanceMonitor: monitor === undefined ? 'off' : { ...monitor.stats, pendingGroups: monitor.pending() },
          dayMovie: { at: config.RA_DAY_MOVIE_AT || 'on demand', ...movies },
          spooledProducts: products.spooled,
        }),
        async stop() {
          clearInterval(timer)
          await monitor?.stop()
          await products.stop()
          s3.destroy()
        },
      }
    },
  }
}
