// ----------------------------------------------------------------------------
// The worker as a ServiceSpec: usable in-process (integration tests, the
// scenario runner) through startService, and as a process through main.ts.
// ----------------------------------------------------------------------------
import type { RestartPayload } from '@rubin/ra-contract'
import type { ServiceSpec } from '@rubin/ra-runtime'
import { WorkerConfig, workerSettings } from './config.ts'
import type { ExecOptions } from './pipelines/exec-pipeline.ts'
import { buildQuicklookDeps, loadOneOffRunners } from './pipelines/quicklook/build-deps.ts'
import { createPipelineRegistry, type QuicklookRuntime } from './pipelines/registry.ts'
import { usesQuicklook } from './pipelines/spec.ts'
import type { PipelineRunner } from './pipelines/types.ts'
import { createWorkerMetrics } from './status.ts'
import { createWorker } from './worker.ts'

export { WorkerConfig, type WorkerSettings, workerSettings } from './config.ts'
export { placementForOrdinal, resolveIdentity, type WorkerIdentity } from './identity.ts'
export type { PipelineContext, PipelineResult, PipelineRunner } from './pipelines/types.ts'

/** The contract service a flavour runs as (step1b flavours are `step1b-worker`). */
export type WorkerServiceName = 'worker' | 'step1b-worker'

export function serviceForFlavour(flavour: string | undefined): WorkerServiceName {
  return flavour === 'STEP1B_WORKER' || flavour === 'STEP1B_AOS_WORKER' ? 'step1b-worker' : 'worker'
}

export interface WorkerServiceOptions {
  /** Service name in logs and dead letters; default `worker`. */
  readonly service?: WorkerServiceName
  /**
   * Called after a restart payload for this worker was taken off its claimed list and the
   * loop has ended (not awaited by it, so the hook may stop the service). The process exits 0
   * here so Kubernetes restarts the pod; without a hook (tests) the worker just stops working
   * and its heartbeat lapses.
   */
  readonly onRestart?: (payload: RestartPayload) => void | Promise<void>
  /** The worker loop died on an unexpected error; the process exits non-zero here. */
  readonly onFatal?: (error: Error) => void
  /** In-process implementations by pipeline id, one-off task or "*", over RA_PIPELINES. */
  readonly pipelines?: Readonly<Record<string, PipelineRunner>>
  /** For the exec pipeline (e.g. a shorter SIGTERM → SIGKILL grace in tests). */
  readonly exec?: ExecOptions
}

export function workerService(options: WorkerServiceOptions = {}): ServiceSpec<typeof WorkerConfig> {
  const name = options.service ?? 'worker'
  return {
    name,
    config: WorkerConfig,
    async start(context) {
      const settings = workerSettings(name, context.config)
      const logger = context.logger.child({ workerId: settings.identity.id })
      let quicklook: QuicklookRuntime | undefined
      let stopQuicklook = async () => {}
      if (usesQuicklook(settings.pipelines)) {
        const built = await buildQuicklookDeps({
          env: context.config,
          instrument: settings.identity.instrument,
          producer: name,
          redis: context.redis,
          logger,
        })
        quicklook = { deps: built.deps, oneOffs: loadOneOffRunners(built.deps) }
        stopQuicklook = built.stop
      }
      const worker = createWorker({
        service: name,
        settings,
        redis: context.redis,
        pipelines: createPipelineRegistry(settings.pipelines, options.pipelines, options.exec, quicklook),
        logger,
        deadLetters: context.deadLetters,
        metrics: createWorkerMetrics(context.metrics),
        signal: context.signal,
        onRestart: options.onRestart,
        onFatal: options.onFatal,
      })
      await worker.start()
      return {
        status: worker.status,
        notReady: worker.notReady,
        async stop() {
          await worker.stop()
          await stopQuicklook()
        },
      }
    },
  }
}
