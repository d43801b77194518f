/**
 * The search state: a placement (one candidate per session, or -1 when not
 * placed) with every score term maintained incrementally. Hard violations are
 * a separate level of the score (never folded into the objective with a big
 * weight).
 *
 * Besides occupancy and block-instance members, the state keeps, for every
 * candidate start of every session, what the session would meet there: the
 * summed pair weight × overlap (common attendees + avoid weights) and the
 * number of hard pairs (exclusive, group, lead, apart) among the other
 * sessions where they are now. Pricing a move is then O(its length) — two
 * lookups and the occupancy of its grid steps — however many sessions run
 * around it; placing a session updates the candidates of its neighbours that
 * it overlaps (O(degree · overlapping candidates)).
 *
 * - `deltaCore` / `delta`: the exact change of moving one session;
 * - `deltaMulti`: the exact change of moving several sessions at once (swaps,
 *   ejections, chains) without touching the state;
 * - `deltaRemove`: the change of taking one session out;
 * - `commit`, `commitMulti`, `remove`, `apply`: perform what was priced;
 * - `beginTentative`, then `keepTentative` or `undoTentative`: a sequence of
 *   applied moves kept or undone as one (the repair move), whose neighbours'
 *   rows are updated only when it is kept.
 */
import type { Problem } from './compile.js';

/**
 * How far a quota's count lies outside its bounds: the sessions it has too few
 * or too many in core blocks. The search counts a broken quota by this
 * distance, not as the one violation SPEC §3 counts: a group that needs ten
 * core sessions and has four then gains by each one more, where a count of 1
 * gave the search nothing to go by (ten 90-minute sessions that fill a
 * week's core block exactly were never all placed there). Zero exactly when
 * the quota holds, so "no hard violation" means the same in both.
 *
 * @example
 * quotaDistance(4, 10, Infinity) // 6
 */
export function quotaDistance(count: number, min: number, max: number): number {
  return count < min ? min - count : count > max ? count - max : 0;
}

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
  /**
   * Per candidate c of a session: Σ over the other sessions it would overlap
   * there (where they are now) of pair weight × overlapping grid steps …
   */
  readonly cw: Float64Array;
  /** … and the number of hard pairs among them (a pair counts once, however long the overlap). */
  readonly ch: Int32Array;
  /**
   * Whether cw/ch are kept (meetings with many sessions per block instance);
   * otherwise what a session meets is found by scanning the members of its
   * block instance, which is cheaper when instances hold a few sessions.
   */
  readonly rows: boolean;
  /** Core-block sessions per quota. */
  readonly qCount: Int32Array;
  /** Pain per fairness class. */
  readonly classPain: Float64Array;
  /** The largest class pain (the fairness term) and how many classes hold it. */
  private fairMax = 0;
  private fairCount = 0;
  /** Changes whenever the classes at the fairness maximum may have; {@link fairFall} per session, and the version it holds for. */
  private fairVersion = 1;
  private readonly fallV: Float64Array;
  private readonly fallC: Float64Array;

  // scratch for deltaMulti and scans (stamped, so never cleared)
  private readonly classMark: Int32Array;
  private readonly classD: Float64Array;
  private readonly classTouched: Int32Array;
  private markStamp = 0;
  private readonly slotMark: Int32Array;
  private readonly slotD: Int32Array;
  private readonly slotTouched: Int32Array;
  private readonly seqMark: Int32Array;
  private readonly quotaMark: Int32Array;
  private readonly quotaD: Int32Array;
  private readonly quotaTouched: Int32Array;
  private readonly moveMark: Int32Array;
  private readonly moveTo: Int32Array;
  // scratch of siblingPrepare/siblingSeqCorrection: the others' sorted starts and days, each member's re-sorted
  // start and day, the class's sequence pairs
  private readonly sibS: Int32Array;
  private readonly sibD: Int32Array;
  private readonly altStart: Int32Array;
  private readonly altDay: Int32Array;
  private readonly sibQ: Int32Array;
  private readonly sibJ: Int32Array;
  private sibJ0 = 0;
  private sibSkip = false;
  private sibSorted = false;
  private sibLo = 0;
  private sibHi = 0;
  private sibNq = 0;
  private sibBefore = 0;

  // a tentative sequence of moves (see beginTentative): sessions moved since it began and where they were
  private tentative = false;
  private readonly pendS: Int32Array;
  private readonly pendOld: Int32Array;
  private readonly pendMark: Int32Array;
  private pendStamp = 0;
  private nPend = 0;
  private savedHard = 0;
  private savedComfort = 0;
  private savedConflict = 0;
  private savedStability = 0;

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
    this.rows = useRows(p);
    this.cw = new Float64Array(this.rows ? p.candOff[n]! : 0);
    this.ch = new Int32Array(this.rows ? p.candOff[n]! : 0);
    this.qCount = new Int32Array(p.quotaMin.length);
    this.classPain = new Float64Array(p.nClasses);
    this.classMark = new Int32Array(p.nClasses);
    this.classD = new Float64Array(p.nClasses);
    this.classTouched = new Int32Array(p.nClasses);
    this.slotMark = new Int32Array(p.nSlots);
    this.slotD = new Int32Array(p.nSlots);
    this.slotTouched = new Int32Array(p.nSlots);
    this.seqMark = new Int32Array(p.seqA.length);
    this.quotaMark = new Int32Array(p.quotaMin.length);
    this.quotaD = new Int32Array(p.quotaMin.length);
    this.quotaTouched = new Int32Array(p.quotaMin.length);
    this.moveMark = new Int32Array(n);
    this.moveTo = new Int32Array(n);
    let maxSib = 1;
    for (let k = 0; k + 1 < p.sibOff.length; k++) maxSib = Math.max(maxSib, p.sibOff[k + 1]! - p.sibOff[k]!);
    this.sibS = new Int32Array(maxSib);
    this.sibD = new Int32Array(maxSib);
    this.altStart = new Int32Array(n);
    this.altDay = new Int32Array(n);
    this.sibQ = new Int32Array(p.seqA.length);
    this.sibJ = new Int32Array(maxSib);
    this.pendS = new Int32Array(n);
    this.pendOld = new Int32Array(n);
    this.pendMark = new Int32Array(n);
    this.fairCount = p.nClasses; // every class at 0
    this.fallV = new Float64Array(n);
    this.fallC = new Float64Array(n);
    this.holdDoubles();
    // nothing placed: one placement violation per session, plus how far a count of 0 lies outside each quota
    this.hard = n;
    for (let q = 0; q < p.quotaMin.length; q++) this.hard += quotaDistance(0, p.quotaMin[q]!, p.quotaMax[q]!);
  }

  /**
   * Gives the number fields that can come to hold a double a double from the
   * start, then 0: values read from Float64Arrays (costs, pains, weights;
   * whole or not, V8 loads them as doubles), ±Infinity, and the counts that
   * can become -0 (`0 * -1`). V8 stores a field that has held only small
   * integers as an integer; the first double stored there later gives every
   * State a new hidden class and throws away the search code already compiled
   * for the old one — in a fresh 100 ms run, on a single compiler thread that
   * has more to compile than the run lasts (see `SOLVE_NODE_FLAGS`).
   */
  private holdDoubles(): void {
    this.comfort = this.conflict = this.dComfort = this.dConflict = this.newFair = this.fairMax = 0.5;
    this.savedComfort = this.savedConflict = this.sibLo = this.sibHi = this.pairW = this.meetW = this.hereW = 0.5;
    this.hard = this.savedHard = this.dHard = this.pairH = this.meetH = this.hereH = 0.5;
    this.comfort = this.conflict = this.dComfort = this.dConflict = this.newFair = this.fairMax = 0;
    this.savedComfort = this.savedConflict = this.sibLo = this.sibHi = this.pairW = this.meetW = this.hereW = 0;
    this.hard = this.savedHard = this.dHard = this.pairH = this.meetH = this.hereH = 0;
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

  /** Weighted objective change of the last delta. */
  deltaTotal(): number {
    const p = this.p;
    return p.wComfort * this.dComfort + p.wConflict * this.dConflict + p.wFairness * (this.newFair - this.fairMax) + p.wStability * this.dStab;
  }

  /**
   * The current score, its hard count as SPEC §3 counts it (a broken quota
   * once; {@link hard} counts it by its {@link quotaDistance}).
   */
  score(): RawScore {
    return { hard: this.hard - this.quotaSurplus(), comfort: this.comfort, conflict: this.conflict, fairness: this.fairness, stability: this.stability, total: this.total() };
  }

  /** What {@link hard} counts beyond SPEC §3's count: each broken quota's distance less one. */
  quotaSurplus(): number {
    const p = this.p;
    let k = 0;
    for (let q = 0; q < p.quotaMin.length; q++) {
      const d = quotaDistance(this.qCount[q]!, p.quotaMin[q]!, p.quotaMax[q]!);
      if (d > 1) k += d - 1;
    }
    return k;
  }

  /** Pair weight (into pairW) and hard count (into pairH) of sessions a and b; false when unrelated. */
  pairOf(a: number, b: number): boolean {
    const p = this.p;
    if (p.dense) {
      const v = p.pair[a * p.n + b]!;
      this.pairW = v >> 3;
      this.pairH = v & 7;
      return v !== 0;
    }
    let lo = p.adjOff[a]!;
    let hi = p.adjOff[a + 1]! - 1;
    const adj = p.adj;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = adj[mid]!;
      if (v === b) {
        this.pairW = p.adjW[mid]!;
        this.pairH = p.adjH[mid]!;
        return true;
      }
      if (v < b) lo = mid + 1;
      else hi = mid - 1;
    }
    this.pairW = 0;
    this.pairH = 0;
    return false;
  }
  pairW = 0;
  pairH = 0;

  /** Hard pairs session s overlaps where it is now (0: it overlaps nothing it must not). */
  hardAt(s: number): number {
    const c = this.cand[s]!;
    if (c < 0) return 0;
    this.meetHere(s, c);
    return this.hereH;
  }

  /**
   * The hard violations session s takes part in where it is now, as far as
   * moving it anywhere could remove them: the grid steps it makes one too
   * many, the hard pairs it overlaps, its broken sequence pairs, and its
   * group's quota if broken (1 when s is not placed).
   */
  violationsAt(s: number): number {
    const p = this.p;
    const c = this.cand[s]!;
    if (c < 0) return 1;
    let k = 0;
    const T = p.tracks;
    const occ = this.occ;
    for (let y = p.cSlot[c]!; y < p.cSlot[c]! + p.steps[s]!; y++) if (occ[y] === T + 1) k++;
    k += this.hardAt(s);
    for (let j = p.sessSeqOff[s]!; j < p.sessSeqOff[s + 1]!; j++) {
      const q = p.sessSeq[j]!;
      if (this.cand[p.seqA[q]!]! < 0 || this.cand[p.seqB[q]!]! < 0) continue;
      if (this.seqBroken(q)) k++;
    }
    const qv = p.quotaOf[s]!;
    if (qv >= 0 && (this.qCount[qv]! < p.quotaMin[qv]! || this.qCount[qv]! > p.quotaMax[qv]!)) k++;
    return k;
  }

  /** Whether the placed pair of sequence pair q is out of order (or on two days where sameDay). */
  seqBroken(q: number): boolean {
    const a = this.p.seqA[q]!;
    const b = this.p.seqB[q]!;
    return this.end[a]! > this.start[b]! || (this.p.seqSame[q] === 1 && this.day[a] !== this.day[b]);
  }

  /** Conflict (minutes × weight) of session s where it is now. */
  conflictAt(s: number): number {
    const c = this.cand[s]!;
    if (c < 0) return 0;
    this.meetHere(s, c);
    return this.hereW * this.p.grid;
  }

  /**
   * {@link meet} of s at its own candidate c, into hereW/hereH, remembered
   * until the placement changes (a repair scans many starts of one session
   * against where it is; a chain asks the same of its members).
   */
  private meetHere(s: number, c: number): void {
    if (this.hereS === s && this.hereC === c && this.hereV === this.version) return;
    this.meet(s, c, 0);
    this.hereS = s;
    this.hereC = c;
    this.hereV = this.version;
    this.hereW = this.meetW;
    this.hereH = this.meetH;
  }
  private hereS = -1;
  private hereC = -1;
  private hereV = -1;
  private hereW = 0;
  private hereH = 0;
  /** Counts the changes of the placement (for {@link meetHere}). */
  private version = 0;

  /**
   * What session s would meet at candidate c among the other sessions where
   * they are now: Σ pair weight × overlapping grid steps (into meetW) and the
   * number of hard pairs (into meetH). Sessions marked with `skip` in
   * moveMark are left out when scanning (0: none); with rows kept they are
   * always counted.
   */
  meet(s: number, c: number, skip: number): void {
    if (this.rows) {
      this.meetW = this.cw[c]!;
      this.meetH = this.ch[c]!;
      if (this.nPend > 0) this.pendingMeet(s, c);
      return;
    }
    const p = this.p;
    const i = p.cInst[c]!;
    const a = p.cSlot[c]!;
    const e = a + p.steps[s]!;
    const off = p.instCapOff[i]!;
    const len = this.memLen[i]!;
    const mem = this.mem;
    const cand = this.cand;
    const mark = this.moveMark;
    const cSlot = p.cSlot;
    const steps = p.steps;
    let w = 0;
    let h = 0;
    for (let j = off; j < off + len; j++) {
      const b = mem[j]!;
      if (b === s || (skip !== 0 && mark[b] === skip)) continue;
      const ab = cSlot[cand[b]!]!;
      const eb = ab + steps[b]!;
      const ov = (e < eb ? e : eb) - (a > ab ? a : ab);
      if (ov <= 0) continue;
      if (this.pairOf(s, b)) {
        w += ov * this.pairW;
        h += this.pairH;
      }
    }
    this.meetW = w;
    this.meetH = h;
  }
  meetW = 0;
  meetH = 0;

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

    // tracks, placement
    const a2 = p.cSlot[c2]!;
    const b2 = a2 + st;
    if (c1 >= 0) {
      const a1 = p.cSlot[c1]!;
      const b1 = a1 + st;
      for (let x = a1; x < b1; x++) if ((x < a2 || x >= b2) && occ[x] === T + 1) dh--;
      for (let y = a2; y < b2; y++) if ((y < a1 || y >= b1) && occ[y] === T) dh++;
    } else {
      dh--;
      for (let y = a2; y < b2; y++) if (occ[y] === T) dh++;
    }
    // pairs: what s meets at c2 against what it meets now
    let w: number;
    if (this.rows && this.nPend === 0) {
      const cw = this.cw;
      const ch = this.ch;
      w = cw[c2]!;
      dh += ch[c2]!;
      if (c1 >= 0) {
        w -= cw[c1]!;
        dh -= ch[c1]!;
      }
    } else {
      // scanned, or rows with tentative moves pending (meet corrects them)
      this.meet(s, c2, 0);
      w = this.meetW;
      dh += this.meetH;
      if (c1 >= 0) {
        this.meetHere(s, c1);
        w -= this.hereW;
        dh -= this.hereH;
      }
    }

    // sequences
    const seqOff = p.sessSeqOff;
    if (seqOff[s] !== seqOff[s + 1]) dh += this.seqDelta(s, c1, c2);

    // quota
    const q = p.quotaOf[s]!;
    if (q >= 0) {
      const cnt = this.qCount[q]!;
      const cnt2 = cnt - (c1 >= 0 ? p.cCore[c1]! : 0) + p.cCore[c2]!;
      if (cnt2 !== cnt) {
        const lo = p.quotaMin[q]!;
        const hi = p.quotaMax[q]!;
        dh += quotaDistance(cnt2, lo, hi) - quotaDistance(cnt, lo, hi);
      }
    }

    this.dHard = dh;
    this.dConflict = w * p.grid;
    this.dComfort = p.cComfort[c2]! - (c1 >= 0 ? p.cComfort[c1]! : 0);
    this.dStab = p.cMoved[c2]! - (c1 >= 0 ? p.cMoved[c1]! : 0);
  }

  /** Change of the broken sequence pairs when s moves from c1 (or nowhere) to c2. */
  private seqDelta(s: number, c1: number, c2: number): number {
    const p = this.p;
    const start = this.start;
    const end = this.end;
    const ns = p.cStart[c2]!;
    const ne = ns + p.minutes[s]!;
    const nd = p.cDay[c2]!;
    let dh = 0;
    for (let j = p.sessSeqOff[s]!; j < p.sessSeqOff[s + 1]!; j++) {
      const q = p.sessSeq[j]!;
      const a = p.seqA[q]!;
      const b = p.seqB[q]!;
      const o = a === s ? b : a;
      if (this.cand[o]! < 0) continue;
      const same = p.seqSame[q] === 1;
      if (c1 >= 0 && this.seqBroken(q)) dh--;
      if (a === s ? ne > start[b]! || (same && nd !== this.day[b]) : end[a]! > ns || (same && this.day[a] !== nd)) dh++;
    }
    return dh;
  }

  /**
   * Prepares {@link siblingSeqCorrection} for session v, which has
   * interchangeable siblings, where the state now is: whether its class is in
   * order, the starts of v's neighbours in it, the others' starts sorted, the
   * class's sequence pairs and how many of them are broken.
   */
  siblingPrepare(v: number): void {
    const p = this.p;
    const k = p.sibOf[v]!;
    const a0 = p.sibOff[k]!;
    const m = p.sibOff[k + 1]! - a0;
    this.sibSkip = false;
    let sorted = true;
    let prev = -Infinity;
    let n0 = 0;
    const ss = this.sibS;
    const sd = this.sibD;
    for (let j = 0; j < m; j++) {
      const x = p.sibList[a0 + j]!;
      if (this.cand[x]! < 0) {
        this.sibSkip = true;
        return;
      }
      const t = this.start[x]!;
      if (t < prev) sorted = false;
      prev = t;
      if (x === v) {
        this.sibJ0 = j;
        this.sibLo = j > 0 ? this.start[p.sibList[a0 + j - 1]!]! : -Infinity;
        this.sibHi = j < m - 1 ? this.start[p.sibList[a0 + j + 1]!]! : Infinity;
        continue;
      }
      let at = n0++;
      while (at > 0 && ss[at - 1]! > t) {
        ss[at] = ss[at - 1]!;
        sd[at] = sd[at - 1]!;
        this.sibJ[at] = this.sibJ[at - 1]!;
        at--;
      }
      ss[at] = t;
      sd[at] = this.day[x]!;
      this.sibJ[at] = j;
    }
    this.sibSorted = sorted;
    const stamp = ++this.markStamp;
    let nq = 0;
    let before = 0;
    for (let j = 0; j < m; j++) {
      const x = p.sibList[a0 + j]!;
      for (let i = p.sessSeqOff[x]!; i < p.sessSeqOff[x + 1]!; i++) {
        const q = p.sessSeq[i]!;
        if (this.seqMark[q] === stamp) continue;
        this.seqMark[q] = stamp;
        if (this.cand[p.seqA[q]!]! < 0 || this.cand[p.seqB[q]!]! < 0) continue;
        this.sibQ[nq++] = q;
        if (this.seqBroken(q)) before++;
      }
    }
    this.sibNq = nq;
    this.sibBefore = before;
  }

  /**
   * After {@link siblingPrepare}(v): what to add to the dHard of
   * {@link deltaCore}(v, c) so that it prices v's class taking c's start in
   * place of v's and re-sorted into its sequence order (what
   * {@link resortChain} does). Siblings differ in nothing but their sequence
   * pairs (same group, length, candidates and costs), so only those change:
   * each pair of the class is priced at the re-sorted starts, and the pairs
   * of v that deltaCore priced as v alone are taken back.
   */
  siblingSeqCorrection(v: number, c: number): number {
    if (this.sibSkip) return 0;
    const p = this.p;
    const t = p.cStart[c]!;
    // the class in order, and still so with v at c's start: re-sorting changes nothing
    if (this.sibSorted && this.sibLo <= t && t <= this.sibHi) return 0;
    const k = p.sibOf[v]!;
    const a0 = p.sibOff[k]!;
    const m = p.sibOff[k + 1]! - a0;
    const stamp = ++this.markStamp;
    // the members in class order take the others' sorted starts with c's merged in
    // (equal starts in class order, as resortChain sorts them)
    let i = 0;
    let merged = false;
    for (let j = 0; j < m; j++) {
      const x = p.sibList[a0 + j]!;
      this.moveMark[x] = stamp;
      if (!merged && (i >= m - 1 || t < this.sibS[i]! || (t === this.sibS[i]! && this.sibJ0 < this.sibJ[i]!))) {
        this.altStart[x] = t;
        this.altDay[x] = p.cDay[c]!;
        merged = true;
      } else {
        this.altStart[x] = this.sibS[i]!;
        this.altDay[x] = this.sibD[i]!;
        i++;
      }
    }
    const len = p.minutes[v]!;
    let after = 0;
    for (let j = 0; j < this.sibNq; j++) {
      const q = this.sibQ[j]!;
      const a = p.seqA[q]!;
      const b = p.seqB[q]!;
      const am = this.moveMark[a] === stamp;
      const bm = this.moveMark[b] === stamp;
      const ae = am ? this.altStart[a]! + len : this.end[a]!;
      const bs = bm ? this.altStart[b]! : this.start[b]!;
      if (ae > bs || (p.seqSame[q] === 1 && (am ? this.altDay[a]! : this.day[a]!) !== (bm ? this.altDay[b]! : this.day[b]!))) after++;
    }
    return after - this.sibBefore - this.seqDelta(v, this.cand[v]!, c);
  }

  /** The fairness term if session s moved to candidate c2 (or were taken out: c2 = -1). */
  fairAfter(s: number, c2: number): number {
    const p = this.p;
    const cur = this.fairMax;
    const z0 = p.sessZoneOff[s]!;
    const nz = p.sessZoneOff[s + 1]! - z0;
    if (nz === 0) return cur;
    const c1 = this.cand[s]!;
    const pain = p.pain;
    const base = p.painOff[s]!;
    const r2 = c2 >= 0 ? base + (c2 - p.candOff[s]!) * nz : -1;
    const r1 = c1 >= 0 ? base + (c1 - p.candOff[s]!) * nz : -1;
    let newMax = -Infinity;
    let atCur = 0;
    const cp = this.classPain;
    const zcOff = p.zcOff;
    const zcClass = p.zcClass;
    for (let i = 0; i < nz; i++) {
      const dz = (r2 >= 0 ? pain[r2 + i]! : 0) - (r1 >= 0 ? pain[r1 + i]! : 0);
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

  /**
   * Exact change of every score term if sessions ss[0..k-1] moved together to
   * candidates cs[0..k-1] (distinct sessions, every target >= 0), into dHard,
   * dComfort, dConflict, dStab and newFair. The state is not touched.
   */
  deltaMulti(k: number, ss: Int32Array, cs: Int32Array): void {
    this.deltaMultiCore(k, ss, cs);
    this.newFair = this.fairAfterMulti(k, ss, cs);
  }

  /**
   * Like {@link deltaMulti} but for every term except fairness (newFair is
   * left as it was): a caller that can reject the moves on the other terms
   * alone (see {@link fairFall}) prices fairness only when it must, with
   * {@link fairMulti}.
   */
  deltaMultiCore(k: number, ss: Int32Array, cs: Int32Array): void {
    const p = this.p;
    const stamp = ++this.markStamp;
    const moveMark = this.moveMark;
    const moveTo = this.moveTo;
    for (let i = 0; i < k; i++) {
      moveMark[ss[i]!] = stamp;
      moveTo[ss[i]!] = cs[i]!;
    }
    let dh = 0;
    let w = 0;
    let dComfort = 0;
    let dStab = 0;
    const T = p.tracks;
    const occ = this.occ;
    const slotMark = this.slotMark;
    const slotD = this.slotD;
    const slotTouched = this.slotTouched;
    let nTouched = 0;
    for (let i = 0; i < k; i++) {
      const s = ss[i]!;
      const c1 = this.cand[s]!;
      const c2 = cs[i]!;
      const st = p.steps[s]!;
      dComfort += p.cComfort[c2]! - (c1 >= 0 ? p.cComfort[c1]! : 0);
      dStab += p.cMoved[c2]! - (c1 >= 0 ? p.cMoved[c1]! : 0);
      this.meet(s, c2, stamp);
      w += this.meetW;
      dh += this.meetH;
      let y = p.cSlot[c2]!;
      for (let j = 0; j < st; j++, y++) {
        if (slotMark[y] !== stamp) {
          slotMark[y] = stamp;
          slotD[y] = 0;
          slotTouched[nTouched++] = y;
        }
        slotD[y]!++;
      }
      if (c1 >= 0) {
        this.meet(s, c1, stamp);
        w -= this.meetW;
        dh -= this.meetH;
        let x = p.cSlot[c1]!;
        for (let j = 0; j < st; j++, x++) {
          if (slotMark[x] !== stamp) {
            slotMark[x] = stamp;
            slotD[x] = 0;
            slotTouched[nTouched++] = x;
          }
          slotD[x]!--;
        }
      } else dh--;
      // pairs among the moving sessions: rows priced them against each other's old
      // places (scans left them out)
      const rows = this.rows;
      for (let j = 0; j < i; j++) {
        const b = ss[j]!;
        const d1 = this.cand[b]!;
        const d2 = cs[j]!;
        const ovNN = overlap(p, c2, st, d2, p.steps[b]!);
        const ovOO = c1 >= 0 && d1 >= 0 ? overlap(p, c1, st, d1, p.steps[b]!) : 0;
        const ovNO = d1 >= 0 ? overlap(p, c2, st, d1, p.steps[b]!) : 0;
        const ovON = c1 >= 0 ? overlap(p, c1, st, d2, p.steps[b]!) : 0;
        const corr = rows ? ovNN + ovOO - ovNO - ovON : ovNN - ovOO;
        const hcorr = rows ? (ovNN > 0 ? 1 : 0) + (ovOO > 0 ? 1 : 0) - (ovNO > 0 ? 1 : 0) - (ovON > 0 ? 1 : 0) : (ovNN > 0 ? 1 : 0) - (ovOO > 0 ? 1 : 0);
        if (corr === 0 && hcorr === 0) continue;
        if (!this.pairOf(s, b)) continue;
        w += corr * this.pairW;
        dh += hcorr * this.pairH;
      }
    }
    for (let t = 0; t < nTouched; t++) {
      const x = slotTouched[t]!;
      const o = occ[x]!;
      dh += (o + slotD[x]! > T ? 1 : 0) - (o > T ? 1 : 0);
    }
    // sequences
    const seqMark = this.seqMark;
    const start = this.start;
    const end = this.end;
    const day = this.day;
    for (let i = 0; i < k; i++) {
      const s = ss[i]!;
      for (let j = p.sessSeqOff[s]!; j < p.sessSeqOff[s + 1]!; j++) {
        const q = p.sessSeq[j]!;
        if (seqMark[q] === stamp) continue;
        seqMark[q] = stamp;
        const a = p.seqA[q]!;
        const b = p.seqB[q]!;
        const same = p.seqSame[q] === 1;
        if (this.cand[a]! >= 0 && this.cand[b]! >= 0 && this.seqBroken(q)) dh--;
        const ca = moveMark[a] === stamp ? moveTo[a]! : this.cand[a]!;
        const cb = moveMark[b] === stamp ? moveTo[b]! : this.cand[b]!;
        if (ca < 0 || cb < 0) continue;
        if (p.cStart[ca]! + p.minutes[a]! > p.cStart[cb]! || (same && p.cDay[ca] !== p.cDay[cb])) dh++;
      }
    }
    // quotas
    let nq = 0;
    for (let i = 0; i < k; i++) {
      const s = ss[i]!;
      const q = p.quotaOf[s]!;
      if (q < 0) continue;
      if (this.quotaMark[q] !== stamp) {
        this.quotaMark[q] = stamp;
        this.quotaD[q] = 0;
        this.quotaTouched[nq++] = q;
      }
      const c1 = this.cand[s]!;
      this.quotaD[q] = this.quotaD[q]! + p.cCore[cs[i]!]! - (c1 >= 0 ? p.cCore[c1]! : 0);
    }
    for (let t = 0; t < nq; t++) {
      const q = this.quotaTouched[t]!;
      const cnt = this.qCount[q]!;
      const cnt2 = cnt + this.quotaD[q]!;
      const lo = p.quotaMin[q]!;
      const hi = p.quotaMax[q]!;
      dh += quotaDistance(cnt2, lo, hi) - quotaDistance(cnt, lo, hi);
    }
    this.dHard = dh;
    this.dConflict = w * p.grid;
    this.dComfort = dComfort;
    this.dStab = dStab;
  }

  /** The fairness term after moving ss[i] to cs[i], into newFair (completes {@link deltaMultiCore}). */
  fairMulti(k: number, ss: Int32Array, cs: Int32Array): void {
    this.newFair = this.fairAfterMulti(k, ss, cs);
  }

  /** The fairness term after moving ss[i] to cs[i] (cs[i] = -1: taken out). */
  private fairAfterMulti(k: number, ss: Int32Array, cs: Int32Array): number {
    const p = this.p;
    const cur = this.fairMax;
    if (p.nClasses === 0) return cur;
    const stamp = ++this.markStamp;
    const mark = this.classMark;
    const D = this.classD;
    const touched = this.classTouched;
    let nt = 0;
    for (let i = 0; i < k; i++) {
      const s = ss[i]!;
      const z0 = p.sessZoneOff[s]!;
      const nz = p.sessZoneOff[s + 1]! - z0;
      if (nz === 0) continue;
      const c1 = this.cand[s]!;
      const c2 = cs[i]!;
      const base = p.painOff[s]!;
      const r2 = c2 >= 0 ? base + (c2 - p.candOff[s]!) * nz : -1;
      const r1 = c1 >= 0 ? base + (c1 - p.candOff[s]!) * nz : -1;
      for (let z = 0; z < nz; z++) {
        const dz = (r2 >= 0 ? p.pain[r2 + z]! : 0) - (r1 >= 0 ? p.pain[r1 + z]! : 0);
        const e = z0 + z;
        for (let j = p.zcOff[e]!; j < p.zcOff[e + 1]!; j++) {
          const c = p.zcClass[j]!;
          if (mark[c] !== stamp) {
            mark[c] = stamp;
            D[c] = 0;
            touched[nt++] = c;
          }
          D[c] = D[c]! + dz;
        }
      }
    }
    if (nt === 0) return cur;
    const cp = this.classPain;
    let newMax = -Infinity;
    let atCur = 0;
    for (let t = 0; t < nt; t++) {
      const c = touched[t]!;
      const v = cp[c]!;
      if (v === cur) atCur++;
      if (v + D[c]! > newMax) newMax = v + D[c]!;
    }
    if (newMax >= cur) return newMax;
    if (atCur < this.fairCount) return cur;
    let m = newMax;
    for (let c = 0; c < cp.length; c++) if (mark[c] !== stamp && cp[c]! > m) m = cp[c]!;
    return m;
  }

  /**
   * The most the fairness term can fall when session s moves (with others):
   * 0 when no class attending s holds the maximum (then a class that stays
   * put still does), else its largest pain drop, at most down to the least
   * fairness possible.
   */
  fairFall(s: number): number {
    // kept per session until a class at the maximum (or the maximum) changes
    if (this.fallV[s] === this.fairVersion) return this.fallC[s]!;
    const p = this.p;
    const cur = this.fairMax;
    const cp = this.classPain;
    let fall = 0;
    outer: for (let e = p.sessZoneOff[s]!; e < p.sessZoneOff[s + 1]!; e++) {
      for (let j = p.zcOff[e]!; j < p.zcOff[e + 1]!; j++) {
        if (cp[p.zcClass[j]!] === cur) {
          const room = cur - p.fairLow;
          const d = p.maxDrop[s]!;
          fall = d < room ? d : room;
          break outer;
        }
      }
    }
    this.fallV[s] = this.fairVersion;
    this.fallC[s] = fall;
    return fall;
  }

  /** Exact change of every score term if session s (placed) were taken out. */
  deltaRemove(s: number): void {
    const p = this.p;
    const c1 = this.cand[s]!;
    if (c1 < 0) {
      this.dHard = this.dComfort = this.dConflict = this.dStab = 0;
      this.newFair = this.fairMax;
      return;
    }
    const T = p.tracks;
    const st = p.steps[s]!;
    let dh = 1;
    const a1 = p.cSlot[c1]!;
    for (let x = a1; x < a1 + st; x++) if (this.occ[x] === T + 1) dh--;
    this.meet(s, c1, 0);
    dh -= this.meetH;
    for (let j = p.sessSeqOff[s]!; j < p.sessSeqOff[s + 1]!; j++) {
      const q = p.sessSeq[j]!;
      const a = p.seqA[q]!;
      const b = p.seqB[q]!;
      if (this.cand[a === s ? b : a]! < 0) continue;
      if (this.seqBroken(q)) dh--;
    }
    const q = p.quotaOf[s]!;
    if (q >= 0 && p.cCore[c1] === 1) {
      const cnt = this.qCount[q]!;
      const lo = p.quotaMin[q]!;
      const hi = p.quotaMax[q]!;
      dh += quotaDistance(cnt - 1, lo, hi) - quotaDistance(cnt, lo, hi);
    }
    this.dHard = dh;
    this.dConflict = -this.meetW * p.grid;
    this.dComfort = -p.cComfort[c1]!;
    this.dStab = -p.cMoved[c1]!;
    this.newFair = this.fairAfter(s, -1);
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
    this.hard += this.dHard;
    this.comfort += this.dComfort;
    this.conflict += this.dConflict;
    this.stability += this.dStab;
    this.place(s, c2);
  }

  /** Performs the moves whose {@link deltaMulti} was just computed. */
  commitMulti(k: number, ss: Int32Array, cs: Int32Array): void {
    this.hard += this.dHard;
    this.comfort += this.dComfort;
    this.conflict += this.dConflict;
    this.stability += this.dStab;
    for (let i = 0; i < k; i++) this.place(ss[i]!, cs[i]!);
  }

  /** Takes session s out (its start becomes undefined); every term follows. */
  remove(s: number): void {
    if (this.cand[s]! < 0) return;
    this.deltaRemove(s);
    this.commit(s, -1);
  }

  /** Moves the structures (occupancy, members, rows, classes, quota, position) of s to c2 (-1: out). */
  private place(s: number, c2: number): void {
    const p = this.p;
    const c1 = this.cand[s]!;
    if (c1 === c2) return;
    this.version++;
    if (this.tentative && this.pendMark[s] !== this.pendStamp) {
      this.pendMark[s] = this.pendStamp;
      this.pendS[this.nPend] = s;
      this.pendOld[this.nPend++] = c1;
    }
    const st = p.steps[s]!;
    const occ = this.occ;
    const i1 = this.inst[s]!;
    const i2 = c2 >= 0 ? p.cInst[c2]! : -1;
    if (c1 >= 0) {
      const a1 = p.cSlot[c1]!;
      for (let x = a1; x < a1 + st; x++) occ[x]!--;
    }
    if (c2 >= 0) {
      const a2 = p.cSlot[c2]!;
      for (let y = a2; y < a2 + st; y++) occ[y]!++;
    }
    // members
    if (i1 !== i2) {
      if (i1 >= 0) {
        const off = p.instCapOff[i1]!;
        const last = --this.memLen[i1]!;
        const pos = this.memPos[s]!;
        const moved = this.mem[off + last]!;
        this.mem[pos] = moved;
        this.memPos[moved] = pos;
      }
      if (i2 >= 0) {
        const pos = p.instCapOff[i2]! + this.memLen[i2]!;
        this.mem[pos] = s;
        this.memPos[s] = pos;
        this.memLen[i2]!++;
      }
    }
    // what the neighbours would meet at their candidates that s leaves or joins (a tentative move: later)
    if (this.rows && !this.tentative) {
      if (c1 >= 0) this.touchNeighbours(s, c1, -1);
      if (c2 >= 0) this.touchNeighbours(s, c2, 1);
    }
    // fairness classes
    const z0 = p.sessZoneOff[s]!;
    const nz = p.sessZoneOff[s + 1]! - z0;
    if (nz > 0) {
      const pain = p.pain;
      const base = p.painOff[s]!;
      const r2 = c2 >= 0 ? base + (c2 - p.candOff[s]!) * nz : -1;
      const r1 = c1 >= 0 ? base + (c1 - p.candOff[s]!) * nz : -1;
      const cp = this.classPain;
      const cur = this.fairMax;
      let top = -Infinity;
      let topCount = 0;
      let left = 0;
      for (let i = 0; i < nz; i++) {
        const dz = (r2 >= 0 ? pain[r2 + i]! : 0) - (r1 >= 0 ? pain[r1 + i]! : 0);
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
      // the classes at the maximum (or the maximum) may have changed: fairFall's cache is stale
      if (top >= cur || left > 0) this.fairVersion++;
    }
    // quota
    const q = p.quotaOf[s]!;
    if (q >= 0) this.qCount[q] = this.qCount[q]! - (c1 >= 0 ? p.cCore[c1]! : 0) + (c2 >= 0 ? p.cCore[c2]! : 0);
    // position
    this.cand[s] = c2;
    this.inst[s] = i2;
    if (c2 >= 0) {
      this.start[s] = p.cStart[c2]!;
      this.end[s] = p.cStart[c2]! + p.minutes[s]!;
      this.day[s] = p.cDay[c2]!;
    } else {
      this.memPos[s] = -1;
      this.day[s] = -1;
    }
  }

  /**
   * Adds weight w per overlapping grid step and h hard pairs to the
   * candidates of session b in instance i that overlap the grid steps [lo, hi).
   */
  private touch(b: number, i: number, lo: number, hi: number, w: number, h: number): void {
    const p = this.p;
    let c = p.instCand[b * p.nInst + i]!;
    if (c < 0) return;
    const end = p.candOff[b + 1]!;
    const sb = p.steps[b]!;
    const cSlot = p.cSlot;
    const cInst = p.cInst;
    const cw = this.cw;
    const ch = this.ch;
    for (; c < end && cInst[c] === i; c++) {
      const a = cSlot[c]!;
      if (a >= hi) break;
      const e = a + sb;
      if (e <= lo) continue;
      const ov = (e < hi ? e : hi) - (a > lo ? a : lo);
      cw[c] = cw[c]! + w * ov;
      ch[c] = ch[c]! + h;
    }
  }

  /**
   * Begins a tentative sequence of moves (`apply`), to be kept with
   * {@link keepTentative} or undone with {@link undoTentative}: until then the
   * neighbours' conflict rows are not updated (what a session meets is the
   * row corrected for the sessions moved so far), so that a sequence undone
   * costs no row updates at all.
   */
  beginTentative(): void {
    this.tentative = true;
    this.pendStamp++;
    this.nPend = 0;
    this.savedHard = this.hard;
    this.savedComfort = this.comfort;
    this.savedConflict = this.conflict;
    this.savedStability = this.stability;
  }

  /** Keeps the tentative moves: the neighbours' rows follow each moved session from where it was to where it is. */
  keepTentative(): void {
    this.tentative = false;
    const n = this.nPend;
    this.nPend = 0;
    if (!this.rows) return;
    for (let t = 0; t < n; t++) {
      const s = this.pendS[t]!;
      const c1 = this.pendOld[t]!;
      const c2 = this.cand[s]!;
      if (c1 === c2) continue;
      if (c1 >= 0) this.touchNeighbours(s, c1, -1);
      if (c2 >= 0) this.touchNeighbours(s, c2, 1);
    }
  }

  /** Adds (sign 1) or takes away (sign -1) what session s at candidate c contributes to its neighbours' rows. */
  private touchNeighbours(s: number, c: number, sign: number): void {
    const p = this.p;
    const lo = p.cSlot[c]!;
    const hi = lo + p.steps[s]!;
    const i = p.cInst[c]!;
    for (let e = p.adjOff[s]!; e < p.adjOff[s + 1]!; e++) this.touch(p.adj[e]!, i, lo, hi, sign * p.adjW[e]!, sign * p.adjH[e]!);
  }

  /** Undoes the tentative moves, the last first: the state is again what it was at {@link beginTentative}. */
  undoTentative(): void {
    for (let t = this.nPend - 1; t >= 0; t--) this.place(this.pendS[t]!, this.pendOld[t]!);
    this.tentative = false;
    this.nPend = 0;
    this.hard = this.savedHard;
    this.comfort = this.savedComfort;
    this.conflict = this.savedConflict;
    this.stability = this.savedStability;
  }

  /** Corrects meetW/meetH (read from the rows of s at c) for the sessions moved tentatively since the rows were last updated. */
  private pendingMeet(s: number, c: number): void {
    const p = this.p;
    const st = p.steps[s]!;
    let w = this.meetW;
    let h = this.meetH;
    for (let t = 0; t < this.nPend; t++) {
      const x = this.pendS[t]!;
      if (x === s) continue;
      const d1 = this.pendOld[t]!;
      const d2 = this.cand[x]!;
      const sx = p.steps[x]!;
      const ovNew = d2 >= 0 ? overlap(p, c, st, d2, sx) : 0;
      const ovOld = d1 >= 0 ? overlap(p, c, st, d1, sx) : 0;
      if (ovNew === ovOld) continue;
      if (!this.pairOf(s, x)) continue;
      w += this.pairW * (ovNew - ovOld);
      h += this.pairH * ((ovNew > 0 ? 1 : 0) - (ovOld > 0 ? 1 : 0));
    }
    this.meetW = w;
    this.meetH = h;
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

/** Grid steps shared by candidate c (st steps) and candidate d (sd steps). */
function overlap(p: Problem, c: number, st: number, d: number, sd: number): number {
  if (p.cInst[c] !== p.cInst[d]) return 0;
  const a = p.cSlot[c]!;
  const b = p.cSlot[d]!;
  const lo = a > b ? a : b;
  const hi = a + st < b + sd ? a + st : b + sd;
  return hi > lo ? hi - lo : 0;
}

/**
 * Whether a state keeps per-candidate conflict rows: when block instances
 * hold many sessions (scanning them would cost more than updating the
 * neighbours' rows on each move).
 *
 * @example
 * useRows(compile(meeting)) // false for a study-group meeting, true for a conference
 */
export function useRows(p: Problem): boolean {
  if (ROWS.force !== undefined) return ROWS.force;
  return p.n >= ROWS.minMembers * Math.max(1, p.nInst);
}

/**
 * When to keep conflict rows (internal; `force` is for tests).
 *
 * @example
 * ROWS.minMembers // 4 sessions per block instance on average
 */
export const ROWS: { minMembers: number; force: boolean | undefined } = { minMembers: 4, force: undefined };
