// ControlCommand and ControlReadback: golden examples validate, broken ones do not.
import { Value } from '@sinclair/typebox/value'
import { describe, expect, it } from 'vitest'
import { controlReadback } from '../controls/values.ts'
import { schemaId } from '../internal/message.ts'
import { ControlCommand, ControlCommandMessage, ControlReadback, ControlReadbackMessage } from './control.ts'

describe('ControlCommand', () => {
  it('has a stable $id and valid golden examples', () => {
    expect(ControlCommand.$id).toBe(schemaId('control-command'))
    expect(ControlCommand.additionalProperties).toBe(false)
    for (const example of ControlCommandMessage.examples) expect(Value.Check(ControlCommand, example)).toBe(true)
  })

  it('refuses unknown controls, missing values and extra fields', () => {
    const [good] = ControlCommandMessage.examples as [Record<string, unknown>]
    expect(Value.Check(ControlCommand, { ...good, control: 'CLEAR_REDIS' })).toBe(false)
    expect(Value.Check(ControlCommand, { control: 'AOS_PIPELINE' })).toBe(false)
    expect(Value.Check(ControlCommand, { ...good, key: 'RUBINTV_CONTROL_AOS_PIPELINE' })).toBe(false)
    expect(Value.Check(ControlCommand, { ...good, requestedAt: '16/11/2025' })).toBe(false)
  })
})

describe('ControlReadback', () => {
  it('has a stable $id and valid golden examples', () => {
    expect(ControlReadback.$id).toBe(schemaId('control-readback'))
    for (const example of ControlReadbackMessage.examples) expect(Value.Check(ControlReadback, example)).toBe(true)
  })

  it('refuses unknown outcomes, unknown rejection codes and missing times', () => {
    const [good] = ControlReadbackMessage.examples as [Record<string, unknown>]
    expect(Value.Check(ControlReadback, { ...good, outcome: 'ok' })).toBe(false)
    expect(Value.Check(ControlReadback, { ...good, code: 'REJECTED_BETWEEN_PAIR!' })).toBe(false)
    const { at: _at, ...noTime } = good
    expect(Value.Check(ControlReadback, noTime)).toBe(false)
  })

  it('is what controlReadback builds', () => {
    const at = new Date('2025-11-16T03:12:41Z')
    const applied = controlReadback('AOS_PIPELINE', 'DANISH', { outcome: 'applied', value: 'AOS_DANISH' }, at)
    const rejected = controlReadback(
      'AOS_FAM_PIPELINE',
      'TIE',
      { outcome: 'rejected', code: 'BETWEEN_PAIR', reason: 'between the exposures of a pair' },
      at,
    )
    expect(Value.Check(ControlReadback, applied)).toBe(true)
    expect(Value.Check(ControlReadback, rejected)).toBe(true)
    expect(rejected.value).toBe('')
  })
})
