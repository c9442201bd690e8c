// The cluster-manager process: `node --conditions=@rubin/source services/cluster-manager/src/main.ts` (env: config.ts).
import { runService } from '@rubin/ra-runtime'
import { clusterManagerService } from './service.ts'

await runService(clusterManagerService())
