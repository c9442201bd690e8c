// ----------------------------------------------------------------------------
// The one-off analyses, keyed as the worker's pipeline registry looks payloads up
// (`payload.pipeline ?? payload.task`): the EXPOSURE_RECORD and GUIDER one-off
// tasks, and every corner-wavefront AOS pipeline id (their step1a and visit-step
// payloads both come here; ./aos.ts tells them apart by the data id's detector).
// ----------------------------------------------------------------------------
import { AOS_CWFS_PIPELINES, OneOffTask } from '@rubin/ra-contract'
import type { QuicklookDeps } from '../quicklook/deps.ts'
import type { PipelineRunner } from '../types.ts'
import { aosRunner } from './aos.ts'
import { exposureRecordRunner } from './exposure-record.ts'
import { guiderRunner } from './guider.ts'

export { ONE_OFF_ERROR_CODES, OneOffError, type OneOffErrorCode } from './errors.ts'
export { simulatedMountTelemetry } from './telemetry.ts'

const task = (name: OneOffTask) => {
  if (!OneOffTask.is(name)) throw new Error(`not a contract OneOffTask: ${name}`)
  return name
}

export function oneOffRunners(deps: QuicklookDeps): Record<string, PipelineRunner> {
  const aos = aosRunner(deps)
  return {
    [task('EXPOSURE_RECORD')]: exposureRecordRunner(deps),
    [task('GUIDER')]: guiderRunner(deps),
    ...Object.fromEntries(AOS_CWFS_PIPELINES.map((pipeline) => [pipeline, aos])),
  }
}
