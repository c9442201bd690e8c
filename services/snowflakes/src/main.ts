// The snowflakes process: `node --conditions=@rubin/source services/snowflakes/src/main.ts` (env: see config.ts).
import { runService } from '@rubin/ra-runtime'
import { snowflakesService } from './service.ts'

await runService(snowflakesService())
