// One header card: parsing and formatting of the 80-character card image (FITS 4.0 §4).
// A card keeps the exact text it was read from (in a WeakMap, so a changed copy of a card
// never carries stale text), which lets an unchanged header be written back byte for byte.

import { FitsError, FitsErrorCode, type FitsLocation } from './errors.ts'

export const CARD_LENGTH = 80

export type HeaderValue = string | number | boolean | null

/**
 * A header card. `value` is absent for commentary cards (COMMENT, HISTORY, blank keyword,
 * or any card without a value indicator), whose text is in `comment`; `value: null` is the
 * standard's undefined value. HIERARCH keys are stored without the `HIERARCH ` prefix.
 */
export interface Card {
  readonly key: string
  readonly value?: HeaderValue
  readonly comment?: string
}

export const COMMENTARY_KEYS: ReadonlySet<string> = new Set(['COMMENT', 'HISTORY', ''])
const STANDARD_KEY = /^[A-Z0-9_-]{0,8}$/
const INTEGER = /^[+-]?\d+$/
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[EeDd][+-]?\d+)?$/
const PRINTABLE = /^[\x20-\x7e]*$/
// Longest chunk of (escaped) string text on a card that continues: 80 - "KEY     = '" - "&'".
const CONTINUED_CHUNK = CARD_LENGTH - 10 - 3

const cardImages = new WeakMap<Card, readonly string[]>()

/** Lookup form of a key: upper case, no HIERARCH prefix, single spaces. */
export function normalizeKey(key: string): string {
  const upper = key.trim().toUpperCase().replace(/\s+/g, ' ')
  return upper.startsWith('HIERARCH ') ? upper.slice('HIERARCH '.length) : upper
}

export function isCommentary(card: Card): boolean {
  return card.value === undefined
}

interface ValueField {
  value: HeaderValue
  comment: string | undefined
  /** The string value ended with '&' (a CONTINUE long string may follow). */
  continued: boolean
}

/** Parses the text after the value indicator: a value, then an optional `/ comment`. */
function parseValueField(text: string, key: string, where: FitsLocation): ValueField {
  let i = 0
  while (i < text.length && text[i] === ' ') i++
  if (text[i] === "'") {
    let value = ''
    let j = i + 1
    for (;;) {
      const quote = text.indexOf("'", j)
      if (quote < 0) {
        throw new FitsError(FitsErrorCode.badCard, `card ${key}: string value has no closing quote`, where)
      }
      value += text.slice(j, quote)
      if (text[quote + 1] === "'") {
        value += "'"
        j = quote + 2
      } else {
        j = quote + 1
        break
      }
    }
    const trimmed = value.replace(/ +$/, '')
    return { value: trimmed, comment: parseComment(text.slice(j)), continued: trimmed.endsWith('&') }
  }
  const slash = text.indexOf('/', i)
  const token = (slash < 0 ? text.slice(i) : text.slice(i, slash)).trim()
  const comment = slash < 0 ? undefined : parseComment(text.slice(slash))
  return { value: parseToken(token, key, where), comment, continued: false }
}

function parseComment(rest: string): string | undefined {
  const slash = rest.indexOf('/')
  if (slash < 0) return undefined
  const comment = rest.slice(slash + 1).trim()
  return comment === '' ? undefined : comment
}

function parseToken(token: string, key: string, where: FitsLocation): HeaderValue {
  if (token === '') return null
  if (token === 'T') return true
  if (token === 'F') return false
  if (INTEGER.test(token)) return Number(token)
  if (FLOAT.test(token)) return Number(token.replace(/[Dd]/, 'E'))
  // Complex values are not interpreted; they stay readable as their text.
  if (token.startsWith('(') && token.endsWith(')')) return token
  throw new FitsError(FitsErrorCode.badCard, `card ${key}: cannot read value ${JSON.stringify(token)}`, where)
}

export interface ParsedCard {
  card: Card
  /** A string value ending in '&': the next card may be a CONTINUE. */
  continued: boolean
}

/** Parses one 80-character card image (shorter text is treated as space-padded). */
export function parseCard(image: string, where: FitsLocation = {}): ParsedCard {
  const text = image.padEnd(CARD_LENGTH, ' ')
  const keyField = text.slice(0, 8).trimEnd()
  let result: ParsedCard
  if (keyField === 'HIERARCH') {
    const eq = text.indexOf('=', 8)
    if (eq < 0) {
      result = { card: { key: 'HIERARCH', comment: text.slice(8).trimEnd() }, continued: false }
    } else {
      const key = normalizeKey(text.slice(8, eq))
      const field = parseValueField(text.slice(eq + 1), key, where)
      result = { card: makeCard(key, field.value, field.comment), continued: field.continued }
    }
  } else if (text.slice(8, 10) === '= ' && !COMMENTARY_KEYS.has(keyField)) {
    const key = keyField.toUpperCase()
    const field = parseValueField(text.slice(10), key, where)
    result = { card: makeCard(key, field.value, field.comment), continued: field.continued }
  } else {
    const comment = text.slice(8).trimEnd()
    result = { card: comment === '' ? { key: keyField } : { key: keyField, comment }, continued: false }
  }
  cardImages.set(result.card, [text])
  return result
}

/**
 * Joins a long-string card with the CONTINUE cards that follow it. `images` are the card
 * images read (first, then each CONTINUE); returns the merged card and whether it still
 * ends with '&'.
 */
export function appendContinue(
  card: Card,
  image: string,
  previous: readonly string[],
  where: FitsLocation,
): ParsedCard {
  const field = parseValueField(image.padEnd(CARD_LENGTH, ' ').slice(10), 'CONTINUE', where)
  if (typeof field.value !== 'string' || typeof card.value !== 'string') {
    throw new FitsError(FitsErrorCode.badCard, `CONTINUE after ${card.key} does not hold a string`, where)
  }
  const comment = [card.comment, field.comment].filter((part) => part !== undefined).join(' ')
  const merged = makeCard(card.key, card.value.slice(0, -1) + field.value, comment === '' ? undefined : comment)
  cardImages.set(merged, [...previous, image.padEnd(CARD_LENGTH, ' ')])
  return { card: merged, continued: field.continued }
}

/** Card images a card was read from (undefined for cards made in code). */
export function cardImagesOf(card: Card): readonly string[] | undefined {
  return cardImages.get(card)
}

export function makeCard(key: string, value: HeaderValue | undefined, comment?: string): Card {
  if (value === undefined) return comment === undefined ? { key } : { key, comment }
  return comment === undefined ? { key, value } : { key, value, comment }
}

function checkPrintable(text: string, what: string): void {
  if (!PRINTABLE.test(text)) {
    throw new FitsError(FitsErrorCode.invalidValue, `${what} contains characters outside printable ASCII`)
  }
}

/** The fixed-format text of a number or logical (without the string case). */
export function formatScalar(key: string, value: number | boolean | null): string {
  if (value === null) return ''
  if (typeof value === 'boolean') return value ? 'T' : 'F'
  if (!Number.isFinite(value)) {
    throw new FitsError(FitsErrorCode.invalidValue, `keyword ${key}: ${value} cannot be written in a FITS header`)
  }
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0)
  const text = String(value).toUpperCase()
  return text.includes('.') || text.includes('E') ? text : `${text}.0`
}

const escapeString = (text: string): string => text.replaceAll("'", "''")

/** Formats one card to one or more 80-character card images (several for long strings). */
export function formatCard(card: Card): string[] {
  const known = cardImages.get(card)
  if (known !== undefined) return [...known]
  const key = normalizeKey(card.key)
  checkPrintable(key, `keyword ${JSON.stringify(key)}`)
  if (card.value === undefined) return formatCommentary({ ...card, key })
  const hierarch = !STANDARD_KEY.test(key) || key === ''
  const prefix = hierarch ? `HIERARCH ${key} = ` : `${key.padEnd(8)}= `
  if (hierarch && key.includes('=')) {
    throw new FitsError(FitsErrorCode.invalidValue, `keyword ${JSON.stringify(key)} contains '='`)
  }
  const comment = card.comment
  if (comment !== undefined) checkPrintable(comment, `comment of ${key}`)
  if (typeof card.value === 'string') return formatString(key, card.value, comment, prefix, hierarch)
  let line = prefix + formatScalar(key, card.value).padStart(hierarch ? 0 : 20)
  if (comment !== undefined && comment !== '') line += ` / ${comment}`
  if (line.length > CARD_LENGTH) {
    if (prefix.length + formatScalar(key, card.value).length > CARD_LENGTH) {
      throw new FitsError(FitsErrorCode.invalidValue, `keyword ${key}: key and value do not fit on one card`)
    }
    line = line.slice(0, CARD_LENGTH) // only the comment is cut
  }
  return [line.padEnd(CARD_LENGTH, ' ')]
}

function formatCommentary(card: Card): string[] {
  if (card.key.length > 8 || !STANDARD_KEY.test(card.key)) {
    throw new FitsError(
      FitsErrorCode.invalidValue,
      `commentary keyword ${JSON.stringify(card.key)} is not a standard key`,
    )
  }
  const text = card.comment ?? ''
  checkPrintable(text, `${card.key || 'blank'} card text`)
  const lines: string[] = []
  for (let start = 0; start === 0 || start < text.length; start += CARD_LENGTH - 8) {
    lines.push((card.key.padEnd(8) + text.slice(start, start + CARD_LENGTH - 8)).padEnd(CARD_LENGTH, ' '))
  }
  return lines
}

function formatString(key: string, value: string, comment: string | undefined, prefix: string, hierarch: boolean) {
  checkPrintable(value, `value of ${key}`)
  const escaped = escapeString(value)
  const single = `${prefix}'${escaped.padEnd(8)}'`
  const withComment = comment === undefined || comment === '' ? single : `${single} / ${comment}`
  if (withComment.length <= CARD_LENGTH) return [withComment.padEnd(CARD_LENGTH, ' ')]
  if (single.length <= CARD_LENGTH) return [withComment.slice(0, CARD_LENGTH)]
  if (hierarch) {
    throw new FitsError(FitsErrorCode.invalidValue, `HIERARCH keyword ${key}: string value too long for one card`)
  }
  // Long string convention: chunks ending in '&' on the keyword card and CONTINUE cards.
  const chunks: string[] = []
  let chunk = ''
  for (const char of value) {
    const piece = escapeString(char)
    if (chunk.length + piece.length > CONTINUED_CHUNK) {
      chunks.push(chunk)
      chunk = ''
    }
    chunk += piece
  }
  chunks.push(chunk)
  const lines = chunks.map((text, index) => {
    const head = index === 0 ? prefix : 'CONTINUE  '
    return index === chunks.length - 1 ? `${head}'${text}'` : `${head}'${text}&'`
  })
  if (comment !== undefined && comment !== '') {
    const last = lines.length - 1
    const line = `${lines[last]} / ${comment}`
    if (line.length <= CARD_LENGTH) {
      lines[last] = line
    } else {
      // The comment goes on an empty continuation, so the last chunk must announce it.
      lines[last] = `${lines[last]?.slice(0, -1)}&'`
      lines.push(`CONTINUE  '' / ${comment}`.slice(0, CARD_LENGTH))
    }
  }
  return lines.map((line) => line.padEnd(CARD_LENGTH, ' '))
}
