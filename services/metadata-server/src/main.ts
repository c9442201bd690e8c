// The metadata server process: `node --conditions=@rubin/source services/metadata-server/src/main.ts` (env: see config.ts).
import { runService } from '@rubin/ra-runtime'
import { metadataServerService } from './service.ts'

await runService(metadataServerService())
