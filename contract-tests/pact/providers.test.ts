// ----------------------------------------------------------------------------
// Provider side: each RA producer verified against the committed pacts in
// contract-tests/pacts/ (no broker), its messages made by its real code path
// (./producers.ts). Pact passes silently when no pact names the provider, so
// every verification first requires a committed pact with interactions for it,
// a factory for every description and a handler for every provider state, and
// afterwards requires that each interaction was actually produced.
// ----------------------------------------------------------------------------
import { readFile } from 'node:fs/promises'
import { MessageProviderPact, providerWithMetadata } from '@pact-foundation/pact'
import { describe, expect, it } from 'vitest'
import {
  CHANNEL_INTERACTIONS,
  DESCRIPTIONS,
  descriptionsOf,
  PROVIDERS,
  type ProviderName,
  STATES,
} from './interactions.ts'
import { committedPactOf } from './pact-files.ts'
import {
  CLUSTER_WORKERS,
  channelKey,
  HEAD_NODE_STATES,
  headNodeReadbacks,
  mergedMetadataTable,
  nightReport,
  objectWrittenForMosaic,
  type Produced,
  publishedClusterStatus,
} from './producers.ts'

type Factory = () => Promise<Produced> | Produced

async function verify(provider: ProviderName, factories: Readonly<Record<string, Factory>>): Promise<void> {
  const { file, descriptions } = await committedPactOf(provider)
  expect(descriptions.length).toBeGreaterThan(0)
  // Same descriptions on both sides: none missing a factory, none a factory for an interaction nobody expects.
  expect([...descriptions].sort()).toEqual([...descriptionsOf(provider)].sort())
  expect(Object.keys(factories).sort()).toEqual([...descriptions].sort())
  // Every provider state the consumer named is one this side knows (unknown states are only logged by Pact).
  const pact = JSON.parse(await readFile(file, 'utf8')) as {
    interactions: { providerStates?: { name: string }[] }[]
  }
  const known: readonly string[] = Object.values(STATES)
  const states = pact.interactions.flatMap((i) => (i.providerStates ?? []).map((s) => s.name))
  for (const state of states) expect(known).toContain(state)

  const produced = new Set<string>()
  const messageProviders = Object.fromEntries(
    Object.entries(factories).map(([description, factory]) => [
      description,
      async (descriptor: Parameters<ReturnType<typeof providerWithMetadata>>[0]) => {
        const message = await factory()
        produced.add(description)
        return providerWithMetadata(() => message.body, message.metadata)(descriptor)
      },
    ]),
  )
  await new MessageProviderPact({
    provider,
    pactUrls: [file],
    messageProviders,
    // The state is built inside each factory (it is that producer's input); these only acknowledge it.
    stateHandlers: Object.fromEntries(states.map((state) => [state, async () => undefined])),
    logLevel: 'error',
  }).verify()
  expect([...produced].sort()).toEqual([...descriptions].sort())
}

describe('provider verification against contract-tests/pacts/', () => {
  it(`${PROVIDERS.products}: catalogue keys through the ProductStore, and its ObjectWritten`, async () => {
    const factories: Record<string, Factory> = { [DESCRIPTIONS.objectWritten]: objectWrittenForMosaic }
    for (const interaction of CHANNEL_INTERACTIONS)
      factories[interaction.description] = () => channelKey(interaction.channel)
    await verify(PROVIDERS.products, factories)
  })

  it(`${PROVIDERS.metadataServer}: a shard read, sanitized and merged into the uploaded table`, async () => {
    await verify(PROVIDERS.metadataServer, { [DESCRIPTIONS.metadataTable]: mergedMetadataTable })
  })

  it(`${PROVIDERS.nightReport}: the snowflakes' night report text`, async () => {
    await verify(PROVIDERS.nightReport, { [DESCRIPTIONS.nightReportText]: nightReport })
  })

  it(`${PROVIDERS.clusterManager}: the status publisher's entries`, async () => {
    await verify(PROVIDERS.clusterManager, {
      [DESCRIPTIONS.clusterStatusWorkers]: () => publishedClusterStatus(CLUSTER_WORKERS.sfm(), 'SFM_SET_0'),
      [DESCRIPTIONS.clusterStatusQueues]: () => publishedClusterStatus(CLUSTER_WORKERS.otherQueues(), 'OTHER_QUEUES'),
    })
  })

  it(`${PROVIDERS.headNode}: both read-backs of the control decision`, async () => {
    await verify(PROVIDERS.headNode, {
      [DESCRIPTIONS.legacyReadback]: () =>
        headNodeReadbacks('CHIP_SELECTION', '5-on-a-die', HEAD_NODE_STATES.initial).legacy,
      [DESCRIPTIONS.structuredReadback]: () =>
        headNodeReadbacks('AOS_FAM_PIPELINE', 'TIE', HEAD_NODE_STATES.midPair).structured,
    })
  })

  it('fails when a producer renames what the consumer reads (the verification is not vacuous)', async () => {
    const legacy = headNodeReadbacks('CHIP_SELECTION', '5-on-a-die', HEAD_NODE_STATES.initial).legacy
    await expect(
      verify(PROVIDERS.headNode, {
        [DESCRIPTIONS.legacyReadback]: () => ({
          ...legacy,
          metadata: { ...legacy.metadata, key: `${legacy.metadata.key}2` },
        }),
        [DESCRIPTIONS.structuredReadback]: () =>
          headNodeReadbacks('AOS_FAM_PIPELINE', 'TIE', HEAD_NODE_STATES.initial).structured,
      }),
    ).rejects.toThrow()
  })

  it('refuses to verify a provider no committed pact names (Pact itself would pass)', async () => {
    await expect(committedPactOf('ra-nobody' as ProviderName)).rejects.toThrow(/nothing would be verified/)
  })
})
