// Controls: today's key strings, today's menus, aliases, and read-backs for every outcome.
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { FocalPlanePattern } from '../identifiers/patterns.ts'
import { AOS_CWFS_PIPELINES, AOS_FAM_PIPELINES } from '../identifiers/pipelines.ts'
import { rubintvRedisDetectorKey } from '../redis/cluster-status.ts'
import { ClusterStatusSet } from '../redis/cluster-status-sets.ts'
import type { Result } from '../result.ts'
import {
  clusterStatusSetOfControl,
  controlKey,
  parseControlKey,
  readbackKey,
  readbackKeyspaceChannel,
  resetKeyForClusterStatusSet,
} from './control-keys.ts'
import { CONTROLS } from './controls.ts'
import { AosCwfsPipeline, AosFamPipeline, LEGACY_REJECTION_READBACK } from './domains.ts'
import { ControlName } from './names.ts'
import { controlReadback, parseControlValue, readbackValue, rejectionFor } from './values.ts'

/** models_data.yaml `admin_redis_menus`, copied from the reference snapshot. */
const RUBINTV_MENUS = [
  {
    title: 'AOS Pipeline',
    key: 'RUBINTV_CONTROL_AOS_PIPELINE',
    items: ['DANISH', 'TIE', 'REFIT_WCS', 'TARTS', 'AI_DONUT', 'UNPAIRED_DANISH'],
  },
  {
    title: 'Chip selection',
    key: 'RUBINTV_CONTROL_CHIP_SELECTION',
    items: [
      'ALL',
      'RAFT_CHECKERBOARD',
      'CCD_CHECKERBOARD',
      '5_ON_A_DIE',
      'MINIMAL',
      'ULTRA_MINIMAL',
      'ALL_UNVIGNETTED',
    ],
  },
  {
    title: 'Selection strategy',
    key: 'RUBINTV_CONTROL_VISIT_PROCESSING_MODE',
    items: ['CONSTANT', 'ALTERNATING', 'ALTERNATING_IN_TWOS'],
  },
]

const menusOfControls = () =>
  ControlName.values.flatMap((name) => {
    const { rubintvMenu, key } = CONTROLS[name]
    return rubintvMenu === undefined ? [] : [{ title: rubintvMenu.title, key, items: rubintvMenu.items }]
  })

describe('control keys', () => {
  it('are byte-exact to today’s RubinTV and RA', () => {
    expect(controlKey('AOS_PIPELINE')).toBe('RUBINTV_CONTROL_AOS_PIPELINE')
    expect(readbackKey('AOS_PIPELINE')).toBe('RUBINTV_CONTROL_AOS_PIPELINE_READBACK')
    expect(controlKey('AOS_FAM_PIPELINE')).toBe('RUBINTV_CONTROL_AOS_FAM_PIPELINE')
    expect(readbackKey('AOS_FAM_PIPELINE')).toBe('RUBINTV_CONTROL_AOS_FAM_PIPELINE_READBACK')
    expect(controlKey('CHIP_SELECTION')).toBe('RUBINTV_CONTROL_CHIP_SELECTION')
    expect(controlKey('VISIT_PROCESSING_MODE')).toBe('RUBINTV_CONTROL_VISIT_PROCESSING_MODE')
    expect(controlKey('WITNESS_DETECTOR')).toBe('RUBINTV_CONTROL_WITNESS_DETECTOR')
    expect(controlKey('RESET_HEAD_NODE')).toBe('RUBINTV_CONTROL_RESET_HEAD_NODE')
    expect(controlKey('RESET_SFM_STEP1B_SET_0')).toBe('RUBINTV_CONTROL_RESET_SFM_STEP1B_SET_0')
    expect(controlKey('WORKER_MODE')).toBe('RUBINTV_CONTROL_WORKER_MODE')
    expect(controlKey('GUARANTEED_EXPOSURE')).toBe('RUBINTV_CONTROL_GUARANTEED_EXPOSURE')
    expect(readbackKeyspaceChannel('CHIP_SELECTION')).toBe('__keyspace@0__:RUBINTV_CONTROL_CHIP_SELECTION_READBACK')
    expect(controlKey('AOS_PIPELINE', 'test-9:')).toBe('test-9:RUBINTV_CONTROL_AOS_PIPELINE')
  })

  it('derive reset keys exactly as RubinTV does from the cluster-status keys', () => {
    for (const set of ClusterStatusSet.values) {
      const rubintv = rubintvRedisDetectorKey(set).replace('CLUSTER_STATUS_', 'RUBINTV_CONTROL_RESET_')
      expect(resetKeyForClusterStatusSet(set)).toBe(rubintv)
      expect(parseControlKey(rubintv)).toEqual({ ok: true, value: { control: `RESET_${set}`, readback: false } })
      expect(clusterStatusSetOfControl(`RESET_${set}`)).toBe(set)
    }
    expect(resetKeyForClusterStatusSet('SFM_SET_0')).toBe('RUBINTV_CONTROL_RESET_SFM_SET_0')
    expect(clusterStatusSetOfControl('RESET_HEAD_NODE')).toBeUndefined()
    expect(clusterStatusSetOfControl('AOS_PIPELINE')).toBeUndefined()
  })

  it('parse back to their control, and refuse keys naming no control', () => {
    for (const name of ControlName.values) {
      expect(parseControlKey(controlKey(name))).toEqual({ ok: true, value: { control: name, readback: false } })
      expect(parseControlKey(readbackKey(name, 'p:'), 'p:')).toEqual({
        ok: true,
        value: { control: name, readback: true },
      })
    }
    const typo = parseControlKey('RUBINTV_CONTROL_AOS_PIPELNE')
    expect(typo.ok).toBe(false)
    if (!typo.ok) {
      expect(typo.issues[0]?.message).toContain('names no control')
      expect(typo.issues[0]?.expected).toContain('AOS_PIPELINE')
    }
    expect(parseControlKey('stream:CLUSTER_STATUS_SFM_SET_0').ok).toBe(false)
  })
})

describe('RubinTV admin menus', () => {
  it('are recorded exactly as models_data.yaml has them', () => {
    expect(menusOfControls()).toEqual(RUBINTV_MENUS)
  })

  it('every menu item parses to a canonical token', () => {
    const canonical: Record<string, string[]> = {
      RUBINTV_CONTROL_AOS_PIPELINE: [
        'AOS_DANISH',
        'AOS_TIE',
        'AOS_REFIT_WCS',
        'AOS_TARTS_UNPAIRED',
        'AOS_AI_DONUT',
        'AOS_UNPAIRED_DANISH',
      ],
      RUBINTV_CONTROL_CHIP_SELECTION: [
        'ALL',
        'RAFT_CHECKERBOARD',
        'CCD_CHECKERBOARD',
        '5_ON_A_DIE',
        'MINIMAL',
        'ULTRA_MINIMAL',
        'ALL_UNVIGNETTED',
      ],
      RUBINTV_CONTROL_VISIT_PROCESSING_MODE: ['CONSTANT', 'ALTERNATING', 'ALTERNATING_BY_TWOS'],
    }
    for (const menu of RUBINTV_MENUS) {
      const parsed = parseControlKey(menu.key)
      if (!parsed.ok) throw new Error(menu.key)
      const values = menu.items.map((item) => {
        const value = parseControlValue(parsed.value.control, item)
        if (!value.ok) throw new Error(`${menu.key} ${item}`)
        return value.value
      })
      expect(values).toEqual(canonical[menu.key])
    }
  })
})

describe('parseControlValue', () => {
  it('accepts legacy spellings and returns the canonical token', () => {
    expect(parseControlValue('CHIP_SELECTION', '5_ON_A_DIE')).toEqual({ ok: true, value: '5_ON_A_DIE' })
    expect(parseControlValue('CHIP_SELECTION', '5-on-a-die')).toEqual({ ok: true, value: '5_ON_A_DIE' })
    expect(parseControlValue('CHIP_SELECTION', 'ultra-minimal')).toEqual({ ok: true, value: 'ULTRA_MINIMAL' })
    expect(parseControlValue('AOS_PIPELINE', 'TARTS')).toEqual({ ok: true, value: 'AOS_TARTS_UNPAIRED' })
    expect(parseControlValue('AOS_PIPELINE', 'AOS_TARTS')).toEqual({ ok: true, value: 'AOS_TARTS_UNPAIRED' })
    expect(parseControlValue('AOS_PIPELINE', 'danish')).toEqual({ ok: true, value: 'AOS_DANISH' })
    expect(parseControlValue('AOS_FAM_PIPELINE', 'TIE')).toEqual({ ok: true, value: 'AOS_FAM_TIE' })
    expect(parseControlValue('VISIT_PROCESSING_MODE', 'ALTERNATING_IN_TWOS')).toEqual({
      ok: true,
      value: 'ALTERNATING_BY_TWOS',
    })
    expect(parseControlValue('WORKER_MODE', 'murderous')).toEqual({ ok: true, value: 'MURDEROUS' })
  })

  it('types the canonical value by control', () => {
    expectTypeOf(parseControlValue('AOS_PIPELINE', 'DANISH')).toEqualTypeOf<Result<AosCwfsPipeline>>()
    expectTypeOf(parseControlValue('CHIP_SELECTION', 'ALL')).toEqualTypeOf<Result<FocalPlanePattern>>()
    expectTypeOf(parseControlValue('RESET_SFM_SET_0', '1')).toEqualTypeOf<Result<string>>()
  })

  it('keeps the CWFS and FAM pipeline sets apart', () => {
    expect(AosCwfsPipeline.values).toEqual(AOS_CWFS_PIPELINES)
    expect(AosFamPipeline.values).toEqual(AOS_FAM_PIPELINES)
    expect(parseControlValue('AOS_PIPELINE', 'AOS_FAM_TIE').ok).toBe(false)
    expect(parseControlValue('AOS_FAM_PIPELINE', 'REFIT_WCS').ok).toBe(false)
  })

  it('refuses with an actionable message listing what is accepted', () => {
    const result = parseControlValue('AOS_PIPELINE', 'DANNISH')
    expect(result.ok).toBe(false)
    if (result.ok) return
    const [first] = result.issues
    expect(first?.message).toContain("RUBINTV_CONTROL_AOS_PIPELINE: 'DANNISH' is not a valid AOS Pipeline")
    expect(first?.expected).toContain('AOS_DANISH')
    expect(first?.expected).toContain('TARTS')
    expect(parseControlValue('CHIP_SELECTION', 42).ok).toBe(false)
  })

  it('validates the witness detector’s shape only, canonically', () => {
    expect(parseControlValue('WITNESS_DETECTOR', '94')).toEqual({ ok: true, value: '94' })
    expect(parseControlValue('WITNESS_DETECTOR', ' 094 ')).toEqual({ ok: true, value: '94' })
    expect(parseControlValue('WITNESS_DETECTOR', 'r22_s11')).toEqual({ ok: true, value: 'R22_S11' })
    for (const bad of ['R22S11', '1000', 'R2_S11', 'detector 94', '']) {
      expect(parseControlValue('WITNESS_DETECTOR', bad).ok, bad).toBe(false)
    }
  })

  it('takes a 13-digit exposure id for the guaranteed exposure', () => {
    expect(parseControlValue('GUARANTEED_EXPOSURE', '2025111500226')).toEqual({ ok: true, value: '2025111500226' })
    expect(parseControlValue('GUARANTEED_EXPOSURE', '20251115').ok).toBe(false)
    expect(parseControlValue('GUARANTEED_EXPOSURE', 'MC_O_20251115_000226').ok).toBe(false)
  })

  it('treats resets as truthy, refusing explicit noes', () => {
    for (const yes of ['1', 'reset', 'RESET', 'true']) {
      expect(parseControlValue('RESET_SFM_SET_0', yes)).toEqual({ ok: true, value: 'RESET' })
    }
    for (const no of ['', ' ', '0', 'false', 'No', 'off']) {
      expect(parseControlValue('RESET_HEAD_NODE', no).ok, no).toBe(false)
    }
  })

  it('consumes RESET_OTHER_QUEUES only to reject it, with its own read-back token', () => {
    const result = parseControlValue('RESET_OTHER_QUEUES', 'reset')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues[0]?.message).toContain('not a worker set')
    const outcome = rejectionFor('RESET_OTHER_QUEUES', result.issues)
    expect(readbackValue(outcome)).toBe('REJECTED_NOT_A_WORKER_SET!')
    expect(CONTROLS.RESET_OTHER_QUEUES.consumer).toBe('cluster-manager')
    expect(CONTROLS.RESET_OTHER_QUEUES.semantics).toBe('consume-once')
  })
})

describe('read-backs', () => {
  it('write the value in effect, or today’s rejection token', () => {
    expect(readbackValue({ outcome: 'applied', value: 'AOS_DANISH' })).toBe('AOS_DANISH')
    expect(readbackValue({ outcome: 'unchanged', value: 'AOS_FAM_TIE' })).toBe('AOS_FAM_TIE')
    expect(
      readbackValue({ outcome: 'rejected', code: 'BETWEEN_PAIR', reason: 'mid pair', value: 'AOS_FAM_DANISH' }),
    ).toBe('REJECTED_BETWEEN_PAIR!')
    for (const token of Object.values(LEGACY_REJECTION_READBACK)) expect(token).toMatch(/^REJECTED_[A-Z_]+!$/)
  })

  it('turn an invalid value into INVALID_VALUE with the reason', () => {
    const parsed = parseControlValue('CHIP_SELECTION', 'checkers')
    if (parsed.ok) throw new Error('accepted')
    const outcome = rejectionFor('CHIP_SELECTION', parsed.issues, 'ALL')
    expect(readbackValue(outcome)).toBe('REJECTED_INVALID_VALUE!')
    expect(controlReadback('CHIP_SELECTION', 'checkers', outcome, new Date('2025-11-16T03:20:00Z'))).toEqual({
      control: 'CHIP_SELECTION',
      requested: 'checkers',
      outcome: 'rejected',
      value: 'ALL',
      code: 'INVALID_VALUE',
      reason: expect.stringContaining("'checkers' is not a valid Chip selection"),
      at: '2025-11-16T03:20:00.000Z',
    })
  })

  it('say which service consumes each control, and how', () => {
    expect(CONTROLS.WITNESS_DETECTOR.semantics).toBe('read')
    expect(CONTROLS.RESET_SFM_SET_1.consumer).toBe('cluster-manager')
    expect(CONTROLS.AOS_FAM_PIPELINE.consumer).toBe('head-node')
    for (const name of ControlName.values) {
      expect(CONTROLS[name].name).toBe(name)
      expect(CONTROLS[name].readbackKey).toBe(`${CONTROLS[name].key}_READBACK`)
    }
  })
})
