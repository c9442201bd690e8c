// ClusterStatusEntry: today's `data` objects validate; anything RubinTV would misdraw does not.
import { Value } from '@sinclair/typebox/value'
import { describe, expect, it } from 'vitest'
import { schemaId } from '../internal/message.ts'
import { ClusterStatusEntry, ClusterStatusEntryMessage } from './cluster-status.ts'

describe('ClusterStatusEntry', () => {
  it('has a stable $id and valid golden examples', () => {
    expect(ClusterStatusEntry.$id).toBe(schemaId('cluster-status-entry'))
    expect(ClusterStatusEntry.additionalProperties).toBe(false)
    for (const example of ClusterStatusEntryMessage.examples)
      expect(Value.Check(ClusterStatusEntry, example)).toBe(true)
  })

  it('accepts the string today’s RA writes', () => {
    expect(Value.Check(ClusterStatusEntry, JSON.parse('{"94": {"status": "free", "type": "worker_status"}}'))).toBe(
      true,
    )
  })

  it('refuses broken entries', () => {
    const [good] = ClusterStatusEntryMessage.examples as [Record<string, Record<string, unknown>>]
    const broken = [
      { ...good, '94': { status: 'asleep', type: 'worker_status' } },
      { ...good, '94': { status: '0', type: 'worker_status' } },
      { ...good, '94': { status: 'free' } },
      { ...good, '94': { status: 'free', type: 'worker_status', queue: 3 } },
      { ...good, '94': { status: 3, type: 'worker_status' } },
      { 'sfm-94': { status: 'free', type: 'worker_status' } },
      { n: { status: 'eight', type: 'worker_count' } },
    ]
    for (const entry of broken) expect(Value.Check(ClusterStatusEntry, entry), JSON.stringify(entry)).toBe(false)
  })
})
