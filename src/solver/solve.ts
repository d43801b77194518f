/**
 * `solve(meeting, options)`: the timetable with no hard violation and the
 * lowest objective the search finds, reproducibly. No I/O, no wall clock but
 * the one passed in (or `performance.now` by default, which only stops the
 * search at a time limit and times it), no `Math.random`.
 */
import type { Meeting } from '../model/types.js';
import { evaluate } from '../timetable/constraints.js';
import { assertPreviousOf, buildTimetable } from '../timetable/timetable.js';
import type { Previous } from '../timetable/timetable.js';
import type { CheckResult, Score, Status, Timetable } from '../timetable/types.js';
import { compile } from './compile.js';
import type { Problem } from './compile.js';
import { countingBounds, diagnose, feasibilityBudget, feasibilitySearch } from './diagnose.js';
import { checkSolverLimits } from './limits.js';
import { createRng } from './rng.js';
import { trivialBound } from './bound.js';
import { replaces, search, TICK } from './search.js';
import type { State } from './state.js';

/**
 * Options of {@link solve}.
 *
 * @example
 * const options: SolveOptions = { seed: 7, timeLimitMs: 1000, onProgress: (p) => console.error(p.best.total) };
 */
export interface SolveOptions {
  /** Seed of the random generator (default 1). */
  readonly seed?: number;
  /** Iteration budget (move attempts). With it, the result is reproducible byte for byte. */
  readonly iterations?: number;
  /** Stop after this many milliseconds and return the best found. */
  readonly timeLimitMs?: number;
  /** The previous (published) timetable: moving its sessions costs `stability`. */
  readonly previous?: Previous;
  /** Called on every improvement of the best placement, and every few thousand iterations. */
  readonly onProgress?: (p: SolveProgress) => void;
  /** Milliseconds, monotonic (default `performance.now`). */
  readonly clock?: () => number;
  /** Recompute the full score after moves and throw on any difference (slow; for tests). */
  readonly assert?: boolean;
  /**
   * A flag that another thread may raise (an `Int32Array` over a
   * `SharedArrayBuffer`): once its element 0 is not 0, a search without
   * `timeLimitMs` stops where it next asks (every few thousand iterations, at
   * least every 0.1 s), no other round or rescue starts, and `solve` returns
   * the best timetable found so far. A timed search ends at its limit and
   * does not look at it. What `plenary solve` sets on Ctrl-C, its search
   * running in a worker thread.
   */
  readonly stop?: Int32Array;
}

/** The keys of {@link SolveOptions}. */
const SOLVE_KEYS: readonly string[] = ['seed', 'iterations', 'timeLimitMs', 'previous', 'onProgress', 'clock', 'assert', 'stop'] satisfies readonly (keyof SolveOptions)[];

/**
 * What is wrong with the options of `solve` (plus the `extra` keys a caller
 * such as `solveParallel` takes), one line per problem: an unknown key (a
 * misspelt `iteration` would otherwise run the default budget), a seed or an
 * iteration count that is not a whole number from 0 to 2^53 − 1, a time
 * limit that is not a number of milliseconds from 0, a `previous` that
 * `readPrevious` did not make, a callback that is not a function.
 *
 * @example
 * solveOptionProblems({ seed: NaN, iteration: 5 }) // ['options.iteration: unknown option, expected one of seed, iterations, …', 'options.seed: expected a whole number from 0 to 9007199254740991, got NaN']
 */
export function solveOptionProblems(options: unknown, extra: readonly string[] = []): string[] {
  if (typeof options !== 'object' || options === null) return [`options: expected an object, got ${options === null ? 'null' : typeof options}`];
  const o = options as Record<string, unknown>;
  const known = [...SOLVE_KEYS, ...extra];
  const out: string[] = [];
  for (const key of Object.keys(o)) if (!known.includes(key)) out.push(`options.${key}: unknown option, expected one of ${known.join(', ')}`);
  const shown = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? String(v) : typeof v === 'string' ? JSON.stringify(v) : v === null ? 'null' : typeof v);
  const whole = (key: string) => {
    const v = o[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) out.push(`options.${key}: expected a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${shown(v)}`);
  };
  whole('seed');
  whole('iterations');
  const limit = o.timeLimitMs;
  if (limit !== undefined && !(typeof limit === 'number' && Number.isFinite(limit) && limit >= 0)) out.push(`options.timeLimitMs: expected milliseconds (a finite number from 0), got ${shown(limit)}`);
  const prev = o.previous;
  if (prev !== undefined && !(typeof prev === 'object' && prev !== null && (prev as Previous).starts instanceof Map && typeof (prev as Previous).meeting === 'string')) {
    out.push('options.previous: expected what readPrevious(document, source, meeting.id) returns, got ' + (typeof prev === 'object' && prev !== null ? 'another object (a timetable document? read it with readPrevious)' : shown(prev)));
  }
  for (const key of ['onProgress', 'clock']) if (o[key] !== undefined && typeof o[key] !== 'function') out.push(`options.${key}: expected a function, got ${shown(o[key])}`);
  if (o.assert !== undefined && typeof o.assert !== 'boolean') out.push(`options.assert: expected true or false, got ${shown(o.assert)}`);
  if (o.stop !== undefined && !(o.stop instanceof Int32Array && o.stop.length >= 1)) out.push(`options.stop: expected an Int32Array (over a SharedArrayBuffer, raised by another thread), got ${shown(o.stop)}`);
  return out;
}

/**
 * Throws one `RangeError` listing `problems` (one per line), if any.
 *
 * @example
 * throwOptionProblems(solveOptionProblems(options));
 */
export function throwOptionProblems(problems: readonly string[]): void {
  if (problems.length > 0) throw new RangeError(problems.join('\n'));
}

/**
 * What {@link SolveOptions.onProgress} receives.
 *
 * @example
 * solve(meeting, { onProgress: (p) => { if (p.improved) console.error(`${p.elapsedMs} ms: ${p.best.total}`); } });
 */
export interface SolveProgress {
  /** Iterations (move attempts) so far. */
  readonly iterations: number;
  /** Milliseconds since `solve` was called. */
  readonly elapsedMs: number;
  /** The best score so far: hard count, then the objective terms. */
  readonly best: Score;
  /** True exactly when the best just improved. */
  readonly improved: boolean;
}

/**
 * What {@link solve} returns.
 *
 * @example
 * const r = solve(meeting);
 * r.status           // 'feasible'
 * r.result.score     // = evaluate(meeting, r.starts).score
 * r.timetable        // the plenary.timetable/1 document
 */
export interface SolveResult {
  readonly status: Status;
  /** Start instant (epoch minutes) per session index. */
  readonly starts: number[];
  /** `evaluate` of `starts`. */
  readonly result: CheckResult;
  /** The document, with the diagnosis and solver info. */
  readonly timetable: Timetable;
  /** When infeasible: what cannot hold together, for a planner to act on. */
  readonly diagnosis: string[];
  readonly seed: number;
  readonly iterations: number;
  /** Milliseconds spent (the only part of the result that depends on the machine). */
  readonly ms: number;
}

/**
 * The default budget of a problem: iterations per annealing cycle, cycles, and when to stop early.
 *
 * @example
 * const { maxIterations } = defaultBudget(compile(meeting));
 */
export interface Budget {
  readonly cycleLength: number;
  /** Iterations of the first cycle; each next one is twice as long, up to cycleLength. */
  readonly firstCycle: number;
  readonly maxIterations: number;
  /** Cycles without a new best after which the default budget stops. */
  readonly stagnationCycles: number;
  /** Rounds at most: another starts (from a new construction) when one stalls early … */
  readonly rounds: number;
  /** … while the rounds so far used at most this share of `maxIterations`. */
  readonly roundShare: number;
}

/**
 * The default budget: scales with the number of sessions and their candidate
 * starts; study-group meetings finish in about a second. A round of cycles
 * ends after `stagnationCycles` without a better placement; one that ends
 * within `roundShare` of `maxIterations` is followed by another (up to
 * `rounds`, `maxIterations` in all), from a new construction; every second
 * round from the third on from a diverse one (see {@link construct}). A small
 * meeting ({@link BUDGET}.smallBelow), whose rounds are short, gets
 * {@link BUDGET}.minIterations, and up to {@link BUDGET}.smallRounds rounds
 * within {@link BUDGET}.smallRoundShare of them.
 *
 * @example
 * defaultBudget(compile(meeting)).maxIterations
 */
export function defaultBudget(p: Problem): Budget {
  return budgetFor(p.n, p.candOff[p.n]!, p.nInst);
}

/**
 * The iterations a solve of `meeting` with `options` will do at most: the
 * given `iterations`, else those of the default budget (Infinity with a time
 * limit). Cheap: from the counts of sessions and candidate starts, without
 * compiling the meeting.
 *
 * @example
 * expectedIterations(sg12, {}) // 887640 (the SG12 example's default budget)
 */
export function expectedIterations(meeting: Meeting, options: SolveOptions): number {
  if (options.iterations !== undefined) return options.iterations;
  if (options.timeLimitMs !== undefined) return Infinity;
  let nc = 0;
  for (const s of meeting.sessions) nc += s.candidates.length;
  return budgetFor(meeting.sessions.length, nc, meeting.instances.length).maxIterations;
}

/**
 * {@link expectedIterations} counted in iterations of the plain moves, a
 * measure of time: in a meeting that draws the re-placement move (lns.ts) an
 * iteration costs about 1 / {@link BUDGET}.replacing of one elsewhere.
 *
 * @example
 * expectedWork(sg12, {}) // 887640, as its iterations
 */
export function expectedWork(meeting: Meeting, options: SolveOptions): number {
  const per = replaces(meeting.sessions.length, meeting.instances.length) ? BUDGET.replacing : 1;
  return expectedIterations(meeting, options) / per;
}

function budgetFor(n: number, nc: number, nInst: number): Budget {
  // an iteration costs more in large meetings: beyond ~1,000 sessions the cap falls with their number
  const cap = Math.min(BUDGET.maxIterations, Math.round(BUDGET.workPerSession / Math.max(1, n)));
  const length = clamp(Math.round(BUDGET.perCandidate * nc + BUDGET.perSession * n), BUDGET.minCycle, Math.max(BUDGET.minCycle, Math.min(4_000_000, Math.round(cap / 4))));
  const small = length * BUDGET.maxCycles < BUDGET.smallBelow;
  // where the re-placement move is drawn, an iteration costs more on average: fewer of them, in the same rounds
  const per = replaces(n, nInst) ? BUDGET.replacing : 1;
  const cycleLength = Math.max(1, Math.round(per * length));
  const firstCycle = clamp(Math.round(BUDGET.firstPerCandidate * nc), BUDGET.minFirst, cycleLength);
  return {
    cycleLength,
    firstCycle,
    maxIterations: Math.min(cap, small ? Math.round(per * BUDGET.minIterations) : cycleLength * BUDGET.maxCycles),
    stagnationCycles: BUDGET.stagnation,
    rounds: small ? BUDGET.smallRounds : BUDGET.rounds,
    roundShare: small ? BUDGET.smallRoundShare : BUDGET.roundShare,
  };
}

/**
 * Default budget parameters (internal).
 *
 * @example
 * BUDGET.stagnation // 4 cycles without a better timetable end the default run
 */
export const BUDGET = {
  perCandidate: 100,
  perSession: 1000,
  /**
   * The cycle length's factor in meetings that draw the re-placement move
   * (lns.ts; conference-like, 100–300 sessions): one draw in eleven and a half takes
   * about 30–40 µs there, against under 1 µs for the other moves.
   */
  replacing: 1 / 4,
  minCycle: 50_000,
  maxCycles: 12,
  /**
   * A small meeting's budget (see smallBelow; a round still ends after
   * `stagnation` stale cycles). Random meetings (`bench/gen-random.ts`,
   * default runs) against 1.5 million: MEDIUM R1–R110, seeds 1–3, 326 → 329
   * of 330 at HiGHS's proved optimum (0.50 → 0.76 s a run); LARGE RL21–RL100,
   * seeds 1–2, 140 → 147 of 160 at the better answer of the two (the excess
   * 18,600 → 10,425, every difference in a small meeting).
   */
  minIterations: 3_000_000,
  /**
   * A meeting whose 12 longest cycles come to fewer iterations than this is
   * small: its rounds are short (four stale cycles of 50,000 iterations), and
   * where hard rules wall its placements into separate basins (exclusive
   * sessions pinned to a time, sequences through them) only another round
   * from another construction gets out, so it gets more iterations
   * (minIterations) and more rounds (smallRounds, smallRoundShare). MEDIUM
   * R1–R110, seeds 1–3: 316 → 326 of 330 at the proved optimum with 1.5
   * million, 0.17 → 0.50 s a run.
   */
  smallBelow: 1_500_000,
  maxIterations: 24_000_000,
  /** Iterations × sessions of a default run at most (2.4 million iterations for 10,000 sessions). */
  workPerSession: 24_000_000_000,
  stagnation: 4,
  /** Rounds of a default run at most: another starts from a new construction when one stalls early … */
  rounds: 2,
  /** … having used at most this share of the iterations. */
  roundShare: 0.5,
  /** The same in a small meeting (smallBelow): more, shorter rounds. */
  smallRounds: 12,
  smallRoundShare: 0.8,
  /**
   * Every second round from the third on starts from a diverse construction
   * (sessions in random order, each at a random start among those that break
   * the fewest rules; see {@link construct}) instead of the greedy one, which
   * tends to lead every round into the same basin.
   */
  diverse: true,
  firstPerCandidate: 20,
  minFirst: 5000,
  /**
   * A timed run's annealing cycles last at least this many milliseconds (and
   * minCycleMsPerCandidate per candidate start): in a fresh process the first
   * tens of milliseconds run before V8 has compiled the search, and a cycle
   * that ends there restarts (with a rotation descent) in slow code. 100 ms
   * runs of the S instances, fresh processes alternating seed by seed: with 5,
   * three cycles (22.5, 22.5, 45 ms) reached the optimum in 11 of 120 (S2) and
   * 36 of 120 (S3); with 20, two of 45 ms, 34 and 47 — and warm, in one
   * process, 181 and 175 of 200 instead of 169 and 177. M and L meetings, with
   * more candidates, are not affected.
   */
  minCycleMs: 20,
  minCycleMsPerCandidate: 0.005,
};

/**
 * With a time limit, the diagnosis of an infeasible meeting may take as long
 * again after the search, and at least this many milliseconds.
 *
 * @example
 * DIAGNOSIS_MIN_MS // 250
 */
export const DIAGNOSIS_MIN_MS = 250;

/**
 * Without a time limit, the rescue searches and the diagnosis of an
 * infeasible meeting stop after this many milliseconds (the diagnosis then
 * says where it stopped): a meeting whose moves are slow (a group of hundreds
 * of sessions) could otherwise take hours. The diagnoses of the test suite's
 * infeasible meetings take seconds (a whole solve at most 7.5 s).
 *
 * @example
 * DIAGNOSIS_DEFAULT_MS // 60,000
 */
export const DIAGNOSIS_DEFAULT_MS = 60_000;

/**
 * The default budget's iterations at most for a meeting that the counting
 * bounds already prove infeasible (core sessions beyond core capacity, a
 * group needing more minutes than its starts cover, …): its best placement
 * only shows the violations, and no rescue search is run.
 *
 * @example
 * PROVEN_INFEASIBLE_ITERATIONS // 200,000
 */
export const PROVEN_INFEASIBLE_ITERATIONS = 200_000;

/**
 * Searches for feasibility alone after a search that ended with hard
 * violations, each with its own seed (the run's seed + RESCUE_SEED × attempt).
 */
const RESCUE_ATTEMPTS = 3;
const RESCUE_SEED = 1_000_003;

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function scoreOf(state: State): Score {
  const s = state.score();
  return { hard: s.hard, comfort: s.comfort, conflict: s.conflict, fairness: s.fairness, stability: s.stability, total: s.total };
}

/**
 * Solves a meeting: every session placed so that no hard rule of SPEC §3
 * breaks (or as few as possible, with a diagnosis), at the lowest objective of
 * §4 found. The same meeting, seed and `iterations` give the same starts and
 * the same timetable (but for `solver.ms`), under any `TZ`.
 *
 * @example
 * const meeting = loadMeeting(JSON.parse(text));
 * const r = solve(meeting, {
 *   seed: 1,
 *   onProgress: (p) => { if (p.improved) console.error(`${p.elapsedMs.toFixed(0)} ms  total ${p.best.total}`); },
 * });
 * if (r.status === 'infeasible') console.error(r.diagnosis.join('\n'));
 * writeFileSync('timetable.json', timetableToJson(r.timetable));
 */
export function solve(meeting: Meeting, options: SolveOptions = {}): SolveResult {
  throwOptionProblems(solveOptionProblems(options));
  if (options.previous) assertPreviousOf(meeting, options.previous);
  const clock = options.clock ?? (() => performance.now());
  const began = clock();
  const seed = options.seed ?? 1;
  const previous = options.previous?.starts;
  checkSolverLimits(meeting);
  const problem = compile(meeting, previous ? { previous } : {});
  const budget = defaultBudget(problem);
  const explicit = options.iterations !== undefined || options.timeLimitMs !== undefined;
  // a meeting that counting alone proves infeasible: a shorter default run, no rescue
  const bounds = explicit ? undefined : countingBounds(meeting, problem);
  const proven = bounds !== undefined && bounds.length > 0;
  const defaultIterations = proven ? Math.min(budget.maxIterations, PROVEN_INFEASIBLE_ITERATIONS) : budget.maxIterations;
  const maxIterations = options.iterations ?? (options.timeLimitMs !== undefined ? Infinity : defaultIterations);
  const deadline = options.timeLimitMs !== undefined ? began + options.timeLimitMs : Infinity;
  const onProgress = options.onProgress;
  const stop = options.stop;
  const stopped = () => stop !== undefined && Atomics.load(stop, 0) !== 0;
  let bestScore: Score | undefined;

  const rng = createRng(seed);
  const bound = trivialBound(problem);
  // iterations of the rounds before this one, and the best score reported so far
  let done = 0;
  let shownHard = Infinity;
  let shownTotal = Infinity;
  const round = (max: number, diverse: boolean) =>
    search(problem, {
      diverse,
      rng,
      maxIterations: max,
      stagnationCycles: explicit ? 0 : budget.stagnationCycles,
      cycleLength: budget.cycleLength,
      firstCycle: budget.firstCycle,
      bound,
      shouldStop: () => clock() >= deadline || stopped(),
      onImprove: (iterations, state) => {
        // a later round reports only what beats the earlier rounds
        if (state.hard > shownHard || (state.hard === shownHard && state.total() >= shownTotal && done > 0)) return;
        shownHard = state.hard;
        shownTotal = state.total();
        bestScore = scoreOf(state);
        onProgress?.({ iterations: done + iterations, elapsedMs: clock() - began, best: bestScore, improved: true });
      },
      onTick: (iterations) => {
        if (onProgress && bestScore) onProgress({ iterations: done + iterations, elapsedMs: clock() - began, best: bestScore, improved: false });
      },
      assert: options.assert ?? false,
      previous,
      ...(options.iterations === undefined && options.timeLimitMs !== undefined
        ? { timed: { clock, deadline, minCycleMs: Math.max(BUDGET.minCycleMs, BUDGET.minCycleMsPerCandidate * problem.candOff[problem.n]!) } }
        : {}),
    });

  let res = round(maxIterations, false);
  done = res.iterations;
  // a time limit shorter than building the model and a first placement: no search at all
  const unsearched = options.timeLimitMs !== undefined && res.iterations === 0 && res.bestHard > 0 ? Math.round(clock() - began) : undefined;
  // the default budget: while a round ends early (stalled) and the budget allows, another from a new construction
  for (let r = 1; !explicit && !proven && !stopped() && r < budget.rounds && done <= budget.maxIterations * budget.roundShare && !(res.bestHard === 0 && res.bestTotal <= bound); r++) {
    // the second round as the first (greedy); from the third on, every other one from a diverse construction
    const next = round(budget.maxIterations - done, BUDGET.diverse && r % 2 === 0);
    done += next.iterations;
    if (next.bestHard < res.bestHard || (next.bestHard === res.bestHard && next.bestTotal < res.bestTotal)) res = next;
  }

  // with a time limit, the rescue below and the diagnosis may take as long again (at least DIAGNOSIS_MIN_MS)
  const limit = options.timeLimitMs;
  const until = res.bestHard === 0 ? Infinity : clock() + (limit === undefined ? DIAGNOSIS_DEFAULT_MS : Math.max(DIAGNOSIS_MIN_MS, limit));
  const late = () => clock() >= until || stopped();
  let rescued = false;
  if (res.bestHard > 0 && options.iterations === undefined && !proven && !stopped()) {
    // Not yet a proof: searches for feasibility alone (every objective term 0, sequences placed first and in
    // their order) find placements that the full search missed (sessions chained on one day); from one found,
    // the full search goes on, and its answer keeps no hard violation. Not with an explicit number of
    // iterations, which is what the run does (the diagnosis then says that a short search placed everything).
    const fp = compile(meeting, { feasibilityOnly: true });
    for (let attempt = 1; attempt <= RESCUE_ATTEMPTS && !late(); attempt++) {
      const found = feasibilitySearch(fp, seed + RESCUE_SEED * attempt, feasibilityBudget(meeting), late);
      done += found.iterations;
      if (found.bestHard > 0) continue;
      const polished = search(problem, {
        rng,
        maxIterations: budget.cycleLength,
        stagnationCycles: 0,
        cycleLength: budget.cycleLength,
        firstCycle: budget.firstCycle,
        bound,
        shouldStop: late,
        onImprove: () => {},
        onTick: () => {},
        assert: options.assert ?? false,
        previous,
        initial: found.best,
      });
      done += polished.iterations;
      res = polished;
      rescued = true;
      break;
    }
  }
  const starts = Array.from(res.best, (c) => problem.cStart[c]!);
  const result = evaluate(meeting, starts, previous ? { previous } : {});
  if (rescued && onProgress) {
    bestScore = result.score;
    onProgress({ iterations: done, elapsedMs: clock() - began, best: bestScore, improved: true });
  }
  let diagnosis: string[] = [];
  if (result.status === 'infeasible') {
    const focus = [...new Set(result.violations.flatMap((v) => v.sessions.map((id) => meeting.sessionIndex.get(id)!)))];
    diagnosis = diagnose(meeting, problem, { seed, focus, shouldStop: late, ...(bounds ? { bounds } : {}), ...(limit === undefined ? { capMs: DIAGNOSIS_DEFAULT_MS } : {}) });
    if (unsearched !== undefined && !rescued) {
      diagnosis = [
        `the time limit (${options.timeLimitMs} ms) ran out before the search could start: building the model and a first placement took ${unsearched} ms, so this is that first placement, never searched, and says nothing of whether the meeting can be solved; give a time limit well above ${unsearched} ms, or none`,
        ...diagnosis,
      ];
    }
  }
  const ms = Math.round(clock() - began);
  const timetable = buildTimetable(meeting, starts, result, {
    ...(options.previous ? { previous: options.previous } : {}),
    diagnosis,
    solver: { seed, ms, iterations: done },
  });
  if (onProgress && bestScore && done % TICK !== 0) onProgress({ iterations: done, elapsedMs: clock() - began, best: bestScore, improved: false });
  return { status: result.status, starts, result, timetable, diagnosis, seed, iterations: done, ms };
}
