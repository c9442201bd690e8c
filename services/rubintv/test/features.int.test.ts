// Night reports and the memory bound on past days, against a real private Redis
// and the project's S3 server.
import { type DayObs, formatDayObs, previousDayObs } from '@rubin/ra-contract'
import { describe, expect, it } from 'vitest'
import { keyOf, keys, LOCATION, PNG, putObject, startStack, today } from './helpers.ts'

const daysBack = (n: number): DayObs => {
  let d = today()
  for (let i = 0; i < n; i++) d = previousDayObs(d)
  return d
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let value = await read()
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50))
    value = await read()
  }
  return value
}

describe('rubintv night reports and memory', () => {
  it('serves a night report: text parsed with the contract, plots by group; refused text is dead-lettered', async () => {
    await using stack = await startStack()
    const dayObs = today()
    const text = { text_010: 'Night of tonight:\n  412 exposures', 'Seeing vs time': 'https://example.org/s.png' }
    await putObject(stack, keyOf({ kind: 'nightReportText', camera: 'lsstcam', dayObs }), JSON.stringify(text), {
      kind: 'nightReportText',
      camera: 'lsstcam',
      dayObs,
    })
    for (const [group, name] of [
      ['Photometry', 'mag'],
      ['Photometry', 'zeropoint'],
      ['Seeing', 'fwhm'],
    ] as const) {
      const key = keyOf({ kind: 'nightReportPlot', camera: 'lsstcam', dayObs, group, name, ext: 'png' })
      await putObject(stack, key, PNG, { kind: 'nightReportPlot', camera: 'lsstcam', dayObs })
    }
    const url = `${stack.url}/api/${LOCATION}/lsstcam/night-report/${formatDayObs(dayObs)}`
    const report = await eventually(
      async () => (await fetch(url)).json(),
      (r) => r.text !== null && Object.keys(r.groups).length === 2,
    )
    expect(report.text).toEqual(text)
    expect(Object.keys(report.groups).sort()).toEqual(['Photometry', 'Seeing'])
    expect(report.groups.Photometry.map((p: { name: string }) => p.name)).toEqual(['mag', 'zeropoint'])
    const plot = await fetch(`${stack.url}${report.groups.Seeing[0].url}`)
    expect(plot.status).toBe(200)
    expect(Buffer.from(await plot.arrayBuffer())).toEqual(PNG)

    // A past day nobody notified about is listed on demand; a refused text is reported, not shown.
    const past = daysBack(3)
    await putObject(
      stack,
      keyOf({ kind: 'nightReportText', camera: 'lsstcam', dayObs: past }),
      '{"text_010":5}',
      undefined,
    )
    const bad = await (await fetch(`${stack.url}/api/${LOCATION}/lsstcam/night-report/${formatDayObs(past)}`)).json()
    expect(bad.text).toBeNull()
    expect(bad.problem).toContain('NightReportText')
    const letters = await stack.redis.client.xrange(keys.key('deadLetters'), '-', '+')
    expect(letters.map(([, f]) => f.join(' ')).join('\n')).toContain('RUBINTV_NIGHT_REPORT_INVALID')
    // No report at all: an empty answer, not an error.
    const none = await fetch(`${stack.url}/api/${LOCATION}/lsstcam/night-report/${formatDayObs(daysBack(9))}`)
    expect(await none.json()).toMatchObject({ text: null, groups: {} })
  })

  it('keeps at most RUBINTV_MAX_PAST_DAYS past days in memory and lists an evicted day again on demand', async () => {
    await using stack = await startStack({ RUBINTV_MAX_PAST_DAYS: '2' })
    await stack.running.reconcile()
    const current = stack.running.daysInMemory()
    const days = [1, 2, 3, 4].map(daysBack)
    for (const dayObs of days) {
      const key = keyOf({ kind: 'event', camera: 'lsstcam', channel: 'imexam', dayObs, seq: 7, ext: 'png' })
      await putObject(stack, key, PNG, undefined)
    }
    const table = (dayObs: DayObs) =>
      fetch(`${stack.url}/api/${LOCATION}/lsstcam/table/${formatDayObs(dayObs)}`).then((r) => r.json())
    for (const dayObs of days) {
      const seen = await eventually(
        () => table(dayObs),
        (t) => t.events['7'] !== undefined,
      )
      expect(seen.events['7'].imexam.dayObs).toBe(dayObs)
    }
    expect(stack.running.daysInMemory() - current).toBeLessThanOrEqual(2)
    // The first day was dropped; asking again lists it again and its product is back.
    const first = days[0] as DayObs
    const again = await eventually(
      () => table(first),
      (t) => t.events['7'] !== undefined,
    )
    expect(again.events['7'].imexam.seq).toBe(7)
    expect(stack.running.daysInMemory() - current).toBeLessThanOrEqual(2)
  })
})
