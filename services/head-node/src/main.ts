// The head-node process: one per instrument (RA_INSTRUMENT). See ./service.ts.
import { runService } from '@rubin/ra-runtime'
import { headNodeService } from './service.ts'

await runService(headNodeService())
