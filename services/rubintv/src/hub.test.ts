import type { RubinTvServerMessage } from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import { describe, expect, it } from 'vitest'
import { Hub, type SnapshotData } from './hub.ts'

const product = (seq: number) => ({
  kind: 'product' as const,
  product: {
    key: `k${seq}`,
    camera: 'lsstcam' as const,
    channel: 'imexam',
    dayObs: 20251115,
    seq,
    ext: 'png',
    url: `/media/local/k${seq}`,
  },
})

function setup(keep = 500) {
  let day = 20251115
  const hub = new Hub({
    runId: 'run1',
    today: () => day,
    keep,
    snapshot: (t): SnapshotData =>
      t.kind === 'cameraTable'
        ? { kind: 'cameraTable', dayObs: t.dayObs, events: {}, perDay: {}, metadata: {} }
        : { kind: 'clusterStatus', sets: {} },
  })
  const frames: RubinTvServerMessage[] = []
  const sub = {
    send: (m: RubinTvServerMessage) => {
      const checked = validate('RubinTvServerMessage', m)
      if (!checked.ok) throw new Error(JSON.stringify(checked.issues))
      frames.push(m)
    },
  }
  return { hub, frames, sub, setDay: (d: number) => (day = d) }
}

const topic = { kind: 'cameraTable', location: 'local', camera: 'lsstcam' } as const

describe('Hub', () => {
  it('sends a snapshot, then versioned deltas, only to subscribers of the topic', () => {
    const { hub, frames, sub } = setup()
    hub.subscribe(sub, 'a', topic)
    hub.publish({ ...topic, dayObs: 20251115 }, product(1))
    hub.publish({ ...topic, dayObs: 20251114 }, product(2))
    expect(frames.map((f) => [f.type, 'version' in f ? f.version : undefined])).toEqual([
      ['snapshot', 0],
      ['delta', 1],
    ])
  })

  it('resumes within the kept deltas and falls back to a snapshot beyond them', () => {
    const { hub, frames, sub } = setup(2)
    hub.subscribe(sub, 'a', topic)
    for (let i = 1; i <= 4; i++) hub.publish({ ...topic, dayObs: 20251115 }, product(i))
    const epoch = (frames[0] as { epoch: string }).epoch
    frames.length = 0
    hub.subscribe(sub, 'b', topic, { epoch, version: 2 })
    expect(frames.map((f) => f.type)).toEqual(['resumed', 'delta', 'delta'])
    frames.length = 0
    hub.subscribe(sub, 'c', topic, { epoch, version: 1 })
    expect(frames.map((f) => f.type)).toEqual(['snapshot'])
  })

  it('moves current-day subscriptions to the new day on rollover, not fixed-day ones', () => {
    const { hub, frames, sub, setDay } = setup()
    hub.subscribe(sub, 'live', topic)
    hub.subscribe(sub, 'fixed', { ...topic, dayObs: 20251115 })
    frames.length = 0
    setDay(20251116)
    expect(hub.checkRollover()).toBe(true)
    expect(frames).toMatchObject([
      { type: 'dayRollover', id: 'live', dayObs: 20251116 },
      { type: 'snapshot', id: 'live', data: { dayObs: 20251116 } },
    ])
    frames.length = 0
    hub.publish({ ...topic, dayObs: 20251116 }, product(1))
    expect(frames.map((f) => 'id' in f && f.id)).toEqual(['live'])
  })
})
