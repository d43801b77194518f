/**
 * Construction and local search on a {@link State}.
 *
 * - Construction: sessions most constrained first (fewest candidates, most
 *   hard neighbours, longest), each at its lexicographically best start; then
 *   a greedy pass over the sessions still in violation.
 * - Search: simulated annealing in cycles. Each cycle cools from T0 to
 *   T0·cool and the next one restarts from the best placement, twice as long
 *   (by iterations; with only a time limit, by the clock, the last cycle
 *   ending at the deadline). Six moves: shift one session, swap two of the
 *   same length, eject the session at the target into the vacated place (or
 *   onward, a three-cycle), ruin-and-recreate around a shift, a conflicting
 *   session to the same slot on another day, and a Kempe-like chain of
 *   conflicting sessions (hard pairs only, or any related pair) between two
 *   block instances; in conference-like meetings (four or more sessions per
 *   block instance) a seventh, two related sessions of one day re-placed at
 *   their best pair of starts that day; in the others (study groups) a pull
 *   move instead, an exclusive session to a cheaper start (after 200,000
 *   iterations, any start) with what it then breaks repaired as by
 *   ruin-and-recreate. Whenever a move takes a session with
 *   interchangeable siblings, the class is re-sorted by start, so that its
 *   sequences hold.
 *   While the placement breaks rules, moves draw preferably sessions that
 *   break one. At the end of every cycle, in meetings of up to 300 movable
 *   sessions, a rotation descent (rotate.ts) improves the best placement by
 *   chains of sessions each taking the next one's start.
 * - Hard violations are a level of their own (lexicographic): a move that adds
 *   one is never taken; among moves that keep their count, annealing decides
 *   on the objective.
 *
 * With an iteration budget everything depends only on the seeded generator
 * and the iteration count, never on the clock (which may only stop the search).
 */
import { assertScore } from './assert.js';
import type { Problem } from './compile.js';
import { construct, repairHard } from './construct.js';
import { dayMove, ejectMove, kempeMove, MoveContext, pairMove, shiftMove, swapMove } from './moves.js';
import { pullMove, REPAIR, repairMove } from './repair.js';
import { LNS, lnsMove } from './lns.js';
import { ROTATE, Rotator } from './rotate.js';
import type { Rng } from './rng.js';
import { State } from './state.js';

export { construct, repairHard, violatedSessions } from './construct.js';
export { trivialBound } from './bound.js';

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
  /** Construct diversely (sessions in random order, each at a random start among those that break the fewest rules): see {@link construct}. */
  readonly diverse?: boolean;
  /**
   * Schedule the annealing cycles by the clock instead of by iterations (a
   * run with only a time limit): cycles double in length and the last one
   * ends at the deadline, so that the answer is annealed whatever the budget.
   */
  readonly timed?: { readonly clock: () => number; readonly deadline: number; readonly minCycleMs: number };
  /** Relative weights of the move types (default: the tuned mix). */
  readonly mix?: MoveMix;
  /** When given (24 numbers), counts per move type: tried, accepted, improving (shift, swap, eject, repair, day, kempe, pair, pull). */
  readonly stats?: Float64Array;
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
  /** Two related sessions of one day go to their best pair of starts that day. */
  readonly pair?: number;
  /** An exclusive session to a cheaper start (later in a search, any start: REPAIR.pullAny), what it collides with repaired. */
  readonly pull?: number;
  /** A few related sessions re-placed together by a small branch and bound (conference-like meetings). */
  readonly lns?: number;
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
  /** Sessions per block instance (on average) from which a meeting is conference-like: it draws the pair move … */
  pairMinMembers: 4,
  /** … with this weight (the other moves' weights sum to 1); 0 in other meetings. */
  pPair: 0.05,
  /**
   * In other meetings (study groups), the pull move with this weight: an
   * exclusive session (opening, closing, plenary) to a cheaper start, what it
   * then breaks repaired. It mends the trap of a working-party closing held
   * late by the Question sessions that must end before it. Fresh 100 ms
   * runs, alternating seed by seed, at the optimum: S2 without it 25 of 100
   * and 18 of 80, with 0.08 39 of 100 and 28 of 80, 0.12 24 of 60, 0.16 30
   * of 80 and 20 of 60, 0.25 17 of 60; S3 35 → 50 of 100 (0.08), 0.16 37 of
   * 80 where 0.08 had 33; in a later batch (seeds 2000–2079) without it,
   * 0.05 and 0.1: S2 29, 36, 36 of 80, S3 39, 42, 46. Drawing any session
   * instead of exclusive ones: 21 of 60 where exclusive ones gave 24.
   * Default runs on the unseen meetings G4–G63 (seeds 1–6): 342 of 360 at
   * the optimum with 0.1, 340 without.
   */
  pPull: 0.1,
  /** In conference-like meetings, the re-placement of a few related sessions by branch and bound (lns.ts), with this weight. */
  pLns: 0.1,
  /** In meetings of at most ROTATE.maxSessions movable sessions, a rotation descent (see rotate.ts) on the best placement at the end of every cycle. */
  rotate: true,
  /**
   * The share of a timed run of a study-group meeting kept for a last rotation
   * descent on its best placement, the annealing cycles planned to end before
   * it (otherwise the descent after the loop finds the deadline passed). Since
   * a descent stops at the deadline even inside a round (rotate.ts), a fresh
   * 100 ms run's first rounds, in code V8 has not compiled yet, need more than
   * the 10 % they had (fresh runs alternating seed by seed, at the optimum:
   * S2 with 0.1 3 of 60, with 0.2 31 of 100, with 0.15 10 of 40 and 0.25 4 of
   * 40; S3 15 of 40 with 0.1, 0.15 and 0.2, mean excess 51 → 28 with 0.2;
   * SG12 and S1 20 of 20 either way). Before, with 0.1, the round running at
   * the deadline was let finish, 3–4 ms past it.
   */
  finalDescent: 0.2,
  /**
   * The same share in a conference-like meeting (of at most
   * ROTATE.maxSessions movable sessions), whose descents do without
   * path-aware arcs but have the assignment step (rotate.ts), which found
   * most at the end of a run: M2's fresh 1 s runs, 80 seeds alternating,
   * within 0.1 % of the optimum 43 → 54 of 80 with 0.03 (mean 699,385 →
   * 699,277); 0.06 gave 23 of 40 where 0.03 gave 29.
   */
  finalDescentConference: 0.03,
  /**
   * A study-group meeting's share is never more than this many milliseconds:
   * a descent that ends sooner leaves the rest unused, and a warm or longer
   * run's takes a few ms (S3's 1 s runs, 15 seeds, ended after 810 ms with a
   * fifth kept, one of them 0.048 % above the optimum). A conference-like
   * meeting's descents, with their assignment step, keep their 3 %.
   */
  finalDescentMaxMs: 30,
  /**
   * When a timed study-group run's last descent ends with at least
   * resumeMinMs to anneal left, besides this many times what the descent
   * took (at least finalDescentMinMs) kept for another one, it anneals again
   * from its best for that time, then descends again: in a warm process a
   * descent takes a millisecond or two of the fifth kept for it, in a fresh
   * one the first rounds run in slow code and take most of it.
   */
  finalDescentFactor: 2,
  finalDescentMinMs: 3,
  resumeMinMs: 5,
};

/** A run by iterations asks its shouldStop between progress ticks once this many milliseconds have passed. */
const STOP_POLL_MS = 100;

/** Whether a meeting is conference-like: {@link TUNING}.pairMinMembers or more sessions per block instance on average. */
function conferenceLike(p: Problem): boolean {
  return p.n >= TUNING.pairMinMembers * Math.max(1, p.nInst);
}

/**
 * Whether a meeting of n sessions in nInst block instances draws the
 * re-placement move (lns.ts): conference-like and of {@link LNS}.minSessions
 * to {@link LNS}.maxSessions sessions.
 *
 * @example
 * replaces(152, 20) // true (M2)
 */
export function replaces(n: number, nInst: number): boolean {
  return n >= TUNING.pairMinMembers * Math.max(1, nInst) && n >= LNS.minSessions && n <= LNS.maxSessions;
}

/** The cumulative thresholds of a move mix on [0, 1). */
function mixThresholds(mix: MoveMix | undefined, p: Problem): Float64Array {
  const m = mix ?? {
    shift: TUNING.pShift,
    swap: TUNING.pSwap - TUNING.pShift,
    eject: TUNING.pEject - TUNING.pSwap,
    repair: TUNING.pRepair - TUNING.pEject,
    day: TUNING.pDay - TUNING.pRepair,
    kempe: 1 - TUNING.pDay,
    pair: conferenceLike(p) ? TUNING.pPair : 0,
    pull: conferenceLike(p) ? 0 : TUNING.pPull,
    lns: replaces(p.n, p.nInst) ? TUNING.pLns : 0,
  };
  const w = [m.shift, m.swap, m.eject, m.repair, m.day ?? 0, m.kempe, m.pair ?? 0, m.pull ?? 0, m.lns ?? 0];
  const sum = w.reduce((a, b) => a + b, 0);
  const out = new Float64Array(w.length);
  let acc = 0;
  w.forEach((x, i) => (out[i] = (acc += x) / sum));
  return out;
}

/** Moves in the order of a mix. */
const MOVES = [shiftMove, swapMove, ejectMove, repairMove, dayMove, kempeMove, pairMove, pullMove, lnsMove];

/** One random move of the mix; true when the state changed. */
function step(ctx: MoveContext, mix: Float64Array, stats: Float64Array | undefined): boolean {
  const r = ctx.rng.next();
  let k = 0;
  while (k < MOVES.length - 1 && r >= mix[k]!) k++;
  if (!stats) return MOVES[k]!(ctx);
  const before = ctx.state.total();
  stats[3 * k]!++;
  if (!MOVES[k]!(ctx)) return false;
  stats[3 * k + 1]!++;
  if (ctx.state.total() < before) stats[3 * k + 2]!++;
  return true;
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
  if (cfg.initial) state.load(cfg.initial);
  construct(state, rng, cfg.diverse ?? false);
  if (state.hard > 0) repairHard(state, rng);
  if (cfg.assert) assertScore(state, cfg.previous, 'after construction');

  const best = Int32Array.from(state.cand);
  let bestHard = state.hard;
  let bestTotal = state.total();
  cfg.onImprove(0, state);

  const ctx = new MoveContext(state, rng);
  let iterations = 0;
  if (ctx.movable.length === 0 || (bestHard === 0 && bestTotal <= cfg.bound)) {
    return { best, bestHard, bestTotal, iterations };
  }
  const mix = mixThresholds(cfg.mix, p);

  // temperature: from the spread of worsening shift moves around the start
  const t0 = calibrate(state, rng, ctx.movable);
  const maxCycle = Math.max(1, cfg.cycleLength);
  let cycle = Math.max(1, Math.min(maxCycle, cfg.firstCycle ?? maxCycle));
  let cycleStart = 0;
  let cycleIndex = 0;
  const logCool = Math.log(TUNING.cool);
  let stagnant = 0;
  let improvedThisCycle = false;
  ctx.T = t0;

  // path-aware arcs: study-group meetings gain (S2 at 100,000 iterations 20 → 35 of 40 at the optimum), conference-like ones lose
  const awareWanted = ROTATE.pathAware && !conferenceLike(p);
  const rotator = TUNING.rotate && ctx.movable.length <= ROTATE.maxSessions ? new Rotator(ctx, awareWanted) : undefined;
  // a timed run's rotations end at its deadline (an iteration budget's never look at the clock)
  const timedStop = cfg.timed;
  const stopRotating = timedStop ? () => timedStop.clock() >= timedStop.deadline : cfg.shouldStop;
  // the best placement, improved by rotations; true when it was
  const rotateBest = (): boolean => {
    if (!rotator || bestHard !== 0) return false;
    state.load(best);
    rotator.aware = awareWanted && iterations >= ROTATE.pathAwareFrom;
    if (!rotator.descend(stopRotating)) return false;
    saveBest();
    return true;
  };
  const saveBest = () => {
    best.set(state.cand);
    bestHard = state.hard;
    bestTotal = state.total();
    improvedThisCycle = true;
    cfg.onImprove(iterations, state);
    if (cfg.assert) assertScore(state, cfg.previous, `new best at iteration ${iterations}`);
  };

  // time mode: cycle ends (clock values), doubling, the last one at the deadline — in a study-group
  // meeting a little before it, for a last (path-aware) descent on the best
  const timed = cfg.timed;
  const ends: number[] = [];
  let cycleStartTime = 0;
  let annealEnd = 0;
  if (timed) {
    const now = timed.clock();
    const share = !rotator ? 0 : awareWanted ? TUNING.finalDescent : TUNING.finalDescentConference;
    const kept = share * (timed.deadline - now);
    annealEnd = timed.deadline - (awareWanted ? Math.min(kept, TUNING.finalDescentMaxMs) : kept);
    const left = annealEnd - now;
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

  // the clock is looked at every pollMask + 1 iterations: 128, fewer while iterations are slow (a meeting near
  // the size limits, a group of hundreds of sessions), so that a time limit holds to about a millisecond in a
  // timed run; a run by iterations asks shouldStop at every progress tick, and between ticks too once
  // STOP_POLL_MS have passed since it last asked (a rescue or diagnosis search under a time limit). What a run
  // does never depends on it, only where it stops
  let pollMask = 127;
  let lastPoll = performance.now();
  let lastAsked = lastPoll;
  const pollNow = (): boolean => {
    const now = performance.now();
    if (now - lastPoll > 2) pollMask >>= 1;
    else if (now - lastPoll < 0.25 && pollMask < 127) pollMask = (pollMask << 1) | 1;
    lastPoll = now;
    if (now - lastAsked < STOP_POLL_MS) return false;
    lastAsked = now;
    return true;
  };

  for (;;) {
    while (iterations < cfg.maxIterations) {
      if ((iterations & pollMask) === 0 && pollNow() && !timed && cfg.shouldStop()) break;
      if (timed) {
        if ((iterations & pollMask) === 0) {
          const now = timed.clock();
          if (now >= annealEnd) break;
          if (now >= ends[cycleIndex]! && cycleIndex < ends.length - 1) {
            // the next, longer cycle: back to the best placement, reheat
            cycleStartTime = ends[cycleIndex]!;
            while (now >= ends[cycleIndex]! && cycleIndex < ends.length - 1) cycleIndex++;
            rotateBest();
            state.load(best);
            if (cfg.assert) assertScore(state, cfg.previous, 'after restart');
          }
          const frac = Math.min(1, (now - cycleStartTime) / (ends[cycleIndex]! - cycleStartTime));
          ctx.T = (cycleIndex > 0 ? t0 * TUNING.reheat : t0) * Math.exp(logCool * frac);
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
        rotateBest();
        state.load(best);
        ctx.T = t0 * TUNING.reheat;
        if (cfg.assert) assertScore(state, cfg.previous, 'after restart');
      }
      if ((iterations & 255) === 0) ctx.pullAny = iterations >= REPAIR.pullAnyFrom ? REPAIR.pullAny : 0;
      if (!timed && (iterations & 255) === 0) {
        ctx.T = (cycleIndex > 0 ? t0 * TUNING.reheat : t0) * Math.exp((logCool * (iterations - cycleStart)) / cycle);
        if ((iterations & (TICK - 1)) === 0 && iterations > 0) {
          cfg.onTick(iterations);
          if (cfg.shouldStop()) break;
        }
      }
      iterations++;
      if (!step(ctx, mix, cfg.stats)) continue;
      if (cfg.assert) assertScore(state, cfg.previous, `after a move at iteration ${iterations}`);
      if (state.hard < bestHard || (state.hard === bestHard && state.total() < bestTotal)) {
        saveBest();
        if (bestHard === 0 && bestTotal <= cfg.bound) break;
      }
    }
    if (bestHard === 0 && bestTotal <= cfg.bound) break;
    const descentFrom = timed ? timed.clock() : 0;
    rotateBest();
    // a timed study-group run whose last descent ended early anneals again from its best with the time
    // left, keeping for another descent what this one took (at least finalDescentMinMs)
    if (!timed || !awareWanted || !rotator || bestHard !== 0) break;
    const now = timed.clock();
    const keep = Math.max(TUNING.finalDescentMinMs, TUNING.finalDescentFactor * (now - descentFrom));
    if (timed.deadline - keep - now < TUNING.resumeMinMs) break;
    annealEnd = timed.deadline - keep;
    ends.push(annealEnd);
    cycleIndex = ends.length - 1;
    cycleStartTime = now;
    state.load(best);
  }
  return { best, bestHard, bestTotal, iterations };
}

/** A starting temperature: a quantile of worsening shift moves (same hard level). */
function calibrate(state: State, rng: Rng, movable: Int32Array): number {
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
