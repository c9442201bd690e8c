// The ConsDB writer process: `node --conditions=@rubin/source services/consdb-writer/src/main.ts` (env: see config.ts).
import { runService } from '@rubin/ra-runtime'
import { consdbWriterService } from './service.ts'

await runService(consdbWriterService())
