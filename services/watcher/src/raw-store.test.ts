// The directory raw store: reads by key, stays inside its root, lists one day’s records.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { directoryRawStore, RawStoreError } from './raw-store.ts'

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ra-raw-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

async function put(key: string, text: string) {
  await mkdir(join(root, key, '..'), { recursive: true })
  await writeFile(join(root, key), text)
}

const KEY = 'LSSTCam/20250415/MC_O_20250415_000060/MC_O_20250415_000060.json'

describe('directoryRawStore', () => {
  it('reads an object by its key', async () => {
    await put(KEY, '{"a":1}')
    expect(await directoryRawStore(root).read(KEY)).toBe('{"a":1}')
  })

  it('says not-found for a missing object and refuses keys that leave the root', async () => {
    const store = directoryRawStore(root)
    await expect(store.read(KEY)).rejects.toMatchObject({ kind: 'not-found' })
    await expect(store.read('../etc/passwd')).rejects.toBeInstanceOf(RawStoreError)
    await expect(store.read('../etc/passwd')).rejects.toMatchObject({ kind: 'outside' })
  })

  it('lists the records of one day, skipping exposures without a record yet and stray entries', async () => {
    await put(KEY, '{}')
    await put('LSSTCam/20250415/MC_O_20250415_000061/MC_O_20250415_000061_R22_S11.fits', 'raw')
    await put('LSSTCam/20250415/notes/readme.json', '{}')
    await put('LSSTCam/20250416/MC_O_20250416_000001/MC_O_20250416_000001.json', '{}')
    const listed = await directoryRawStore(root).listRecords('LSSTCam', 20250415)
    expect(listed.map((o) => o.key)).toEqual([KEY])
    expect(listed[0]?.modifiedAt).toBeInstanceOf(Date)
    expect(await directoryRawStore(root).listRecords('LSSTCam', 20250101)).toEqual([])
  })
})
