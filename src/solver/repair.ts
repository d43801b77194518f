/**
 * Ruin and recreate around one move: a session goes to a random start; the
 * sessions it now collides with (hard pairs, a full track, a broken quota or
 * sequence) each go to their best start given the rest (among their cheapest
 * few); the whole is kept when accepted, else undone.
 */
import type { Problem } from './compile.js';
import { resortChain } from './moves.js';
import type { MoveContext } from './moves.js';

/**
 * Repair move parameters (internal).
 *
 * @example
 * REPAIR.scan // 12
 */
export const REPAIR = {
  /** Displaced sessions try only this many of their cheapest starts. */
  scan: 12,
  /** On a full track, every session landed on moves when there are at most this many, else one at random. */
  ejectAll: 4,
  /**
   * From {@link pullAnyFrom} iterations of a search on, the share of pull
   * moves that draw any other start of the exclusive session, not only a
   * cheaper one: the working-party closings of G134 (an unseen study-group
   * meeting) sit in the morning block of their day, comfortable for them,
   * where the optimum holds them in the afternoon and gives that morning to
   * Question sessions, which lowers the fairness maximum by 240 for 120 of
   * comfort; five default runs of six stopped 120 above the optimum. Default
   * runs (one process, seeds by the run, answers that depend only on the
   * seed) at the best of the variants: G4–G63 seeds 3–4 and G124–G143 seeds
   * 4–6, 180 runs, 166 without (excess summed 780), 169 with any start from
   * the first iteration (840), 175 from 200,000 (150); G4–G63 seeds 1–2, 111,
   * 116 and 117 of 120. Fresh 100 ms runs of S3 lose with it (a warm process
   * with its clock slowed fivefold, seeds alternating: 216 → 181 of 400, a
   * third of the pulls wide 193), so the short runs of the S instances never
   * reach it: they do 10,000–30,000 iterations.
   */
  pullAny: 1,
  pullAnyFrom: 200_000,
};

/**
 * Scratch of the repair move, per context.
 */
class RepairScratch {
  readonly victims: Int32Array;
  readonly overlapping: Int32Array;
  nv = 0;
  /** Per session: its cheapest weighted comfort + stability over its candidates. */
  readonly least: Float64Array;
  constructor(p: Problem) {
    const n = p.n;
    this.least = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      let m = Infinity;
      for (let c = p.candOff[s]!; c < p.candOff[s + 1]!; c++) m = Math.min(m, p.wComfort * p.cComfort[c]! + p.wStability * p.cMoved[c]!);
      this.least[s] = m === Infinity ? 0 : m;
    }
    this.victims = new Int32Array(n);
    this.overlapping = new Int32Array(n);
  }
}
const scratch = new WeakMap<MoveContext, RepairScratch>();

/**
 * The ruin-and-recreate move.
 *
 * @example
 * repairMove(ctx) // true when the state changed
 */
export function repairMove(ctx: MoveContext): boolean {
  const s = ctx.anySession();
  const c2 = ctx.anyOtherCandidate(s);
  if (c2 < 0) return false;
  let sc = scratch.get(ctx);
  if (!sc) scratch.set(ctx, (sc = new RepairScratch(ctx.p)));
  // on a feasible placement, a worsening the displaced sessions cannot make up for is refused unpriced
  let thr = NaN;
  if (ctx.state.hard === 0) {
    thr = ctx.threshold();
    if (hopeless(ctx, sc, s, c2, thr)) return false;
    // a move that breaks nothing displaces nobody: a plain shift
    const state = ctx.state;
    const p = ctx.p;
    state.deltaCore(s, c2);
    if (state.dHard < 0) return false;
    if (state.dHard === 0) {
      const part = p.wComfort * state.dComfort + p.wConflict * state.dConflict + p.wStability * state.dStab;
      if (part - p.wFairness * state.fairFall(s) > thr) return false;
      if (part + p.wFairness * (state.fairAfter(s, c2) - state.fairness) > thr) return false;
      state.commit(s, c2);
      return true;
    }
  }
  return tryRepair(ctx, sc, s, c2, thr);
}

/** Per context: the movable exclusive sessions (plenaries, openings, closings). */
const exclusives = new WeakMap<MoveContext, Int32Array>();

/**
 * The pull move: an exclusive session to one of its starts cheaper than its
 * current one (from {@link REPAIR}.pullAnyFrom iterations on, to any other
 * start), what it now collides with (a broken sequence: the Question
 * sessions that must end before a closing) repaired as by the repair move.
 * On a placement that breaks rules it is the repair move.
 *
 * @example
 * pullMove(ctx) // true when the state changed
 */
export function pullMove(ctx: MoveContext): boolean {
  // a placement that breaks rules gets the repair move, which draws preferably the sessions that break one
  if (ctx.state.hard > 0) return repairMove(ctx);
  let ex = exclusives.get(ctx);
  if (!ex) {
    const list: number[] = [];
    for (const s of ctx.movable) if (ctx.p.exclusive[s]) list.push(s);
    exclusives.set(ctx, (ex = Int32Array.from(list)));
  }
  if (ex.length === 0) return false;
  const p = ctx.p;
  const s = ex[ctx.rng.int(ex.length)]!;
  const cur = ctx.state.cand[s]!;
  const lo = p.candOff[s]!;
  let k = 0;
  while (lo + k < p.candOff[s + 1]! && p.byCost[lo + k] !== cur) k++;
  if (ctx.pullAny > 0 && ctx.rng.next() < ctx.pullAny) k = p.candOff[s + 1]! - lo;
  if (k === 0) return false;
  const c2 = p.byCost[lo + ctx.rng.int(k)]!;
  if (c2 === cur) return false;
  let sc = scratch.get(ctx);
  if (!sc) scratch.set(ctx, (sc = new RepairScratch(p)));
  return tryRepair(ctx, sc, s, c2, NaN);
}

/**
 * True when moving s to c2 costs more than `thr` plus the most the sessions
 * it may displace (those it overlaps there, its sequence neighbours, its
 * quota group) could gain by moving: their comfort and stability above their
 * cheapest, their conflict, and the largest fall of fairness — so that no
 * repair around the move can be accepted.
 */
function hopeless(ctx: MoveContext, sc: RepairScratch, s: number, c2: number, thr: number): boolean {
  const state = ctx.state;
  const p = ctx.p;
  const c1 = state.cand[s]!;
  // s itself: exact comfort and stability; its conflict may all go (where it lands too, if the others leave)
  const part = p.wComfort * (p.cComfort[c2]! - p.cComfort[c1]!) + p.wStability * (p.cMoved[c2]! - p.cMoved[c1]!) - p.wConflict * state.conflictAt(s);
  const room = p.wFairness * (state.fairness - p.fairLow);
  if (part - room <= thr) return false;
  let gain = 0;
  let fall = p.wFairness * state.fairFall(s);
  const i = p.cInst[c2]!;
  const ns = p.cStart[c2]!;
  const ne = ns + p.minutes[s]!;
  for (let j = p.instCapOff[i]!; j < p.instCapOff[i]! + state.memLen[i]!; j++) {
    const b = state.mem[j]!;
    if (b === s || (ne < state.end[b]! ? ne : state.end[b]!) - (ns > state.start[b]! ? ns : state.start[b]!) <= 0) continue;
    gain += slack(ctx, sc, b);
    fall += p.wFairness * state.fairFall(b);
  }
  for (let j = p.sessSeqOff[s]!; j < p.sessSeqOff[s + 1]!; j++) {
    const q = p.sessSeq[j]!;
    const b = p.seqA[q] === s ? p.seqB[q]! : p.seqA[q]!;
    gain += slack(ctx, sc, b);
    fall += p.wFairness * state.fairFall(b);
  }
  const qs = p.quotaOf[s]!;
  if (qs >= 0) {
    let m = 0;
    let f = 0;
    for (let j = p.quotaOff[qs]!; j < p.quotaOff[qs + 1]!; j++) {
      m = Math.max(m, slack(ctx, sc, p.quotaList[j]!));
      f = Math.max(f, state.fairFall(p.quotaList[j]!));
    }
    gain += m;
    fall += p.wFairness * f;
  }
  return part - gain - (fall < room ? fall : room) > thr;
}

/** The most session b could gain by moving but for fairness (see {@link hopeless}). */
function slack(ctx: MoveContext, sc: RepairScratch, b: number): number {
  const p = ctx.p;
  const c = ctx.state.cand[b]!;
  if (c < 0) return 0;
  return p.wComfort * p.cComfort[c]! + p.wStability * p.cMoved[c]! - sc.least[b]! + p.wConflict * ctx.state.conflictAt(b);
}

/** The greedy ruin and recreate; `thr` is the annealing threshold already drawn (NaN: draw one). */
function tryRepair(ctx: MoveContext, sc: RepairScratch, s: number, c2: number, thr: number): boolean {
  const state = ctx.state;
  const p = ctx.p;
  const rng = ctx.rng;
  const victims = sc.victims;
  const h0 = state.hard;
  const t0 = state.total();
  state.beginTentative();
  state.apply(s, c2);
  const stamp = ++ctx.stamp;
  ctx.mark[s] = stamp;
  sc.nv = 0;
  collect(ctx, sc, s, stamp);
  const nv = sc.nv;
  for (let i = nv - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = victims[i]!;
    victims[i] = victims[j]!;
    victims[j] = t;
  }
  for (let head = 0; head < nv; head++) {
    const v = victims[head]!;
    const cur = state.cand[v]!;
    let bc = cur;
    let bh = 0;
    let bt = 0;
    // a session with interchangeable siblings takes a start as its class does: re-sorted, so that
    // the class's own sequence holds whatever start it takes
    const sib = p.sibOf[v]! >= 0;
    if (sib) state.siblingPrepare(v);
    // the cheapest starts first, and only so many of them
    const lo = p.candOff[v]!;
    const hi = Math.min(p.candOff[v + 1]!, lo + REPAIR.scan);
    const drop = p.wFairness * p.maxDrop[v]!;
    // once a start breaks nothing v breaks now (the lowest dHard there can be), the later,
    // costlier starts cannot beat it: their objective change is at least `floor` + comfort
    const lowest = -state.violationsAt(v);
    const floor = -p.wComfort * p.cComfort[cur]! - p.wStability * p.cMoved[cur]! - p.wConflict * state.conflictAt(v) - drop;
    for (let k = lo; k < hi; k++) {
      const c = p.byCost[k]!;
      if (c === cur) continue;
      if (bh === lowest && floor + p.wComfort * p.cComfort[c]! >= bt) break;
      state.deltaCore(v, c);
      // a session with siblings takes the start as its class would: re-sorted (applied so below)
      const dh = sib ? state.dHard + state.siblingSeqCorrection(v, c) : state.dHard;
      if (dh > bh) continue;
      const part = p.wComfort * state.dComfort + p.wConflict * state.dConflict + p.wStability * state.dStab;
      if (dh === bh && part - drop >= bt) continue;
      const dt = part + p.wFairness * (state.fairAfter(v, c) - state.fairness);
      if (dh < bh || dt < bt) {
        bc = c;
        bh = dh;
        bt = dt;
      }
    }
    if (bc === cur) continue;
    let len = 0;
    if (sib) {
      ctx.chS[0] = v;
      ctx.chC[0] = bc;
      len = resortChain(ctx, 1);
    }
    if (len === 0) state.apply(v, bc);
    else for (let i = 0; i < len; i++) state.apply(ctx.chS[i]!, ctx.chC[i]!);
  }
  const dh = state.hard - h0;
  const dt = state.total() - t0;
  if (Number.isNaN(thr) ? ctx.accept(dh, dt) : dh < 0 || (dh === 0 && dt <= thr)) {
    state.keepTentative();
    return true;
  }
  state.undoTentative();
  return false;
}

/** Queues the sessions that x, where it now is, collides with (hard pairs, a full track, a quota, broken sequences). */
function collect(ctx: MoveContext, sc: RepairScratch, x: number, stamp: number): void {
  const state = ctx.state;
  const p = ctx.p;
  const rng = ctx.rng;
  const mark = ctx.mark;
  const { victims, overlapping } = sc;
  let nv = sc.nv;
  const cx = state.cand[x]!;
  const ix = p.cInst[cx]!;
  const xs = state.start[x]!;
  const xe = state.end[x]!;
  let overflow = false;
  for (let y = p.cSlot[cx]!; y < p.cSlot[cx]! + p.steps[x]!; y++) if (state.occ[y]! > p.tracks) overflow = true;
  const hard = state.hardAt(x) > 0;
  if (overflow || hard) {
    const off = p.instCapOff[ix]!;
    const ml = state.memLen[ix]!;
    // every session x may not overlap; on a full track also the others (one at random when there are many)
    let extra = -1;
    let seen = 0;
    for (let j = off; j < off + ml; j++) {
      const b = state.mem[j]!;
      if (b === x || mark[b] === stamp) continue;
      if ((xe < state.end[b]! ? xe : state.end[b]!) - (xs > state.start[b]! ? xs : state.start[b]!) <= 0) continue;
      if (hard && ctx.hardPair(x, b)) {
        victims[nv++] = b;
        mark[b] = stamp;
      } else if (overflow) {
        if (rng.int(++seen) === 0) extra = b;
        overlapping[seen - 1] = b;
      }
    }
    if (seen > 0 && seen <= REPAIR.ejectAll) {
      for (let k = 0; k < seen; k++) {
        victims[nv++] = overlapping[k]!;
        mark[overlapping[k]!] = stamp;
      }
    } else if (extra >= 0) {
      victims[nv++] = extra;
      mark[extra] = stamp;
    }
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
    const a = p.seqA[q]!;
    const b = p.seqB[q]!;
    if (state.cand[a]! < 0 || state.cand[b]! < 0) continue;
    if (!state.seqBroken(q)) continue;
    const o = a === x ? b : a;
    if (mark[o] === stamp) continue;
    victims[nv++] = o;
    mark[o] = stamp;
  }
  sc.nv = nv;
}
