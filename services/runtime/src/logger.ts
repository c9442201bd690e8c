// Structured logs (pino, JSON lines on stdout): one logger per service, with its name.
import { type Logger, pino } from 'pino'

export type { Logger }

export function createLogger(service: string, level = process.env.RA_LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, base: { service, pid: process.pid } })
}
