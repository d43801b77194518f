/**
 * Construction and local search on a {@link State}.
 *
 * - Construction: sessions most constrained first (fewest candidates, most
 *   hard neighbours, longest), each at its lexicographically best start; then
 *   a greedy pass over the sessions still in violation.
 * - Search: simulated annealing in cycles. Each cycle cools from T0 to
 *   T0·cool and the next one restarts from the best placement, twice as long
 *   (by iterations; with only a time limit, by the clock, the last cycle
 *   ending at the deadline). Six moves: shift one session (its interchangeable
 *   siblings re-sorted), swap two of the same length, eject the session at
 *   the target into the vacated place, ruin-and-recreate around a shift, a
 *   conflicting session to the same slot on another day, and a Kempe-like
 *   chain of hard-conflicting sessions between two block instances.
 * - Hard violations are a level of their own (lexicographic): a move that adds
 *   one is never taken; among moves that keep their count, annealing decides
 *   on the objective.
 *
 * With an iteration budget everything depends only on the seeded generator
 * and the iteration count, never on the clock (which may only stop the search).
 */
import { assertScore } from './assert.js';
import { findCandidate } from './compile.js';
import type { Problem } from './compile.js';
import type { Rng } from './rng.js';
import { State } from './state.js';

/**
 * How a search runs.
 *
 * @example
 * search(compile(meeting), { rng: createRng(1), maxIterations: 10_000, stagnationCycles: 0, cycleLength: 10_000, bound: 0,
 *   shouldStop: () => false, onImprove: () => {}, onTick: () => {}, assert: false, previous: undefined });
 */
export interface SearchConfig {
  readonly rng: Rng;
  /** Hard cap on iterations (move attempts). */
  readonly maxIterations: number;
  /** Stop after this many whole cycles without a new best (default budget); 0 = never. */
  readonly stagnationCycles: number;
  /** Iterations of the longest annealing cycle. */
  readonly cycleLength: number;
  /** Iterations of the first cycle (default: cycleLength); each next cycle is twice as long, up to cycleLength. */
  readonly firstCycle?: number;
  /** A proven lower bound of the objective: stop when a feasible placement reaches it. */
  readonly bound: number;
  /** Polled every few hundred iterations: true ends the search (time limit). */
  readonly shouldStop: () => boolean;
  /** Called when the best placement improves (the state holds it). */
  readonly onImprove: (iterations: number, state: State) => void;
  /** Called every {@link TICK} iterations. */
  readonly onTick: (iterations: number) => void;
  /** Recompute the full score with `evaluate` after moves and throw on any difference. */
  readonly assert: boolean;
  readonly previous: ReadonlyMap<string, number> | undefined;
  /** Start from these candidates instead of constructing (e.g. a warm start). */
  readonly initial?: Int32Array;
  /**
   * Schedule the annealing cycles by the clock instead of by iterations (a
   * run with only a time limit): cycles double in length and the last one
   * ends at the deadline, so that the answer is annealed whatever the budget.
   */
  readonly timed?: { readonly clock: () => number; readonly deadline: number; readonly minCycleMs: number };
  /** Relative weights of the move types (default: the tuned mix). */
  readonly mix?: MoveMix;
}

/**
 * Relative weights of the move types of the search.
 *
 * @example
 * const onlyShifts: MoveMix = { shift: 1, swap: 0, eject: 0, repair: 0, kempe: 0 };
 */
export interface MoveMix {
  /** One session to another start (siblings re-sorted). */
  readonly shift: number;
  /** Two sessions of the same length exchange starts. */
  readonly swap: number;
  /** A session takes the place of one it lands on, which takes its place. */
  readonly eject: number;
  /** A session moves and those it now collides with go to their best starts. */
  readonly repair: number;
  /** A Kempe-like chain of hard-conflicting sessions between two block instances. */
  readonly kempe: number;
  /** A session in conflict moves to the same block and offset on another day, swapping with one there. */
  readonly day?: number;
}

/**
 * What a search returns.
 *
 * @example
 * const { best, bestHard } = search(p, config); // best[s]: candidate index of session s
 */
export interface SearchResult {
  readonly best: Int32Array;
  readonly bestHard: number;
  readonly bestTotal: number;
  readonly iterations: number;
}

/**
 * Progress callbacks every this many iterations.
 *
 * @example
 * if (iterations % TICK === 0) onTick(iterations);
 */
export const TICK = 4096;
/**
 * Search parameters (internal; tuned on the bench instances).
 *
 * @example
 * TUNING.repairScan // 12
 */
export const TUNING = {
  /** Temperature at the end of a cycle, relative to its start. */
  cool: 1e-3,
  /** Quantile of worsening moves that sets the starting temperature. */
  quantile: 0.25,
  /** Factor on that quantile. */
  t0Factor: 1,
  /** Starting temperature of the cycles after the first, relative to the first's. */
  reheat: 1,
  /** Default move mix, as cumulative thresholds: shift, swap, eject, repair, day, then Kempe. */
  pShift: 0.5,
  pSwap: 0.6,
  pEject: 0.65,
  pRepair: 0.9,
  pDay: 0.97,
  /** Repair moves try only this many of a displaced session's cheapest starts. */
  repairScan: 12,
  /** On a full track, a repair moves every session it lands on when there are at most this many, else one at random. */
  ejectAll: 4,
};
/** Longest chain of a Kempe move. */
const MAX_CHAIN = 16;

/**
 * Places every session greedily, most constrained first.
 *
 * @example
 * const state = new State(problem);
 * construct(state, createRng(1));
 * state.hard // hard violations left by the greedy placement
 */
export function construct(state: State, rng: Rng): void {
  const p = state.p;
  const order = Array.from({ length: p.n }, (_, s) => s);
  const hardDeg = new Int32Array(p.n);
  for (let s = 0; s < p.n; s++) for (let j = p.adjOff[s]!; j < p.adjOff[s + 1]!; j++) if (p.adjH[j]! > 0) hardDeg[s]!++;
  const ncand = (s: number) => p.candOff[s + 1]! - p.candOff[s]!;
  order.sort((a, b) => ncand(a) - ncand(b) || hardDeg[b]! - hardDeg[a]! || p.minutes[b]! - p.minutes[a]! || a - b);
  for (const s of order) {
    if (state.cand[s]! >= 0) continue;
    let best = -1;
    let bh = Infinity;
    let bt = Infinity;
    let ties = 0;
    for (let c = p.candOff[s]!; c < p.candOff[s + 1]!; c++) {
      state.delta(s, c);
      const dh = state.dHard;
      const dt = state.deltaTotal();
      if (dh < bh || (dh === bh && dt < bt)) {
        best = c;
        bh = dh;
        bt = dt;
        ties = 1;
      } else if (dh === bh && dt === bt) {
        ties++;
        if (rng.int(ties) === 0) best = c;
      }
    }
    if (best >= 0) state.apply(s, best);
  }
}

/**
 * Sessions involved in some hard violation (unplaced, a full track, a hard pair, a broken sequence, a quota).
 *
 * @example
 * violatedSessions(state) // [] for a feasible placement
 */
export function violatedSessions(state: State): number[] {
  const p = state.p;
  const n = p.n;
  const out: number[] = [];
  const bad = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    const c = state.cand[s]!;
    if (c < 0) {
      bad[s] = 1;
      continue;
    }
    for (let x = p.cSlot[c]!; x < p.cSlot[c]! + p.steps[s]!; x++) if (state.occ[x]! > p.tracks) bad[s] = 1;
    const i = state.inst[s]!;
    for (let j = p.instCapOff[i]!; j < p.instCapOff[i]! + state.memLen[i]!; j++) {
      const b = state.mem[j]!;
      if (b === s) continue;
      const ov = Math.min(state.end[s]!, state.end[b]!) - Math.max(state.start[s]!, state.start[b]!);
      if (ov <= 0) continue;
      let h = 0;
      if (p.dense) h = p.pair[s * n + b]! & 7;
      else for (let k = p.adjOff[s]!; k < p.adjOff[s + 1]!; k++) if (p.adj[k] === b) h = p.adjH[k]!;
      if (h > 0) bad[s] = 1;
    }
  }
  for (let q = 0; q < p.seqA.length; q++) {
    const a = p.seqA[q]!;
    const b = p.seqB[q]!;
    if (state.cand[a]! < 0 || state.cand[b]! < 0) continue;
    if (state.end[a]! > state.start[b]! || (p.seqSame[q] === 1 && state.day[a] !== state.day[b])) bad[a] = bad[b] = 1;
  }
  for (let s = 0; s < n; s++) {
    const q = p.quotaOf[s]!;
    if (q >= 0 && (state.qCount[q]! < p.quotaMin[q]! || state.qCount[q]! > p.quotaMax[q]!)) bad[s] = 1;
  }
  for (let s = 0; s < n; s++) if (bad[s]) out.push(s);
  return out;
}

/**
 * Greedy repair of the hard violations a construction left: each session
 * involved, in random order, goes to its lexicographically best start
 * (fewest violations, then lowest total), for as long as a pass helps.
 *
 * @example
 * construct(state, rng);
 * if (state.hard > 0) repairHard(state, rng);
 */
export function repairHard(state: State, rng: Rng): void {
  const p = state.p;
  for (let pass = 0; pass < 20 && state.hard > 0; pass++) {
    const before = state.hard;
    const list = violatedSessions(state);
    for (let i = list.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = list[i]!;
      list[i] = list[j]!;
      list[j] = t;
    }
    for (const s of list) {
      const cur = state.cand[s]!;
      let bc = cur;
      let bh = 0;
      let bt = 0;
      for (let c = p.candOff[s]!; c < p.candOff[s + 1]!; c++) {
        if (c === cur) continue;
        state.delta(s, c);
        const dh = state.dHard;
        if (dh > bh) continue;
        const dt = state.deltaTotal();
        if (dh < bh || dt < bt) {
          bc = c;
          bh = dh;
          bt = dt;
        }
      }
      if (bc !== cur && bh < 0) state.apply(s, bc);
    }
    if (state.hard >= before) break;
  }
}

/**
 * A lower bound of the objective: every session at its cheapest start, no
 * conflict, and the fairness of each person's cheapest starts.
 *
 * @example
 * trivialBound(compile(meeting)) <= solve(meeting).result.score.total // true
 */
export function trivialBound(p: Problem): number {
  let comfort = 0;
  let stab = 0;
  for (let s = 0; s < p.n; s++) {
    let mc = Infinity;
    let ms = Infinity;
    for (let c = p.candOff[s]!; c < p.candOff[s + 1]!; c++) {
      if (p.cComfort[c]! < mc) mc = p.cComfort[c]!;
      if (p.cMoved[c]! < ms) ms = p.cMoved[c]!;
    }
    if (mc < Infinity) comfort += mc;
    if (ms < Infinity) stab += ms;
  }
  // fairness: per class, Σ over its sessions of the cheapest pain in its zone
  const classMin = new Float64Array(p.nClasses);
  for (let s = 0; s < p.n; s++) {
    for (let e = p.sessZoneOff[s]!; e < p.sessZoneOff[s + 1]!; e++) {
      const z = p.sessZone[e]!;
      let m = Infinity;
      for (let c = p.candOff[s]!; c < p.candOff[s + 1]!; c++) {
        const base = z * p.nPoints + p.cPoint[c]!;
        const v = p.cum[base + p.steps[s]!]! - p.cum[base]!;
        if (v < m) m = v;
      }
      if (m === Infinity) continue;
      for (let j = p.zcOff[e]!; j < p.zcOff[e + 1]!; j++) classMin[p.zcClass[j]!] = classMin[p.zcClass[j]!]! + m;
    }
  }
  let fair = 0;
  for (const v of classMin) if (v > fair) fair = v;
  return p.wComfort * comfort + p.wFairness * fair + p.wStability * stab;
}

/**
 * Runs construction (or the given start) and annealing cycles until the
 * budget is spent, the bound is reached, or `shouldStop` says so.
 *
 * @example
 * const r = search(compile(meeting), config);
 * r.bestHard // 0 when a feasible placement was found
 */
export function search(p: Problem, cfg: SearchConfig): SearchResult {
  const rng = cfg.rng;
  const state = new State(p);
  const n = p.n;
  if (cfg.initial) state.load(cfg.initial);
  construct(state, rng);
  if (state.hard > 0) repairHard(state, rng);
  if (cfg.assert) assertScore(state, cfg.previous, 'after construction');

  const best = Int32Array.from(state.cand);
  let bestHard = state.hard;
  let bestTotal = state.total();
  cfg.onImprove(0, state);

  // sessions grouped by length, for swaps
  const byLen = new Map<number, number[]>();
  for (let s = 0; s < n; s++) {
    if (p.candOff[s + 1]! - p.candOff[s]! <= 1) continue;
    const l = byLen.get(p.minutes[s]!) ?? [];
    l.push(s);
    byLen.set(p.minutes[s]!, l);
  }
  const movable: number[] = [];
  for (let s = 0; s < n; s++) if (p.candOff[s + 1]! - p.candOff[s]! > 1) movable.push(s);
  const lenBucket: Int32Array[] = [];
  const bucketOf = new Int32Array(n).fill(-1);
  for (const l of byLen.values()) {
    for (const s of l) bucketOf[s] = lenBucket.length;
    lenBucket.push(Int32Array.from(l));
  }

  let iterations = 0;
  if (movable.length === 0 || (bestHard === 0 && bestTotal <= cfg.bound)) {
    return { best, bestHard, bestTotal, iterations };
  }

  // chain buffers
  const chS = new Int32Array(MAX_CHAIN);
  const chC = new Int32Array(MAX_CHAIN);
  const chOld = new Int32Array(MAX_CHAIN);
  const mark = new Int32Array(n);
  let stamp = 0;

  const hardPair = (a: number, b: number): number => {
    if (p.dense) return p.pair[a * n + b]! & 7;
    let lo = p.adjOff[a]!;
    let hi = p.adjOff[a + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = p.adj[mid]!;
      if (v === b) return p.adjH[mid]!;
      if (v < b) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  };

  /** Builds the Kempe chain of moving s to c2; returns its length (0: not possible). */
  const buildChain = (s: number, c2: number): number => {
    const i1 = state.inst[s]!;
    const i2 = p.cInst[c2]!;
    if (i1 === i2 || i1 < 0) return 0;
    const shift = p.cStart[c2]! - p.instStart[i2]! - (state.start[s]! - p.instStart[i1]!);
    stamp++;
    let len = 0;
    chS[len] = s;
    chC[len] = c2;
    len++;
    mark[s] = stamp;
    for (let head = 0; head < len; head++) {
      const x = chS[head]!;
      const cx = chC[head]!;
      const J = p.cInst[cx]!;
      const xs = p.cStart[cx]!;
      const xe = xs + p.minutes[x]!;
      const other = J === i2 ? i1 : i2;
      const mapShift = J === i2 ? -shift : shift;
      const off = p.instCapOff[J]!;
      const ml = state.memLen[J]!;
      for (let j = off; j < off + ml; j++) {
        const b = state.mem[j]!;
        if (mark[b] === stamp) continue;
        const sb = state.start[b]!;
        const eb = state.end[b]!;
        if ((xe < eb ? xe : eb) - (xs > sb ? xs : sb) <= 0) continue;
        if (hardPair(x, b) === 0) continue;
        const target = p.instStart[other]! + (sb - p.instStart[J]!) + mapShift;
        const cb = findCandidate(p, b, target);
        if (cb < 0 || p.cInst[cb] !== other || len >= MAX_CHAIN) return 0;
        chS[len] = b;
        chC[len] = cb;
        len++;
        mark[b] = stamp;
      }
    }
    return len;
  };

  const sibStarts: number[] = [];
  /**
   * Moves s to c2 and re-sorts its siblings by start (so their sequences
   * hold): a chain of the siblings whose candidate changes.
   */
  const buildSibling = (s: number, c2: number): number => {
    const k = p.sibOf[s]!;
    const a = p.sibOff[k]!;
    const b = p.sibOff[k + 1]!;
    sibStarts.length = 0;
    for (let j = a; j < b; j++) {
      const x = p.sibList[j]!;
      sibStarts.push(x === s ? p.cStart[c2]! : state.start[x]!);
    }
    sibStarts.sort((u, v) => u - v);
    let len = 0;
    for (let j = a; j < b; j++) {
      const x = p.sibList[j]!;
      const t = sibStarts[j - a]!;
      if (t === state.start[x]) continue;
      const cx = findCandidate(p, x, t);
      if (cx < 0) return 0;
      chS[len] = x;
      chC[len] = cx;
      len++;
    }
    return len;
  };

  /** A movable session, preferring (a few tries) one that overlaps a session it shares people or a rule with. */
  const pickConflicted = (): number => {
    let s = movable[rng.int(movable.length)]!;
    for (let tries = 0; tries < 4; tries++) {
      const i = state.inst[s]!;
      const off = p.instCapOff[i]!;
      const ml = state.memLen[i]!;
      const ss = state.start[s]!;
      const se = state.end[s]!;
      for (let j = off; j < off + ml; j++) {
        const b = state.mem[j]!;
        if (b === s) continue;
        if ((se < state.end[b]! ? se : state.end[b]!) - (ss > state.start[b]! ? ss : state.start[b]!) <= 0) continue;
        if (p.dense ? p.pair[s * n + b]! !== 0 : hardPair(s, b) > 0) return s;
      }
      s = movable[rng.int(movable.length)]!;
    }
    return s;
  };

  /**
   * Ejection swap: s moves to c2 and one session overlapping c2 there (at
   * random) takes s's place, shifted alike. Returns the chain length (0: not possible).
   */
  const buildEject = (s: number, c2: number): number => {
    const i1 = state.inst[s]!;
    if (i1 < 0) return 0;
    const i2 = p.cInst[c2]!;
    const ns = p.cStart[c2]!;
    const ne = ns + p.minutes[s]!;
    const shift = ns - p.instStart[i2]! - (state.start[s]! - p.instStart[i1]!);
    const off = p.instCapOff[i2]!;
    const ml = state.memLen[i2]!;
    let b = -1;
    let seen = 0;
    for (let j = off; j < off + ml; j++) {
      const x = state.mem[j]!;
      if (x === s) continue;
      const sx = state.start[x]!;
      const ex = state.end[x]!;
      if ((ne < ex ? ne : ex) - (ns > sx ? ns : sx) <= 0) continue;
      seen++;
      if (rng.int(seen) === 0) b = x;
    }
    chS[0] = s;
    chC[0] = c2;
    if (b < 0) return 1;
    const cb = findCandidate(p, b, p.instStart[i1]! + (state.start[b]! - p.instStart[i2]!) - shift);
    if (cb < 0 || cb === state.cand[b]) return 0;
    chS[1] = b;
    chC[1] = cb;
    return 2;
  };

  // temperature: from the spread of worsening shift moves around the start
  const t0 = calibrate(state, rng, movable);
  let T = t0;
  const maxCycle = Math.max(1, cfg.cycleLength);
  let cycle = Math.max(1, Math.min(maxCycle, cfg.firstCycle ?? maxCycle));
  let cycleStart = 0;
  let cycleIndex = 0;
  const logCool = Math.log(TUNING.cool);
  let stagnant = 0;
  let improvedThisCycle = false;

  const saveBest = () => {
    best.set(state.cand);
    bestHard = state.hard;
    bestTotal = state.total();
    improvedThisCycle = true;
    cfg.onImprove(iterations, state);
    if (cfg.assert) assertScore(state, cfg.previous, `new best at iteration ${iterations}`);
  };

  /** Worsening accepted by annealing this time: dt is taken when dt <= -T·ln(u). */
  const threshold = (): number => -T * Math.log(1 - rng.next());
  const accept = (dh: number, dt: number): boolean => {
    if (dh < 0) return true;
    if (dh > 0) return false;
    if (dt <= 0) return true;
    return dt <= threshold();
  };
  const mix = cfg.mix ?? {
    shift: TUNING.pShift,
    swap: TUNING.pSwap - TUNING.pShift,
    eject: TUNING.pEject - TUNING.pSwap,
    repair: TUNING.pRepair - TUNING.pEject,
    day: TUNING.pDay - TUNING.pRepair,
    kempe: 1 - TUNING.pDay,
  };
  const mixDay = mix.day ?? 0;
  const mixSum = mix.shift + mix.swap + mix.eject + mix.repair + mixDay + mix.kempe;
  const pShift = mix.shift / mixSum;
  const pSwap = (mix.shift + mix.swap) / mixSum;
  const pEject = (mix.shift + mix.swap + mix.eject) / mixSum;
  const pRepair = (mix.shift + mix.swap + mix.eject + mix.repair) / mixSum;
  const pDay = (mix.shift + mix.swap + mix.eject + mix.repair + mixDay) / mixSum;
  const wc = p.wComfort;
  const wk = p.wConflict;
  const wf = p.wFairness;
  const ws = p.wStability;
  const maxDrop = p.maxDrop;

  const victims = new Int32Array(n);
  const undoS = new Int32Array(n + 1);
  const undoC = new Int32Array(n + 1);
  const seqBroken = (q: number): boolean => {
    const a = p.seqA[q]!;
    const b = p.seqB[q]!;
    if (state.cand[a]! < 0 || state.cand[b]! < 0) return false;
    return state.end[a]! > state.start[b]! || (p.seqSame[q] === 1 && state.day[a] !== state.day[b]);
  };
  /**
   * Ruin and recreate around one move: s goes to c2; the sessions it now
   * collides with (hard pairs, a full track, broken sequences) each go to
   * their best start given the rest. Kept when accepted, else undone.
   */
  const overlapping = new Int32Array(n);
  let nv = 0;
  /** Queues the sessions that x, where it now is, collides with (hard pairs, a full track, broken sequences). */
  const collect = (x: number): void => {
    const cx = state.cand[x]!;
    const ix = p.cInst[cx]!;
    const xs = state.start[x]!;
    const xe = state.end[x]!;
    let overflow = false;
    for (let y = p.cSlot[cx]!; y < p.cSlot[cx]! + p.steps[x]!; y++) if (state.occ[y]! > p.tracks) overflow = true;
    const off = p.instCapOff[ix]!;
    const ml = state.memLen[ix]!;
    // every session x may not overlap; on a full track also the others (one at random when there are many)
    let extra = -1;
    let seen = 0;
    for (let j = off; j < off + ml; j++) {
      const b = state.mem[j]!;
      if (b === x || mark[b] === stamp) continue;
      if ((xe < state.end[b]! ? xe : state.end[b]!) - (xs > state.start[b]! ? xs : state.start[b]!) <= 0) continue;
      if (hardPair(x, b) > 0) {
        victims[nv++] = b;
        mark[b] = stamp;
      } else if (overflow) {
        if (rng.int(++seen) === 0) extra = b;
        overlapping[seen - 1] = b;
      }
    }
    if (seen > 0 && seen <= TUNING.ejectAll) {
      for (let k = 0; k < seen; k++) {
        victims[nv++] = overlapping[k]!;
        mark[overlapping[k]!] = stamp;
      }
    } else if (extra >= 0) {
      victims[nv++] = extra;
      mark[extra] = stamp;
    }
    // a quota now broken: one other session of the group, at random
    const qx = p.quotaOf[x]!;
    if (qx >= 0 && (state.qCount[qx]! < p.quotaMin[qx]! || state.qCount[qx]! > p.quotaMax[qx]!)) {
      const a = p.quotaOff[qx]!;
      const k = p.quotaOff[qx + 1]! - a;
      if (k > 1) {
        const o = p.quotaList[a + rng.int(k)]!;
        if (o !== x && mark[o] !== stamp) {
          victims[nv++] = o;
          mark[o] = stamp;
        }
      }
    }
    for (let j = p.sessSeqOff[x]!; j < p.sessSeqOff[x + 1]!; j++) {
      const q = p.sessSeq[j]!;
      if (!seqBroken(q)) continue;
      const o = p.seqA[q] === x ? p.seqB[q]! : p.seqA[q]!;
      if (mark[o] === stamp) continue;
      victims[nv++] = o;
      mark[o] = stamp;
    }
  };
  /**
   * Ruin and recreate around one move: s goes to c2; the sessions it now
   * collides with each go to their best start given the rest (among the
   * cheapest few). Kept when accepted, else undone.
   */
  const tryRepair = (s: number, c2: number): boolean => {
    const h0 = state.hard;
    const t0v = state.total();
    let u = 0;
    undoS[u] = s;
    undoC[u] = state.cand[s]!;
    u++;
    state.apply(s, c2);
    stamp++;
    mark[s] = stamp;
    nv = 0;
    collect(s);
    for (let i = nv - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = victims[i]!;
      victims[i] = victims[j]!;
      victims[j] = t;
    }
    for (let head = 0; head < nv && u < n; head++) {
      const v = victims[head]!;
      const cur = state.cand[v]!;
      let bc = cur;
      let bh = 0;
      let bt = 0;
      // the cheapest starts first, and only so many of them
      const lo = p.candOff[v]!;
      const hi = Math.min(p.candOff[v + 1]!, lo + TUNING.repairScan);
      for (let k = lo; k < hi; k++) {
        const c = p.byCost[k]!;
        if (c === cur) continue;
        state.delta(v, c);
        const dh = state.dHard;
        if (dh > bh) continue;
        const dt = state.deltaTotal();
        if (dh < bh || dt < bt) {
          bc = c;
          bh = dh;
          bt = dt;
        }
      }
      if (bc !== cur) {
        undoS[u] = v;
        undoC[u] = cur;
        u++;
        state.apply(v, bc);
      }
    }
    if (accept(state.hard - h0, state.total() - t0v)) return true;
    for (let k = u - 1; k >= 0; k--) state.apply(undoS[k]!, undoC[k]!);
    return false;
  };

  /** Applies the chain in chS/chC; keeps it when accepted, else undoes it. */
  const tryChain = (len: number): boolean => {
    const h0 = state.hard;
    const t0v = state.total();
    for (let k = 0; k < len; k++) {
      chOld[k] = state.cand[chS[k]!]!;
      state.apply(chS[k]!, chC[k]!);
    }
    if (accept(state.hard - h0, state.total() - t0v)) return true;
    for (let k = len - 1; k >= 0; k--) state.apply(chS[k]!, chOld[k]!);
    return false;
  };

  const better = (): boolean => {
    const h = state.hard;
    return h < bestHard || (h === bestHard && state.total() < bestTotal);
  };

  // time mode: cycle ends (clock values), doubling, the last one at the deadline
  const timed = cfg.timed;
  const ends: number[] = [];
  let cycleStartTime = 0;
  if (timed) {
    const now = timed.clock();
    const left = timed.deadline - now;
    let len = left / 2;
    const lens: number[] = [len];
    while (len / 2 >= timed.minCycleMs && lens.length < 16) {
      len /= 2;
      lens.unshift(len);
    }
    lens[0] = left - lens.slice(1).reduce((a, b) => a + b, 0);
    let t = now;
    for (const l of lens) ends.push((t += l));
    cycleStartTime = now;
  }

  while (iterations < cfg.maxIterations) {
    if (timed) {
      if ((iterations & 127) === 0) {
        const now = timed.clock();
        if (now >= timed.deadline) break;
        if (now >= ends[cycleIndex]! && cycleIndex < ends.length - 1) {
          // the next, longer cycle: back to the best placement, reheat
          cycleStartTime = ends[cycleIndex]!;
          while (now >= ends[cycleIndex]! && cycleIndex < ends.length - 1) cycleIndex++;
          state.load(best);
          if (cfg.assert) assertScore(state, cfg.previous, 'after restart');
        }
        const frac = Math.min(1, (now - cycleStartTime) / (ends[cycleIndex]! - cycleStartTime));
        T = (cycleIndex > 0 ? t0 * TUNING.reheat : t0) * Math.exp(logCool * frac);
        if ((iterations & (TICK - 1)) === 0 && iterations > 0) cfg.onTick(iterations);
      }
    } else if (iterations - cycleStart >= cycle) {
      // a new, longer cycle: back to the best placement, reheat
      if (!improvedThisCycle) stagnant++;
      else stagnant = 0;
      if (cfg.stagnationCycles > 0 && stagnant >= cfg.stagnationCycles) break;
      improvedThisCycle = false;
      cycleStart = iterations;
      cycle = Math.min(maxCycle, cycle * 2);
      cycleIndex++;
      state.load(best);
      T = t0 * TUNING.reheat;
      if (cfg.assert) assertScore(state, cfg.previous, 'after restart');
    }
    if (!timed && (iterations & 255) === 0) {
      T = (cycleIndex > 0 ? t0 * TUNING.reheat : t0) * Math.exp((logCool * (iterations - cycleStart)) / cycle);
      if ((iterations & (TICK - 1)) === 0 && iterations > 0) {
        cfg.onTick(iterations);
        if (cfg.shouldStop()) break;
      }
    }
    iterations++;

    const r = rng.next();
    if (r < pShift) {
      // shift
      const s = movable[rng.int(movable.length)]!;
      const lo = p.candOff[s]!;
      const c2 = lo + rng.int(p.candOff[s + 1]! - lo);
      if (c2 === state.cand[s]) continue;
      if (p.sibOf[s]! >= 0) {
        const len = buildSibling(s, c2);
        if (len === 0 || !tryChain(len)) continue;
        if (cfg.assert) assertScore(state, cfg.previous, `after a move at iteration ${iterations}`);
        if (better()) {
          saveBest();
          if (bestHard === 0 && bestTotal <= cfg.bound) break;
        }
        continue;
      }
      state.deltaCore(s, c2);
      const dh = state.dHard;
      if (dh > 0) continue;
      if (dh === 0) {
        const part = wc * state.dComfort + wk * state.dConflict + ws * state.dStab;
        const thr = threshold();
        // the fairness term can fall by at most maxDrop[s]: skip it when even that cannot make up
        if (part - wf * maxDrop[s]! > thr) continue;
        if (part + wf * (state.fairAfter(s, c2) - state.fairness) > thr) continue;
      }
      state.commit(s, c2);
    } else {
      let len: number;
      if (r < pSwap) {
        // swap two sessions of the same length
        const s1 = movable[rng.int(movable.length)]!;
        const bucket = lenBucket[bucketOf[s1]!]!;
        const s2 = bucket[rng.int(bucket.length)]!;
        if (s1 === s2 || state.start[s1] === state.start[s2]) continue;
        const a = findCandidate(p, s1, state.start[s2]!);
        if (a < 0) continue;
        const b = findCandidate(p, s2, state.start[s1]!);
        if (b < 0) continue;
        chS[0] = s1;
        chC[0] = a;
        chS[1] = s2;
        chC[1] = b;
        len = 2;
      } else if (r < pEject) {
        const s = movable[rng.int(movable.length)]!;
        const lo = p.candOff[s]!;
        const c2 = lo + rng.int(p.candOff[s + 1]! - lo);
        if (c2 === state.cand[s]) continue;
        len = buildEject(s, c2);
        if (len === 0) continue;
      } else if (r >= pRepair && r < pDay) {
        // the same block and offset on another day (the same comfort unless the offsets change),
        // for a session that overlaps one it shares people or a rule with
        const s = pickConflicted();
        const i1 = state.inst[s]!;
        const nd = p.nDays;
        if (nd < 2) continue;
        let d2 = rng.int(nd - 1);
        const d1 = (i1 / p.nBlocks) | 0;
        if (d2 >= d1) d2++;
        const i2 = d2 * p.nBlocks + (i1 - d1 * p.nBlocks);
        const c2 = findCandidate(p, s, p.instStart[i2]! + (state.start[s]! - p.instStart[i1]!));
        if (c2 < 0) continue;
        len = buildEject(s, c2);
        if (len === 0) continue;
      } else if (r < pRepair) {
        const s = movable[rng.int(movable.length)]!;
        const lo = p.candOff[s]!;
        const c2 = lo + rng.int(p.candOff[s + 1]! - lo);
        if (c2 === state.cand[s]) continue;
        if (!tryRepair(s, c2)) continue;
        len = -1;
      } else {
        // Kempe chain between two block instances
        const s = movable[rng.int(movable.length)]!;
        const lo = p.candOff[s]!;
        const c2 = lo + rng.int(p.candOff[s + 1]! - lo);
        if (c2 === state.cand[s]) continue;
        len = buildChain(s, c2);
        if (len === 0) continue;
      }
      if (len > 0 && !tryChain(len)) continue;
    }
    if (cfg.assert) assertScore(state, cfg.previous, `after a move at iteration ${iterations}`);
    if (better()) {
      saveBest();
      if (bestHard === 0 && bestTotal <= cfg.bound) break;
    }
  }
  return { best, bestHard, bestTotal, iterations };
}

/** A starting temperature: the lower quartile of worsening shift moves (same hard level). */
function calibrate(state: State, rng: Rng, movable: readonly number[]): number {
  const p = state.p;
  const ups: number[] = [];
  for (let k = 0; k < 400; k++) {
    const s = movable[rng.int(movable.length)]!;
    const lo = p.candOff[s]!;
    const c2 = lo + rng.int(p.candOff[s + 1]! - lo);
    if (c2 === state.cand[s]) continue;
    state.delta(s, c2);
    const dt = state.deltaTotal();
    if (state.dHard === 0 && dt > 0) ups.push(dt);
  }
  if (ups.length === 0) return 1;
  ups.sort((a, b) => a - b);
  return Math.max(1, TUNING.t0Factor * ups[Math.floor(ups.length * TUNING.quantile)]!);
}
