/**
 * Every answer is checked with `evaluate` (the authoritative computation of
 * SPEC §3–§4) before any of its times is used.
 */
import type { Meeting } from '../src/model/types.js';
import { evaluate } from '../src/timetable/constraints.js';
import type { Score } from '../src/timetable/types.js';
import type { HighsReport, PlenaryReport } from './jobs.js';

/** A checked answer: the score `evaluate` gives, and what was wrong with the claim, if anything. */
export interface Checked {
  readonly score: Score;
  readonly feasible: boolean;
  /** Empty when the answer is what it claims to be. */
  readonly problems: readonly string[];
}

const KEYS = ['hard', 'comfort', 'conflict', 'fairness', 'stability', 'total'] as const;

/**
 * Checks a plenary answer: feasible, and the score it claims is the score
 * `evaluate` computes.
 *
 * @example
 * checkPlenary(meeting, report).problems // []
 */
export function checkPlenary(meeting: Meeting, r: PlenaryReport): Checked {
  const ev = evaluate(meeting, r.starts, { countOnly: true });
  const problems: string[] = [];
  if (r.starts.length !== meeting.sessions.length) problems.push(`${r.starts.length} starts for ${meeting.sessions.length} sessions`);
  for (const k of KEYS) if (ev.score[k] !== r.score[k]) problems.push(`claims ${k} ${r.score[k]}, evaluate gives ${ev.score[k]}`);
  if (ev.status !== r.status) problems.push(`claims status ${r.status}, evaluate gives ${ev.status}`);
  const last = r.trajectory[r.trajectory.length - 1];
  if (last && (last.hard !== ev.score.hard || last.total !== ev.score.total)) problems.push(`last progress report ${last.hard}/${last.total} is not the answer ${ev.score.hard}/${ev.score.total}`);
  return { score: ev.score, feasible: ev.status === 'feasible', problems };
}

/**
 * Checks a HiGHS answer: feasible, its true score no more than the MIP
 * objective (y and F may sit above their least values in an incumbent), and
 * equal to it at a proved optimum of the exact model — otherwise the MIP is
 * not the model of SPEC §3–§4.
 *
 * @example
 * checkHighs(meeting, report).problems // []
 */
export function checkHighs(meeting: Meeting, r: HighsReport): Checked | undefined {
  if (!r.starts) return undefined;
  const starts = r.starts.map((s) => (s === null ? undefined : s));
  const ev = evaluate(meeting, starts, { countOnly: true });
  const problems: string[] = [];
  if (ev.status !== 'feasible') problems.push(`HiGHS's solution breaks ${ev.score.hard} hard rules in evaluate: the MIP misses a rule`);
  if (r.objective !== undefined && !r.relaxed) {
    if (ev.score.total > r.objective + 0.5) problems.push(`evaluate gives ${ev.score.total}, more than the MIP objective ${r.objective}: the MIP undercounts`);
    if (r.status === 'optimal' && Math.abs(ev.score.total - r.objective) > 0.5) problems.push(`at the proved optimum evaluate gives ${ev.score.total} but the MIP says ${r.objective}`);
  }
  if (r.warmStart && r.startViolation !== undefined && r.startViolation > 1e-9) problems.push(`plenary's answer violates the MIP by ${r.startViolation}: the MIP forbids a feasible placement`);
  return { score: ev.score, feasible: ev.status === 'feasible', problems };
}
