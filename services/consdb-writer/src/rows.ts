// ----------------------------------------------------------------------------
// A consdbRows entry → rows ready to upsert, or the reasons it (or some of its
// rows) is refused. Each row: its id column (exposure_id, visit_id or
// ccdvisit_id) computed with the contract's id helpers when left out, or
// checked against (day_obs, seq_num[, detector]) when given; then validated
// strictly with the table's row message, so an unknown column is refused
// here rather than failing the SQL.
// ----------------------------------------------------------------------------
import {
  CONSDB_SCHEMA_FOR_INSTRUMENT,
  CONSDB_TABLES,
  type ConsdbColumnName,
  type ConsdbRowBatch,
  type ConsdbSchema,
  type Controller,
  ccdExposureId,
  exposureId,
  formatIssues,
  parseExposureId,
  unpackCcdExposureId,
} from '@rubin/ra-contract'
import { type MessageName, validate, validateReceived } from '@rubin/ra-contract/validate'
import { parseJson } from './json.ts'

export type ConsdbInstrument = ConsdbRowBatch['instrument']
export type QuicklookTable = ConsdbRowBatch['table']
export type Row = Record<string, string | number | boolean | null>

/** The row message each (instrument, table) is validated with: names from the contract. */
const ROW_MESSAGE = {
  LSSTCam: {
    ccdvisit1_quicklook: 'CcdVisit1QuicklookRow',
    visit1_quicklook: 'Visit1QuicklookRow',
    exposure_quicklook: 'ExposureQuicklookRow',
    ccdexposure_quicklook: 'CcdExposureQuicklookRow',
  },
  LATISS: {
    ccdvisit1_quicklook: 'LatissCcdVisit1QuicklookRow',
    visit1_quicklook: 'LatissVisit1QuicklookRow',
    exposure_quicklook: 'LatissExposureQuicklookRow',
    ccdexposure_quicklook: 'LatissCcdExposureQuicklookRow',
  },
} as const satisfies Record<ConsdbInstrument, Record<QuicklookTable, MessageName>>

/** Each quicklook table's id column and how it is packed (Felis: NOT NULL, not part of the primary key). */
export const ID_COLUMN = {
  exposure_quicklook: { column: 'exposure_id', packing: 'exposure' },
  visit1_quicklook: { column: 'visit_id', packing: 'exposure' },
  ccdvisit1_quicklook: { column: 'ccdvisit_id', packing: 'ccd' },
  ccdexposure_quicklook: { column: 'ccdexposure_id', packing: 'ccd' },
} as const satisfies {
  [T in QuicklookTable]: { column: ConsdbColumnName<'cdb_lsstcam', T>; packing: 'exposure' | 'ccd' }
}

export const ROW_ERRORS = {
  missing: 'RA_CONSDB_BATCH_MISSING',
  notJson: 'RA_CONSDB_BATCH_NOT_JSON',
  invalid: 'RA_CONSDB_BATCH_INVALID',
  row: 'RA_CONSDB_ROW_INVALID',
  id: 'RA_CONSDB_ID_MISMATCH',
} as const

export interface RowProblem {
  readonly index: number
  readonly code: (typeof ROW_ERRORS)['row' | 'id']
  readonly reason: string
  readonly row: unknown
}

export interface PreparedBatch {
  readonly instrument: ConsdbInstrument
  readonly schema: ConsdbSchema
  readonly table: QuicklookTable
  readonly primaryKey: readonly string[]
  readonly idColumn: string
  readonly rows: Row[]
  readonly problems: RowProblem[]
}

export type BatchResult =
  | { readonly ok: true; readonly batch: PreparedBatch }
  | {
      readonly ok: false
      readonly code: (typeof ROW_ERRORS)['missing' | 'notJson' | 'invalid']
      readonly reason: string
    }

function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined
}

/** Fill or check the id column; returns the reason when the row cannot be keyed. */
function keyRow(
  row: Row,
  table: QuicklookTable,
  controller: Controller,
): { code: RowProblem['code']; reason: string } | undefined {
  const { column, packing } = ID_COLUMN[table]
  const dayObs = int(row.day_obs)
  const seqNum = int(row.seq_num)
  const detector = int(row.detector)
  // Missing or mistyped keys are reported by the row schema, which names every problem at once.
  if (dayObs === undefined || seqNum === undefined || (packing === 'ccd' && detector === undefined)) return undefined
  const given = row[column]
  if (given === undefined) {
    const id =
      packing === 'ccd'
        ? ccdExposureId({ dayObs, seqNum, controller, detector: detector as number })
        : exposureId({ dayObs, seqNum, controller })
    if (!id.ok) return { code: ROW_ERRORS.row, reason: `cannot compute ${column}: ${formatIssues(id.issues)}` }
    row[column] = id.value
    return undefined
  }
  const parts = packing === 'ccd' ? unpackCcdExposureId(given, `/${column}`) : parseExposureId(given, `/${column}`)
  if (!parts.ok) return { code: ROW_ERRORS.id, reason: formatIssues(parts.issues) }
  const p = parts.value as { dayObs: number; seqNum: number; detector?: number }
  if (p.dayObs !== dayObs || p.seqNum !== seqNum || (packing === 'ccd' && p.detector !== detector)) {
    const says = `day_obs ${p.dayObs}, seq_num ${p.seqNum}${packing === 'ccd' ? `, detector ${p.detector}` : ''}`
    return {
      code: ROW_ERRORS.id,
      reason: `${column} ${String(given)} stands for ${says}, not this row's key; leave ${column} out to have it computed`,
    }
  }
  return undefined
}

export function prepareBatch(text: string | undefined): BatchResult {
  if (text === undefined) {
    return { ok: false, code: ROW_ERRORS.missing, reason: 'the entry has no data field: write batches with xaddJson' }
  }
  const parsed = parseJson(text)
  if (!parsed.ok) return { ok: false, code: ROW_ERRORS.notJson, reason: parsed.reason }
  const checked = validateReceived('ConsdbRowBatch', parsed.value)
  if (!checked.ok) {
    return { ok: false, code: ROW_ERRORS.invalid, reason: `not a ConsdbRowBatch: ${formatIssues(checked.issues)}` }
  }
  const { instrument, table, controller = 'O' } = checked.value
  const schema = CONSDB_SCHEMA_FOR_INSTRUMENT[instrument]
  const message = ROW_MESSAGE[instrument][table]
  const rows: Row[] = []
  const problems: RowProblem[] = []
  for (const [index, original] of checked.value.rows.entries()) {
    const row: Row = { ...original }
    const keyed = keyRow(row, table, controller)
    if (keyed) {
      problems.push({ index, ...keyed, row: original })
      continue
    }
    const valid = validate(message, row)
    if (valid.ok) rows.push(row)
    else {
      const reason = `row ${index} is not a ${message}: ${formatIssues(valid.issues)}`
      problems.push({ index, code: ROW_ERRORS.row, reason, row: original })
    }
  }
  return {
    ok: true,
    batch: {
      instrument,
      schema,
      table,
      primaryKey: CONSDB_TABLES[schema][table].primaryKey,
      idColumn: ID_COLUMN[table].column,
      rows,
      problems,
    },
  }
}

/** The consdbAnnounced field for a written row: lower-cased `{instrument}-{table}-{obsId}` (today's form). */
export function announcedField(instrument: ConsdbInstrument, table: QuicklookTable, id: number): string {
  return `${instrument}-${table}-${id}`.toLowerCase()
}
