// ----------------------------------------------------------------------------
// Structural JSON Schema comparison for the subset the contract emits (draft-07:
// type, enum, const, properties/required, additionalProperties, patternProperties,
// items, anyOf, bounds, pattern, local $refs). Anything that could make a value
// valid under the old schema invalid under the new one is breaking (a reader or
// writer built against the old contract stops working); widening is compatible.
// ----------------------------------------------------------------------------

export interface SchemaChange {
  readonly path: string
  readonly breaking: boolean
  readonly message: string
}

type Schema = { readonly [key: string]: unknown }

const asSchema = (value: unknown): Schema | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : undefined

function resolve(schema: Schema, root: Schema): Schema {
  let current = schema
  for (let hops = 0; typeof current.$ref === 'string' && hops < 32; hops++) {
    const ref = current.$ref as string
    const name = ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined
    const target = name === undefined ? undefined : asSchema(asSchema(root.$defs)?.[name])
    if (target === undefined) return current
    current = target
  }
  return current
}

const types = (s: Schema): string[] | undefined =>
  typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? (s.type as string[]) : undefined

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [])

const show = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ')

/** Branch identity inside anyOf: its title, else the value of a `kind`/`type` const, else its position. */
function branchKey(branch: Schema, index: number, root: Schema): string {
  const s = resolve(branch, root)
  if (typeof s.title === 'string') return `title:${s.title}`
  const props = asSchema(s.properties)
  for (const tag of ['kind', 'type']) {
    const tagged = asSchema(props?.[tag])
    if (tagged && 'const' in tagged) return `${tag}:${JSON.stringify(tagged.const)}`
  }
  if ('const' in s) return `const:${JSON.stringify(s.const)}`
  const t = types(s)
  if (t && t.length === 1 && !('enum' in s) && !('pattern' in s)) return `type:${t[0]}`
  return `#${index}`
}

const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const

export function diffSchemas(before: Schema, after: Schema): SchemaChange[] {
  const changes: SchemaChange[] = []
  const seen = new Set<string>()
  const add = (path: string, breaking: boolean, message: string) =>
    changes.push({ path: path || '/', breaking, message })

  const visit = (oldRaw: Schema, newRaw: Schema, path: string): void => {
    const o = resolve(oldRaw, before)
    const n = resolve(newRaw, after)
    const guard = `${path}|${JSON.stringify(o).length}|${JSON.stringify(n).length}`
    if (seen.has(guard)) return
    seen.add(guard)

    const ot = types(o)
    const nt = types(n)
    if (ot && nt) {
      const lost = ot.filter((t) => !nt.includes(t) && !(t === 'integer' && nt.includes('number')))
      if (lost.length > 0) add(path, true, `type narrowed from ${show(ot)} to ${show(nt)}`)
      const gained = nt.filter((t) => !ot.includes(t))
      if (gained.length > 0 && lost.length === 0) add(path, false, `type widened to ${show(nt)}`)
    } else if (ot && !nt && !('anyOf' in n)) {
      // Losing the type keyword widens.
    } else if (!ot && nt) {
      add(path, true, `type restricted to ${show(nt)}`)
    }

    if (Array.isArray(o.enum) || Array.isArray(n.enum)) {
      const oe = Array.isArray(o.enum) ? (o.enum as unknown[]) : undefined
      const ne = Array.isArray(n.enum) ? (n.enum as unknown[]) : undefined
      if (oe && ne) {
        const removed = oe.filter((v) => !ne.includes(v))
        const added = ne.filter((v) => !oe.includes(v))
        if (removed.length > 0) add(path, true, `value(s) ${show(removed)} removed or renamed`)
        if (added.length > 0) add(path, false, `value(s) ${show(added)} added`)
      } else if (ne && !oe) {
        add(path, true, `restricted to the values ${show(ne)}`)
      } else if (oe && !ne) {
        add(path, false, 'no longer restricted to a list of values')
      }
    }

    if ('const' in o || 'const' in n) {
      if (!('const' in o)) add(path, true, `restricted to ${JSON.stringify(n.const)}`)
      else if (!('const' in n)) add(path, false, 'no longer a constant')
      else if (JSON.stringify(o.const) !== JSON.stringify(n.const)) {
        add(path, true, `constant changed from ${JSON.stringify(o.const)} to ${JSON.stringify(n.const)}`)
      }
    }

    if (o.pattern !== n.pattern) {
      if (n.pattern === undefined) add(path, false, 'pattern removed')
      else add(path, true, `pattern changed from ${String(o.pattern ?? '(none)')} to ${String(n.pattern)}`)
    }

    for (const key of LOWER_BOUNDS) {
      const a = o[key] as number | undefined
      const b = n[key] as number | undefined
      if (b !== undefined && (a === undefined || b > a)) add(path, true, `${key} raised from ${a ?? '(none)'} to ${b}`)
      else if (a !== undefined && (b === undefined || b < a)) add(path, false, `${key} lowered`)
    }
    for (const key of UPPER_BOUNDS) {
      const a = o[key] as number | undefined
      const b = n[key] as number | undefined
      if (b !== undefined && (a === undefined || b < a)) add(path, true, `${key} lowered from ${a ?? '(none)'} to ${b}`)
      else if (a !== undefined && (b === undefined || b > a)) add(path, false, `${key} raised`)
    }

    const op = asSchema(o.properties) ?? {}
    const np = asSchema(n.properties) ?? {}
    const oReq = strings(o.required)
    const nReq = strings(n.required)
    for (const name of Object.keys(op)) {
      const at = `${path}/properties/${name}`
      if (!(name in np)) {
        add(at, true, `property '${name}' removed or renamed`)
        continue
      }
      if (oReq.includes(name) && !nReq.includes(name)) add(at, true, `property '${name}' is no longer required`)
      if (!oReq.includes(name) && nReq.includes(name)) add(at, true, `property '${name}' became required`)
      visit(asSchema(op[name]) ?? {}, asSchema(np[name]) ?? {}, at)
    }
    for (const name of Object.keys(np)) {
      if (name in op) continue
      const at = `${path}/properties/${name}`
      if (nReq.includes(name)) add(at, true, `new required property '${name}'`)
      else add(at, false, `new optional property '${name}'`)
    }

    if (o.additionalProperties !== false && n.additionalProperties === false) {
      add(path, true, 'additional properties are no longer allowed')
    } else if (asSchema(o.additionalProperties) && asSchema(n.additionalProperties)) {
      visit(
        asSchema(o.additionalProperties) ?? {},
        asSchema(n.additionalProperties) ?? {},
        `${path}/additionalProperties`,
      )
    }

    const opp = asSchema(o.patternProperties) ?? {}
    const npp = asSchema(n.patternProperties) ?? {}
    for (const pattern of Object.keys(opp)) {
      const at = `${path}/patternProperties/${pattern}`
      if (!(pattern in npp)) add(at, true, `key pattern ${pattern} removed or changed`)
      else visit(asSchema(opp[pattern]) ?? {}, asSchema(npp[pattern]) ?? {}, at)
    }
    for (const pattern of Object.keys(npp)) {
      if (!(pattern in opp))
        add(`${path}/patternProperties/${pattern}`, Object.keys(opp).length > 0, `key pattern ${pattern} added`)
    }

    const oi = asSchema(o.items)
    const ni = asSchema(n.items)
    if (oi && ni) visit(oi, ni, `${path}/items`)
    else if (!oi && ni) add(`${path}/items`, true, 'array items restricted')

    const oa = Array.isArray(o.anyOf) ? (o.anyOf as Schema[]) : undefined
    const na = Array.isArray(n.anyOf) ? (n.anyOf as Schema[]) : undefined
    if (oa && na) {
      const newByKey = new Map(na.map((b, i) => [branchKey(b, i, after), b]))
      const oldKeys = new Set<string>()
      oa.forEach((branch, i) => {
        const key = branchKey(branch, i, before)
        oldKeys.add(key)
        const match = newByKey.get(key)
        if (match === undefined) add(`${path}/anyOf`, true, `alternative ${key} removed or changed`)
        else visit(branch, match, `${path}/anyOf[${key}]`)
      })
      na.forEach((branch, i) => {
        const key = branchKey(branch, i, after)
        if (!oldKeys.has(key)) add(`${path}/anyOf`, false, `alternative ${key} added`)
      })
    } else if (oa && !na) {
      add(path, true, 'alternatives (anyOf) replaced by a single shape')
    } else if (!oa && na) {
      // One shape becoming a union is a widening only if the old shape survives as a branch.
      const survives = na.some((b) => diffSchemas({ ...before, ...o }, { ...after, ...b }).every((c) => !c.breaking))
      add(path, !survives, survives ? 'became a union that still accepts the old shape' : 'replaced by a union')
    }
  }

  visit(before, after, '')
  return changes
}
