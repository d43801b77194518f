/**
 * How large a meeting the solver takes on. Beyond these limits `solve`
 * refuses with a {@link SpecError} that states the limit, rather than
 * running out of memory or time: the solver's tables grow with the number of
 * candidate starts (about 100 bytes each, besides the model's own), with
 * sessions × block instances, and with the pairs of sessions that share
 * people or rules.
 */
import type { Meeting } from '../model/types.js';
import { SpecError } from '../spec/errors.js';

/**
 * The limits (internal; tests lower them).
 *
 * @example
 * SOLVER_LIMITS.candidates // 6,000,000 candidate starts
 */
export const SOLVER_LIMITS = {
  /** Candidate starts of all sessions together. */
  candidates: 6_000_000,
  /** Sessions × block instances (days × blocks). */
  sessionInstances: 50_000_000,
  /** Pairs of sessions that share people or a rule (counted with repeats, as people list them). */
  pairs: 30_000_000,
};

const fmt = (v: number) => v.toLocaleString('en-US');

/**
 * Throws a {@link SpecError} when the meeting is beyond what the solver
 * takes on; does nothing otherwise.
 *
 * @example
 * checkSolverLimits(meeting); // before compiling a meeting of unknown size
 */
export function checkSolverLimits(meeting: Meeting): void {
  const n = meeting.sessions.length;
  let candidates = 0;
  for (const s of meeting.sessions) candidates += s.candidates.length;
  let pairs = 0;
  for (const p of meeting.people) pairs += (p.sessions.length * (p.sessions.length - 1)) / 2;
  for (const g of meeting.groups) pairs += (g.sessions.length * (g.sessions.length - 1)) / 2;
  for (const s of meeting.sessions) if (s.exclusive) pairs += n - 1;
  const over: string[] = [];
  if (candidates > SOLVER_LIMITS.candidates) {
    over.push(`its ${fmt(n)} sessions have ${fmt(candidates)} possible starts in all, more than the solver takes on (${fmt(SOLVER_LIMITS.candidates)}): restrict sessions with \`days\`, \`blocks\` or \`core\`, use a coarser \`grid\`, or plan fewer days at once`);
  }
  if (n * meeting.instances.length > SOLVER_LIMITS.sessionInstances) {
    over.push(`${fmt(n)} sessions × ${fmt(meeting.instances.length)} block instances (days × blocks) is more than the solver takes on (${fmt(SOLVER_LIMITS.sessionInstances)})`);
  }
  if (pairs > SOLVER_LIMITS.pairs) {
    over.push(`its people, groups and exclusive sessions relate ${fmt(pairs)} pairs of sessions, more than the solver takes on (${fmt(SOLVER_LIMITS.pairs)})`);
  }
  if (over.length > 0) throw new SpecError(over.map((message) => ({ code: 'out_of_range' as const, path: ['sessions'], message: `the meeting is too large to solve: ${message}` })));
}
