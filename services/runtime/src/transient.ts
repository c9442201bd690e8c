// ----------------------------------------------------------------------------
// Is this error the infrastructure being away for a while (S3, Redis or
// PostgreSQL unreachable, restarting or overloaded) rather than something
// wrong with the work itself? A transient error is retried with backoff
// (DESIGN §6); anything else fails the work with its reason at once.
// ----------------------------------------------------------------------------

/** Node socket and DNS error codes of a server that is down, restarting or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** S3 error names that mean "try again later". */
const RETRYABLE_S3 = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'Throttling',
  'ThrottlingException',
])

interface ErrorLike {
  readonly code?: unknown
  readonly name?: unknown
  readonly message?: unknown
  readonly cause?: unknown
  readonly errors?: unknown
  readonly $metadata?: { readonly httpStatusCode?: number }
}

function isTransientOne(e: ErrorLike): boolean {
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true
  if (typeof e.name === 'string' && RETRYABLE_S3.has(e.name)) return true
  const status = e.$metadata?.httpStatusCode
  if (typeof status === 'number' && (status >= 500 || status === 429)) return true
  // ioredis while reconnecting, and Node's HTTP client when a server closes mid-request.
  return (
    typeof e.message === 'string' &&
    /^(Connection is closed|socket hang up|Reached the max retries per request limit)/.test(e.message)
  )
}

/** True when the error, or one it wraps (`cause`, AggregateError's `errors`), is transient. */
export function isTransientError(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 5) return false
  const e = error as ErrorLike
  if (isTransientOne(e)) return true
  if (e.cause !== undefined && isTransientError(e.cause, depth + 1)) return true
  return Array.isArray(e.errors) && e.errors.some((inner) => isTransientError(inner, depth + 1))
}
