// End to end in a real browser: live products and metadata without a reload,
// exactly one cell updated, producer HTML shown as text, admin read-back from the
// real head node, a non-admin refused. Screenshots go to test-output/.
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { type ClusterStatusSet, encodeClusterStatus, STREAM_DATA_FIELD } from '@rubin/ra-contract'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { launchChromium } from '../src/testing/browser.ts'
import { ADMIN, keys, LOCATION, putMetadata, putProduct, startStack, today, USER_HEADER } from './helpers.ts'

const OUT = fileURLToPath(new URL('../test-output/', import.meta.url))
const shot = async (page: Page, name: string) => {
  await mkdir(OUT, { recursive: true })
  await page.screenshot({ path: `${OUT}${name}.png`, fullPage: true })
}

describe('RubinTV in a browser', () => {
  it('shows new products and metadata changes live, one cell at a time, producer HTML as text', async () => {
    await using stack = await startStack()
    await putProduct(stack, 'lsstcam', 'focal_plane_mosaic', 1, true)
    const evil = '<img src=x onerror="document.title=\'pwned\'">'
    const row1 = { Filter: 'r_57', _Filter: 'r_color', 'PSF FWHM': 0.91, 'Exposure time': 30, 'Image type': evil }
    const log = { DISPLAY_VALUE: '⏱', message: '<b>not bold</b>', level: 'info' }
    await putMetadata(stack, 'lsstcam', {
      '1': { ...row1, 'Exposure log entries': log },
      '2': { Filter: 'g_6', 'Exposure time': 15, '@focal_plane_mosaic': '⏳' },
    })
    await using browser = await launchChromium()
    const page = await browser.page({ [USER_HEADER]: 'bob' })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${stack.url}/${LOCATION}/lsstcam`)
    await page.locator('tr[data-seq="1"] td[data-column="Image type"]').waitFor()
    await page.locator('#live.on').waitFor()

    // Column picker: lsstcam shows only its defaults at first; the choice persists across a reload.
    await page.locator('#pick-columns').click()
    for (const column of ['Filter', 'PSF FWHM', 'Exposure log entries']) {
      await page.locator(`dialog.modal input[name="${column}"]`).check()
    }
    await page.locator('dialog.modal button.close').click()
    await page.reload()
    await page.locator('tr[data-seq="1"] td[data-column="PSF FWHM"]').waitFor()
    await page.locator('#live.on').waitFor()

    // Producer HTML is text: the exact string shows, no element is created, nothing runs.
    const imageType = page.locator('tr[data-seq="1"] td[data-column="Image type"]')
    expect(await imageType.textContent()).toBe(evil)
    expect(await imageType.locator('img').count()).toBe(0)
    expect(await page.title()).toBe('RubinTV')
    expect(await page.locator('tr[data-seq="1"] td[data-column="Filter"]').getAttribute('class')).toContain(
      'flag-r_color',
    )
    expect(await page.locator('tr[data-seq="2"] td[data-channel="focal_plane_mosaic"]').textContent()).toBe('⏳')
    // DISPLAY_VALUE popup, its contents as text.
    await page.locator('tr[data-seq="1"] td[data-column="Exposure log entries"] button').click()
    expect(await page.locator('dialog.modal table').textContent()).toContain('<b>not bold</b>')
    expect(await page.locator('dialog.modal b').count()).toBe(0)
    await page.locator('dialog.modal button.close').click()
    await shot(page, 'camera-table')

    // A new product appears in the open page without a reload.
    await page.evaluate(() => {
      ;(window as unknown as { marker: number }).marker = 42
    })
    await putProduct(stack, 'lsstcam', 'focal_plane_mosaic', 2, true)
    await page.locator('tr[data-seq="2"] td[data-channel="focal_plane_mosaic"] a.chan').waitFor({ timeout: 5000 })
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42)

    // A metadata change updates exactly one cell: every other cell keeps its node and text.
    const before = await page.evaluate(() => {
      const cells = [...document.querySelectorAll('#camera-table tbody td')]
      cells.forEach((td, i) => {
        ;(td as unknown as { tag: number }).tag = i
      })
      return cells.map((td) => td.textContent)
    })
    await putMetadata(stack, 'lsstcam', {
      '1': { ...row1, 'PSF FWHM': 0.84, 'Exposure log entries': log },
      '2': { Filter: 'g_6', 'Exposure time': 15, '@focal_plane_mosaic': '⏳' },
    })
    await page.waitForFunction(
      () => document.querySelector('tr[data-seq="1"] td[data-column="PSF FWHM"]')?.textContent === '0.84',
      undefined,
      { timeout: 5000 },
    )
    const after = await page.evaluate(() =>
      [...document.querySelectorAll('#camera-table tbody td')].map((td) => ({
        text: td.textContent,
        tag: (td as unknown as { tag?: number }).tag,
      })),
    )
    expect(after.map((c) => c.tag)).toEqual(before.map((_, i) => i))
    const changed = after.flatMap((c, i) => (c.text === before[i] ? [] : [c.text]))
    expect(changed).toEqual(['0.84'])

    // The single-event page: the product, and the other channels of the seq.
    await page.goto(`${stack.url}/${LOCATION}/lsstcam/event?date=${today()}&seq=2&channel=focal_plane_mosaic`)
    await page.locator('.event-body img.media').waitFor()
    await shot(page, 'event')
    expect(errors).toEqual([])
  })

  it('sets a control on the admin page and shows the head node’s read-back; a non-admin is refused', async () => {
    await using stack = await startStack()
    await stack.startHeadNode()
    await using browser = await launchChromium()
    const admin = await browser.page({ [USER_HEADER]: ADMIN })
    await admin.goto(`${stack.url}/${LOCATION}/admin`)
    await admin.locator('#live.on').waitFor()
    const section = admin.locator('section.control[data-control="CHIP_SELECTION"]')
    await section.locator('select').selectOption('ULTRA_MINIMAL')
    await section.locator('button[data-control="CHIP_SELECTION"]').click()
    await section.locator('.readback .legacy', { hasText: 'ULTRA_MINIMAL' }).waitFor({ timeout: 5000 })
    expect(await section.locator('.outcome').textContent()).toContain('applied: ULTRA_MINIMAL')
    await shot(admin, 'admin')

    // Cluster status drawn from a real stream entry.
    const cells = encodeClusterStatus({ '0': { type: 'worker_status', status: 'busy' } })
    await stack.redis.client.xadd(
      keys.key('clusterStatus', { set: 'SFM_SET_0' satisfies ClusterStatusSet }),
      '*',
      STREAM_DATA_FIELD,
      cells,
    )
    await admin.goto(`${stack.url}/${LOCATION}/cluster-status`)
    await admin.locator('polygon.det.st-busy[data-detector="0"]').waitFor({ timeout: 5000 })
    await shot(admin, 'cluster-status')

    const other = await browser.page({ [USER_HEADER]: 'mallory' })
    await other.goto(`${stack.url}/${LOCATION}/admin`)
    await other.locator('p.refused').waitFor()
    expect(await other.locator('button[data-control="CHIP_SELECTION"]').count()).toBe(0)
    const status = await other.evaluate(async (location) => {
      const r = await fetch(`/api/${location}/controls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ control: 'CHIP_SELECTION', value: 'ALL' }),
      })
      return r.status
    }, LOCATION)
    expect(status).toBe(403)
    await admin.goto(`${stack.url}/`)
    await shot(admin, 'home')
    await admin.goto(`${stack.url}/${LOCATION}`)
    await shot(admin, 'location')
  })
})
