// Exposure records for scenarios: realistic LSSTCam science exposures, validated by the contract.
import { type ExposureRecord, exposureId, obsId } from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'

export function scienceExposure(dayObs: number, seqNum: number, at: Date): ExposureRecord {
  const id = exposureId({ dayObs, seqNum, controller: 'O' })
  const name = obsId({ instrument: 'LSSTCam', controller: 'O', dayObs, seqNum })
  if (!id.ok || !name.ok) throw new Error(`cannot make ids for ${dayObs}/${seqNum}`)
  const record = {
    instrument: 'LSSTCam',
    exposureId: id.value,
    obsId: name.value,
    dayObs,
    seqNum,
    controller: 'O',
    groupId: at.toISOString(),
    observationType: 'science',
    observationReason: 'field_survey_science',
    physicalFilter: 'r_57',
    exposureTime: 30,
    darkTime: 30.3,
    targetName: 'scenario_field',
    scienceProgram: 'BLOCK-SCENARIO',
    trackingRa: 10.5,
    trackingDec: -30.2,
    skyAngle: 0,
    azimuth: 120,
    zenithAngle: 30,
    canSeeSky: true,
    timespanBegin: new Date(at.getTime() - 30_000).toISOString(),
    timespanEnd: at.toISOString(),
  }
  const checked = validate('ExposureRecord', record)
  if (!checked.ok) throw new Error(`scenario record is invalid: ${JSON.stringify(checked.issues)}`)
  return checked.value
}
