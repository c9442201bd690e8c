// Test payload builders: valid contract payloads with just the fields a test cares about changed.
import type { Instrument, ProcessPayload, RestartPayload } from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'

export interface PayloadOptions {
  readonly exposure: number
  readonly detector?: number
  readonly instrument?: Instrument
  readonly step?: ProcessPayload['step']
  readonly who?: ProcessPayload['who']
  readonly pipeline?: ProcessPayload['pipeline']
  readonly task?: ProcessPayload['task']
  readonly attempt?: number
  readonly specialMessage?: ProcessPayload['specialMessage']
  readonly dataIds?: ProcessPayload['dataIds']
}

export function processPayload(options: PayloadOptions): ProcessPayload {
  const instrument = options.instrument ?? 'LSSTCam'
  const step = options.step ?? 'step1a'
  const detector = options.detector
  const payload: ProcessPayload = {
    kind: 'process',
    payloadId: `${options.exposure}-${options.pipeline ?? options.task ?? step}-${detector ?? 'x'}-${options.attempt ?? 1}`,
    instrument,
    step,
    who: options.who ?? 'SFM',
    ...(options.task === undefined ? { pipeline: options.pipeline ?? 'SFM' } : { task: options.task }),
    dataIds: options.dataIds ?? [
      { instrument, exposure: options.exposure, ...(detector === undefined ? {} : { detector }) },
    ],
    run: `${instrument}/runs/quickLook/1`,
    specialMessage: options.specialMessage ?? '',
    attempt: options.attempt ?? 1,
    enqueuedAt: '2025-11-16T03:12:45.100Z',
  }
  const checked = validate('Payload', payload)
  if (!checked.ok) throw new Error(`test payload is invalid: ${JSON.stringify(checked.issues)}`)
  return payload
}

export function restartPayload(target: string, id = 1): RestartPayload {
  return {
    kind: 'restart',
    payloadId: `restart-${target}-${id}`,
    target,
    reason: 'RUBINTV_CONTROL_RESET_SFM_SET_0 by a test',
    enqueuedAt: '2025-11-16T03:12:45.100Z',
  }
}
