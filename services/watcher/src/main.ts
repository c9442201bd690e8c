// The watcher process: `node --conditions=@rubin/source services/watcher/src/main.ts` (env: see config.ts).
import { runService } from '@rubin/ra-runtime'
import { watcherService } from './service.ts'

await runService(watcherService())
