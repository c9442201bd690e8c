// Every process that produces or consumes something through the contract. Used
// to say who breaks when a name or message changes.
import { defineIdentifiers } from '../internal/identifier-set.ts'

/** The Rapid Analysis processes themselves (everything but RubinTV, the CLI, the simulator and external CSCs). */
export const RA_SERVICES = [
  'watcher',
  'head-node',
  'worker',
  'step1b-worker',
  'cluster-manager',
  'metadata-server',
  'consdb-writer',
  'snowflakes',
  'catcher',
] as const

export const Service = defineIdentifiers({
  name: 'Service',
  description: 'A producer or consumer of contract names and messages.',
  values: [...RA_SERVICES, 'camera-simulator', 'rubintv', 'ra-cli', 'mtaos', 'object-store'],
  docs: {
    watcher: 'Announces each new raw exposure once (services/watcher).',
    'head-node': 'Fans exposures out to workers and triggers visit-level steps (services/head-node).',
    worker: 'Runs per-detector and one-off payloads (services/worker).',
    'step1b-worker': 'Runs visit-level payloads (services/worker, step1b flavours).',
    'cluster-manager': 'Watches workers, re-queues lost work, publishes cluster status (services/cluster-manager).',
    'metadata-server': 'Merges metadata shards into per-day tables in S3 (services/metadata-server).',
    'consdb-writer': 'Writes quicklook rows to ConsDB (services/consdb-writer).',
    snowflakes: 'All-sky, night report, catch-up, cleanup, performance monitor, storage canary.',
    catcher: 'Rules, analyses, alarms and reports (TSTN-034).',
    'camera-simulator': 'Writes raw exposures with known truth.',
    rubintv: 'The RubinTV web app (today’s, and our reference consumer).',
    'ra-cli': 'The ./ra command line (control, status).',
    mtaos: 'The MTAOS CSC (external): reads the WEP processing result.',
    'object-store': 'The raw bucket itself (S3/Ceph, external): sends bucket notifications when a raw lands.',
  },
  loose: false,
})
export type Service = (typeof Service.values)[number]
