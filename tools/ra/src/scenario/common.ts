// What the scenarios share: their options, what they gather, and reading a service's /status.
import type { Who } from '@rubin/ra-contract'
import type { RunningSystem } from './system.ts'

export interface ScenarioOptions {
  readonly exposures: number
  readonly pipelineMs: number
  readonly cadenceS: number
  readonly logDir: string
  readonly timeoutS: number
  readonly progress: (line: string) => void
}

/** The branches whose visit steps the scenarios wait for. */
export const SCENARIO_WHOS: readonly Who[] = ['SFM', 'AOS']
export const SCENARIO_DAY_OBS = 20251122

/** A running service's /status JSON (undefined when the service is not part of the system). */
export async function statusOf<T>(system: RunningSystem, service: string): Promise<Partial<T>> {
  const process = system.services.get(service)
  return process ? ((await (await fetch(`${process.url}/status`)).json()) as Partial<T>) : {}
}
