// An ordered FITS header with typed accessors, and its block-padded byte form.

import {
  appendContinue,
  CARD_LENGTH,
  type Card,
  COMMENTARY_KEYS,
  formatCard,
  type HeaderValue,
  makeCard,
  normalizeKey,
  parseCard,
} from './card.ts'
import { FitsError, FitsErrorCode, type FitsLocation } from './errors.ts'

export const BLOCK_SIZE = 2880

/** A value with its comment, for building headers from records. */
export interface CommentedValue {
  readonly value: HeaderValue
  readonly comment?: string
}

export type HeaderRecord = Readonly<Record<string, HeaderValue | CommentedValue>>
/** What a header can be built from: a Header, cards in order, or a record (insertion order). */
export type HeaderInit = Header | readonly Card[] | HeaderRecord

export class Header implements Iterable<Card> {
  #cards: Card[]
  #index: Map<string, number> | undefined

  constructor(cards: Iterable<Card> = []) {
    this.#cards = [...cards]
  }

  static from(init: HeaderInit = []): Header {
    if (init instanceof Header) return init.clone()
    if (Array.isArray(init)) return new Header(init as readonly Card[])
    const header = new Header()
    for (const [key, entry] of Object.entries(init as HeaderRecord)) {
      const isCommented = entry !== null && typeof entry === 'object'
      const value = isCommented ? entry.value : entry
      const comment = isCommented ? entry.comment : undefined
      if (COMMENTARY_KEYS.has(normalizeKey(key)) && typeof value === 'string') {
        header.add({ key: normalizeKey(key), comment: value })
      } else {
        header.add(makeCard(normalizeKey(key), value, comment))
      }
    }
    return header
  }

  get cards(): readonly Card[] {
    return this.#cards
  }

  get length(): number {
    return this.#cards.length
  }

  [Symbol.iterator](): Iterator<Card> {
    return this.#cards[Symbol.iterator]()
  }

  clone(): Header {
    return new Header(this.#cards)
  }

  #position(key: string): number | undefined {
    if (this.#index === undefined) {
      const index = new Map<string, number>()
      this.#cards.forEach((card, position) => {
        const key = normalizeKey(card.key)
        if (card.value !== undefined && !index.has(key)) index.set(key, position)
      })
      this.#index = index
    }
    return this.#index.get(normalizeKey(key))
  }

  has(key: string): boolean {
    return this.#position(key) !== undefined
  }

  /** The first valued card with this key. */
  card(key: string): Card | undefined {
    const position = this.#position(key)
    return position === undefined ? undefined : this.#cards[position]
  }

  /** The value of the first card with this key (`null` for an undefined value), or undefined. */
  get(key: string): HeaderValue | undefined {
    return this.card(key)?.value
  }

  #typed<T>(key: string, type: string, accept: (value: HeaderValue) => value is T & HeaderValue, fallback: T[]): T {
    const value = this.get(key)
    if (value === undefined) {
      if (fallback.length > 0) return fallback[0] as T
      throw new FitsError(FitsErrorCode.missingKeyword, `required keyword ${normalizeKey(key)} is missing`)
    }
    if (!accept(value)) {
      throw new FitsError(
        FitsErrorCode.keywordType,
        `keyword ${normalizeKey(key)} should be ${type} but is ${JSON.stringify(value)}`,
      )
    }
    return value
  }

  /** A number; throws FITS_MISSING_KEYWORD when absent (unless a fallback is given), FITS_KEYWORD_TYPE otherwise. */
  getNumber(key: string, ...fallback: [number?]): number {
    return this.#typed(key, 'a number', (v): v is number => typeof v === 'number', defined(fallback))
  }

  getInteger(key: string, ...fallback: [number?]): number {
    return this.#typed(key, 'an integer', (v): v is number => Number.isInteger(v), defined(fallback))
  }

  getString(key: string, ...fallback: [string?]): string {
    return this.#typed(key, 'a string', (v): v is string => typeof v === 'string', defined(fallback))
  }

  getBoolean(key: string, ...fallback: [boolean?]): boolean {
    return this.#typed(key, 'a logical (T/F)', (v): v is boolean => typeof v === 'boolean', defined(fallback))
  }

  /** Texts of the commentary cards with this key (COMMENT, HISTORY or '' for blank cards). */
  commentary(key: 'COMMENT' | 'HISTORY' | '' = 'COMMENT'): string[] {
    return this.#cards.filter((card) => card.value === undefined && card.key === key).map((card) => card.comment ?? '')
  }

  /** Sets the first card with this key (keeping its place and, unless given, its comment), or appends one. */
  set(key: string, value: HeaderValue, comment?: string): this {
    const normal = normalizeKey(key)
    const position = this.#position(normal)
    if (position === undefined) return this.add(makeCard(normal, value, comment))
    this.#cards[position] = makeCard(normal, value, comment ?? this.#cards[position]?.comment)
    return this
  }

  /** Appends a card (commentary cards can repeat). */
  add(card: Card): this {
    this.#cards.push(card)
    this.#index = undefined
    return this
  }

  /** Removes every card with this key; returns how many were removed. */
  delete(key: string): number {
    const normal = normalizeKey(key)
    const before = this.#cards.length
    this.#cards = this.#cards.filter((card) => normalizeKey(card.key) !== normal)
    this.#index = undefined
    return before - this.#cards.length
  }

  /** Valued cards as a plain record (first occurrence of each key wins). */
  toRecord(): Record<string, HeaderValue> {
    const record: Record<string, HeaderValue> = {}
    for (const card of this.#cards) {
      if (card.value !== undefined && !(card.key in record)) record[card.key] = card.value
    }
    return record
  }

  /** The header as 80-character card images, END included, without padding. */
  toCardImages(): string[] {
    return [...this.#cards.flatMap((card) => formatCard(card)), 'END'.padEnd(CARD_LENGTH, ' ')]
  }

  /** The header as bytes: cards, END, space padding to a whole number of 2880-byte blocks. */
  toBytes(): Uint8Array {
    const text = this.toCardImages().join('')
    const bytes = new Uint8Array(paddedLength(text.length)).fill(0x20)
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
    return bytes
  }
}

function defined<T>(fallback: [T?]): T[] {
  return fallback.length > 0 && fallback[0] !== undefined ? [fallback[0]] : []
}

export function paddedLength(length: number): number {
  return Math.ceil(length / BLOCK_SIZE) * BLOCK_SIZE
}

export interface ParsedHeader {
  header: Header
  /** Offset of the first byte after the header's last block. */
  end: number
}

const latin1 = new TextDecoder('latin1')
const END_CARD = 'END'.padEnd(CARD_LENGTH, ' ')

/** Reads a header starting at `offset` (a block boundary) up to its END card and block padding. */
export function parseHeader(bytes: Uint8Array, offset: number, hdu?: number): ParsedHeader {
  const cards: Card[] = []
  let pending: { card: Card; images: string[] } | undefined
  const flush = () => {
    if (pending !== undefined) cards.push(pending.card)
    pending = undefined
  }
  for (let block = offset; ; block += BLOCK_SIZE) {
    if (block + BLOCK_SIZE > bytes.length) {
      const where: FitsLocation = { ...(hdu === undefined ? {} : { hdu }), offset: block }
      if (block < bytes.length) {
        throw new FitsError(
          FitsErrorCode.badBlockSize,
          `header ends in a partial block of ${bytes.length - block} bytes without an END card (file length ${bytes.length} is not a multiple of ${BLOCK_SIZE})`,
          where,
        )
      }
      throw new FitsError(FitsErrorCode.missingEnd, 'header has no END card before the end of the file', where)
    }
    const text = latin1.decode(bytes.subarray(block, block + BLOCK_SIZE))
    for (let at = 0; at < BLOCK_SIZE; at += CARD_LENGTH) {
      const image = text.slice(at, at + CARD_LENGTH)
      const where: FitsLocation = { ...(hdu === undefined ? {} : { hdu }), offset: block + at }
      if (image === END_CARD || (image.startsWith('END     ') && image.trim() === 'END')) {
        flush()
        return { header: new Header(cards), end: block + BLOCK_SIZE }
      }
      if (pending !== undefined && image.startsWith('CONTINUE')) {
        const next = appendContinue(pending.card, image, pending.images, where)
        pending.images.push(image)
        pending.card = next.card
        if (!next.continued) flush()
        continue
      }
      flush()
      const parsed = parseCard(image, where)
      if (parsed.continued) pending = { card: parsed.card, images: [image] }
      else cards.push(parsed.card)
    }
  }
}
