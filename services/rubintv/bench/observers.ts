// ----------------------------------------------------------------------------
// Who watches in the display benchmark: browser-like WebSocket clients (the
// `ws` package; each parses every frame as a browser would and notes when each
// delta arrived) and one real Chromium page whose MutationObserver notes when a
// product or a cell became visible in the DOM. Times on both sides are
// performance.timeOrigin + performance.now() on the same machine.
// ----------------------------------------------------------------------------
import type { RubinTvServerMessage, RubinTvTopic } from '@rubin/ra-contract'
import type { Page } from 'playwright-core'
import WebSocket from 'ws'

export const now = (): number => performance.timeOrigin + performance.now()

export interface WatchClient {
  /** First arrival time of each product key, and of each `seq|column` metadata cell. */
  readonly products: Map<string, number>
  readonly cells: Map<string, number>
  /** Bytes of delta frames received, by change kind. */
  readonly bytes: { product: number; metadata: number; snapshot: number }
  /** Resolves when every subscription has its snapshot. */
  readonly ready: Promise<void>
  close(): void
}

export async function watchClient(baseUrl: string, topics: readonly RubinTvTopic[]): Promise<WatchClient> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`)
  const products = new Map<string, number>()
  const cells = new Map<string, number>()
  const bytes = { product: 0, metadata: 0, snapshot: 0 }
  let snapshots = 0
  let markReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => {
    markReady = resolve
  })
  ws.on('message', (data: Buffer) => {
    const at = now()
    const message = JSON.parse(data.toString('utf8')) as RubinTvServerMessage
    if (message.type === 'snapshot') {
      bytes.snapshot += data.length
      if (++snapshots === topics.length) markReady()
      return
    }
    if (message.type !== 'delta') return
    const change = message.change
    if (change.kind === 'product') {
      bytes.product += data.length
      if (!products.has(change.product.key)) products.set(change.product.key, at)
    } else if (change.kind === 'metadata') {
      bytes.metadata += data.length
      for (const [seq, row] of Object.entries(change.rows)) {
        for (const column of Object.keys(row.cells))
          if (!cells.has(`${seq}|${column}`)) cells.set(`${seq}|${column}`, at)
      }
    }
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  topics.forEach((topic, i) => {
    ws.send(JSON.stringify({ type: 'subscribe', id: `t${i}`, topic }))
  })
  return { products, cells, bytes, ready, close: () => ws.close() }
}

interface PageSeen {
  products: Record<string, number>
  cells: Record<string, number>
}

/**
 * Start noting, in the page, when a channel link of a seq or a metadata cell changes:
 * `seq|channel` → time for products, `seq|column` → time for cells (first time only).
 */
export async function observePage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: PageSeen = { products: {}, cells: {} }
    ;(window as unknown as { __benchSeen: PageSeen }).__benchSeen = seen
    const stamp = () => performance.timeOrigin + performance.now()
    const noteLink = (a: Element, at: number) => {
      const seq = a.closest('tr')?.getAttribute('data-seq')
      const channel = a.closest('td')?.getAttribute('data-channel')
      const id = `${seq}|${channel}`
      if (seq != null && channel != null && seen.products[id] === undefined) seen.products[id] = at
    }
    new MutationObserver((records) => {
      const at = stamp()
      for (const record of records) {
        const target = record.target instanceof Element ? record.target : record.target.parentElement
        const cell = target?.closest('td[data-column]')
        if (cell != null) {
          const id = `${cell.closest('tr')?.getAttribute('data-seq')}|${cell.getAttribute('data-column')}`
          if (seen.cells[id] === undefined) seen.cells[id] = at
        }
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue
          if (node.matches('a.chan')) noteLink(node, at)
          // A new row arrives whole; moved rows were seen before and keep their first time.
          else if (node.matches('tr[data-seq]') && !node.hasAttribute('data-bench-seen')) {
            node.setAttribute('data-bench-seen', '')
            for (const a of node.querySelectorAll('a.chan')) noteLink(a, at)
          }
        }
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
    for (const tr of document.querySelectorAll('tr[data-seq]')) tr.setAttribute('data-bench-seen', '')
  })
}

export async function pageSeen(page: Page): Promise<PageSeen> {
  return page.evaluate(() => (window as unknown as { __benchSeen: PageSeen }).__benchSeen)
}
