// ----------------------------------------------------------------------------
// POST /notifications: the object store's webhook. The body is a bucket
// notification; for each rawRecord of this instrument it names, the record is
// read from the raw store and announced. The answer says what happened to each
// (200 with a summary), or why the body was refused (400, and a dead letter so
// the refused body can be inspected and replayed).
// ----------------------------------------------------------------------------
import type { IncomingMessage, ServerResponse } from 'node:http'
import { formatIssues, type Instrument } from '@rubin/ra-contract'
import type { DeadLetters, Logger } from '@rubin/ra-runtime'
import type { Intake } from './intake.ts'
import { parseNotification, recordKeysOf } from './notifications.ts'
import { type RawStore, RawStoreError } from './raw-store.ts'

export const NOTIFICATIONS_PATH = '/notifications'
const ORIGIN = `http:POST ${NOTIFICATIONS_PATH}`
/** A notification carries a handful of records; a body this large is not one. */
const MAX_BODY_BYTES = 1024 * 1024

export interface WebhookSummary {
  records: number
  announced: number
  duplicates: number
  invalid: number
  unreadable: number
  ignored: number
}

export interface WebhookOptions {
  readonly instrument: Instrument
  readonly store: RawStore
  readonly intake: Intake
  readonly deadLetters: DeadLetters
  readonly logger: Logger
}

class BodyTooLarge extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge()
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function reply(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  response.end(`${JSON.stringify(body)}\n`)
}

export function createWebhook(options: WebhookOptions) {
  const { instrument, store, intake, deadLetters, logger } = options

  async function handle(body: string, seenAt: number): Promise<{ status: number; body: unknown }> {
    const parsed = parseNotification(body)
    if (!parsed.ok) {
      const reason = `not a bucket notification: ${formatIssues(parsed.issues)}`
      await deadLetters({ source: ORIGIN, code: 'RA_BUCKET_NOTIFICATION_INVALID', reason, input: body })
      return { status: 400, body: { error: 'RA_BUCKET_NOTIFICATION_INVALID', message: reason } }
    }
    const keys = recordKeysOf(parsed.value, instrument)
    const summary: WebhookSummary = {
      records: parsed.value.Records.length,
      announced: 0,
      duplicates: 0,
      invalid: keys.undecodable.length,
      unreadable: 0,
      ignored: keys.ignored,
    }
    for (const key of keys.undecodable) {
      await deadLetters({
        source: ORIGIN,
        code: 'RA_BUCKET_NOTIFICATION_INVALID',
        reason: `object key '${key}' is not valid URL encoding`,
        input: key,
      })
    }
    for (const { key, obsId, dayObs } of keys.records) {
      let text: string
      try {
        text = await store.read(key)
      } catch (error) {
        if (!(error instanceof RawStoreError)) throw error
        summary.unreadable++
        intake.unreadable('webhook')
        await deadLetters({
          source: key,
          code: 'RA_RAW_RECORD_UNREADABLE',
          reason: `a notification named ${key} but ${store.description} cannot give it: ${error.message}`,
          input: body,
        })
        continue
      }
      const outcome = await intake.submit({
        source: 'webhook',
        origin: key,
        text,
        expect: { instrument, obsId, dayObs },
        seenAt,
      })
      if (outcome === 'announced') summary.announced++
      else if (outcome === 'duplicate') summary.duplicates++
      else summary.invalid++
    }
    logger.debug({ summary }, 'bucket notification handled')
    return { status: 200, body: summary }
  }

  return async function route(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const path = (request.url ?? '/').split('?')[0]
    if (path !== NOTIFICATIONS_PATH) return false
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST')
      reply(response, 405, { error: 'RA_METHOD_NOT_ALLOWED', message: `${NOTIFICATIONS_PATH} takes POST` })
      return true
    }
    const seenAt = Date.now()
    let body: string
    try {
      body = await readBody(request)
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error
      reply(response, 413, { error: 'RA_BODY_TOO_LARGE', message: `a notification is at most ${MAX_BODY_BYTES} bytes` })
      return true
    }
    const result = await handle(body, seenAt)
    reply(response, result.status, result.body)
    return true
  }
}
