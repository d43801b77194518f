/**
 * What `bench/unseen.ts` and `bench/warm.ts` share: plenary's answers for
 * several seeds, each checked with `evaluate`, and HiGHS started from the best
 * of them, its solution checked with `evaluate` too. Whatever does not check
 * is appended to `problems` (the callers exit 1 on any).
 */
import { buildMip } from './mip.js';
import { runHighs } from './highs-run.js';
import type { HighsOutcome } from './highs-run.js';
import type { Meeting } from '../src/model/types.js';
import { solve } from '../src/solver/index.js';
import type { SolveOptions } from '../src/solver/index.js';
import { evaluate } from '../src/timetable/constraints.js';

/** One checked answer of plenary. */
export interface CheckedRun {
  readonly seed: number;
  /** The total `evaluate` gives. */
  readonly total: number;
  readonly iterations: number;
  readonly ms: number;
  readonly starts: readonly (number | undefined)[];
}

/**
 * Solves `meeting` for `seeds` seeds from `first` on (1, 2, … by default)
 * with `options` (the seed is set here), checking each answer with
 * `evaluate`: it must be feasible and score what the timetable claims.
 *
 * @example
 * solveChecked(meeting, 'G4', 3, {}, problems).map((r) => r.total)
 */
export function solveChecked(meeting: Meeting, name: string, seeds: number, options: Omit<SolveOptions, 'seed'>, problems: string[], first = 1): CheckedRun[] {
  const runs: CheckedRun[] = [];
  for (let seed = first; seed < first + seeds; seed++) {
    const r = solve(meeting, { ...options, seed });
    const ev = evaluate(meeting, r.starts);
    if (ev.status !== 'feasible') problems.push(`${name} seed ${seed}: plenary's answer is not feasible`);
    if (ev.score.total !== r.timetable.score.total) problems.push(`${name} seed ${seed}: claims ${r.timetable.score.total}, evaluate gives ${ev.score.total}`);
    runs.push({ seed, total: ev.score.total, iterations: r.iterations, ms: r.ms, starts: r.starts });
  }
  return runs;
}

/**
 * HiGHS on the MIP of `bench/mip.ts`, started from the best of `runs`: its
 * outcome, and the optimum (the total `evaluate` gives its solution) when it
 * proved one. Its solution must be feasible, and at a proved optimum
 * `evaluate` must give the MIP's objective.
 *
 * @example
 * (await highsFromBest(meeting, 'G4', runs, 300, problems)).optimum // 106530
 */
export async function highsFromBest(meeting: Meeting, name: string, runs: readonly CheckedRun[], timeLimitS: number, problems: string[]): Promise<{ out: HighsOutcome; optimum: number | undefined }> {
  const best = runs.reduce((a, b) => (b.total < a.total ? b : a));
  const mip = buildMip(meeting);
  const out = await runHighs(mip, { timeLimitS, start: mip.encode(best.starts) });
  let optimum: number | undefined;
  if (out.solution) {
    const ev = evaluate(meeting, mip.decode(out.solution));
    if (ev.status !== 'feasible') problems.push(`${name}: HiGHS's solution is not feasible in evaluate`);
    if (out.status === 'optimal') {
      if (out.objective === undefined || Math.abs(ev.score.total - out.objective) > 0.5) problems.push(`${name}: at the proved optimum evaluate gives ${ev.score.total}, the MIP ${out.objective}`);
      optimum = ev.score.total;
    }
  }
  return { out, optimum };
}
