// `node --conditions=@rubin/source services/consdb-writer/src/migrate-main.ts`: create or upgrade the ConsDB
// schemas (RA_CONSDB_URL; RA_CONSDB_CREATE_DATABASE=true also creates the database) and print what was applied.
import { loadConfig } from '@rubin/ra-runtime'
import { ConsdbWriterConfig } from './config.ts'
import { createDatabase } from './database.ts'
import { migrate } from './migrate.ts'
import { createPool, isMissingDatabase } from './pg.ts'

const config = loadConfig('consdb-writer', ConsdbWriterConfig)
const pool = createPool({ connectionString: config.RA_CONSDB_URL, max: 1 })
try {
  const result = await migrate(pool).catch(async (error) => {
    if (!(config.RA_CONSDB_CREATE_DATABASE && isMissingDatabase(error))) throw error
    await createDatabase(config.RA_CONSDB_URL)
    return migrate(pool)
  })
  process.stdout.write(`${JSON.stringify(result)}\n`)
} catch (error) {
  process.stderr.write(`migration failed: ${(error as Error).message}\n`)
  process.exitCode = 1
} finally {
  await pool.end()
}
