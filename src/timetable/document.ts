/**
 * From a timetable document (parsed JSON, possibly hand-edited) to a
 * {@link Timetable} that the renderers can trust: what `plenary ics` does with
 * its TIMETABLE, for the library.
 */
import type { Meeting } from '../model/types.js';
import { evaluate } from './constraints.js';
import { readPrevious, readTimetable } from './read.js';
import type { Previous } from './timetable.js';
import { assertPreviousOf, buildTimetable, isBuiltTimetable } from './timetable.js';
import type { SolverInfo, Starts, Timetable } from './types.js';

/**
 * Options of {@link timetableFromDocument}.
 *
 * @example
 * const options: DocumentOptions = { previous: readPrevious(published, 'published.json', meeting.id), source: 'edited.json' };
 */
export interface DocumentOptions {
  /** The timetable already published: sessions that moved get its SEQUENCE + 1, the gone ones are cancelled. Without it the document's own SEQUENCE numbers stand. */
  readonly previous?: Previous;
  /** The file name, for the lines of a `SpecError`. */
  readonly source?: string;
}

/**
 * A `plenary.timetable/1` document of `meeting` (parsed JSON, possibly
 * hand-edited) as a timetable the renderers can trust: read and checked as
 * {@link readTimetable} does (throws `SpecError`, one issue per problem: an
 * unknown session, an `end` that is not start + minutes, an offset that is
 * not the zone's…), its status, score and violations recomputed, tracks
 * assigned, and its SEQUENCE numbers those of the document, or, given
 * `previous`, those of `previous` plus one where a session moved (SPEC §6).
 * The renderers (`renderCalendars`, `renderOutputs`, `renderTimeplan`,
 * `renderReport`, `timetableChanges`) call it themselves on anything
 * `buildTimetable` did not make.
 *
 * @example
 * const edited = timetableFromDocument(meeting, JSON.parse(readFileSync('edited.json', 'utf8')), { previous, source: 'edited.json' });
 * renderCalendars(meeting, edited, { stamp: calendarStamp(), previous }); // moved sessions at SEQUENCE + 1
 */
export function timetableFromDocument(meeting: Meeting, input: unknown, options: DocumentOptions = {}): Timetable {
  if (options.previous) assertPreviousOf(meeting, options.previous);
  const starts = readTimetable(meeting, input, options.source);
  const own = options.previous ? undefined : readPrevious(input, options.source, meeting.id);
  const doc = input as { readonly diagnosis?: unknown; readonly solver?: unknown };
  return rebuildTimetable(meeting, starts, options.previous, own, { diagnosis: doc.diagnosis, solver: doc.solver });
}

/**
 * The timetable of `starts` scored afresh (stability against `previous`),
 * with the SEQUENCE numbers of `previous`, else of `own` (the document's
 * own, read with `readPrevious`). `carried` are the document's diagnosis and
 * solver fields, kept when they are well formed (and the diagnosis only
 * while the timetable is infeasible).
 *
 * @example
 * rebuildTimetable(meeting, readTimetable(meeting, doc), previous, undefined)
 */
export function rebuildTimetable(
  meeting: Meeting,
  starts: Starts,
  previous: Previous | undefined,
  own: Previous | undefined,
  carried: { readonly diagnosis?: unknown; readonly solver?: unknown } = {},
): Timetable {
  const result = evaluate(meeting, starts, previous ? { previous: previous.starts } : {});
  const sequences = previous ?? own;
  const diagnosis = Array.isArray(carried.diagnosis) && carried.diagnosis.every((d) => typeof d === 'string') ? (carried.diagnosis as string[]) : undefined;
  const solver = solverInfo(carried.solver);
  return buildTimetable(meeting, starts, result, {
    ...(sequences ? { previous: sequences } : {}),
    ...(diagnosis ? { diagnosis } : {}),
    ...(solver ? { solver } : {}),
  });
}

function solverInfo(x: unknown): SolverInfo | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const { seed, ms, iterations } = x as Record<string, unknown>;
  const int = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
  return int(seed) && int(ms) && int(iterations) && Object.keys(x).length === 3 ? { seed, ms, iterations } : undefined;
}

/**
 * `timetable` as the renderers need it: as is when {@link buildTimetable}
 * made it, otherwise read with {@link timetableFromDocument} (a document
 * from a file, a modified copy).
 *
 * @example
 * const tt = trustedTimetable(meeting, JSON.parse(text), previous);
 */
export function trustedTimetable(meeting: Meeting, timetable: Timetable, previous?: Previous): Timetable {
  if (previous) assertPreviousOf(meeting, previous);
  if (isBuiltTimetable(timetable)) {
    if (timetable.meeting !== meeting.id) throw new RangeError(`the timetable is of meeting ${JSON.stringify(timetable.meeting)}, not ${JSON.stringify(meeting.id)}`);
    return timetable;
  }
  return timetableFromDocument(meeting, timetable, previous ? { previous } : {});
}
