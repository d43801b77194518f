/**
 * Rotation descent: improving ejection chains and cycles of up to
 * {@link ROTATE}.maxLen sessions, found as cheapest paths in an improvement
 * graph (after the cyclic-exchange neighbourhoods of Thompson and Orlin).
 *
 * An arc u → v of the graph (u, v movable sessions) says "u takes v's
 * start": v's start is one of u's candidates, u fits the tracks there once v
 * (and u) have left, and u keeps its core quota and its sequences with the
 * sessions outside its sibling class, the others where they are now. It costs
 * what u alone would gain or lose there: comfort and stability exactly,
 * conflict against the others where they are now (v left out), and the
 * change of the fairness maximum were u alone to move (a rise, and with
 * {@link ROTATE}.fairFalls a fall). A path s0 → s1 → … → sk is closed either by sk
 * taking s0's start (a cycle) or by sk going to its cheapest start with a
 * free track (an ejection chain). Label-correcting over path lengths keeps,
 * per length and end session, the cheapest path without repeated sessions.
 * In study-group meetings (not conference-like: see search.ts), from
 * {@link ROTATE}.pathAwareFrom iterations on, an arc is priced along the path
 * that reaches it ({@link ROTATE}.pathAware): the members before it have left
 * their places for the next one's, so the mover may fit where it did not (a
 * 90-minute session where a 60-minute one was, once an earlier member has
 * left that block), and meets them where they go, not where they were. S2's
 * stalls need such chains, and, since a label keeps one path per length and
 * end, arcs off their mover's quota are also reached from a session of its
 * quota group ({@link Rotator}'s mend): after 100,000 iterations S2 is at its
 * optimum for 35 of 40 seeds instead of 20, after 20,000 for 19 instead of
 * 9. The estimates still ignore the rest of what the members of a chain do
 * to one another (and, without pathAware, all of it), so the
 * {@link ROTATE}.exact closings estimated to gain most are priced exactly,
 * sibling classes re-sorted (`deltaMultiCore` + `fairMulti`); the first that
 * lowers the objective without breaking a rule is taken, and the descent
 * repeats until a round takes none.
 *
 * The search runs it on its best placement at the end of every annealing
 * cycle, in meetings of at most {@link ROTATE}.maxSessions movable sessions.
 * A stalled answer is often improved by a chain of several sessions, each
 * taking the place of the next (M2: a mean gap of 0.097 % after 2 million
 * iterations without it, 0.068 % with it), and a short search gains most:
 * after 10,000 iterations S1 is at its optimum for 33 of 40 seeds instead of
 * 12, S3 for 10 instead of none; after 100,000 S2 and S3 gain nothing. In
 * L1 (1,011 sessions) its time cost more than it found (after 5 s, in
 * windows of 300 sessions: 0.1–0.5 % worse, 3 seeds), so larger meetings do
 * without it.
 */
import { findCandidate } from './compile.js';
import { resortChain, type MoveContext } from './moves.js';

/**
 * Rotation parameters (internal; tuned on the bench instances).
 *
 * @example
 * ROTATE.maxLen // sessions in the longest chain
 */
export const ROTATE = {
  /** Sessions in the longest chain or cycle. */
  maxLen: 6,
  /** Closings priced exactly per round, cheapest estimate first. */
  exact: 8,
  /** Rounds of a descent at most (each takes one improving chain, or finds none and ends it). */
  rounds: 50,
  /** Movable sessions at most: the graph has their square of arcs (larger meetings do without). */
  maxSessions: 300,
  /**
   * Arcs priced against the path that reaches them: the sessions already on it
   * have left their places for the next one's, which may make room or take
   * it, and meet the mover elsewhere (off: every arc as if the others stayed).
   */
  pathAware: true,
  /**
   * … from this many iterations of the search on (0: from the first
   * descent). It was 10,000 while V8's four compiler threads took the search's
   * core on two cores: the first descent of a fresh 100 ms run ran in slow
   * code (S2, 40 fresh runs: 16,500 iterations with 10,000, 10,900 with 0).
   * With the pool sized to the machine (src/cli/runtime.ts) the cost is gone
   * (21,444 and 21,578) and the early descents gain: fresh 100 ms runs at the
   * optimum S2 49 → 57 of 120, S3 28 → 36 of 60; warm S2 51 = 51, S3 45 → 50
   * of 60. Iteration budgets whose first cycle ends after 10,000 iterations
   * give the same answers as before: the default budget's first cycle is 20
   * iterations per candidate start, at least 5,000, so only meetings of fewer
   * than 500 candidate starts see the change there (SG12 and S1–S3 have
   * 1,023–1,503).
   */
  pathAwareFrom: 0,
  /** Path-aware, also labels through an arc off its mover's core quota from a session of the same quota group (see Rotator.mend; off for tests and measurement). */
  mend: true,
  /**
   * When a round's closings gain nothing: the best combination of cycles and
   * chains over the whole graph at once, an assignment problem solved exactly
   * (see Rotator.assign). A label keeps one path per length and end, and
   * loses the cycles that close through another: at M2's stalls after a
   * million iterations, two sessions swapping starts for −90, or cycles of 6
   * and 9 sessions, which no round found.
   */
  assign: true,
  /** Chains (to a free start) the assignment may hold at once. */
  assignChains: 4,
  /**
   * When a round finds nothing: the best single shift, priced exactly (see
   * Rotator.shiftRound). After 13,000 iterations S2's answer could still be
   * improved by one session leaving the start that held the fairness maximum
   * up (a closing to a dearer start, −15 to −60) in 6 of 30 runs; runs of
   * 10,000 iterations at the optimum 16 → 34 of 80; fresh 100 ms runs (a
   * warm process with its clock slowed fivefold, seeds alternating) S2 140 →
   * 158 and S3 167 → 177 of 300. Default runs unchanged (the 180 below, byte
   * for byte).
   */
  shifts: true,
  /**
   * Arcs and closings count a fall of the fairness maximum, not only a rise
   * (an estimate: the fall were u alone to move; what the chain does is
   * priced exactly before it is taken). Default runs at the best of the
   * variants (see REPAIR.pullAny: 180 runs of unseen study-group meetings):
   * 172 without (excess summed 405), 175 with (150); fresh-like 100 ms runs
   * of S3 (as for shifts) 67 → 85 of 150 and 216 → 226 of 400, S2 87 → 71 of
   * 150 and 221 → 199 of 400, within their spread; M2's fresh 1 s runs 541 →
   * 557 above the optimum (30 seeds alternating), the same; default runs of
   * M2-like weeks (bench/unseen.ts --kind conference, C2–C11, seeds 1–2,
   * with the shift round) 6 → 7 of 20 at the better of the two, excess
   * summed 6,360 → 6,540, the same.
   */
  fairFalls: true,
};

/** What an arc counts of a change of the fairness maximum: a rise, and with {@link ROTATE}.fairFalls a fall too. */
function fairChange(d: number): number {
  return ROTATE.fairFalls || d > 0 ? d : 0;
}

/**
 * Finds and performs improving rotations and ejection chains on a feasible
 * placement.
 *
 * @example
 * const rot = new Rotator(ctx);
 * if (rot.descend(() => false)) saveBest();
 */
export class Rotator {
  private readonly ctx: MoveContext;
  /** Arc costs among the sessions searched (row: the mover; +Infinity: no arc). */
  private readonly w: Float64Array;
  /** Per session searched: cost of its cheapest start with a free track, and that candidate (-1: none). */
  private readonly term: Float64Array;
  private readonly termC: Int32Array;
  /** Labels per path length and end session: cost, and the path itself (positions, first to last, ROTATE.maxLen per label). */
  private readonly dist: Float64Array;
  private readonly lab: Int32Array;
  /** The best closings found: estimate, length, end member, and whether it is a cycle. */
  private readonly candEst: Float64Array;
  private readonly candK: Int32Array;
  private readonly candJ: Int32Array;
  private readonly candCyc: Uint8Array;
  private nCand = 0;
  /** How many sessions are searched. */
  private m = 0;
  /** Scratch: the path being built. */
  private readonly path: Int32Array;
  /** Per arc: 1 when the mover does not fit the tracks with only the two gone, 2 when it meets a hard pair there, 4 when it leaves its core quota; and how many hard pairs. */
  private readonly bad: Uint8Array;
  private readonly hardN: Int32Array;
  /** Per arc: the mover's candidate at the other's start (-1: none). */
  private readonly arcC: Int32Array;
  /** Scratch: the members of the path before the mover (session, first grid step now and after the move). */
  private readonly memS: Int32Array;
  private readonly memOld: Int32Array;
  private readonly memNew: Int32Array;
  private readonly memNewC: Int32Array;
  /** Scratch: a path built by {@link mend}. */
  private readonly tmpPath: Int32Array;
  /** The assignment's cost matrix (movable sessions and chain ends, squared), the Hungarian method's scratch, and its answer (row → column). */
  private readonly aCost: Float64Array;
  private readonly hu: Float64Array;
  private readonly hv: Float64Array;
  private readonly hMin: Float64Array;
  private readonly hCol: Int32Array;
  private readonly hWay: Int32Array;
  private readonly hUsed: Uint8Array;
  private readonly aRow: Int32Array;
  private readonly aTaken: Int32Array;
  private readonly aSeen: Uint8Array;
  private readonly aHead: Int32Array;
  private readonly aLin: Float64Array;

  /** Whether arcs are priced against the path that reaches them ({@link ROTATE}.pathAware; the search sets it before each descent). */
  aware: boolean;

  constructor(ctx: MoveContext, pathAware = ROTATE.pathAware) {
    this.ctx = ctx;
    this.aware = pathAware;
    // a double from the start, like State's (State.holdDoubles): the count can become -0
    this.arcHard = 0.5;
    this.arcHard = 0;
    const m = Math.max(1, ctx.movable.length);
    const L = ROTATE.maxLen;
    this.w = new Float64Array(m * m);
    this.term = new Float64Array(m);
    this.termC = new Int32Array(m);
    this.dist = new Float64Array(L * m);
    this.lab = new Int32Array(L * m * L);
    const E = Math.max(1, ROTATE.exact);
    this.candEst = new Float64Array(E);
    this.candK = new Int32Array(E);
    this.candJ = new Int32Array(E);
    this.candCyc = new Uint8Array(E);
    this.path = new Int32Array(L);
    this.bad = new Uint8Array(m * m);
    this.hardN = new Int32Array(m * m);
    this.arcC = new Int32Array(m * m);
    this.memS = new Int32Array(L);
    this.memOld = new Int32Array(L);
    this.memNew = new Int32Array(L);
    this.memNewC = new Int32Array(L);
    this.tmpPath = new Int32Array(L);
    const N = ROTATE.assign ? m + ROTATE.assignChains : 0;
    this.aCost = new Float64Array(N * N);
    this.hu = new Float64Array(N + 1);
    this.hv = new Float64Array(N + 1);
    this.hMin = new Float64Array(N + 1);
    this.hCol = new Int32Array(N + 1);
    this.hWay = new Int32Array(N + 1);
    this.hUsed = new Uint8Array(N + 1);
    this.aRow = new Int32Array(N);
    this.aTaken = new Int32Array(N);
    this.aSeen = new Uint8Array(N);
    this.aHead = new Int32Array(N);
    this.aLin = new Float64Array(N);
  }

  /**
   * Repeats rounds (after one that finds nothing, a shift round,
   * {@link ROTATE}.shifts) until neither finds anything (or {@link ROTATE}.rounds, or
   * `stop` says so: polled between rounds and all through each, before
   * every chain it would take — so that a timed run's answer is one found by
   * its deadline). Only on a feasible placement; true when the placement
   * improved.
   */
  descend(stop: () => boolean): boolean {
    const state = this.ctx.state;
    if (state.hard !== 0 || ROTATE.maxLen < 2) return false;
    let any = false;
    for (let r = 0; r < ROTATE.rounds && !stop(); r++) {
      if (!this.round(stop) && (!ROTATE.shifts || !this.shiftRound(stop))) break;
      any = true;
    }
    return any;
  }

  /**
   * The best single shift, priced exactly (fairness too), taken when it lowers
   * the objective without breaking a rule; true when one was. A round prices
   * exactly only the few closings estimated best, and its estimates miss a
   * session leaving the start that holds the fairness maximum up for a
   * dearer one where that maximum falls less than the estimate says or
   * (without {@link ROTATE}.fairFalls) at all.
   */
  private shiftRound(stop: () => boolean): boolean {
    if (stop()) return false;
    const state = this.ctx.state;
    const p = this.ctx.p;
    const B = this.ctx.movable;
    const wc = p.wComfort;
    const wx = p.wConflict;
    const ws = p.wStability;
    const wf = p.wFairness;
    const fair = state.fairness;
    let bestGain = 0;
    let bestS = -1;
    let bestC = -1;
    for (let i = 0; i < B.length; i++) {
      if ((i & 7) === 7 && stop()) return false;
      const u = B[i]!;
      const cu = state.cand[u]!;
      const fall = wf * state.fairFall(u);
      for (let c = p.candOff[u]!; c < p.candOff[u + 1]!; c++) {
        if (c === cu) continue;
        state.deltaCore(u, c);
        if (state.dHard !== 0) continue;
        const rest = wc * state.dComfort + wx * state.dConflict + ws * state.dStab;
        if (rest - fall >= bestGain) continue;
        const gain = rest + wf * (state.fairAfter(u, c) - fair);
        if (gain < bestGain) {
          bestGain = gain;
          bestS = u;
          bestC = c;
        }
      }
    }
    if (bestS < 0 || stop()) return false;
    state.apply(bestS, bestC);
    return true;
  }

  /** One search among the movable sessions; true when a chain was taken (false too when `stop` said so). */
  private round(stop: () => boolean): boolean {
    const ctx = this.ctx;
    const state = ctx.state;
    const p = ctx.p;
    const B = ctx.movable;
    const m = B.length;
    this.m = m;
    const L = Math.min(ROTATE.maxLen, m);
    const w = this.w;
    const wc = p.wComfort;
    const ws = p.wStability;
    const wx = p.wConflict * p.grid;
    const wf = p.wFairness;
    const fair = state.fairness;
    const aware = this.aware;

    // arcs and closings to a free track
    for (let i = 0; i < m; i++) {
      if ((i & 7) === 7 && stop()) return false;
      const u = B[i]!;
      const cu = state.cand[u]!;
      const here = wc * p.cComfort[cu]! + ws * p.cMoved[cu]! + p.wConflict * state.conflictAt(u);
      for (let j = 0; j < m; j++) {
        const v = B[j]!;
        let cost = Infinity;
        let flags = 0;
        if (j !== i && state.start[v] !== state.start[u]) {
          const c = findCandidate(p, u, state.start[v]!);
          this.arcC[i * m + j] = c;
          const fit = c >= 0 && this.fits(u, c, v);
          if (!aware) {
            if (fit && this.allowed(u, c, -1)) {
              cost = this.arcCost(u, c, v, here);
              if (this.arcHard !== 0) cost = Infinity;
            }
          } else if (fit) {
            // path-aware, an arc that meets a hard pair (2) or leaves u's core quota (4) is kept:
            // the path that reaches it may mend it (alongPath)
            if (this.keepsOrder(u, c, v)) {
              cost = this.arcCost(u, c, v, here);
              const mh = this.arcHard;
              this.hardN[i * m + j] = mh;
              flags = (mh !== 0 ? 2 : 0) | (this.keepsQuota(u, c, 0) ? 0 : 4);
            }
          } else if (c >= 0) {
            // no room with only u and v gone: priced only along a path that makes it (alongPath)
            cost = 0;
            flags = 1;
          }
        }
        w[i * m + j] = cost;
        this.bad[i * m + j] = flags;
      }
      let best = Infinity;
      let bestC = -1;
      for (let c = p.candOff[u]!; c < p.candOff[u + 1]!; c++) {
        if (c === cu) continue;
        const base = wc * p.cComfort[c]! + ws * p.cMoved[c]!;
        if (base - here >= best) continue;
        if (!this.fits(u, c, -1) || !this.allowed(u, c, -1)) continue;
        state.meet(u, c, 0);
        if (state.meetH !== 0) continue;
        const cost = base + wx * state.meetW - here + wf * fairChange(state.fairAfter(u, c) - fair);
        if (cost < best) {
          best = cost;
          bestC = c;
        }
      }
      this.term[i] = best;
      this.termC[i] = bestC;
    }

    // labels: paths of k + 1 members (k arcs), the cheapest per end member
    this.nCand = 0;
    const dist = this.dist;
    const lab = this.lab;
    const LL = ROTATE.maxLen;
    for (let j = 0; j < m; j++) {
      dist[j] = 0;
      lab[j * LL] = j;
      this.offer(this.term[j]!, 0, j, false);
    }
    for (let k = 1; k < L; k++) {
      if (stop()) return false;
      const prev = (k - 1) * m;
      const cur = k * m;
      for (let j = 0; j < m; j++) dist[cur + j] = Infinity;
      for (let i = 0; i < m; i++) {
        if ((i & 7) === 7 && stop()) return false;
        const d = dist[prev + i]!;
        if (d === Infinity) continue;
        const row = i * m;
        const u = B[i]!;
        if (aware) this.members(k - 1, i);
        for (let j = 0; j < m; j++) {
          let a = w[row + j]!;
          if (a === Infinity) continue;
          if (aware) {
            const flags = this.bad[row + j]!;
            const c = this.arcC[row + j]!;
            if (flags !== 0 ? this.mendable(u, c, flags) : this.touches(u, c)) a = this.alongPath(u, c, B[j]!, a, flags, this.hardN[row + j]!);
            else if (flags !== 0) continue;
            if (a === Infinity) continue;
          }
          const nd = d + a;
          if (nd >= dist[cur + j]! || this.onPath(k - 1, i, j)) continue;
          dist[cur + j] = nd;
          lab.copyWithin((cur + j) * LL, (prev + i) * LL, (prev + i) * LL + k);
          lab[(cur + j) * LL + k] = j;
        }
      }
      if (aware && k >= 2 && ROTATE.mend) this.mend(k);
      for (let j = 0; j < m; j++) {
        const d = dist[cur + j]!;
        if (d === Infinity) continue;
        const o = lab[(cur + j) * LL]!;
        if (!aware) {
          this.offer(d + this.term[j]!, k, j, false);
          this.offer(d + w[j * m + o]!, k, j, true);
          continue;
        }
        const u = B[j]!;
        this.members(k, j);
        const tc = this.termC[j]!;
        if (tc >= 0) this.offer(d + this.alongPath(u, tc, -1, this.term[j]!, 0, 0), k, j, false);
        const base = w[j * m + o]!;
        const flags = this.bad[j * m + o]!;
        const c = this.arcC[j * m + o]!;
        if (base !== Infinity && (flags === 0 || this.mendable(u, c, flags))) {
          this.offer(d + this.alongPath(u, c, B[o]!, base, flags, this.hardN[j * m + o]!), k, j, true);
        }
      }
    }

    // price the closings exactly, cheapest estimate first
    const chS = ctx.chS;
    const chC = ctx.chC;
    const path = this.path;
    for (let e = 0; e < this.nCand; e++) {
      const k = this.candK[e]!;
      const at = (k * m + this.candJ[e]!) * LL;
      for (let x = 0; x <= k; x++) path[x] = lab[at + x]!;
      for (let x = 0; x < k; x++) {
        chS[x] = B[path[x]!]!;
        chC[x] = findCandidate(p, B[path[x]!]!, state.start[B[path[x + 1]!]!]!);
      }
      chS[k] = B[path[k]!]!;
      chC[k] = this.candCyc[e] ? findCandidate(p, chS[k]!, state.start[B[path[0]!]!]!) : this.termC[path[k]!]!;
      if (stop()) return false;
      if (this.takeIfGain(k + 1)) return true;
    }
    return ROTATE.assign && !stop() && this.assign(stop);
  }

  /**
   * Prices the chain in ctx.chS/chC[0..k-1] exactly (its sibling classes
   * re-sorted) and commits it when it breaks no rule and lowers the
   * objective; true when it did.
   */
  private takeIfGain(k: number): boolean {
    const ctx = this.ctx;
    const state = ctx.state;
    const len = resortChain(ctx, k);
    if (len === 0) return false;
    state.deltaMultiCore(len, ctx.chS, ctx.chC);
    if (state.dHard > 0) return false;
    state.fairMulti(len, ctx.chS, ctx.chC);
    if (state.deltaTotal() > -1e-9) return false;
    state.commitMulti(len, ctx.chS, ctx.chC);
    return true;
  }

  /**
   * The cheapest set of disjoint cycles and chains of the round's graph, all
   * at once: an assignment of the movable sessions to the starts of the
   * movable sessions (their own: staying; another's: an arc) or to one of
   * {@link ROTATE}.assignChains chain ends (a free start, at the session's
   * closing cost), where a chain end's row takes the start its chain leaves
   * empty (at no cost) or idles — solved exactly (Hungarian method,
   * O((m + chains)³)). Its cycles and chains that the arc prices say gain are
   * priced exactly, most promising first, and the first that gains is taken.
   * True when one was.
   */
  private assign(stop: () => boolean): boolean {
    const ctx = this.ctx;
    const state = ctx.state;
    const p = ctx.p;
    const B = ctx.movable;
    const m = this.m;
    const D = ROTATE.assignChains;
    const N = m + D;
    const a = this.aCost;
    const w = this.w;
    const BIG = 1e12;
    for (let i = 0; i < m; i++) {
      const row = i * N;
      for (let j = 0; j < m; j++) {
        const x = w[i * m + j]!;
        a[row + j] = i === j ? 0 : x === Infinity || this.bad[i * m + j] !== 0 ? BIG : x;
      }
      const t = this.term[i]!;
      for (let d = 0; d < D; d++) a[row + m + d] = t === Infinity ? BIG : t;
    }
    for (let d = 0; d < D; d++) {
      const row = (m + d) * N;
      for (let j = 0; j < m; j++) a[row + j] = 0;
      for (let e = 0; e < D; e++) a[row + m + e] = e === d ? 0 : BIG;
    }
    if (!(this.hungarian(N) < -1e-9) || stop()) return false;

    // the moving sessions in cycles and chains (a chain begins where a chain end's row takes the start)
    const asg = this.aRow;
    const taken = this.aTaken;
    for (let r = 0; r < N; r++) taken[asg[r]!] = r;
    const seen = this.aSeen;
    seen.fill(0);
    let nc = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (let x = 0; x < m; x++) {
        if (seen[x] || asg[x] === x || (pass === 0) !== taken[x]! >= m) continue;
        let lin = 0;
        let y = x;
        for (;;) {
          seen[y] = 1;
          const c = asg[y]!;
          lin += a[y * N + c]!;
          if (c >= m || c === x) break;
          y = c;
        }
        if (lin < -1e-9) {
          this.aHead[nc] = x;
          this.aLin[nc++] = lin;
        }
      }
    }
    // price them, the most promising first
    const chS = ctx.chS;
    const chC = ctx.chC;
    for (let done = 0; done < nc; done++) {
      let e = done;
      for (let f = done + 1; f < nc; f++) if (this.aLin[f]! < this.aLin[e]!) e = f;
      const head = this.aHead[e]!;
      this.aHead[e] = this.aHead[done]!;
      this.aLin[e] = this.aLin[done]!;
      let k = 0;
      let y = head;
      for (;;) {
        const c = asg[y]!;
        chS[k] = B[y]!;
        chC[k++] = c >= m ? this.termC[y]! : findCandidate(p, B[y]!, state.start[B[c]!]!);
        if (c >= m || c === head) break;
        y = c;
      }
      if (stop()) return false;
      if (this.takeIfGain(k)) return true;
    }
    return false;
  }

  /** Min-cost perfect assignment of the N × N matrix aCost into aRow (row → column); its cost. */
  private hungarian(N: number): number {
    const a = this.aCost;
    const u = this.hu;
    const v = this.hv;
    const minv = this.hMin;
    const col = this.hCol; // col[j]: the row (1-based) holding column j (1-based); col[0]: the row being added
    const way = this.hWay;
    const used = this.hUsed;
    u.fill(0);
    v.fill(0);
    col.fill(0);
    for (let i = 1; i <= N; i++) {
      col[0] = i;
      let j0 = 0;
      minv.fill(Infinity);
      used.fill(0);
      do {
        used[j0] = 1;
        const i0 = col[j0]!;
        const row = (i0 - 1) * N - 1;
        const ui = u[i0]!;
        let delta = Infinity;
        let j1 = 0;
        for (let j = 1; j <= N; j++) {
          if (used[j]) continue;
          const cur = a[row + j]! - ui - v[j]!;
          if (cur < minv[j]!) {
            minv[j] = cur;
            way[j] = j0;
          }
          if (minv[j]! < delta) {
            delta = minv[j]!;
            j1 = j;
          }
        }
        for (let j = 0; j <= N; j++) {
          if (used[j]) {
            u[col[j]!]! += delta;
            v[j]! -= delta;
          } else minv[j]! -= delta;
        }
        j0 = j1;
      } while (col[j0] !== 0);
      do {
        const j1 = way[j0]!;
        col[j0] = col[j1]!;
        j0 = j1;
      } while (j0 !== 0);
    }
    let total = 0;
    for (let j = 1; j <= N; j++) {
      this.aRow[col[j]! - 1] = j - 1;
      total += a[(col[j]! - 1) * N + j - 1]!;
    }
    return total;
  }

  /**
   * Collects the members of the path of k + 1 members ending at position i
   * that come before it (each takes the next one's start; the last, i's): into
   * {@link nMem} and the mem* arrays, with the grid steps where they touch
   * what i's session meets ({@link touchLo} … {@link touchHi}: where any of
   * them arrives, and where those related to it leave) and where any leaves
   * ({@link leaveLo} … {@link leaveHi}).
   */
  private members(k: number, i: number): void {
    this.membersOf(this.lab, (k * this.m + i) * ROTATE.maxLen, k);
  }

  /** {@link members} of the path of k + 1 members (positions) at path[at …]. */
  private membersOf(path: Int32Array, at: number, k: number): void {
    const ctx = this.ctx;
    const state = ctx.state;
    const p = ctx.p;
    const B = ctx.movable;
    const u = B[path[at + k]!]!;
    let next = u;
    let lo = 0x7fffffff;
    let hi = -1;
    let leaveLo = 0x7fffffff;
    let leaveHi = -1;
    for (let t = k - 1; t >= 0; t--) {
      const s = B[path[at + t]!]!;
      const sx = p.steps[s]!;
      const o = p.cSlot[state.cand[s]!]!;
      const nc = findCandidate(p, s, state.start[next]!);
      const nw = p.cSlot[nc]!;
      this.memNewC[t] = nc;
      this.memS[t] = s;
      this.memOld[t] = o;
      this.memNew[t] = nw;
      lo = Math.min(lo, nw);
      hi = Math.max(hi, nw + sx);
      leaveLo = Math.min(leaveLo, o);
      leaveHi = Math.max(leaveHi, o + sx);
      if (state.pairOf(u, s)) {
        lo = Math.min(lo, o);
        hi = Math.max(hi, o + sx);
      }
      next = s;
    }
    this.nMem = k;
    this.touchLo = lo;
    this.touchHi = hi;
    this.leaveLo = leaveLo;
    this.leaveHi = leaveHi;
  }

  /** Members of the path before the mover, from {@link members}. */
  private nMem = 0;
  /** The grid steps from the first to past the last where a member arrives, or where one related to the mover leaves. */
  private touchLo = 0;
  private touchHi = 0;
  /** The grid steps from the first to past the last that a member leaves. */
  private leaveLo = 0;
  private leaveHi = 0;

  /** Whether u at candidate c may meet what the members collected by {@link members} change. */
  private touches(u: number, c: number): boolean {
    const p = this.ctx.p;
    const a = p.cSlot[c]!;
    return a + p.steps[u]! > this.touchLo && a < this.touchHi;
  }

  /**
   * Whether the path collected by {@link members} may mend an arc that does
   * not fit (flags 1: a member leaves where u would go), meets a hard pair
   * (flags 2: a related member leaves, or arrives, there) or leaves u's core
   * quota (flags 4: {@link alongPath} counts the members of its group).
   */
  private mendable(u: number, c: number, flags: number): boolean {
    if (this.nMem === 0) return false;
    const p = this.ctx.p;
    const a = p.cSlot[c]!;
    const e = a + p.steps[u]!;
    if ((flags & 1) !== 0 && (e <= this.leaveLo || a >= this.leaveHi)) return false;
    return (flags & 2) === 0 || (e > this.touchLo && a < this.touchHi);
  }

  /**
   * The cost of u's arc to candidate c (the place of v, -1: a free start),
   * estimated `base` with every other session where it is now, corrected for
   * the members of the path collected by {@link members}: they have left their
   * places for the next one's, so u meets them (conflict, hard pairs) and
   * shares the tracks with them there. An arc without room with only u and v
   * gone (flags 1) is priced here, once the path makes room; one off u's core
   * quota (4) counts the members of u's quota group moved too; `hard` is the
   * hard pairs u meets with the others where they are. Infinity when u then
   * breaks a hard pair or its quota, or does not fit.
   */
  private alongPath(u: number, c: number, v: number, base: number, flags: number, hard: number): number {
    const ctx = this.ctx;
    const state = ctx.state;
    const p = ctx.p;
    const a = p.cSlot[c]!;
    const e = a + p.steps[u]!;
    let cost = base;
    let h = hard;
    let check = false;
    let quota = (flags & 4) !== 0;
    if ((flags & 1) !== 0) {
      // no room with only u and v gone: with the members moved, or not at all
      if (!this.fits(u, c, v, true) || !this.keepsOrder(u, c, v)) return Infinity;
      const cu = state.cand[u]!;
      cost = this.arcCost(u, c, v, p.wComfort * p.cComfort[cu]! + p.wStability * p.cMoved[cu]! + p.wConflict * state.conflictAt(u));
      h = this.arcHard;
      quota = !this.keepsQuota(u, c, 0);
    }
    if (quota) {
      // off u's core quota with only u moved: with the members of its group moved too, or not at all
      const q = p.quotaOf[u]!;
      let dq = 0;
      for (let t = 0; t < this.nMem; t++) {
        const x = this.memS[t]!;
        if (p.quotaOf[x] === q) dq += p.cCore[this.memNewC[t]!]! - p.cCore[state.cand[x]!]!;
      }
      if (!this.keepsQuota(u, c, dq)) return Infinity;
    }
    for (let t = 0; t < this.nMem; t++) {
      const x = this.memS[t]!;
      const sx = p.steps[x]!;
      const nw = this.memNew[t]!;
      if (nw < e && nw + sx > a) check = true;
      if (!state.pairOf(u, x)) continue;
      const o = this.memOld[t]!;
      const ovNew = Math.max(0, Math.min(e, nw + sx) - Math.max(a, nw));
      const ovOld = x === v ? 0 : Math.max(0, Math.min(e, o + sx) - Math.max(a, o));
      cost += p.wConflict * p.grid * state.pairW * (ovNew - ovOld);
      h += state.pairH * ((ovNew > 0 ? 1 : 0) - (ovOld > 0 ? 1 : 0));
    }
    if (h > 0) return Infinity;
    if (check && (flags & 1) === 0 && !this.fits(u, c, v, true)) return Infinity;
    return cost;
  }

  /**
   * Labels of length k + 1 through an arc i → j that leaves i's core quota
   * (flag 4), reached from a session x of i's quota group at the end of a path
   * one shorter (x takes i's place, i takes j's: together they may keep the
   * quota): the label search keeps one path per length and end, and the one
   * kept for i is seldom one through such an x. (Sessions that leave where i
   * would go, for an arc without room, made no difference: S2, S3 at 20,000
   * and 100,000 iterations.)
   */
  private mend(k: number): void {
    const ctx = this.ctx;
    const p = ctx.p;
    const B = ctx.movable;
    const m = this.m;
    const LL = ROTATE.maxLen;
    const w = this.w;
    const dist = this.dist;
    const lab = this.lab;
    const tmp = this.tmpPath;
    const cur = k * m;
    const back = (k - 2) * m;
    for (let i = 0; i < m; i++) {
      const u = B[i]!;
      const q = p.quotaOf[u]!;
      if (q < 0) continue;
      for (let j = 0; j < m; j++) {
        const fl = this.bad[i * m + j]!;
        if ((fl & 4) === 0 || w[i * m + j] === Infinity) continue;
        const c = this.arcC[i * m + j]!;
        for (let xi = 0; xi < m; xi++) {
          if (xi === i || xi === j) continue;
          const dx = dist[back + xi]!;
          const wx = w[xi * m + i]!;
          if (dx === Infinity || wx === Infinity) continue;
          const x = B[xi]!;
          if (p.quotaOf[x] !== q) continue;
          if (this.onPath(k - 2, xi, i) || this.onPath(k - 2, xi, j)) continue;
          // x takes i's place along x's own path …
          this.members(k - 2, xi);
          const fx = this.bad[xi * m + i]!;
          const cx = this.arcC[xi * m + i]!;
          let c1 = wx;
          if (fx !== 0 ? this.mendable(x, cx, fx) : this.touches(x, cx)) c1 = this.alongPath(x, cx, u, wx, fx, this.hardN[xi * m + i]!);
          else if (fx !== 0) continue;
          if (c1 === Infinity) continue;
          // … and i takes j's along that path and x
          for (let t = 0; t < k - 1; t++) tmp[t] = lab[(back + xi) * LL + t]!;
          tmp[k - 1] = i;
          this.membersOf(tmp, 0, k - 1);
          const c2 = this.alongPath(u, c, B[j]!, w[i * m + j]!, fl, this.hardN[i * m + j]!);
          if (c2 === Infinity) continue;
          const nd = dx + c1 + c2;
          if (nd >= dist[cur + j]!) continue;
          dist[cur + j] = nd;
          for (let t = 0; t < k; t++) lab[(cur + j) * LL + t] = tmp[t]!;
          lab[(cur + j) * LL + k] = j;
        }
      }
    }
  }

  /**
   * What session u alone gains or loses by moving to candidate c, the place of
   * v (-1: a free start) with the others where they are now and v gone
   * (`here`: u's comfort, stability and conflict where it is); the hard pairs
   * it would meet into {@link arcHard}.
   */
  private arcCost(u: number, c: number, v: number, here: number): number {
    const state = this.ctx.state;
    const p = this.ctx.p;
    state.meet(u, c, 0);
    let mw = state.meetW;
    let mh = state.meetH;
    if (v >= 0 && state.pairOf(u, v)) {
      // v leaves: what u would meet of it there does not count
      const a = p.cSlot[c]!;
      const av = p.cSlot[state.cand[v]!]!;
      const ov = Math.min(a + p.steps[u]!, av + p.steps[v]!) - Math.max(a, av);
      if (ov > 0) {
        mw -= state.pairW * ov;
        mh -= state.pairH;
      }
    }
    this.arcHard = mh;
    return p.wComfort * p.cComfort[c]! + p.wStability * p.cMoved[c]! + p.wConflict * p.grid * mw - here + p.wFairness * fairChange(state.fairAfter(u, c) - state.fairness);
  }

  /** Hard pairs met by the last {@link arcCost}. */
  private arcHard = 0;

  /**
   * Whether session u fits the tracks at candidate c once it and session v
   * (-1: none) have left their places — and, `along` a path, once its members
   * collected by {@link members} have left theirs and taken their new ones.
   */
  private fits(u: number, c: number, v: number, along = false): boolean {
    const state = this.ctx.state;
    const p = this.ctx.p;
    const occ = state.occ;
    const T = p.tracks;
    const au = p.cSlot[state.cand[u]!]!;
    const eu = au + p.steps[u]!;
    const av = v >= 0 ? p.cSlot[state.cand[v]!]! : 0;
    const ev = v >= 0 ? av + p.steps[v]! : 0;
    const a = p.cSlot[c]!;
    for (let y = a; y < a + p.steps[u]!; y++) {
      let n = occ[y]! - (y >= au && y < eu ? 1 : 0) - (y >= av && y < ev ? 1 : 0);
      if (along) {
        for (let t = 0; t < this.nMem; t++) {
          const x = this.memS[t]!;
          const sx = p.steps[x]!;
          const o = this.memOld[t]!;
          const nw = this.memNew[t]!;
          if (x !== v && y >= o && y < o + sx) n--;
          if (y >= nw && y < nw + sx) n++;
        }
      }
      if (n >= T) return false;
    }
    return true;
  }

  /**
   * Whether session u alone at candidate c keeps its group's core quota and
   * its sequences with sessions that are not its interchangeable siblings
   * (those are re-sorted), the others where they are now but v (-1: none):
   * path-aware, the session whose place u takes leaves for a place not known
   * yet, and the exact pricing judges their sequence.
   */
  private allowed(u: number, c: number, v: number): boolean {
    return this.keepsQuota(u, c, 0) && this.keepsOrder(u, c, v);
  }

  /** Whether session u at candidate c keeps its group's core quota, the others where they are now but for a change of dq in its group's core count. */
  private keepsQuota(u: number, c: number, dq: number): boolean {
    const state = this.ctx.state;
    const p = this.ctx.p;
    const q = p.quotaOf[u]!;
    if (q < 0) return true;
    const k = state.qCount[q]! + p.cCore[c]! - p.cCore[state.cand[u]!]! + dq;
    return k >= p.quotaMin[q]! && k <= p.quotaMax[q]!;
  }

  /** The sequence part of {@link allowed}. */
  private keepsOrder(u: number, c: number, v: number): boolean {
    const p = this.ctx.p;
    // a session with interchangeable siblings takes its place in the re-sorted class: every member's
    // sequences with sessions outside the class apply to it
    const sib = p.sibOf[u]!;
    if (sib < 0) return this.keepsSequences(u, u, -1, c, v);
    for (let j = p.sibOff[sib]!; j < p.sibOff[sib + 1]!; j++) if (!this.keepsSequences(p.sibList[j]!, u, sib, c, v)) return false;
    return true;
  }

  /** Whether session u at candidate c keeps x's sequences with sessions outside sibling class sib (-1: none) and v, the others where they are now. */
  private keepsSequences(x: number, u: number, sib: number, c: number, v: number): boolean {
    const state = this.ctx.state;
    const p = this.ctx.p;
    const t = p.cStart[c]!;
    for (let j = p.sessSeqOff[x]!; j < p.sessSeqOff[x + 1]!; j++) {
      const r = p.sessSeq[j]!;
      const a = p.seqA[r]!;
      const y = a === x ? p.seqB[r]! : a;
      if (y === u || y === v || (sib >= 0 && p.sibOf[y] === sib) || state.cand[y]! < 0) continue;
      if (a === x ? t + p.minutes[u]! > state.start[y]! : state.end[y]! > t) return false;
      if (p.seqSame[r] === 1 && p.cDay[c] !== state.day[y]) return false;
    }
    return true;
  }

  /** Whether session j (by position) is on the cheapest path of k + 1 members ending at i. */
  private onPath(k: number, i: number, j: number): boolean {
    const at = (k * this.m + i) * ROTATE.maxLen;
    for (let x = 0; x <= k; x++) if (this.lab[at + x] === j) return true;
    return false;
  }

  /** Keeps a closing estimated to gain among the {@link ROTATE}.exact cheapest. */
  private offer(est: number, k: number, j: number, cycle: boolean): void {
    if (!(est < -1e-9)) return;
    const E = this.candEst.length;
    let n = this.nCand;
    if (n === E && est >= this.candEst[n - 1]!) return;
    if (n < E) n = ++this.nCand;
    let at = n - 1;
    while (at > 0 && this.candEst[at - 1]! > est) {
      this.candEst[at] = this.candEst[at - 1]!;
      this.candK[at] = this.candK[at - 1]!;
      this.candJ[at] = this.candJ[at - 1]!;
      this.candCyc[at] = this.candCyc[at - 1]!;
      at--;
    }
    this.candEst[at] = est;
    this.candK[at] = k;
    this.candJ[at] = j;
    this.candCyc[at] = cycle ? 1 : 0;
  }
}
