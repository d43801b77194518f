/**
 * A small, fast, seeded pseudo-random generator (sfc32, seeded by splitmix32).
 * The solver never calls `Math.random()`: the same seed gives the same stream
 * on every machine, so the same spec, seed and iteration budget give the same
 * timetable.
 */

/**
 * A seeded random stream.
 *
 * @example
 * const rng: Rng = createRng(42);
 * rng.next(); // [0, 1)
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n) (n >= 1). */
  int(n: number): number;
}

function splitmix32(x: number): () => number {
  let s = x >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * The generator of a seed (any safe integer; only its low 53 bits matter).
 *
 * @example
 * const rng = createRng(1);
 * rng.int(10) // the same number on every run
 */
export function createRng(seed: number): Rng {
  const hi = Math.floor(seed / 0x100000000);
  const sm = splitmix32((seed >>> 0) ^ Math.imul(hi >>> 0, 0x27d4eb2d));
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm() | 1;
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  return {
    next: () => u32() / 4294967296,
    int: (n: number) => Math.floor((u32() / 4294967296) * n),
  };
}
