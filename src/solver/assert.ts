/**
 * Assert mode: the incremental score of the search state against the full,
 * authoritative `evaluate` of src/timetable/constraints.ts. Any difference in
 * the hard count or in an objective term is a bug and throws.
 */
import { evaluate } from '../timetable/constraints.js';
import type { Score } from '../timetable/types.js';
import type { State } from './state.js';

/**
 * Thrown when the incremental score and the full evaluation disagree.
 *
 * @example
 * try { solve(meeting, { assert: true }); } catch (e) { if (e instanceof ScoreMismatchError) console.error(e.message); }
 */
export class ScoreMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScoreMismatchError';
  }
}

/**
 * Recomputes the state's score with `evaluate` and throws a
 * {@link ScoreMismatchError} on any difference.
 *
 * @example
 * assertScore(state, previous, 'after a swap'); // throws when a delta was wrong
 */
export function assertScore(state: State, previous: ReadonlyMap<string, number> | undefined, where: string): Score {
  const full = evaluate(state.p.meeting, state.starts(), { countOnly: true, ...(previous ? { previous } : {}) }).score;
  const mine = state.score();
  const keys = ['hard', 'comfort', 'conflict', 'fairness', 'stability', 'total'] as const;
  const diff = keys.filter((k) => full[k] !== mine[k]);
  if (diff.length > 0) {
    throw new ScoreMismatchError(`solver assert (${where}): incremental score differs from evaluate in ${diff.map((k) => `${k} ${mine[k]} ≠ ${full[k]}`).join(', ')}`);
  }
  return full;
}
