// ----------------------------------------------------------------------------
// Payload construction. Payload ids are deterministic, so a worker (or a person
// reading a queue) can tell a re-dispatch of the same work from new work:
//   step1a   {exposureId}-{who}-{detector:03}-{attempt}   2025111500226-SFM-094-1
//   one-off  {exposureId}-ONE-OFF-{task}-{attempt}         2025111500226-ONE-OFF-EXPOSURE-RECORD-1
//   step1b   {processingId}-{who}-step1b-{attempt}         2025111500226-AOS-step1b-1
// The contract's PayloadId has no underscore, so ONE_OFF and task names are dashed.
// ----------------------------------------------------------------------------
import type { DataId, Instrument, OneOffTask, Pipeline, ProcessPayload, Who } from '@rubin/ra-contract'

/** A one-off task name (the contract exports the identifier set, not a type alias). */
export type OneOffTaskName = (typeof OneOffTask.values)[number]

const FIRST_ATTEMPT = 1

const dashed = (text: string) => text.replaceAll('_', '-')
const pad3 = (n: number) => String(n).padStart(3, '0')

export interface PayloadContext {
  readonly instrument: Instrument
  readonly run: string
  readonly enqueuedAt: string
}

function processPayload(
  context: PayloadContext,
  fields: Pick<ProcessPayload, 'payloadId' | 'step' | 'who' | 'dataIds'> & {
    readonly pipeline?: Pipeline
    readonly task?: OneOffTaskName
  },
): ProcessPayload {
  return {
    kind: 'process',
    payloadId: fields.payloadId,
    instrument: context.instrument,
    step: fields.step,
    who: fields.who,
    ...(fields.pipeline === undefined ? {} : { pipeline: fields.pipeline }),
    ...(fields.task === undefined ? {} : { task: fields.task }),
    dataIds: fields.dataIds,
    run: context.run,
    specialMessage: '',
    attempt: FIRST_ATTEMPT,
    enqueuedAt: context.enqueuedAt,
  }
}

export function detectorPayload(
  context: PayloadContext,
  exposureId: number,
  detector: number,
  branch: { readonly who: Who; readonly pipeline: Pipeline },
): ProcessPayload {
  return processPayload(context, {
    payloadId: `${exposureId}-${dashed(branch.who)}-${pad3(detector)}-${FIRST_ATTEMPT}`,
    step: 'step1a',
    who: branch.who,
    pipeline: branch.pipeline,
    dataIds: [{ instrument: context.instrument, exposure: exposureId, detector }],
  })
}

export function oneOffPayload(context: PayloadContext, exposureId: number, task: OneOffTaskName): ProcessPayload {
  return processPayload(context, {
    payloadId: `${exposureId}-ONE-OFF-${dashed(task)}-${FIRST_ATTEMPT}`,
    step: 'oneOff',
    who: 'ONE_OFF',
    task,
    dataIds: [{ instrument: context.instrument, exposure: exposureId }],
  })
}

/** The visit-level payload for a gathered processing id (one data id per visit it covers). */
export function step1bPayload(
  context: PayloadContext,
  processingId: string,
  visits: readonly number[],
  branch: { readonly who: Who; readonly pipeline: Pipeline },
): ProcessPayload {
  const dataIds: DataId[] = visits.map((visit) => ({ instrument: context.instrument, visit }))
  return processPayload(context, {
    payloadId: `${processingId}-${dashed(branch.who)}-step1b-${FIRST_ATTEMPT}`,
    step: 'step1b',
    who: branch.who,
    pipeline: branch.pipeline,
    dataIds,
  })
}
