import { describe, expect, it } from 'vitest'
import { keyOfChannel, missingKeyspaceFlags } from './keyspace.ts'

describe('keyspace notifications', () => {
  it('add only the flags that are missing for string keyspace events', () => {
    expect(missingKeyspaceFlags('')).toBe('K$')
    expect(missingKeyspaceFlags('Ex')).toBe('K$')
    expect(missingKeyspaceFlags('K$')).toBe('')
    expect(missingKeyspaceFlags('KA')).toBe('')
    expect(missingKeyspaceFlags('$E')).toBe('K')
  })

  it('find the key a keyspace channel is about', () => {
    expect(keyOfChannel('__keyspace@0__:RUBINTV_CONTROL_AOS_PIPELINE')).toBe('RUBINTV_CONTROL_AOS_PIPELINE')
    expect(keyOfChannel('__keyspace@12__:t1:RUBINTV_CONTROL_X')).toBe('t1:RUBINTV_CONTROL_X')
    expect(keyOfChannel('__keyevent@0__:set')).toBeUndefined()
  })
})
