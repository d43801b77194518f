/**
 * `check`: the violations and score of any timetable of a meeting, recomputed
 * from the rules of SPEC §3 and §4.
 */
import type { Meeting } from '../model/types.js';
import { evaluate } from './constraints.js';
import { readPrevious, readTimetable } from './read.js';
import { assertPreviousOf } from './timetable.js';
import type { Previous } from './timetable.js';
import type { CheckResult, Starts } from './types.js';

/**
 * Options of {@link check}.
 *
 * @example
 * check(meeting, newTimetable, { previous: JSON.parse(readFileSync('published.json', 'utf8')) }).score.stability
 */
export interface CheckOptions {
  /** The previous timetable (a document or what {@link readPrevious} made of one), for `stability`. */
  readonly previous?: unknown;
  /** The timetable's file name, for the lines of a `SpecError` (`edited.json: sessions[3].end: …`). */
  readonly source?: string;
}

function isPrevious(x: unknown): x is Previous {
  return typeof x === 'object' && x !== null && (x as Previous).starts instanceof Map;
}

/**
 * Recomputes the status, score and violations of a timetable: a
 * `plenary.timetable/1` document (parsed JSON, possibly hand-edited) or start
 * instants by session index. Throws `SpecError` when the document does not
 * add up (unknown ids, bad instants, offsets that lie about the zone).
 *
 * @example
 * const meeting = loadMeeting(spec);
 * const { status, score, violations } = check(meeting, JSON.parse(timetableText));
 * if (status === 'infeasible') for (const v of violations) console.log(v.constraint, v.message);
 */
export function check(meeting: Meeting, timetable: unknown, options: CheckOptions = {}): CheckResult {
  const starts: Starts = Array.isArray(timetable) ? (timetable as Starts) : readTimetable(meeting, timetable, options.source);
  const prev = options.previous === undefined ? undefined : isPrevious(options.previous) ? options.previous : readPrevious(options.previous, 'previous', meeting.id);
  if (prev) assertPreviousOf(meeting, prev);
  return evaluate(meeting, starts, prev ? { previous: prev.starts } : {});
}
