// The newer pages in a real browser, one Chromium and one stack for the file:
// night report tabs, the historical calendar, the mosaic (Movies View) and the
// per-day page playing a real video (range requests), the "time since last
// image" clock, and live re-sorting by a metadata column. Screenshots go to
// test-output/.
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatDayObs, previousDayObs } from '@rubin/ra-contract'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, type TestBrowser } from '../src/testing/browser.ts'
import { keyOf, LOCATION, PNG, putMetadata, putObject, putProduct, type Stack, startStack, today } from './helpers.ts'

const OUT = fileURLToPath(new URL('../test-output/', import.meta.url))
const shot = async (page: Page, name: string) => {
  await mkdir(OUT, { recursive: true })
  await page.screenshot({ path: `${OUT}${name}.png`, fullPage: true })
}

/** A test pattern made by ffmpeg: an image, or a video (args) in `ext`. */
async function testPattern(ext: 'png' | 'webm', args: readonly string[]): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'ra-rubintv-media-'))
  try {
    const out = join(dir, `pattern.${ext}`)
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', ...args, out])
    return await readFile(out)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
// VP8 WebM: Debian's Chromium plays it without proprietary codecs.
const tinyVideo = () =>
  testPattern('webm', ['-i', 'testsrc=duration=1:size=64x48:rate=10', '-c:v', 'libvpx', '-b:v', '50k'])
const plotImage = () => testPattern('png', ['-i', 'testsrc=size=320x200', '-frames:v', '1'])

describe('RubinTV pages in a browser', () => {
  let stack: Stack
  let browser: TestBrowser
  beforeAll(async () => {
    stack = await startStack()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.[Symbol.asyncDispose]()
    await stack?.[Symbol.asyncDispose]()
  })

  it('shows the night report: Efficiency text, QA links and a tab per plot group', async () => {
    const dayObs = today()
    const text = { text_010: 'Night summary:\n  412 exposures', 'Seeing vs time': 'https://example.org/s.png' }
    const textKey = keyOf({ kind: 'nightReportText', camera: 'lsstcam', dayObs })
    await putObject(stack, textKey, JSON.stringify(text), { kind: 'nightReportText', camera: 'lsstcam', dayObs })
    const plotKey = keyOf({
      kind: 'nightReportPlot',
      camera: 'lsstcam',
      dayObs,
      group: 'Seeing',
      name: 'fwhm',
      ext: 'png',
    })
    await putObject(stack, plotKey, await plotImage(), { kind: 'nightReportPlot', camera: 'lsstcam', dayObs })
    const page = await browser.page()
    await page.goto(`${stack.url}/${LOCATION}/lsstcam/night-report`)
    await page.locator('pre.nr-text').waitFor()
    expect(await page.locator('pre.nr-text').textContent()).toBe(text.text_010)
    await page.locator('button[data-tab="QA Plots"]').click()
    expect(await page.locator('a.nr-link').getAttribute('href')).toBe(text['Seeing vs time'])
    await page.locator('button[data-tab="Seeing"]').click()
    await page.waitForFunction(
      () => (document.querySelector('figure.nr-plot img') as HTMLImageElement)?.naturalWidth === 320,
    )
    await shot(page, 'night-report')
    await page.close()
  })

  it('shows a calendar of the days with data, each linking to its table', async () => {
    const yesterday = previousDayObs(today())
    const key = keyOf({ kind: 'event', camera: 'lsstcam', channel: 'imexam', dayObs: yesterday, seq: 3, ext: 'png' })
    await putObject(stack, key, PNG, undefined)
    const page = await browser.page()
    await page.goto(`${stack.url}/${LOCATION}/lsstcam/calendar`)
    const link = page.locator(`td[data-day="${yesterday}"] a.has-data`)
    await link.waitFor()
    expect(await page.locator('a.has-data').count()).toBeGreaterThanOrEqual(1)
    await shot(page, 'calendar')
    await link.click()
    await page.locator('tr[data-seq="3"] td[data-channel="imexam"] a.chan').waitFor()
    expect(new URL(page.url()).searchParams.get('date')).toBe(formatDayObs(yesterday))
    await page.close()
  })

  it('plays the day movie in the Movies View (live) and on the per-day page', async () => {
    const page = await browser.page()
    await page.goto(`${stack.url}/${LOCATION}/lsstcam/mosaic`)
    await page.locator('section.tile[data-channel="day_movie"] p.empty').waitFor()
    await page.locator('#live.on').waitFor()
    const dayObs = today()
    const key = keyOf({ kind: 'final', camera: 'lsstcam', channel: 'day_movie', dayObs, ext: 'webm' })
    await putObject(stack, key, await tinyVideo(), { kind: 'final', camera: 'lsstcam', channel: 'day_movie', dayObs })
    const playable = () =>
      page.waitForFunction(() => {
        const video = document.querySelector('video.media') as HTMLVideoElement | null
        return video !== null && video.readyState >= 1 && video.duration > 0.5
      })
    await playable()
    await shot(page, 'mosaic')
    await page.goto(`${stack.url}/${LOCATION}/lsstcam/per-day`)
    await playable()
    await shot(page, 'per-day')
    // No Movies View for a camera without tiles.
    await page.goto(`${stack.url}/${LOCATION}/lsstcam_aos/mosaic`)
    await page.locator('h2', { hasText: 'Not found' }).waitFor()
    await page.close()
  })

  it('counts the time since the last image, and re-sorts live when sorted by a changed column', async () => {
    const begin = new Date(Date.now() - 65_000).toISOString().replace('Z', '')
    const rows = {
      '1': { 'Exposure time': 10, 'Image type': 'SCIENCE' },
      '2': { 'Exposure time': 20, 'Image type': 'SCIENCE' },
      '3': { 'Exposure time': 5, 'Image type': 'SCIENCE', 'Date begin': begin },
    }
    await putMetadata(stack, 'lsstcam', rows)
    await putProduct(stack, 'lsstcam', 'focal_plane_mosaic', 3, true)
    const page = await browser.page()
    await page.goto(`${stack.url}/${LOCATION}/lsstcam`)
    await page.locator('tr[data-seq="3"] td[data-column="Exposure time"]').waitFor()
    await page.locator('#live.on').waitFor()
    // 65 s since it began, 5 s exposure: one minute since it ended.
    await page.waitForFunction(() => /: 00:01:0\d$/.test(document.getElementById('time-since')?.textContent ?? ''))

    const order = () =>
      page.locator('#camera-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-seq')))
    await page.locator('th.meta-head', { hasText: 'Exposure time' }).click({ modifiers: ['Shift'] })
    await page.waitForFunction(() => document.querySelector('th.sort-desc') !== null)
    expect(await order()).toEqual(['2', '1', '3'])
    await page.evaluate(() => {
      for (const [i, td] of document.querySelectorAll('#camera-table tbody td').entries()) {
        ;(td as unknown as { tag: number }).tag = i
      }
    })
    const tags = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('#camera-table tbody td')].map((td) => (td as unknown as { tag?: number }).tag),
      )
    const before = new Set(await tags())
    await putMetadata(stack, 'lsstcam', { ...rows, '3': { ...rows['3'], 'Exposure time': 30 } })
    await page.waitForFunction(() => document.querySelector('#camera-table tbody tr')?.getAttribute('data-seq') === '3')
    expect(await order()).toEqual(['3', '2', '1'])
    // Rows moved, nothing rebuilt: every cell is one of the cells from before.
    expect(new Set(await tags())).toEqual(before)
    await shot(page, 'camera-table-live')
    await page.close()
  })
})
