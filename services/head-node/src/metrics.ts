// The head node's Prometheus metrics (registered on the service's registry).
import { Counter, Gauge, Histogram, type Registry } from '@rubin/ra-runtime'

export interface HeadNodeMetrics {
  readonly dispatchLatency: Histogram
  readonly gatherLatency: Histogram
  readonly exposures: Counter
  readonly payloads: Counter
  readonly gathers: Counter
  readonly controls: Counter
  readonly queueLength: Gauge
  readonly pendingGathers: Gauge
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

export function createHeadNodeMetrics(registry: Registry): HeadNodeMetrics {
  const registers = [registry]
  return {
    dispatchLatency: new Histogram({
      name: 'ra_head_node_dispatch_latency_seconds',
      help: 'Exposure record received (claimed from incoming) to its fan-out committed',
      labelNames: ['route'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    gatherLatency: new Histogram({
      name: 'ra_head_node_gather_latency_seconds',
      help: 'GatherReady written (its `at`) to the visit-level payload queued',
      labelNames: ['who'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    exposures: new Counter({
      name: 'ra_head_node_exposures_total',
      help: 'Exposure records handled, by outcome (dispatched, duplicate, invalid)',
      labelNames: ['outcome'],
      registers,
    }),
    payloads: new Counter({
      name: 'ra_head_node_payloads_queued_total',
      help: 'Payloads queued, by worker flavour',
      labelNames: ['flavour'],
      registers,
    }),
    gathers: new Counter({
      name: 'ra_head_node_gathers_total',
      help: 'GatherReady entries handled, by who and outcome',
      labelNames: ['who', 'outcome'],
      registers,
    }),
    controls: new Counter({
      name: 'ra_head_node_controls_total',
      help: 'Control commands consumed, by control and outcome',
      labelNames: ['control', 'outcome'],
      registers,
    }),
    queueLength: new Gauge({
      name: 'ra_head_node_queue_length',
      help: 'Length of the incoming and incomingClaimed lists, as last sampled',
      labelNames: ['queue'],
      registers,
    }),
    pendingGathers: new Gauge({
      name: 'ra_head_node_pending_gathers',
      help: 'GatherReady entries waiting for a visit-level worker to be registered',
      registers,
    }),
  }
}
