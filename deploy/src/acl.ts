// ----------------------------------------------------------------------------
// One Redis ACL user per service, built from the contract's key catalogue: a
// service gets the key patterns it writes or reads (`{param}` → `*`), read-only
// (`%R~`) where it only reads without consuming, read-write (`~`) where it
// writes or its reads take the entry away (GETDEL, BLMOVE, XREADGROUP/XACK,
// LPOP), and the command categories its role needs. No passwords here: the Redis
// pod adds each user's hash from the Secret when it starts (./redis.ts).
// ----------------------------------------------------------------------------
import { createRedisKeys, REDIS_KEYS, type RedisKeyName, type Service } from '@rubin/ra-contract'

const KEYS = createRedisKeys()

/**
 * Reads that remove or acknowledge what they read, so Redis counts them as writes.
 * Everything else a reader does with a key (GET, HGETALL, SMEMBERS, ZRANGE, XREAD) is read-only.
 */
export const CONSUMING_READS: Readonly<Partial<Record<RedisKeyName, readonly Service[]>>> = {
  control: ['head-node', 'cluster-manager', 'worker'],
  incoming: ['head-node'],
  rawLanded: ['watcher'],
  workerQueue: ['worker', 'step1b-worker', 'cluster-manager'],
  workerClaimed: ['cluster-manager'],
  completions: ['head-node'],
  metadataShards: ['metadata-server'],
  ocsDonutPair: ['head-node'],
  ocsFocusSweep: ['snowflakes'],
  deadLetters: ['catcher'],
}

/** Keyspace-notification channels a service subscribes to (the control consumers, RubinTV for read-backs). */
function channels(service: Service): string[] {
  const out: string[] = []
  const controlReaders = REDIS_KEYS.find((k) => k.name === 'control')?.readers ?? []
  if ((controlReaders as readonly string[]).includes(service)) out.push(`__keyspace@*__:${KEYS.pattern('control')}`)
  if (service === 'rubintv') out.push(`__keyspace@*__:${KEYS.pattern('controlReadback')}`)
  return out
}

// Categories every RA service uses: the data types, blocking pops, MULTI, Lua scripts.
const RA_COMMANDS = [
  '+@connection',
  '+@read',
  '+@write',
  '+@keyspace',
  '+@blocking',
  '+@transaction',
  '+@scripting',
  '+@pubsub',
  '-@dangerous',
  '-@admin',
  // ioredis' ready check sends INFO (in @dangerous); the head node also reads, never sets, notify-keyspace-events.
  '+info',
] as const
const COMMANDS: Readonly<Partial<Record<Service, readonly string[]>>> = {
  'head-node': [...RA_COMMANDS, '+config|get'],
}

export interface AclUser {
  readonly user: Service
  readonly readWrite: readonly string[]
  readonly readOnly: readonly string[]
  readonly channels: readonly string[]
  readonly commands: readonly string[]
}

export function aclUser(service: Service): AclUser {
  const readWrite = new Set<string>()
  const readOnly = new Set<string>()
  for (const key of REDIS_KEYS) {
    const writes = (key.writers as readonly Service[]).includes(service)
    const reads = (key.readers as readonly Service[]).includes(service)
    if (!writes && !reads) continue
    const pattern = KEYS.pattern(key.name)
    if (writes || CONSUMING_READS[key.name]?.includes(service)) readWrite.add(pattern)
    else readOnly.add(pattern)
  }
  for (const pattern of readWrite) readOnly.delete(pattern)
  return {
    user: service,
    readWrite: [...readWrite].sort(),
    readOnly: [...readOnly].sort(),
    channels: channels(service).sort(),
    commands: COMMANDS[service] ?? RA_COMMANDS,
  }
}

/** One `users.acl` line. */
export function aclLine(u: AclUser): string {
  return [
    'user',
    u.user,
    'on',
    'resetkeys',
    'resetchannels',
    '-@all',
    ...u.commands,
    ...u.readWrite.map((p) => `~${p}`),
    ...u.readOnly.map((p) => `%R~${p}`),
    ...u.channels.map((c) => `&${c}`),
  ].join(' ')
}

/** The ACL file: the default user off, then one user per service (passwords added at pod start). */
export function aclFile(services: readonly Service[]): string {
  const lines = ['user default off resetkeys resetchannels -@all', ...services.map((s) => aclLine(aclUser(s)))]
  return `${lines.join('\n')}\n`
}
