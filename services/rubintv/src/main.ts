// The RubinTV reference consumer process (see README.md for its environment).
import { runService } from '@rubin/ra-runtime'
import { rubintvService } from './service.ts'

await runService(rubintvService())
