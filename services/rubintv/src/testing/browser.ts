// Debian's Chromium driven by playwright-core: a fresh profile per launch, and a
// clear failure (never a skip) when the browser is not installed.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

export const CHROMIUM = process.env.RA_CHROMIUM ?? '/usr/bin/chromium'

export interface TestBrowser extends AsyncDisposable {
  readonly context: BrowserContext
  /** A new tab whose requests carry the auth proxy's user header (when given). */
  page(headers?: Record<string, string>, viewport?: { width: number; height: number }): Promise<Page>
}

/** Playwright itself passes a fresh profile as --user-data-dir to a persistent context. */
export async function launchChromium(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: run ./ra setup (it installs Debian's chromium) or set RA_CHROMIUM`,
    )
  }
  const profile = await mkdtemp(join(tmpdir(), 'ra-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    context,
    async page(headers = {}, viewport) {
      const page = await context.newPage()
      await page.setExtraHTTPHeaders(headers)
      if (viewport) await page.setViewportSize(viewport)
      return page
    },
    async [Symbol.asyncDispose]() {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}
