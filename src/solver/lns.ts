/**
 * Exact re-placement of a few related sessions, for conference-like meetings
 * (many parallel sessions that share people): a session and some of the
 * sessions it shares people or a rule with are taken out, and a depth-first
 * branch and bound finds their cheapest placement among each other and the
 * sessions that stay (comfort, stability and conflict; tracks and hard pairs
 * kept), which is then priced exactly (sequences, quotas, siblings re-sorted,
 * fairness) and taken when the annealing accepts it.
 */
import { overlapSteps, resortChain } from './moves.js';
import type { MoveContext } from './moves.js';

/**
 * Parameters (internal).
 *
 * @example
 * LNS.size // sessions re-placed together
 */
export const LNS = {
  /** Sessions re-placed together. */
  size: 6,
  /** Branch-and-bound nodes per move at most. */
  nodeLimit: 4000,
  /**
   * Only in meetings of this many sessions at least: smaller conference-like
   * meetings (random ones, `bench/gen-random.ts`) need their default run's
   * rounds more than this move (RL101–RL115, seeds 1–2: RL108 198,600 and
   * 200,370 → 203,130 and 204,945 with it, RL111 seed 1 103,620 → 104,850).
   */
  minSessions: 100,
  /** … and at most this many (larger ones lose the iterations it takes: L1's 5 s runs 0.2 % worse). */
  maxSessions: 300,
};

class LnsScratch {
  readonly set: Int32Array;
  /** Per member: its usable candidates (sorted by their cost against the sessions that stay) and those costs. */
  readonly candOf: Int32Array[];
  readonly costOf: Float64Array[];
  readonly nCand: Int32Array;
  readonly order: Int32Array;
  readonly suffix: Float64Array;
  /** Pair weight and hard count among members (k × k). */
  readonly pw: Float64Array;
  readonly ph: Int32Array;
  /** Members per occupancy slot: where they are now, and where the search has placed them so far. */
  readonly here: Int32Array;
  readonly out: Int32Array;
  readonly pick: Int32Array;
  readonly bestPick: Int32Array;
  /** Per member: its least cost. */
  readonly least: Float64Array;
  readonly inSet: Int32Array;
  stamp = 0;
  nodes = 0;
  bestCost = 0;
  found = false;
  constructor(ctx: MoveContext) {
    const p = ctx.p;
    const k = LNS.size;
    let maxCand = 1;
    for (let s = 0; s < p.n; s++) maxCand = Math.max(maxCand, p.candOff[s + 1]! - p.candOff[s]!);
    this.set = new Int32Array(k);
    this.candOf = Array.from({ length: k }, () => new Int32Array(maxCand));
    this.costOf = Array.from({ length: k }, () => new Float64Array(maxCand));
    this.nCand = new Int32Array(k);
    this.order = new Int32Array(k);
    this.suffix = new Float64Array(k + 1);
    this.pw = new Float64Array(k * k);
    this.ph = new Int32Array(k * k);
    this.here = new Int32Array(p.nSlots);
    this.out = new Int32Array(p.nSlots);
    this.pick = new Int32Array(k);
    this.bestPick = new Int32Array(k);
    this.least = new Float64Array(k);
    this.inSet = new Int32Array(p.n);
  }
}
const scratch = new WeakMap<MoveContext, LnsScratch>();

/**
 * The move. Only on a feasible placement whose conflicts are kept per
 * candidate (`State.rows`); false when nothing changed.
 *
 * @example
 * lnsMove(ctx)
 */
export function lnsMove(ctx: MoveContext): boolean {
  const state = ctx.state;
  const p = ctx.p;
  if (state.hard !== 0 || !state.rows) return false;
  let sc = scratch.get(ctx);
  if (!sc) scratch.set(ctx, (sc = new LnsScratch(ctx)));
  const stamp = ++sc.stamp;
  const set = sc.set;
  // a session, and sessions related to those taken so far
  let k = 0;
  const first = ctx.anySession();
  set[k++] = first;
  sc.inSet[first] = stamp;
  for (let tries = 0; k < LNS.size && tries < 4 * LNS.size; tries++) {
    const x = set[ctx.rng.int(k)]!;
    const deg = p.adjOff[x + 1]! - p.adjOff[x]!;
    if (deg === 0) continue;
    const b = p.adj[p.adjOff[x]! + ctx.rng.int(deg)]!;
    if (sc.inSet[b] === stamp || p.candOff[b + 1]! - p.candOff[b]! < 2) continue;
    sc.inSet[b] = stamp;
    set[k++] = b;
  }
  if (k < 2) return false;
  const T = p.tracks;
  const occ = state.occ;
  const here = sc.here;
  for (let i = 0; i < k; i++) {
    const s = set[i]!;
    for (let y = p.cSlot[state.cand[s]!]!, e = y + p.steps[s]!; y < e; y++) here[y]!++;
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const related = i !== j && state.pairOf(set[i]!, set[j]!);
      sc.pw[i * k + j] = related ? state.pairW : 0;
      sc.ph[i * k + j] = related ? state.pairH : 0;
    }
  }
  const wc = p.wConflict * p.grid;
  // each member's usable candidates and their cost against the sessions that stay (unsorted)
  let current = 0;
  let sumMin = 0;
  for (let i = 0; i < k; i++) {
    const s = set[i]!;
    const c0 = state.cand[s]!;
    const cands = sc.candOf[i]!;
    const costs = sc.costOf[i]!;
    let n = 0;
    let least = Infinity;
    for (let c = p.candOff[s]!; c < p.candOff[s + 1]!; c++) {
      let w = state.cw[c]!;
      let h = state.ch[c]!;
      for (let j = 0; j < k; j++) {
        if (j === i) continue;
        const ov = overlapSteps(p, s, c, set[j]!, state.cand[set[j]!]!);
        if (ov === 0) continue;
        w -= ov * sc.pw[i * k + j]!;
        h -= sc.ph[i * k + j]!;
      }
      if (h > 0) continue;
      let room = true;
      for (let y = p.cSlot[c]!, e = y + p.steps[s]!; y < e; y++) {
        if (occ[y]! - here[y]! >= T) {
          room = false;
          break;
        }
      }
      if (!room) continue;
      const v = p.wComfort * p.cComfort[c]! + p.wStability * p.cMoved[c]! + wc * w;
      if (c === c0) current += v;
      if (v < least) least = v;
      cands[n] = c;
      costs[n++] = v;
    }
    sc.nCand[i] = n;
    sc.least[i] = least;
    sumMin += least;
  }
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) current += wc * sc.pw[i * k + j]! * overlapSteps(p, set[i]!, state.cand[set[i]!]!, set[j]!, state.cand[set[j]!]!);
  }
  // what a placement may cost to be taken: the annealing's threshold, and fairness at its largest fall
  const thr = ctx.threshold();
  sc.bestCost = current + thr + p.wFairness * (state.fairness - p.fairLow);
  // keep only the candidates that could take part in such a placement, sorted by cost (ties keep time order)
  for (let i = 0; i < k; i++) {
    const cands = sc.candOf[i]!;
    const costs = sc.costOf[i]!;
    const limit = sc.bestCost - (sumMin - sc.least[i]!);
    let n = 0;
    for (let x = 0; x < sc.nCand[i]!; x++) {
      const v = costs[x]!;
      if (v >= limit) continue;
      const c = cands[x]!;
      let at = n++;
      while (at > 0 && costs[at - 1]! > v) {
        costs[at] = costs[at - 1]!;
        cands[at] = cands[at - 1]!;
        at--;
      }
      costs[at] = v;
      cands[at] = c;
    }
    sc.nCand[i] = n;
  }
  // members with fewest choices first
  for (let i = 0; i < k; i++) sc.order[i] = i;
  const ord = sc.order;
  for (let i = 1; i < k; i++) {
    const v = ord[i]!;
    let at = i;
    while (at > 0 && sc.nCand[ord[at - 1]!]! > sc.nCand[v]!) {
      ord[at] = ord[at - 1]!;
      at--;
    }
    ord[at] = v;
  }
  sc.suffix[k] = 0;
  for (let d = k - 1; d >= 0; d--) sc.suffix[d] = sc.suffix[d + 1]! + (sc.nCand[ord[d]!]! > 0 ? sc.costOf[ord[d]!]![0]! : Infinity);
  sc.found = false;
  sc.nodes = 0;
  dfs(ctx, sc, k, 0, 0);
  for (let i = 0; i < k; i++) {
    const s = set[i]!;
    for (let y = p.cSlot[state.cand[s]!]!, e = y + p.steps[s]!; y < e; y++) here[y]!--;
  }
  if (!sc.found) return false;
  const chS = ctx.chS;
  const chC = ctx.chC;
  let len = 0;
  for (let i = 0; i < k; i++) {
    const c = sc.bestPick[i]!;
    if (c === state.cand[set[i]!]) continue;
    chS[len] = set[i]!;
    chC[len++] = c;
  }
  len = resortChain(ctx, len);
  if (len === 0) return false;
  state.deltaMultiCore(len, chS, chC);
  if (state.dHard !== 0) return false;
  state.fairMulti(len, chS, chC);
  if (state.deltaTotal() > thr) return false;
  state.commitMulti(len, chS, chC);
  return true;
}

function dfs(ctx: MoveContext, sc: LnsScratch, k: number, d: number, cost: number): void {
  const p = ctx.p;
  const state = ctx.state;
  const set = sc.set;
  const out = sc.out;
  const here = sc.here;
  if (d === k) {
    let same = true;
    for (let i = 0; i < k; i++) if (sc.pick[i] !== state.cand[set[i]!]) same = false;
    if (same) return;
    sc.bestCost = cost;
    sc.bestPick.set(sc.pick);
    sc.found = true;
    return;
  }
  const i = sc.order[d]!;
  const s = set[i]!;
  const cands = sc.candOf[i]!;
  const costs = sc.costOf[i]!;
  const n = sc.nCand[i]!;
  const T = p.tracks;
  const occ = state.occ;
  const wc = p.wConflict * p.grid;
  for (let x = 0; x < n; x++) {
    if (sc.nodes >= LNS.nodeLimit) return;
    const c = cands[x]!;
    const base = cost + costs[x]!;
    if (base + sc.suffix[d + 1]! >= sc.bestCost) return; // sorted by cost: the rest cannot do better
    sc.nodes++;
    // with the members placed so far: conflict, hard pairs, tracks
    let v = base;
    let ok = true;
    for (let e = 0; e < d && ok; e++) {
      const j = sc.order[e]!;
      const ov = overlapSteps(p, s, c, set[j]!, sc.pick[j]!);
      if (ov === 0) continue;
      if (sc.ph[i * k + j]! > 0) ok = false;
      v += wc * sc.pw[i * k + j]! * ov;
    }
    if (!ok || v + sc.suffix[d + 1]! >= sc.bestCost) continue;
    const y0 = p.cSlot[c]!;
    const y1 = y0 + p.steps[s]!;
    // tracks: the sessions that stay (occupancy less the members where they are) and the members placed
    let room = true;
    for (let y = y0; y < y1; y++) {
      if (occ[y]! - here[y]! + out[y]! >= T) {
        room = false;
        break;
      }
    }
    if (!room) continue;
    for (let y = y0; y < y1; y++) out[y]!++;
    sc.pick[i] = c;
    dfs(ctx, sc, k, d + 1, v);
    for (let y = y0; y < y1; y++) out[y]!--;
  }
}
