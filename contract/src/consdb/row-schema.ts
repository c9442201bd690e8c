// ----------------------------------------------------------------------------
// ConsDB rows as TypeBox schemas, built from the extracted Felis column facts.
// Felis -> JSON types: double/float -> number; int/long/short/byte -> integer;
// boolean -> boolean; char/string/unicode/text/timestamp -> string. Nullable
// columns also accept null. Required: the primary key and the NOT NULL columns.
// ----------------------------------------------------------------------------
import {
  Kind,
  type TBoolean,
  type TInteger,
  type TNull,
  type TNumber,
  type TObject,
  type TOptional,
  type TSchema,
  type TString,
  type TUnion,
  Type,
  TypeRegistry,
} from '@sinclair/typebox'
import {
  CONSDB_TABLES,
  type ConsdbColumn,
  type ConsdbData,
  type ConsdbSchema,
  type ConsdbTable,
  requiredColumns,
} from './tables.ts'

type Column<S extends ConsdbSchema, T extends ConsdbTable> = ConsdbData[S]['tables'][T]['columns'][number]

/** The literal column names of one table. */
export type ConsdbColumnName<S extends ConsdbSchema, T extends ConsdbTable> = Column<S, T>['name']

type FelisSchema<D> = D extends 'double' | 'float'
  ? TNumber
  : D extends 'int' | 'long' | 'short' | 'byte'
    ? TInteger
    : D extends 'boolean'
      ? TBoolean
      : TString

type ColumnSchema<C> = C extends { readonly datatype: infer D; readonly nullable: infer N }
  ? N extends true
    ? TUnion<[FelisSchema<D>, TNull]>
    : FelisSchema<D>
  : never

type RequiredName<S extends ConsdbSchema, T extends ConsdbTable> =
  | ConsdbData[S]['tables'][T]['primaryKey'][number]
  | Extract<Column<S, T>, { readonly nullable: false }>['name']

/** TypeBox properties of a row restricted to the column names N. */
export type RowProperties<S extends ConsdbSchema, T extends ConsdbTable, N extends string> = {
  [C in Column<S, T> as C['name'] & N]: C['name'] extends RequiredName<S, T>
    ? ColumnSchema<C>
    : TOptional<ColumnSchema<C>>
}

export interface RowSchemaOptions<N extends string> {
  /** Only these columns (default: every column). Must include every required column. */
  readonly columns?: readonly N[]
  readonly title?: string
  readonly description?: string
}

function valueSchema(column: ConsdbColumn): TSchema {
  // The Felis type and unit go into the description: generated types and docs show them.
  const description = column.unit === undefined ? column.datatype : `${column.datatype} [${column.unit}]`
  switch (column.datatype) {
    case 'double':
    case 'float':
      return Type.Number({ description })
    case 'int':
    case 'long':
    case 'short':
    case 'byte':
      return Type.Integer({ description })
    case 'boolean':
      return Type.Boolean({ description })
    default:
      return column.length === undefined
        ? Type.String({ description })
        : Type.String({ description, maxLength: column.length })
  }
}

/**
 * Nullable columns use the compact draft-07 form `type: [T, "null"]` rather than
 * anyOf: with ~150 nullable columns per visit row, anyOf made the precompiled
 * validators several times larger. A TypeBox kind keeps Value.Check working.
 */
const NULLABLE_KIND = 'RaNullableScalar'
type NullableSchema = { type: [string, 'null']; maxLength?: number }
if (!TypeRegistry.Has(NULLABLE_KIND)) {
  TypeRegistry.Set(NULLABLE_KIND, (schema: NullableSchema, value) => {
    if (value === null) return true
    switch (schema.type[0]) {
      case 'number':
        return typeof value === 'number' && Number.isFinite(value)
      case 'integer':
        return Number.isInteger(value)
      case 'boolean':
        return typeof value === 'boolean'
      default:
        return typeof value === 'string' && (schema.maxLength === undefined || value.length <= schema.maxLength)
    }
  })
}

function columnSchema(column: ConsdbColumn): TSchema {
  if (!column.nullable) return valueSchema(column)
  const { type, ...rest } = valueSchema(column) as TSchema & { type: string }
  return Type.Unsafe({ ...rest, [Kind]: NULLABLE_KIND, type: [type, 'null'] })
}

/**
 * The schema of a row of `schema.table` (additional properties refused). A column list naming an
 * unknown column or leaving out a required one is a contract authoring bug, found at import time.
 */
export function consdbRowSchema<
  S extends ConsdbSchema,
  T extends ConsdbTable,
  N extends ConsdbColumnName<S, T> = ConsdbColumnName<S, T>,
>(schema: S, table: T, options: RowSchemaOptions<N> = {}): TObject<RowProperties<S, T, N>> {
  const info = CONSDB_TABLES[schema][table]
  const where = `consdbRowSchema(${schema}.${table})`
  const wanted = new Set<string>(options.columns ?? info.columns.map((c) => c.name))
  const known = new Set(info.columns.map((c) => c.name))
  for (const name of wanted) if (!known.has(name)) throw new Error(`${where}: no column '${name}'`)
  const required = new Set(requiredColumns(schema, table))
  for (const name of required) if (!wanted.has(name)) throw new Error(`${where}: required column '${name}' left out`)
  const properties: Record<string, TSchema> = {}
  for (const column of info.columns) {
    if (!wanted.has(column.name)) continue
    properties[column.name] = required.has(column.name) ? columnSchema(column) : Type.Optional(columnSchema(column))
  }
  const annotations = {
    ...(options.title === undefined ? {} : { title: options.title }),
    description: options.description ?? `A row of ConsDB table ${schema}.${table}.`,
  }
  // The property map is built from the same data the RowProperties type is computed from.
  return Type.Object(properties, { ...annotations, additionalProperties: false }) as TObject<RowProperties<S, T, N>>
}
