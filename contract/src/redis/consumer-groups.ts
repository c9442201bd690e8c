// Consumer-group names on the contract's streams: the reader and any tool that
// inspects its backlog (XPENDING) must agree on them.
export const CONSUMER_GROUPS = {
  /** The head node reads GatherReady entries from `completions`. */
  completions: 'head-node',
  /** The watcher reads ExposureRecords from `rawLanded`. */
  rawLanded: 'watcher',
  /** The metadata server reads MetadataShards from `metadataShards`. */
  metadataShards: 'metadata-server',
  /** The ConsDB writer reads ConsdbRowBatches from `consdbRows`. */
  consdbRows: 'consdb-writer',
} as const
