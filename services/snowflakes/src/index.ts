// @rubin/ra-snowflakes: the service spec and the pieces tests and tools call directly.
export { type DayMovieChannels, dayMoviesOf, timingChannel } from './channels.ts'
export { minutesOf, SnowflakesConfig } from './config.ts'
export { channelDayPrefix, type DayMovieOptions, type DayMovieResult, makeDayMovie, sourceFrames } from './day-movie.ts'
export { SNOWFLAKES_ERROR_CODES, SnowflakesError, type SnowflakesErrorCode } from './errors.ts'
export { NightReportError, type NightReportText, type NightSummary, nightReportText } from './night-report/index.ts'
export { exposureOfProcessingId, startPerformanceMonitor } from './performance.ts'
export { snowflakesService } from './service.ts'
export { TimingIndex } from './timings.ts'
