/**
 * The search state: a placement (one candidate per session, or -1 when not
 * placed) with every score term maintained incrementally. `delta` computes the
 * exact change of moving one session in O(degree) without touching the state;
 * `apply` performs the move. Hard violations are a separate level of the score
 * (never folded into the objective with a big weight).
 */
import type { Problem } from './compile.js';

/**
 * A score as the solver keeps it: hard count, then the raw objective terms.
 *
 * @example
 * const { hard, total } = state.score();
 */
export interface RawScore {
  hard: number;
  comfort: number;
  conflict: number;
  fairness: number;
  stability: number;
  total: number;
}

/**
 * Incremental placement state of a {@link Problem}. Every term is exact once
 * every session is placed; while some are not, the fairness term may be lower
 * than `evaluate`'s (it follows only the people who can be the worst off in a
 * complete placement).
 *
 * @example
 * const state = new State(compile(meeting));
 * state.delta(s, c); // the change, without moving
 * if (state.dHard <= 0) state.commit(s, c);
 */
export class State {
  readonly p: Problem;
  /** Candidate index per session (-1: not placed). */
  readonly cand: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly inst: Int32Array;
  readonly day: Int32Array;
  /** Sessions running per occupancy slot. */
  readonly occ: Int32Array;
  /** Members of each block instance (flat, capacity per instance from the problem). */
  readonly mem: Int32Array;
  readonly memLen: Int32Array;
  readonly memPos: Int32Array;
  /** Core-block sessions per quota. */
  readonly qCount: Int32Array;
  /** Pain per fairness class. */
  readonly classPain: Float64Array;
  /** The largest class pain (the fairness term) and how many classes hold it. */
  private fairMax = 0;
  private fairCount = 0;
  /** Scratch marks for scans that leave some classes out. */
  private readonly classMark: Int32Array;
  private markStamp = 0;

  hard = 0;
  comfort = 0;
  conflict = 0;
  stability = 0;

  // outputs of delta()
  dHard = 0;
  dComfort = 0;
  dConflict = 0;
  dStab = 0;
  newFair = 0;

  constructor(p: Problem) {
    this.p = p;
    const n = p.n;
    this.cand = new Int32Array(n).fill(-1);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.inst = new Int32Array(n).fill(-1);
    this.day = new Int32Array(n).fill(-1);
    this.occ = new Int32Array(p.nSlots);
    this.mem = new Int32Array(p.instCapOff[p.nInst]!);
    this.memLen = new Int32Array(p.nInst);
    this.memPos = new Int32Array(n).fill(-1);
    this.qCount = new Int32Array(p.quotaMin.length);
    this.classPain = new Float64Array(p.nClasses);
    this.classMark = new Int32Array(p.nClasses);
    this.fairCount = p.nClasses; // every class at 0
    // nothing placed: one placement violation per session, plus the quotas a count of 0 breaks
    this.hard = n;
    for (let q = 0; q < p.quotaMin.length; q++) if (0 < p.quotaMin[q]! || 0 > p.quotaMax[q]!) this.hard++;
  }

  /** Current fairness term (max pain over people). */
  get fairness(): number {
    return this.fairMax;
  }

  /** Weighted objective of the current state. */
  total(): number {
    const p = this.p;
    return p.wComfort * this.comfort + p.wConflict * this.conflict + p.wFairness * this.fairMax + p.wStability * this.stability;
  }

  /** Weighted objective change of the last {@link delta}. */
  deltaTotal(): number {
    const p = this.p;
    return p.wComfort * this.dComfort + p.wConflict * this.dConflict + p.wFairness * (this.newFair - this.fairMax) + p.wStability * this.dStab;
  }

  /** The current score. */
  score(): RawScore {
    return { hard: this.hard, comfort: this.comfort, conflict: this.conflict, fairness: this.fairness, stability: this.stability, total: this.total() };
  }

  /** Pair weight and hard count lookup for sparse problems: index into adjW/adjH or -1. */
  private adjIndex(a: number, b: number): number {
    const p = this.p;
    let lo = p.adjOff[a]!;
    let hi = p.adjOff[a + 1]! - 1;
    const adj = p.adj;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = adj[mid]!;
      if (v === b) return mid;
      if (v < b) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Exact change of every score term if session `s` moved to candidate `c2`
   * (c2 >= 0). Results in dHard, dComfort, dConflict, dStab and newFair.
   */
  delta(s: number, c2: number): void {
    this.deltaCore(s, c2);
    this.newFair = this.fairAfter(s, c2);
  }

  /** Like {@link delta} but for every term except fairness (newFair is left as it was). */
  deltaCore(s: number, c2: number): void {
    const p = this.p;
    const c1 = this.cand[s]!;
    const T = p.tracks;
    const st = p.steps[s]!;
    const occ = this.occ;
    let dh = 0;
    let dconf = 0;

    // placement
    if (c1 < 0) dh--;

    // tracks
    const a2 = p.cSlot[c2]!;
    const b2 = a2 + st;
    if (c1 >= 0) {
      const a1 = p.cSlot[c1]!;
      const b1 = a1 + st;
      for (let x = a1; x < b1; x++) if ((x < a2 || x >= b2) && occ[x] === T + 1) dh--;
      for (let y = a2; y < b2; y++) if ((y < a1 || y >= b1) && occ[y] === T) dh++;
    } else {
      for (let y = a2; y < b2; y++) if (occ[y] === T) dh++;
    }

    // pairs
    const ns = p.cStart[c2]!;
    const ne = ns + p.minutes[s]!;
    const i2 = p.cInst[c2]!;
    const mem = this.mem;
    const start = this.start;
    const end = this.end;
    const n = p.n;
    const row = s * n;
    const dense = p.dense;
    const PW = p.pair;
    if (c1 >= 0) {
      const os = this.start[s]!;
      const oe = this.end[s]!;
      const i1 = this.inst[s]!;
      if (i1 === i2) {
        const off = p.instCapOff[i1]!;
        const len = this.memLen[i1]!;
        for (let j = off; j < off + len; j++) {
          const b = mem[j]!;
          if (b === s) continue;
          const sb = start[b]!;
          const eb = end[b]!;
          const ov1 = (oe < eb ? oe : eb) - (os > sb ? os : sb);
          const ov2 = (ne < eb ? ne : eb) - (ns > sb ? ns : sb);
          if (ov1 <= 0 && ov2 <= 0) continue;
          let w: number;
          let h: number;
          if (dense) {
            const v = PW[row + b]!;
            w = v >> 3;
            h = v & 7;
          } else {
            const k = this.adjIndex(s, b);
            if (k < 0) continue;
            w = p.adjW[k]!;
            h = p.adjH[k]!;
          }
          if (ov1 > 0) {
            dconf -= ov1 * w;
            dh -= h;
          }
          if (ov2 > 0) {
            dconf += ov2 * w;
            dh += h;
          }
        }
      } else {
        const off1 = p.instCapOff[i1]!;
        const len1 = this.memLen[i1]!;
        for (let j = off1; j < off1 + len1; j++) {
          const b = mem[j]!;
          if (b === s) continue;
          const sb = start[b]!;
          const eb = end[b]!;
          const ov = (oe < eb ? oe : eb) - (os > sb ? os : sb);
          if (ov <= 0) continue;
          if (dense) {
            const v = PW[row + b]!;
            dconf -= ov * (v >> 3);
            dh -= v & 7;
          } else {
            const k = this.adjIndex(s, b);
            if (k < 0) continue;
            dconf -= ov * p.adjW[k]!;
            dh -= p.adjH[k]!;
          }
        }
        this.addPairs(i2, s, ns, ne);
        dconf += this.pc;
        dh += this.ph;
      }
    } else {
      this.addPairs(i2, s, ns, ne);
      dconf += this.pc;
      dh += this.ph;
    }

    // sequences
    const nd = p.cDay[c2]!;
    for (let j = p.sessSeqOff[s]!; j < p.sessSeqOff[s + 1]!; j++) {
      const q = p.sessSeq[j]!;
      const a = p.seqA[q]!;
      const b = p.seqB[q]!;
      const o = a === s ? b : a;
      if (this.cand[o]! < 0) continue;
      const same = p.seqSame[q] === 1;
      // before
      if (c1 >= 0) {
        const bad = end[a]! > start[b]! || (same && this.day[a] !== this.day[b]);
        if (bad) dh--;
      }
      // after
      let bad2: boolean;
      if (a === s) bad2 = ne > start[b]! || (same && nd !== this.day[b]);
      else bad2 = end[a]! > ns || (same && this.day[a] !== nd);
      if (bad2) dh++;
    }

    // quota
    const q = p.quotaOf[s]!;
    if (q >= 0) {
      const cnt = this.qCount[q]!;
      const cnt2 = cnt - (c1 >= 0 ? p.cCore[c1]! : 0) + p.cCore[c2]!;
      if (cnt2 !== cnt) {
        const lo = p.quotaMin[q]!;
        const hi = p.quotaMax[q]!;
        dh += (cnt2 < lo || cnt2 > hi ? 1 : 0) - (cnt < lo || cnt > hi ? 1 : 0);
      }
    }

    this.dHard = dh;
    this.dConflict = dconf;
    this.dComfort = p.cComfort[c2]! - (c1 >= 0 ? p.cComfort[c1]! : 0);
    this.dStab = p.cMoved[c2]! - (c1 >= 0 ? p.cMoved[c1]! : 0);
  }

  private pc = 0;
  private ph = 0;

  /** Conflict and hard counts of session s placed at [ns, ne) against the members of instance i (into pc, ph). */
  private addPairs(i: number, s: number, ns: number, ne: number): void {
    const p = this.p;
    const off = p.instCapOff[i]!;
    const len = this.memLen[i]!;
    const mem = this.mem;
    const start = this.start;
    const end = this.end;
    const row = s * p.n;
    const dense = p.dense;
    const PW = p.pair;
    let c = 0;
    let h = 0;
    for (let j = off; j < off + len; j++) {
      const b = mem[j]!;
      if (b === s) continue;
      const sb = start[b]!;
      const eb = end[b]!;
      const ov = (ne < eb ? ne : eb) - (ns > sb ? ns : sb);
      if (ov <= 0) continue;
      if (dense) {
        const v = PW[row + b]!;
        c += ov * (v >> 3);
        h += v & 7;
      } else {
        const k = this.adjIndex(s, b);
        if (k < 0) continue;
        c += ov * p.adjW[k]!;
        h += p.adjH[k]!;
      }
    }
    this.pc = c;
    this.ph = h;
  }

  /** The fairness term if session s moved to candidate c2. */
  fairAfter(s: number, c2: number): number {
    const p = this.p;
    const cur = this.fairMax;
    const z0 = p.sessZoneOff[s]!;
    const nz = p.sessZoneOff[s + 1]! - z0;
    if (nz === 0) return cur;
    const c1 = this.cand[s]!;
    const pain = p.pain;
    const base = p.painOff[s]!;
    const r2 = base + (c2 - p.candOff[s]!) * nz;
    const r1 = c1 >= 0 ? base + (c1 - p.candOff[s]!) * nz : -1;
    let newMax = -Infinity;
    let atCur = 0;
    const cp = this.classPain;
    const zcOff = p.zcOff;
    const zcClass = p.zcClass;
    for (let i = 0; i < nz; i++) {
      const dz = pain[r2 + i]! - (r1 >= 0 ? pain[r1 + i]! : 0);
      const e = z0 + i;
      for (let j = zcOff[e]!; j < zcOff[e + 1]!; j++) {
        const v = cp[zcClass[j]!]!;
        if (v === cur) atCur++;
        if (v + dz > newMax) newMax = v + dz;
      }
    }
    if (newMax >= cur) return newMax;
    if (atCur < this.fairCount) return cur; // a class left alone still holds the maximum
    // every class at the maximum falls: the largest of the others decides
    const mark = this.classMark;
    const stamp = ++this.markStamp;
    for (let j = zcOff[z0]!; j < zcOff[z0 + nz]!; j++) mark[zcClass[j]!] = stamp;
    let m = newMax;
    for (let k = 0; k < cp.length; k++) if (mark[k] !== stamp && cp[k]! > m) m = cp[k]!;
    return m;
  }

  /** Recomputes the maximum and its count from scratch. */
  private rescanFair(): void {
    let m = 0;
    let c = 0;
    const cp = this.classPain;
    for (let k = 0; k < cp.length; k++) {
      const v = cp[k]!;
      if (v > m) {
        m = v;
        c = 1;
      } else if (v === m) c++;
    }
    this.fairMax = m;
    this.fairCount = c;
  }

  /** Moves session s to candidate c2 (c2 >= 0), updating every term. */
  apply(s: number, c2: number): void {
    if (this.cand[s] === c2) return;
    this.deltaCore(s, c2);
    this.commit(s, c2);
  }

  /**
   * Performs the move of s to c2 whose {@link deltaCore} (or {@link delta}) was
   * just computed, with no other change in between.
   */
  commit(s: number, c2: number): void {
    const p = this.p;
    const c1 = this.cand[s]!;
    this.hard += this.dHard;
    this.comfort += this.dComfort;
    this.conflict += this.dConflict;
    this.stability += this.dStab;
    const st = p.steps[s]!;
    // occupancy
    const occ = this.occ;
    if (c1 >= 0) {
      const a1 = p.cSlot[c1]!;
      for (let x = a1; x < a1 + st; x++) occ[x]!--;
    }
    const a2 = p.cSlot[c2]!;
    for (let y = a2; y < a2 + st; y++) occ[y]!++;
    // members
    const i2 = p.cInst[c2]!;
    if (c1 >= 0) {
      const i1 = this.inst[s]!;
      if (i1 !== i2) {
        const off = p.instCapOff[i1]!;
        const last = --this.memLen[i1]!;
        const pos = this.memPos[s]!;
        const moved = this.mem[off + last]!;
        this.mem[pos] = moved;
        this.memPos[moved] = pos;
        this.pushMember(i2, s);
      }
    } else {
      this.pushMember(i2, s);
    }
    // fairness classes
    const z0 = p.sessZoneOff[s]!;
    const nz = p.sessZoneOff[s + 1]! - z0;
    if (nz > 0) {
      const pain = p.pain;
      const base = p.painOff[s]!;
      const r2 = base + (c2 - p.candOff[s]!) * nz;
      const r1 = c1 >= 0 ? base + (c1 - p.candOff[s]!) * nz : -1;
      const cp = this.classPain;
      const cur = this.fairMax;
      let top = -Infinity;
      let topCount = 0;
      let left = 0;
      for (let i = 0; i < nz; i++) {
        const dz = pain[r2 + i]! - (r1 >= 0 ? pain[r1 + i]! : 0);
        const e = z0 + i;
        for (let j = p.zcOff[e]!; j < p.zcOff[e + 1]!; j++) {
          const k = p.zcClass[j]!;
          const v = cp[k]!;
          if (v === cur) left++;
          const w = v + dz;
          cp[k] = w;
          if (w > top) {
            top = w;
            topCount = 1;
          } else if (w === top) topCount++;
        }
      }
      if (top > cur) {
        this.fairMax = top;
        this.fairCount = topCount;
      } else if (top === cur) {
        this.fairCount += topCount - left;
      } else {
        this.fairCount -= left;
        if (this.fairCount === 0) this.rescanFair();
      }
    }
    // quota
    const q = p.quotaOf[s]!;
    if (q >= 0) this.qCount[q] = this.qCount[q]! - (c1 >= 0 ? p.cCore[c1]! : 0) + p.cCore[c2]!;
    // position
    this.cand[s] = c2;
    this.start[s] = p.cStart[c2]!;
    this.end[s] = p.cStart[c2]! + p.minutes[s]!;
    this.inst[s] = i2;
    this.day[s] = p.cDay[c2]!;
  }

  private pushMember(i: number, s: number): void {
    const pos = this.p.instCapOff[i]! + this.memLen[i]!;
    this.mem[pos] = s;
    this.memPos[s] = pos;
    this.memLen[i]!++;
  }

  /** Moves every session to the candidates of `target` (where they differ). */
  load(target: Int32Array): void {
    for (let s = 0; s < this.p.n; s++) if (target[s]! >= 0 && target[s] !== this.cand[s]) this.apply(s, target[s]!);
  }

  /** Start instants by session index (undefined where not placed). */
  starts(): (number | undefined)[] {
    const out: (number | undefined)[] = [];
    for (let s = 0; s < this.p.n; s++) out.push(this.cand[s]! >= 0 ? this.start[s]! : undefined);
    return out;
  }
}
