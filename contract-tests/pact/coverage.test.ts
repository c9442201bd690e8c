// ----------------------------------------------------------------------------
// Coverage both ways, derived from code and data: every channel RubinTV shows
// has a producer here or a documented exemption, and every channel a producer
// writes is one RubinTV knows; every control the consumer can write is taken by
// a producer that answers with a read-back; every stream the consumer reads is
// written by a producer, and every RubinTV stream a producer writes is read.
// ----------------------------------------------------------------------------
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  buildS3Key,
  CHANNELS,
  CONTROLS,
  ControlName,
  camerasAt,
  findChannel,
  Instrument,
  notProducedReason,
  parseRedisKey,
  REDIS_KEYS,
  Who,
} from '@rubin/ra-contract'
import { validateReceived } from '@rubin/ra-contract/validate'
import { describe, expect, it } from 'vitest'
import { resetControlsFor } from '../../services/cluster-manager/src/resets.ts'
import { consumedControls } from '../../services/head-node/src/controls/consumer.ts'
import { PRODUCTS } from '../../services/products/src/catalogue.ts'
import { parseShownKey } from '../../services/rubintv/src/keys.ts'
import { dayMoviesOf, timingChannel } from '../../services/snowflakes/src/channels.ts'
import { CHANNEL_INTERACTIONS, PACT_DAY_OBS, PACT_LOCATION, STREAMS } from './interactions.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Non-test TypeScript source of a folder, concatenated. */
function sourceOf(dir: string): string {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) {
        if (name !== 'node_modules' && name !== 'test' && name !== 'testing') walk(path)
      } else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.test-d.ts')) {
        out.push(readFileSync(path, 'utf8'))
      }
    }
  }
  walk(dir)
  return out.join('\n')
}

/** Redis key handles a source builds (`keys.key('objectWritten'…)`), limited to names the contract has. */
function keysBuiltIn(source: string): Set<string> {
  const names = new Set<string>(REDIS_KEYS.map((k) => k.name))
  return new Set(
    [...source.matchAll(/\bkey\(\s*'([A-Za-z]+)'/g)].map((m) => m[1] as string).filter((n) => names.has(n)),
  )
}

const SERVICES = join(ROOT, 'services')
const PRODUCER_DIRS = readdirSync(SERVICES)
  .filter(
    (name) => name !== 'rubintv' && statSync(join(SERVICES, name, 'src'), { throwIfNoEntry: false }) !== undefined,
  )
  .map((name) => join(SERVICES, name, 'src'))

/** Every channel a producer here writes: the products catalogue and the snowflakes' own channels. */
function producedChannels(): { camera: string; channel: string; by: string }[] {
  const out = PRODUCTS.map((p) => ({ camera: p.camera as string, channel: p.channel, by: `products:${p.renderer}` }))
  for (const instrument of Instrument.values) {
    for (const movie of dayMoviesOf(instrument)) {
      out.push({ camera: movie.camera, channel: movie.movie, by: 'snowflakes:day-movie' })
    }
    for (const who of Who.values) {
      const timing = timingChannel(instrument, who)
      if (timing !== undefined)
        out.push({ camera: timing.camera, channel: timing.channel, by: 'snowflakes:performance' })
    }
  }
  return out
}

describe('channels, both ways', () => {
  it('every channel RubinTV shows has a producer here, or the contract says why not', () => {
    const produced = new Set(producedChannels().map((p) => `${p.camera}/${p.channel}`))
    const orphans = CHANNELS.filter(
      (c) => !produced.has(`${c.camera}/${c.name}`) && notProducedReason(c.camera, c.name) === undefined,
    ).map((c) => `${c.camera}/${c.name}`)
    expect(orphans, 'channels with neither a producer nor a NOT_PRODUCED entry').toEqual([])
    // And an exemption is never claimed for something that is produced.
    const exemptButProduced = CHANNELS.filter(
      (c) => produced.has(`${c.camera}/${c.name}`) && notProducedReason(c.camera, c.name) !== undefined,
    ).map((c) => `${c.camera}/${c.name}`)
    expect(exemptButProduced).toEqual([])
  })

  it('every produced channel has a pact interaction, and every interaction a produced channel', () => {
    const produced = new Set(producedChannels().map((p) => `${p.camera}/${p.channel}`))
    const pacted = new Set(CHANNEL_INTERACTIONS.map((i) => `${i.channel.camera}/${i.channel.name}`))
    expect([...pacted].sort()).toEqual([...produced].sort())
  })

  it('every channel a producer writes is a registry channel the consumer shows at the pact location', () => {
    const unknown: string[] = []
    for (const p of producedChannels()) {
      const spec = findChannel(p.camera as never, p.channel)
      if (spec === undefined) {
        unknown.push(`${p.camera}/${p.channel} (${p.by}): not in the registry`)
        continue
      }
      const key = spec.perDay
        ? buildS3Key({ kind: 'final', camera: spec.camera, channel: spec.name, dayObs: PACT_DAY_OBS, ext: 'mp4' })
        : buildS3Key({
            kind: 'event',
            camera: spec.camera,
            channel: spec.name,
            dayObs: PACT_DAY_OBS,
            seq: 1,
            ext: 'png',
          })
      if (!key.ok || parseShownKey(key.value) === undefined) unknown.push(`${p.camera}/${p.channel}: key not shown`)
      if (!camerasAt(PACT_LOCATION).includes(spec.camera)) unknown.push(`${p.camera}: not shown at ${PACT_LOCATION}`)
    }
    expect(unknown).toEqual([])
  })
})

/**
 * Controls the consumer writes that no producer answers yet, and why. Each entry must
 * still be a gap (the test fails once it is closed, so the entry gets removed).
 */
const CONTROL_GAPS: Partial<Record<ControlName, string>> = {}

describe('controls, both ways', () => {
  const headNode = sourceOf(join(SERVICES, 'head-node', 'src'))
  const clusterManager = sourceOf(join(SERVICES, 'cluster-manager', 'src'))
  const worker = sourceOf(join(SERVICES, 'worker', 'src'))

  it('the consumer can write every control (its admin write accepts it) and the contract lists it as a writer', () => {
    for (const control of ControlName.values) {
      expect(validateReceived('ControlCommand', { control, value: '1' }).ok, control).toBe(true)
      expect(CONTROLS[control].writers, control).toContain('rubintv')
    }
  })

  it('every consume-once control is taken by exactly one producer per instrument, which writes both read-backs', () => {
    const missing: string[] = []
    for (const control of ControlName.values) {
      const spec = CONTROLS[control]
      if (spec.semantics !== 'consume-once') continue
      for (const instrument of spec.instruments) {
        const takers = [
          ...(consumedControls(instrument).includes(control) ? ['head-node'] : []),
          ...(resetControlsFor(instrument).includes(control) ? ['cluster-manager'] : []),
        ]
        if (takers.length !== 1) missing.push(`${control} (${instrument}): taken by ${takers.join(', ') || 'nobody'}`)
        else expect(takers[0], control).toBe(spec.consumer)
      }
    }
    expect(missing).toEqual([])
    for (const [service, source] of [
      ['head-node', headNode],
      ['cluster-manager', clusterManager],
    ] as const) {
      expect([...keysBuiltIn(source)], service).toEqual(expect.arrayContaining(['controlReadback', 'controlReadbacks']))
    }
  })

  it('read-only controls are read by their consumer, or are a listed gap that is still open', () => {
    for (const control of ControlName.values) {
      const spec = CONTROLS[control]
      if (spec.semantics !== 'read') continue
      const readsIt = keysBuiltIn(spec.consumer === 'worker' ? worker : '').has('control')
      if (CONTROL_GAPS[control] !== undefined) expect(readsIt, `${control} is read now: remove its gap`).toBe(false)
      else expect(readsIt, `${control} is read by nobody`).toBe(true)
    }
  })
})

describe('streams, both ways', () => {
  const streams = new Set<string>(REDIS_KEYS.filter((k) => k.kind === 'stream').map((k) => k.name))
  const consumed = [...keysBuiltIn(sourceOf(join(SERVICES, 'rubintv', 'src')))].filter((n) => streams.has(n))
  const producedBy = new Map<string, string[]>()
  for (const dir of PRODUCER_DIRS) {
    for (const name of keysBuiltIn(sourceOf(dir))) {
      if (streams.has(name)) producedBy.set(name, [...(producedBy.get(name) ?? []), dir.split('/').at(-2) as string])
    }
  }

  it('the consumer reads every stream its pacts describe (the source scan finds them)', () => {
    const pacted = [STREAMS.objectWritten, STREAMS.controlReadbacks, STREAMS.clusterStatus('OTHER_QUEUES')]
    const handles = pacted.map((key) => {
      const parsed = parseRedisKey(key)
      if (!parsed.ok) throw new Error(`the contract does not know the stream ${key}`)
      return parsed.value.name
    })
    expect(consumed).toEqual(expect.arrayContaining(handles))
  })

  it('every stream the consumer reads is written by a producer here, and the contract says the consumer reads it', () => {
    for (const name of consumed) {
      expect(producedBy.get(name) ?? [], `${name} has no producer`).not.toEqual([])
      expect(REDIS_KEYS.find((k) => k.name === name)?.readers, name).toContain('rubintv')
    }
  })

  it('every stream a producer here writes for RubinTV is read by the consumer', () => {
    const forRubintv = [...producedBy.keys()].filter((name) =>
      (REDIS_KEYS.find((k) => k.name === name)?.readers as readonly string[] | undefined)?.includes('rubintv'),
    )
    expect(forRubintv.filter((name) => !consumed.includes(name))).toEqual([])
  })
})
