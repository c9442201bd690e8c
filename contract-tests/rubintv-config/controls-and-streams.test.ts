// ----------------------------------------------------------------------------
// Today's RubinTV admin menus and cluster-status streams (models_data.yaml
// `admin_redis_menus`, `redis_detectors`) against the contract: every key RubinTV
// writes is a control some RA service consumes (and answers with a read-back);
// every item it offers is accepted; every stream it reads is one RA writes.
// ----------------------------------------------------------------------------
import {
  CLUSTER_STATUS_SETS,
  ClusterStatusSet,
  CONTROLS,
  clusterStatusStreamKey,
  parseControlKey,
  parseControlValue,
  readbackKey,
  resetKeyForClusterStatusSet,
} from '@rubin/ra-contract'
import { describe, expect, it } from 'vitest'
import { loadModelsData } from './models-data.ts'

const data = loadModelsData()

/** Streams RubinTV lists that no RA service writes, with the reason. */
const STREAMS_NOT_PRODUCED: Readonly<Record<string, string>> = {
  test_stream: "RubinTV's own test entry for its cluster-status page; nothing in RA writes or should write it.",
}

describe("RubinTV's admin menus", () => {
  it.each(data.admin_redis_menus.map((m) => [m.key, m] as const))('%s is a consumed control', (key, menu) => {
    const parsed = parseControlKey(key)
    expect(parsed.ok, `RubinTV writes ${key}, which names no control in the contract`).toBe(true)
    if (!parsed.ok) return
    const control = CONTROLS[parsed.value.control]
    expect(parsed.value.readback).toBe(false)
    expect(control.semantics).toBe('consume-once')
    // RubinTV subscribes to the read-back key; the contract's must be the same string.
    expect(readbackKey(parsed.value.control)).toBe(`${key}_READBACK`)
    expect(control.rubintvMenu?.items).toEqual(menu.items)
    expect(control.rubintvMenu?.title).toBe(menu.title)
  })

  it.each(data.admin_redis_menus.flatMap((m) => m.items.map((item) => [m.key, item] as const)))(
    '%s accepts the menu item %s',
    (key, item) => {
      const parsed = parseControlKey(key)
      if (!parsed.ok) throw new Error(`no control for ${key}`)
      const value = parseControlValue(parsed.value.control, item)
      expect(value.ok ? [] : value.issues).toEqual([])
    },
  )
})

describe("RubinTV's cluster-status streams", () => {
  const produced = data.redis_detectors.filter((d) => !(d.key in STREAMS_NOT_PRODUCED))

  it('are each written by RA under the same stream key and display name', () => {
    const contract = ClusterStatusSet.values.map((set) => ({
      stream: clusterStatusStreamKey(set),
      name: CLUSTER_STATUS_SETS[set].rubintvName,
    }))
    expect(contract).toEqual(produced.map((d) => ({ stream: `stream:${d.key}`, name: d.name })))
  })

  it('have reset keys RA consumes, derived exactly as RubinTV derives them', () => {
    for (const d of produced) {
      const rubintvResetKey = d.key.replace('CLUSTER_STATUS_', 'RUBINTV_CONTROL_RESET_')
      const parsed = parseControlKey(rubintvResetKey)
      expect(parsed.ok, `RubinTV's reset button writes ${rubintvResetKey}; no RA service consumes it`).toBe(true)
      if (parsed.ok) expect(CONTROLS[parsed.value.control].consumer).toBe('cluster-manager')
    }
    for (const set of ClusterStatusSet.values) {
      expect(resetKeyForClusterStatusSet(set)).toBe(`RUBINTV_CONTROL_RESET_${set}`)
    }
  })

  it('list only exemptions that still exist', () => {
    const keys = data.redis_detectors.map((d) => d.key)
    for (const exempt of Object.keys(STREAMS_NOT_PRODUCED)) expect(keys).toContain(exempt)
  })
})
