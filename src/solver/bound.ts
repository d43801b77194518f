/**
 * Lower bounds of the objective, to stop a search that has provably reached
 * the optimum.
 */
import type { Problem } from './compile.js';

/**
 * A lower bound of the objective: every session at its cheapest start, no
 * conflict, and the fairness of each person's cheapest starts.
 *
 * @example
 * trivialBound(compile(meeting)) <= solve(meeting).result.score.total // true
 */
export function trivialBound(p: Problem): number {
  let comfort = 0;
  let stab = 0;
  for (let s = 0; s < p.n; s++) {
    let mc = Infinity;
    let ms = Infinity;
    for (let c = p.candOff[s]!; c < p.candOff[s + 1]!; c++) {
      if (p.cComfort[c]! < mc) mc = p.cComfort[c]!;
      if (p.cMoved[c]! < ms) ms = p.cMoved[c]!;
    }
    if (mc < Infinity) comfort += mc;
    if (ms < Infinity) stab += ms;
  }
  return p.wComfort * comfort + p.wFairness * p.fairLow + p.wStability * stab;
}
