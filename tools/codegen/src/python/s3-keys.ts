// s3_keys.py: KEY_KINDS and PLACEHOLDERS as data; the Python builder and parser in the
// template derive everything else from them, as the TS ones do. A placeholder's
// rule is a function in TS, so each names its Python rule here, and the rule is
// checked against the TS codec on probe values: a new placeholder, or a changed
// range or padding, fails codegen instead of generating a Python that disagrees.
import { type FieldCodec, KEY_KINDS, PLACEHOLDERS, type PlaceholderName } from '@rubin/ra-contract'
import { assign, call, dictOf, type Py } from './literal.ts'
import { pythonModule } from './module.ts'

type Rule =
  | { readonly rule: 'camera' | 'channel' | 'instrument' | 'text' }
  | { readonly rule: 'integer'; readonly minimum: number; readonly maximum: number; readonly width: number }
  | { readonly rule: 'dayObs'; readonly dateStyle: 'iso' | 'compact' }

const RULES: Readonly<Record<PlaceholderName, Rule>> = {
  camera: { rule: 'camera' },
  channel: { rule: 'channel' },
  date: { rule: 'dayObs', dateStyle: 'iso' },
  seq: { rule: 'integer', minimum: 0, maximum: 999_999, width: 6 },
  ext: { rule: 'text' },
  group: { rule: 'text' },
  name: { rule: 'text' },
  scratchPrefix: { rule: 'text' },
  dayObs: { rule: 'dayObs', dateStyle: 'compact' },
  seqNum: { rule: 'integer', minimum: 0, maximum: 999_999, width: 0 },
  instrument: { rule: 'instrument' },
  dataProduct: { rule: 'text' },
  detectorName: { rule: 'text' },
  obsId: { rule: 'text' },
  binSize: { rule: 'integer', minimum: 1, maximum: 9999, width: 0 },
}

function expect(name: string, what: string, ok: boolean): void {
  if (!ok)
    throw new Error(
      `python codegen: placeholder {${name}} ${what}; update RULES in tools/codegen/src/python/s3-keys.ts`,
    )
}

/** Holds the TS codec to the Python rule on probe values. */
function checkRule(name: string, codec: FieldCodec<unknown>, rule: Rule): void {
  const formats = (value: unknown, text?: string) => {
    const result = codec.format(value)
    return result.ok && (text === undefined || result.value === text)
  }
  const decodes = (text: string, value?: unknown) => {
    const result = codec.decode(text, {}, {})
    return result.ok && (value === undefined || result.value === value)
  }
  switch (rule.rule) {
    case 'integer': {
      const { minimum, maximum, width } = rule
      expect(name, `formats ${minimum} as padded to ${width}`, formats(minimum, String(minimum).padStart(width, '0')))
      expect(name, `formats ${maximum}`, formats(maximum, String(maximum).padStart(width, '0')))
      expect(name, `refuses ${minimum - 1}`, !formats(minimum - 1))
      expect(name, `refuses ${maximum + 1}`, !formats(maximum + 1))
      expect(name, 'refuses 1.5', !formats(1.5))
      expect(name, 'decodes text as a number', decodes(String(maximum), maximum))
      return
    }
    case 'dayObs':
      expect(
        name,
        `writes dayObs ${rule.dateStyle}`,
        formats(20251203, rule.dateStyle === 'iso' ? '2025-12-03' : '20251203'),
      )
      expect(name, 'refuses impossible dates', !formats(20250230))
      return
    case 'camera':
      expect(name, 'checks cameras', decodes('lsstcam', 'lsstcam') && !decodes('lsst_cam'))
      return
    case 'instrument':
      expect(name, 'checks instruments', decodes('LSSTCam', 'LSSTCam') && !decodes('LSSTCAM'))
      return
    case 'channel':
    case 'text':
      expect(name, 'formats strings verbatim', formats('x_1', 'x_1') && !formats(1) && decodes('x_1', 'x_1'))
  }
}

function placeholders(): Py {
  const names = Object.keys(PLACEHOLDERS) as PlaceholderName[]
  const entries = names.map((name) => {
    const { field, codec } = PLACEHOLDERS[name]
    const rule = RULES[name]
    if (rule === undefined) throw new Error(`python codegen: placeholder {${name}} has no Python rule`)
    checkRule(name, codec as FieldCodec<unknown>, rule)
    const value = call('Placeholder', {
      field,
      label: codec.label,
      pattern: codec.pattern,
      shape: codec.shape,
      rule: rule.rule,
      minimum: rule.rule === 'integer' ? rule.minimum : undefined,
      maximum: rule.rule === 'integer' ? rule.maximum : undefined,
      width: rule.rule === 'integer' && rule.width > 0 ? rule.width : undefined,
      date_style: rule.rule === 'dayObs' ? rule.dateStyle : undefined,
    })
    return [name, value] as const
  })
  return dictOf(Object.fromEntries(entries))
}

function kinds(): Py {
  return KEY_KINDS.map((k) =>
    call('KeyKind', {
      kind: k.kind,
      template: k.template,
      fixed: dictOf(k.fixed),
      rubintv: k.rubintv,
      description: k.description,
      example: k.example,
    }),
  )
}

export function buildS3Keys(version: string): Promise<string> {
  const data = [
    '#: The placeholders templates may use: the field each fills, its pattern and its rule.',
    assign('PLACEHOLDERS', 'Final[Mapping[str, Placeholder]]', placeholders()),
    '',
    '#: Every kind of key RA writes. Order matters only for speed: kinds with more literal text come first.',
    assign('KEY_KINDS', 'Final[tuple[KeyKind, ...]]', kinds()),
  ].join('\n')
  return pythonModule('s3_keys.py', version, { DATA: data })
}
