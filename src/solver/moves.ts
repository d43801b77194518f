/**
 * The moves of the local search, on a shared {@link MoveContext}: the state,
 * the random stream, the temperature, and scratch buffers. Each move draws
 * its own random change, prices it exactly (`State.deltaCore` for one
 * session, `State.deltaMulti` for several), and performs it when the
 * acceptance rule takes it; it returns whether the state changed.
 *
 * Acceptance is lexicographic: a change that adds a hard violation is never
 * taken, one that removes one always is; otherwise annealing decides on the
 * weighted objective (a worsening `dt` is taken when `dt <= -T·ln(u)`).
 */
import { findCandidate } from './compile.js';
import type { Problem } from './compile.js';
import type { Rng } from './rng.js';
import type { State } from './state.js';

/**
 * Ejection parameters (internal; tuned on the bench instances).
 *
 * @example
 * EJECT.onward // half of the ejections are three-cycles
 */
export const EJECT = {
  /** Share of ejections in which the ejected session goes on to one of its cheapest starts (a three-cycle). */
  onward: 0.5,
  /** How many of its cheapest starts it picks from. */
  scan: 12,
  /** Share of Kempe chains that follow every related pair (shared people, avoid rules), not only hard ones. */
  softKempe: 0.5,
  /** While infeasible, how many more sessions a move may draw looking for one that breaks a rule. */
  seekViolated: 8,
};

/** Longest chain a move may build. */
export const MAX_CHAIN = 16;

/**
 * What every move works with.
 *
 * @example
 * const ctx = new MoveContext(state, createRng(1));
 * ctx.T = 50;
 * shiftMove(ctx); // true when the state changed
 */
export class MoveContext {
  readonly state: State;
  readonly p: Problem;
  readonly rng: Rng;
  /** Annealing temperature (set by the search). */
  T = 1;
  /** How often the pull move draws any start, not only a cheaper one (set by the search: see REPAIR.pullAny). */
  pullAny = 0;
  /** Sessions with more than one candidate. */
  readonly movable: Int32Array;
  /** Movable sessions grouped by length (for swaps): bucket of each session, and the buckets. */
  readonly bucketOf: Int32Array;
  readonly buckets: Int32Array[];
  /** A chain under construction: sessions and their target candidates. */
  readonly chS: Int32Array;
  readonly chC: Int32Array;
  /** Marks (with a stamp) of sessions already in a chain. */
  readonly mark: Int32Array;
  stamp = 0;
  /** Scratch of sibling re-sorting. */
  readonly sibStarts: Int32Array;
  /** Scratch of {@link resortChain}: target start per session and class marks (stamped). */
  readonly tgt: Int32Array;
  readonly tgtMark: Int32Array;
  readonly classMark: Int32Array;
  readonly outS: Int32Array;
  readonly outC: Int32Array;
  resortStamp = 0;
  /** Scratch of the pair move: the second session's part of the bound per candidate of the day. */
  readonly pairPartB: Float64Array;

  constructor(state: State, rng: Rng) {
    this.state = state;
    this.p = state.p;
    this.rng = rng;
    // a double from the start, like State's (State.holdDoubles): the search sets fractional temperatures
    this.T = 0.5;
    this.T = 1;
    this.pullAny = 0.5;
    this.pullAny = 0;
    const p = state.p;
    const n = p.n;
    const movable: number[] = [];
    const byLen = new Map<number, number[]>();
    for (let s = 0; s < n; s++) {
      if (p.candOff[s + 1]! - p.candOff[s]! <= 1) continue;
      movable.push(s);
      const l = byLen.get(p.minutes[s]!) ?? [];
      l.push(s);
      byLen.set(p.minutes[s]!, l);
    }
    this.movable = Int32Array.from(movable);
    this.bucketOf = new Int32Array(n).fill(-1);
    this.buckets = [];
    for (const l of byLen.values()) {
      for (const s of l) this.bucketOf[s] = this.buckets.length;
      this.buckets.push(Int32Array.from(l));
    }
    this.chS = new Int32Array(Math.max(MAX_CHAIN, n + 1));
    this.chC = new Int32Array(Math.max(MAX_CHAIN, n + 1));
    this.mark = new Int32Array(n);
    let maxSib = 1;
    for (let k = 0; k + 1 < p.sibOff.length; k++) maxSib = Math.max(maxSib, p.sibOff[k + 1]! - p.sibOff[k]!);
    this.sibStarts = new Int32Array(maxSib);
    this.tgt = new Int32Array(n);
    this.tgtMark = new Int32Array(n);
    this.classMark = new Int32Array(Math.max(1, p.sibOff.length - 1));
    this.outS = new Int32Array(Math.max(MAX_CHAIN, n + 1));
    this.outC = new Int32Array(Math.max(MAX_CHAIN, n + 1));
    let maxCand = 1;
    for (let s = 0; s < n; s++) maxCand = Math.max(maxCand, p.candOff[s + 1]! - p.candOff[s]!);
    this.pairPartB = new Float64Array(maxCand);
  }

  /** A random movable session; while the placement breaks rules, preferably (a few tries) one that breaks one. */
  anySession(): number {
    const m = this.movable;
    let s = m[this.rng.int(m.length)]!;
    if (this.state.hard === 0) return s;
    for (let k = 0; k < EJECT.seekViolated && this.state.violationsAt(s) === 0; k++) s = m[this.rng.int(m.length)]!;
    return s;
  }

  /** A random candidate of s other than its current one, or -1. */
  anyOtherCandidate(s: number): number {
    const lo = this.p.candOff[s]!;
    const c = lo + this.rng.int(this.p.candOff[s + 1]! - lo);
    return c === this.state.cand[s] ? -1 : c;
  }

  /** The worsening annealing takes this time: dt is taken when dt <= -T·ln(u). */
  threshold(): number {
    return -this.T * Math.log(1 - this.rng.next());
  }

  /** The acceptance rule on a hard change and an objective change. */
  accept(dh: number, dt: number): boolean {
    if (dh < 0) return true;
    if (dh > 0) return false;
    if (dt <= 0) return true;
    return dt <= this.threshold();
  }

  /**
   * A lower bound of the conflict (weighted minutes) of chain chS/chC[0..len-1]
   * and the sessions outside it after the move, plus what its members meet among
   * themselves now: what each member meets at its new start with the sessions
   * outside the chain where they are (its pairs inside the chain after the move
   * counted as 0), and each inner pair once at the current starts.
   */
  private chainConflictAfter(len: number): number {
    const state = this.state;
    const p = this.p;
    const chS = this.chS;
    const chC = this.chC;
    let w = 0;
    for (let i = 0; i < len; i++) {
      const s = chS[i]!;
      state.meet(s, chC[i]!, 0);
      w += state.meetW;
      for (let j = 0; j < len; j++) {
        const o = chS[j]!;
        if (j === i || !state.pairOf(s, o)) continue;
        // meet counted o where it is now: it leaves
        w -= state.pairW * overlapSteps(p, s, chC[i]!, o, state.cand[o]!);
        if (j > i) w += state.pairW * overlapSteps(p, s, state.cand[s]!, o, state.cand[o]!);
      }
    }
    return w * p.grid;
  }

  /**
   * Prices the chain chS/chC[0..len-1] (moved together) and performs it when
   * accepted. On a feasible placement cheap bounds on the change (comfort
   * and stability exact, fairness at its largest possible fall, conflict all
   * gone, then only down to what {@link chainConflictAfter} leaves) reject
   * most losing chains before they are priced in full.
   */
  tryChain(len: number): boolean {
    const state = this.state;
    const p = this.p;
    const chS = this.chS;
    const chC = this.chC;
    if (len === 1) return this.tryOne(chS[0]!, chC[0]!);
    if (state.hard === 0) {
      const thr = this.threshold();
      let lb = 0;
      for (let i = 0; i < len; i++) {
        const s = chS[i]!;
        const c1 = state.cand[s]!;
        lb += p.wComfort * (p.cComfort[chC[i]!]! - p.cComfort[c1]!) + p.wStability * (p.cMoved[chC[i]!]! - p.cMoved[c1]!);
      }
      const room = p.wFairness * (state.fairness - p.fairLow);
      let fallMax = room;
      // a lower bound of the change skips exact pricing: comfort and stability exact, fairness at
      // its largest fall, and conflict all gone — then, tighter (CHAIN.tight), at least what each
      // session meets at its new start with those outside the chain, less what the chain meets now
      // (its inner pairs once); with CHAIN.tight off, only when fairness alone cannot make up
      if (CHAIN.tight || lb - room > thr) {
        let fall = 0;
        let conflict = 0;
        for (let i = 0; i < len; i++) {
          fall += p.wFairness * state.fairFall(chS[i]!);
          conflict += state.conflictAt(chS[i]!);
        }
        if (fall < room) fallMax = fall;
        if (lb - fallMax - p.wConflict * conflict > thr) return false;
        if (CHAIN.tight && len <= CHAIN.tightMax && lb - fallMax + p.wConflict * (this.chainConflictAfter(len) - conflict) > thr) return false;
      }
      state.deltaMultiCore(len, chS, chC);
      if (state.dHard > 0) return false;
      // the other terms exact: fairness is priced only when its largest fall could make up for them
      if (p.wComfort * state.dComfort + p.wConflict * state.dConflict + p.wStability * state.dStab - fallMax > thr) return false;
      state.fairMulti(len, chS, chC);
      if (state.deltaTotal() > thr) return false;
      state.commitMulti(len, chS, chC);
      return true;
    }
    state.deltaMultiCore(len, chS, chC);
    // a change that adds a violation is never taken and one that removes one always is, whatever the objective
    if (state.dHard !== 0) {
      if (state.dHard > 0) return false;
      state.commitMulti(len, chS, chC);
      return true;
    }
    state.fairMulti(len, chS, chC);
    if (!this.accept(0, state.deltaTotal())) return false;
    state.commitMulti(len, chS, chC);
    return true;
  }

  /** Prices one session's move and performs it when accepted. */
  tryOne(s: number, c2: number): boolean {
    const state = this.state;
    const p = this.p;
    state.deltaCore(s, c2);
    const dh = state.dHard;
    if (dh > 0) return false;
    if (dh === 0) {
      const part = p.wComfort * state.dComfort + p.wConflict * state.dConflict + p.wStability * state.dStab;
      if (part > 0 || p.wFairness !== 0) {
        const thr = this.threshold();
        // the fairness term can fall by at most maxDrop[s]: skip it when even that cannot make up
        if (part - p.wFairness * p.maxDrop[s]! > thr) return false;
        if (part + p.wFairness * (state.fairAfter(s, c2) - state.fairness) > thr) return false;
      }
    }
    state.commit(s, c2);
    return true;
  }

  /** Whether sessions a and b may not overlap (a hard pair). */
  hardPair(a: number, b: number): boolean {
    return this.state.pairOf(a, b) && this.state.pairH > 0;
  }
}

/**
 * Shift: one session to another start. A session with interchangeable
 * siblings takes the start and the siblings are re-sorted by start, so that
 * their sequences hold.
 *
 * @example
 * shiftMove(ctx)
 */
export function shiftMove(ctx: MoveContext): boolean {
  const s = ctx.anySession();
  const c2 = ctx.anyOtherCandidate(s);
  if (c2 < 0) return false;
  if (ctx.p.sibOf[s]! >= 0) {
    ctx.chS[0] = s;
    ctx.chC[0] = c2;
    const len = resortChain(ctx, 1);
    return len > 0 && ctx.tryChain(len);
  }
  return ctx.tryOne(s, c2);
}

/**
 * Swap: two sessions of the same length exchange starts (their sibling
 * classes re-sorted, see {@link resortChain}).
 *
 * @example
 * swapMove(ctx)
 */
export function swapMove(ctx: MoveContext): boolean {
  const p = ctx.p;
  const state = ctx.state;
  const s1 = ctx.anySession();
  const bucket = ctx.buckets[ctx.bucketOf[s1]!]!;
  const s2 = bucket[ctx.rng.int(bucket.length)]!;
  if (s1 === s2 || state.start[s1] === state.start[s2]) return false;
  const a = findCandidate(p, s1, state.start[s2]!);
  if (a < 0) return false;
  const b = findCandidate(p, s2, state.start[s1]!);
  if (b < 0) return false;
  ctx.chS[0] = s1;
  ctx.chC[0] = a;
  ctx.chS[1] = s2;
  ctx.chC[1] = b;
  const len = resortChain(ctx, 2);
  return len > 0 && ctx.tryChain(len);
}

/**
 * Ejection: a session moves to a random start and one session it lands on
 * (at random) takes its place, shifted alike; or, in a share
 * {@link EJECT}.onward of them, goes on to one of its cheapest starts and one
 * session it lands on there takes the first one's place (a three-cycle).
 * Sibling classes are re-sorted.
 *
 * @example
 * ejectMove(ctx)
 */
export function ejectMove(ctx: MoveContext): boolean {
  const s = ctx.anySession();
  const c2 = ctx.anyOtherCandidate(s);
  if (c2 < 0) return false;
  let len = ejectChain(ctx, s, c2);
  if (len === 2 && ctx.rng.next() < EJECT.onward) len = ejectOnward(ctx, s);
  if (len > 0) len = resortChain(ctx, len);
  return len > 0 && ctx.tryChain(len);
}

/**
 * Turns the ejection chain s → c2, b → s's place into a three-cycle: b goes
 * to one of its cheapest starts instead, and one session it lands on there
 * takes s's place (shifted alike). Its length.
 */
function ejectOnward(ctx: MoveContext, s: number): number {
  const p = ctx.p;
  const state = ctx.state;
  const b = ctx.chS[1]!;
  const lo = p.candOff[b]!;
  const k = Math.min(EJECT.scan, p.candOff[b + 1]! - lo);
  const cb = p.byCost[lo + ctx.rng.int(k)]!;
  if (cb === state.cand[b] || p.cInst[cb] === p.cInst[ctx.chC[0]!]) return 2;
  ctx.chC[1] = cb;
  const ib = p.cInst[cb]!;
  const ns = p.cStart[cb]!;
  const ne = ns + p.minutes[b]!;
  const c = anyOverlapping(ctx, ib, ns, ne, s, b);
  if (c < 0) return 2;
  const i1 = state.inst[s]!;
  const cc = findCandidate(p, c, p.instStart[i1]! + (state.start[c]! - p.instStart[ib]!));
  if (cc < 0) return 2;
  ctx.chS[2] = c;
  ctx.chC[2] = cc;
  return 3;
}

/**
 * Another day: a session that overlaps one it shares people or a rule with
 * goes to the same block and offset on another day (the same comfort unless
 * the offsets change there), ejecting one session it lands on into its place
 * (sibling classes re-sorted).
 *
 * @example
 * dayMove(ctx)
 */
export function dayMove(ctx: MoveContext): boolean {
  const p = ctx.p;
  const state = ctx.state;
  const s = pickConflicted(ctx);
  const nd = p.nDays;
  if (nd < 2) return false;
  const i1 = state.inst[s]!;
  let d2 = ctx.rng.int(nd - 1);
  const d1 = (i1 / p.nBlocks) | 0;
  if (d2 >= d1) d2++;
  const i2 = d2 * p.nBlocks + (i1 - d1 * p.nBlocks);
  const c2 = findCandidate(p, s, p.instStart[i2]! + (state.start[s]! - p.instStart[i1]!));
  if (c2 < 0) return false;
  let len = ejectChain(ctx, s, c2);
  if (len > 0) len = resortChain(ctx, len);
  return len > 0 && ctx.tryChain(len);
}

/** A movable session, preferring (a few tries) one that overlaps a session it shares people or a rule with. */
function pickConflicted(ctx: MoveContext): number {
  const state = ctx.state;
  let s = ctx.anySession();
  for (let tries = 0; tries < 4; tries++) {
    if (state.conflictAt(s) > 0 || state.hardAt(s) > 0) return s;
    s = ctx.anySession();
  }
  return s;
}

/**
 * Chain of an ejection: s to c2, and one session overlapping c2 there (at
 * random) to s's place, shifted alike. Its length (0: not possible).
 */
function ejectChain(ctx: MoveContext, s: number, c2: number): number {
  const p = ctx.p;
  const state = ctx.state;
  const i1 = state.inst[s]!;
  if (i1 < 0) return 0;
  const i2 = p.cInst[c2]!;
  const ns = p.cStart[c2]!;
  const ne = ns + p.minutes[s]!;
  const shift = ns - p.instStart[i2]! - (state.start[s]! - p.instStart[i1]!);
  const b = anyOverlapping(ctx, i2, ns, ne, s, -1);
  ctx.chS[0] = s;
  ctx.chC[0] = c2;
  if (b < 0) return 1;
  const cb = findCandidate(p, b, p.instStart[i1]! + (state.start[b]! - p.instStart[i2]!) - shift);
  if (cb < 0 || cb === state.cand[b]) return 0;
  ctx.chS[1] = b;
  ctx.chC[1] = cb;
  return 2;
}

/**
 * A member of block instance i (at random, reservoir-sampled in member order)
 * that overlaps [ns, ne), other than skipA and skipB; -1 when there is none.
 */
function anyOverlapping(ctx: MoveContext, i: number, ns: number, ne: number, skipA: number, skipB: number): number {
  const state = ctx.state;
  const off = ctx.p.instCapOff[i]!;
  const ml = state.memLen[i]!;
  let pick = -1;
  let seen = 0;
  for (let j = off; j < off + ml; j++) {
    const x = state.mem[j]!;
    if (x === skipA || x === skipB) continue;
    const sx = state.start[x]!;
    const ex = state.end[x]!;
    if ((ne < ex ? ne : ex) - (ns > sx ? ns : sx) <= 0) continue;
    seen++;
    if (ctx.rng.int(seen) === 0) pick = x;
  }
  return pick;
}

/**
 * Kempe chain: a session moves to another block instance, and every session
 * it would then overlap that it must not (a hard pair) moves the other way,
 * transitively, each keeping its offset shifted alike; taken or left whole.
 * In a share {@link EJECT}.softKempe of the chains, every session it shares
 * people or an avoid rule with moves too (the soft conflicts that decide
 * conference-like meetings).
 *
 * @example
 * kempeMove(ctx)
 */
export function kempeMove(ctx: MoveContext): boolean {
  const s = ctx.anySession();
  const c2 = ctx.anyOtherCandidate(s);
  if (c2 < 0) return false;
  const len = kempeChain(ctx, s, c2, ctx.rng.next() < EJECT.softKempe);
  return len > 0 && ctx.tryChain(len);
}

function kempeChain(ctx: MoveContext, s: number, c2: number, soft: boolean): number {
  const p = ctx.p;
  const state = ctx.state;
  const chS = ctx.chS;
  const chC = ctx.chC;
  const mark = ctx.mark;
  const i1 = state.inst[s]!;
  const i2 = p.cInst[c2]!;
  if (i1 === i2 || i1 < 0) return 0;
  const shift = p.cStart[c2]! - p.instStart[i2]! - (state.start[s]! - p.instStart[i1]!);
  const stamp = ++ctx.stamp;
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
      if (soft ? !ctx.state.pairOf(x, b) : !ctx.hardPair(x, b)) continue;
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
}

/**
 * Re-sorts the sibling classes a chain touches: the chain chS/chC[0..len-1]
 * becomes the sessions whose start changes when every class it moves a member
 * of takes its new set of starts in sequence order (so that the class's
 * sequences hold whatever moved). Its new length (0: nothing would change, or
 * a start is not a candidate).
 */
export function resortChain(ctx: MoveContext, len: number): number {
  const p = ctx.p;
  const state = ctx.state;
  const chS = ctx.chS;
  const chC = ctx.chC;
  let any = false;
  for (let i = 0; i < len; i++) if (p.sibOf[chS[i]!]! >= 0) any = true;
  if (!any) return len;
  const stamp = ++ctx.resortStamp;
  for (let i = 0; i < len; i++) {
    ctx.tgt[chS[i]!] = p.cStart[chC[i]!]!;
    ctx.tgtMark[chS[i]!] = stamp;
  }
  const outS = ctx.outS;
  const outC = ctx.outC;
  let out = 0;
  const starts = ctx.sibStarts;
  for (let i = 0; i < len; i++) {
    const s = chS[i]!;
    const k = p.sibOf[s]!;
    if (k < 0) {
      outS[out] = s;
      outC[out++] = chC[i]!;
      continue;
    }
    if (ctx.classMark[k] === stamp) continue;
    ctx.classMark[k] = stamp;
    const a = p.sibOff[k]!;
    const m = p.sibOff[k + 1]! - a;
    for (let j = 0; j < m; j++) {
      const x = p.sibList[a + j]!;
      const v = ctx.tgtMark[x] === stamp ? ctx.tgt[x]! : state.start[x]!;
      let at = j;
      while (at > 0 && starts[at - 1]! > v) {
        starts[at] = starts[at - 1]!;
        at--;
      }
      starts[at] = v;
    }
    for (let j = 0; j < m; j++) {
      const x = p.sibList[a + j]!;
      const t = starts[j]!;
      if (t === state.start[x]) continue;
      const cx = findCandidate(p, x, t);
      if (cx < 0 || out >= outS.length) return 0;
      outS[out] = x;
      outC[out++] = cx;
    }
  }
  if (out === 0) return 0;
  for (let i = 0; i < out; i++) {
    chS[i] = outS[i]!;
    chC[i] = outC[i]!;
  }
  return out;
}

/** Overlap in grid steps of session a at candidate ca and session b at candidate cb. */
export function overlapSteps(p: Problem, a: number, ca: number, b: number, cb: number): number {
  const x = p.cSlot[ca]!;
  const y = p.cSlot[cb]!;
  const ov = Math.min(x + p.steps[a]!, y + p.steps[b]!) - Math.max(x, y);
  return ov > 0 ? ov : 0;
}

/**
 * Pair move parameters (internal; `tight: false` is for tests and measurements).
 *
 * @example
 * PAIR.tight // true: pairs are skipped by a lower bound of their conflict, not just by its largest fall
 */
export const PAIR = { tight: true };
/**
 * Chain pricing parameters (internal; `tight: false` is for tests and measurements).
 *
 * @example
 * CHAIN.tight // true: chains are skipped by a lower bound of their conflict, not just by its largest fall
 */
export const CHAIN = { tight: true, tightMax: 8 };

/**
 * Pair: a session (preferably one in conflict) and a session it shares people,
 * an avoid rule or a hard pair with, placed on the same day, are re-placed
 * together at the best pair of their starts on that day (every pair priced
 * exactly, sibling classes re-sorted; on a feasible placement only pairs that
 * beat a drawn annealing threshold count, and a bound skips most of them).
 * It makes the two-session exchanges of conference-like meetings that the
 * other moves miss, as one session taking another's place while that one goes
 * to another start of the block the first left.
 *
 * @example
 * pairMove(ctx)
 */
export function pairMove(ctx: MoveContext): boolean {
  const p = ctx.p;
  const state = ctx.state;
  const a = pickConflicted(ctx);
  const d = state.day[a]!;
  if (d < 0) return false;
  // a neighbour of a on the same day, reservoir-sampled
  let b = -1;
  let seen = 0;
  for (let e = p.adjOff[a]!; e < p.adjOff[a + 1]!; e++) {
    const x = p.adj[e]!;
    if (state.day[x] !== d || p.candOff[x + 1]! - p.candOff[x]! < 2) continue;
    seen++;
    if (ctx.rng.int(seen) === 0) b = x;
  }
  if (b < 0) return false;
  const chS = ctx.chS;
  const chC = ctx.chC;
  const a0 = state.cand[a]!;
  const b0 = state.cand[b]!;
  let bestA = -1;
  let bestB = -1;
  let bestH = Infinity;
  let bestT = Infinity;
  // On a feasible placement no pair may add a violation, and only one within
  // the annealing threshold may be taken. A lower bound of each pair's change
  // then skips most pairs: comfort and stability exact, fairness at its
  // largest fall, and conflict at least what a meets at its new start with
  // the others where they are now (b left out) plus what b meets at its new
  // start (a left out), less what the two meet now (their pair once) — or,
  // with PAIR.tight off, at its largest fall (all of it). Siblings re-sorted
  // cost what the unsorted pair costs: only the hard level can differ.
  const feasible = state.hard === 0;
  let fFall = 0;
  let fall = 0;
  if (feasible) {
    bestH = 0;
    bestT = ctx.threshold();
    fFall = Math.min(p.wFairness * (state.fairFall(a) + state.fairFall(b)), p.wFairness * (state.fairness - p.fairLow));
    if (!PAIR.tight) fall = p.wConflict * (state.conflictAt(a) + state.conflictAt(b)) + fFall;
  }
  const base = p.wComfort * (p.cComfort[a0]! + p.cComfort[b0]!) + p.wStability * (p.cMoved[a0]! + p.cMoved[b0]!);
  // the starts of a and b that day (candidates are in time order: a day's are contiguous)
  let aLo = p.candOff[a]!;
  while (p.cDay[aLo] !== d) aLo++;
  let aHi = aLo;
  while (aHi < p.candOff[a + 1]! && p.cDay[aHi] === d) aHi++;
  let bLo = p.candOff[b]!;
  while (bLo < p.candOff[b + 1]! && p.cDay[bLo] !== d) bLo++;
  let bHi = bLo;
  while (bHi < p.candOff[b + 1]! && p.cDay[bHi] === d) bHi++;
  // what the two meet now, and b's part of the bound at each of its starts that day (with what it would meet there)
  const tight = feasible && PAIR.tight;
  const wab = tight && state.pairOf(a, b) ? state.pairW : 0;
  let nowC = 0;
  if (tight) nowC = state.conflictAt(a) + state.conflictAt(b) - wab * p.grid * overlapSteps(p, a, a0, b, b0);
  const partB = ctx.pairPartB;
  for (let cb = bLo; cb < bHi; cb++) {
    let v = p.wComfort * p.cComfort[cb]! + p.wStability * p.cMoved[cb]!;
    if (tight) {
      state.meet(b, cb, 0);
      v += p.wConflict * (state.meetW - wab * overlapSteps(p, a, a0, b, cb)) * p.grid;
    }
    partB[cb - bLo] = v;
  }
  const less = base + (tight ? fFall : fall);
  for (let ca = aLo; ca < aHi; ca++) {
    let la = p.wComfort * p.cComfort[ca]! + p.wStability * p.cMoved[ca]!;
    if (tight) {
      state.meet(a, ca, 0);
      la += p.wConflict * ((state.meetW - wab * overlapSteps(p, a, ca, b, b0)) * p.grid - nowC);
    }
    for (let cb = bLo; cb < bHi; cb++) {
      if (ca === a0 && cb === b0) continue;
      if (feasible && la + partB[cb - bLo]! - less >= bestT) continue;
      const len = pairChain(ctx, a, a0, ca, b, b0, cb);
      if (len === 0) continue;
      state.deltaMultiCore(len, chS, chC);
      const dh = state.dHard;
      if (dh > bestH) continue;
      if (feasible && p.wComfort * state.dComfort + p.wConflict * state.dConflict + p.wStability * state.dStab - fFall >= bestT) continue;
      state.fairMulti(len, chS, chC);
      const dt = state.deltaTotal();
      if (dh < bestH || dt < bestT) {
        bestH = dh;
        bestT = dt;
        bestA = ca;
        bestB = cb;
      }
    }
  }
  if (bestA < 0) return false;
  const len = pairChain(ctx, a, a0, bestA, b, b0, bestB);
  if (!feasible) return ctx.tryChain(len);
  state.deltaMulti(len, chS, chC);
  state.commitMulti(len, chS, chC);
  return true;
}

/** The chain of a to ca and b to cb (those that move), sibling classes re-sorted; its length (0: nothing possible). */
function pairChain(ctx: MoveContext, a: number, a0: number, ca: number, b: number, b0: number, cb: number): number {
  let len = 0;
  if (ca !== a0) {
    ctx.chS[len] = a;
    ctx.chC[len++] = ca;
  }
  if (cb !== b0) {
    ctx.chS[len] = b;
    ctx.chC[len++] = cb;
  }
  return resortChain(ctx, len);
}
