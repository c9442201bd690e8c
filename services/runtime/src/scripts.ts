// ----------------------------------------------------------------------------
// Lua scripts run atomically in Redis: the way bookkeeping that several
// processes touch stays race-free (no read-modify-write from the client).
// EVALSHA first, EVAL on NOSCRIPT (after a Redis restart the script cache is empty).
// ----------------------------------------------------------------------------
import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'

export type ScriptArg = string | number

export interface Script {
  readonly name: string
  readonly sha: string
  run(client: Redis, keys: readonly string[], args?: readonly ScriptArg[]): Promise<unknown>
}

export function defineScript(name: string, lua: string): Script {
  const sha = createHash('sha1').update(lua).digest('hex')
  return {
    name,
    sha,
    async run(client, keys, args = []) {
      try {
        return await client.evalsha(sha, keys.length, ...keys, ...args)
      } catch (error) {
        if (!String((error as Error).message).includes('NOSCRIPT')) throw error
        return client.eval(lua, keys.length, ...keys, ...args)
      }
    },
  }
}
