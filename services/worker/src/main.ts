// The worker process: `node --conditions=@rubin/source services/worker/src/main.ts`.
import { runService } from '@rubin/ra-runtime'
import { serviceForFlavour, workerService } from './service.ts'

await runService(
  workerService({
    service: serviceForFlavour(process.env.RA_WORKER_FLAVOUR),
    // A restart payload: stop cleanly (runService's SIGTERM path exits 0) so Kubernetes starts the pod again.
    onRestart: () => {
      process.kill(process.pid, 'SIGTERM')
    },
    // Already logged; claimed work stays in Redis for the restarted pod (or the cluster manager).
    onFatal: () => process.exit(1),
  }),
)
