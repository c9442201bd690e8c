// ----------------------------------------------------------------------------
// Creating the ConsDB database itself, for a one-machine system only
// (RA_CONSDB_CREATE_DATABASE): at the sites ConsDB exists and is not ours.
// ----------------------------------------------------------------------------
import pg from 'pg'
import { quoteIdent } from './sql-types.ts'

/** The database a connection string names. */
export function databaseName(connectionString: string): string {
  const name = decodeURIComponent(new URL(connectionString).pathname.replace(/^\//, ''))
  if (name === '') throw new Error(`RA_CONSDB_URL '${connectionString}' names no database (…/consdb)`)
  return name
}

/** CREATE DATABASE through the server's maintenance database; a database that appeared meanwhile is fine. */
export async function createDatabase(connectionString: string): Promise<void> {
  const name = databaseName(connectionString)
  const url = new URL(connectionString)
  url.pathname = '/postgres'
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 })
  client.on('error', () => {})
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`)
  } catch (error) {
    // 42P04: duplicate_database (another writer created it first).
    if ((error as { code?: string }).code !== '42P04') throw error
  } finally {
    await client.end().catch(() => {})
  }
}
