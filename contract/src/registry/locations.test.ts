import { describe, expect, it } from 'vitest'
import { Camera } from '../identifiers/cameras.ts'
import { CAMERAS_IN_NO_LOCATION, camerasAt, LOCAL_S3_ENDPOINT, LOCATIONS, Location } from './locations.ts'
import { RA_SITE_S3, RaSite } from './ra-sites.ts'
import { BUCKET_CONFIGURATIONS, locationsFor, RubinTvSite } from './sites.ts'

describe('locations', () => {
  it("has RubinTV's eight locations plus our local one, each keyed by its own name", () => {
    expect(Location.values).toHaveLength(9)
    expect(Location.values.filter((name) => name !== 'local')).toHaveLength(8)
    for (const name of Location.values) expect(LOCATIONS[name].name).toBe(name)
  })

  it('accepts the test-stand short names and refuses unknown locations', () => {
    expect(Location.parse('bts')).toEqual({ ok: true, value: 'base' })
    expect(Location.parse('TTS')).toEqual({ ok: true, value: 'tucson' })
    expect(Location.parse('base-usdf')).toEqual({ ok: true, value: 'base-usdf' })
    const refused = Location.parse('la-serena')
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.issues[0]?.expected).toContain('summit-usdf')
  })

  it('shows every camera somewhere, except the few listed as in no location', () => {
    const shown = new Set(Location.values.flatMap((name) => camerasAt(name)))
    for (const camera of Camera.values) {
      const unlocated = Object.hasOwn(CAMERAS_IN_NO_LOCATION, camera)
      expect({ camera, shown: shown.has(camera) }).toEqual({ camera, shown: !unlocated })
    }
    expect(Object.keys(CAMERAS_IN_NO_LOCATION).sort()).toEqual(['comcam_sim_prep', 'slac_lsstcam', 'slac_ts8'])
  })

  it('lists each camera at most once per location, in group order', () => {
    for (const name of Location.values) {
      const cameras = camerasAt(name)
      expect(new Set(cameras).size).toBe(cameras.length)
    }
    expect(camerasAt('tucson')).toEqual(['auxtel', 'fake_auxtel', 'comcam', 'comcam_aos', 'tma'])
  })

  it('flags the teststands and the locations with a cluster-status page', () => {
    const teststands = Location.values.filter((name) => LOCATIONS[name].isTeststand)
    expect(teststands).toEqual(['base-usdf', 'tucson-usdf'])
    const clusters = Location.values.filter((name) => LOCATIONS[name].hasClusterStatus)
    expect(clusters).toEqual(['usdf', 'base', 'summit', 'local'])
  })

  it('leaves the on-site endpoints to S3_ENDPOINT_URL, and defaults ours to loopback without a profile', () => {
    for (const name of ['base', 'tucson', 'summit'] as const) {
      expect(LOCATIONS[name].endpoint).toEqual({ fromEnv: 'S3_ENDPOINT_URL' })
    }
    expect(LOCATIONS.local).toMatchObject({
      bucket: 'rubintv',
      profile: null,
      endpoint: { fromEnv: 'S3_ENDPOINT_URL', default: LOCAL_S3_ENDPOINT },
    })
    expect(LOCAL_S3_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })
})

describe('RubinTV deployment sites', () => {
  it('shows the USDF mirrors at USDF, one bucket on site, and our loopback bucket first locally', () => {
    expect(locationsFor('usdf-k8s')).toEqual(['summit-usdf', 'usdf', 'base-usdf', 'tucson-usdf'])
    expect(locationsFor('summit')).toEqual(['summit'])
    expect(locationsFor('local')[0]).toBe('local')
  })

  it('maps RAPID_ANALYSIS_LOCATION values to sites as RubinTV does', () => {
    expect(RubinTvSite.parse('BTS')).toEqual({ ok: true, value: 'base' })
    expect(RubinTvSite.parse('TTS')).toEqual({ ok: true, value: 'tucson' })
    expect(RubinTvSite.parse('USDF')).toEqual({ ok: true, value: 'usdf-k8s' })
    expect(RubinTvSite.parse('SUMMIT')).toEqual({ ok: true, value: 'summit' })
  })

  it('puts the test location in no site', () => {
    const shown = new Set<Location>(Object.values(BUCKET_CONFIGURATIONS).flat())
    expect(shown.has('test')).toBe(false)
    expect(Location.values.filter((name) => !shown.has(name))).toEqual(['test'])
  })
})

describe('RA sites', () => {
  it('writes the on-site bucket with the endpoint RA names, and mirrors to the USDF copy', () => {
    expect(RA_SITE_S3.summit.local).toEqual({
      location: 'summit',
      bucket: 'rubintv',
      profile: 'summit-data-summit',
      endpoint: { url: 'https://s3.rubintv.cp.lsst.org' },
    })
    expect(RA_SITE_S3.summit.remote).toMatchObject({
      location: 'summit-usdf',
      bucket: 'rubin-rubintv-data-summit',
      profile: 'rubin-rubintv-data-summit-embargo',
      proxy: 'http://squid-service:3128/',
      required: true,
    })
    expect(RA_SITE_S3.tucson.remote).not.toHaveProperty('proxy')
  })

  it('uses the bucket and profile of the location it names, so RA and RubinTV agree', () => {
    for (const site of RaSite.values) {
      const { local, remote } = RA_SITE_S3[site]
      for (const target of remote === null ? [local] : [local, remote]) {
        const location = LOCATIONS[target.location]
        expect(target).toMatchObject({ bucket: location.bucket, profile: location.profile })
        // RA names the endpoint where RubinTV leaves it to the environment; never a different URL.
        if ('url' in location.endpoint) expect(target.endpoint).toEqual(location.endpoint)
        else expect(target.endpoint).toHaveProperty(target.location === 'local' ? 'fromEnv' : 'url')
      }
    }
  })

  it('has no mirror at USDF or locally', () => {
    for (const site of ['usdf-k8s', 'rubin-devl', 'staff-rsp', 'local'] as const) {
      expect(RA_SITE_S3[site].remote).toBeNull()
    }
    expect(RA_SITE_S3['usdf-k8s'].local.location).toBe('usdf')
    expect(RaSite.parse('bts')).toEqual({ ok: true, value: 'base' })
  })
})
