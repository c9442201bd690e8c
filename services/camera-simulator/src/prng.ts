// A small seeded PRNG (mulberry32) and the deviates the simulator draws from it. Every
// stream is derived from (seed, labels...) by hashing, so each exposure and detector has
// its own reproducible stream whatever order, or however many at a time, they are made in.

/** 32-bit FNV-1a over the labels, mixed with the seed: a stable stream id. */
export function streamSeed(seed: number, ...labels: readonly (string | number)[]): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0
  for (const label of labels) {
    const text = `${String(label)}\u0000`
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i)
      h = Math.imul(h, 0x01000193) >>> 0
    }
  }
  return h >>> 0
}

export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number
  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number
  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number
  /** Standard normal (Box-Muller; the second value is kept for the next call). */
  normal(): number
  /** Poisson: exact (Knuth) below 30, normal approximation above (rounded, never negative). */
  poisson(mean: number): number
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0
  let spare: number | undefined
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = () => {
    if (spare !== undefined) {
      const value = spare
      spare = undefined
      return value
    }
    let u = uniform()
    while (u === 0) u = uniform()
    const r = Math.sqrt(-2 * Math.log(u))
    const theta = 2 * Math.PI * uniform()
    spare = r * Math.sin(theta)
    return r * Math.cos(theta)
  }
  return {
    uniform,
    between: (lo, hi) => lo + (hi - lo) * uniform(),
    int: (lo, hi) => lo + Math.floor(uniform() * (hi - lo + 1)),
    normal,
    poisson(mean) {
      if (mean <= 0) return 0
      if (mean >= 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()))
      const limit = Math.exp(-mean)
      let k = 0
      let p = uniform()
      while (p > limit) {
        k++
        p *= uniform()
      }
      return k
    },
  }
}
