/**
 * `plenary.timetable/1`: from a placement to the document (tracks, sequence
 * numbers, order). Reading a (possibly hand-edited) document back is in
 * `read.ts`, apart from this module so that the solver (and its worker
 * thread) does not load the schema library.
 */
import type { Meeting } from '../model/types.js';
import { formatInstant } from '../model/time.js';
import { IssueList } from '../spec/errors.js';
import { locate } from './constraints.js';
import type { CancelledSession, CheckResult, SolverInfo, Starts, Timetable, TimetableSession } from './types.js';

/**
 * What a previous (published) timetable contributes to a new one.
 *
 * @example
 * const previous: Previous = readPrevious(JSON.parse(readFileSync('published.json', 'utf8')), 'published.json');
 * solve(meeting, { previous }); // sessions that need not move stay put
 */
export interface Previous {
  /** Start instant (epoch minutes) by session id. */
  readonly starts: ReadonlyMap<string, number>;
  /** End instant by session id. */
  readonly ends: ReadonlyMap<string, number>;
  /** iCalendar SEQUENCE by session id. */
  readonly sequences: ReadonlyMap<string, number>;
  /** The sessions as published, for cancellations. */
  readonly sessions: readonly TimetableSession[];
  /** Sessions cancelled earlier and still gone: the SEQUENCE of their CANCEL, by id. */
  readonly cancelled: ReadonlyMap<string, number>;
  readonly meeting: string;
  readonly timeZone: string;
}

/**
 * Why a previous timetable of meeting `got` cannot serve meeting `expected`
 * (undefined when it can): its events' UIDs (`<session>@<its id>`) are not
 * this meeting's, so calendars would neither update nor cancel them.
 *
 * @example
 * previousMismatch('sg12-2021', 'sg13-2021') // 'expected the id of the meeting being planned ("sg12-2021"), got "sg13-2021": …'
 */
export function previousMismatch(expected: string, got: string): string | undefined {
  if (expected === got) return undefined;
  return `expected the id of the meeting being planned (${JSON.stringify(expected)}), got ${JSON.stringify(got)}: a timetable of another meeting, whose calendar events (UID <session>@${got}) these calendars would neither update nor cancel`;
}

/**
 * Throws `SpecError` (at `meeting`) when `previous` is a timetable of another
 * meeting: every function that takes a {@link Previous} checks it.
 *
 * @example
 * assertPreviousOf(meeting, readPrevious(doc)) // throws when doc.meeting !== meeting.id
 */
export function assertPreviousOf(meeting: Meeting, previous: Previous): void {
  const problem = previousMismatch(meeting.id, previous.meeting);
  if (problem === undefined) return;
  const issues = new IssueList();
  issues.add('inconsistent', ['meeting'], problem);
  issues.throwIfAny('previous');
}

/**
 * Track numbers: sessions taken by start (then id order), each given the lowest
 * track free at its start. Overlapping sessions never share a track; a feasible
 * timetable needs no more than `tracks`.
 *
 * @example
 * const tracks = assignTracks(meeting, starts); // tracks[s] in 1..meeting.tracks for a feasible placement
 */
export function assignTracks(meeting: Meeting, starts: Starts): number[] {
  const order = meeting.sessions.map((s) => s.index).filter((i) => starts[i] !== undefined);
  order.sort((a, b) => starts[a]! - starts[b]! || a - b);
  const busyUntil: number[] = []; // per track: end of its last session
  const track: number[] = meeting.sessions.map(() => 0);
  for (const s of order) {
    const t = starts[s]!;
    let k = busyUntil.findIndex((end) => end <= t);
    if (k < 0) {
      k = busyUntil.length;
      busyUntil.push(0);
    }
    busyUntil[k] = t + meeting.sessions[s]!.minutes;
    track[s] = k + 1;
  }
  return track;
}

/** The title shown for a session: its own, else its group's, else the group id. */
export function sessionTitle(meeting: Meeting, s: number): string {
  const sess = meeting.sessions[s]!;
  const g = meeting.groups[sess.group]!;
  return sess.title ?? g.title ?? g.id;
}

/**
 * Options of {@link buildTimetable}.
 *
 * @example
 * buildTimetable(meeting, starts, evaluate(meeting, starts), { previous, solver: { seed: 1, ms: 84, iterations: 120000 } })
 */
export interface BuildOptions {
  readonly previous?: Previous;
  readonly diagnosis?: readonly string[];
  readonly solver?: SolverInfo;
}

/**
 * The `plenary.timetable/1` document of a complete placement and its evaluation.
 *
 * @example
 * const result = evaluate(meeting, starts);
 * const doc = buildTimetable(meeting, starts, result);
 * doc.sessions[0].start // '2021-05-04T11:30:00+02:00'
 */
export function buildTimetable(meeting: Meeting, starts: Starts, result: CheckResult, options: BuildOptions = {}): Timetable {
  if (options.previous) assertPreviousOf(meeting, options.previous);
  const locs = locate(meeting, starts);
  const tracks = assignTracks(meeting, starts);
  const prev = options.previous;
  const sessions: (TimetableSession & { readonly _order: number })[] = [];
  meeting.sessions.forEach((sess, i) => {
    const loc = locs[i];
    if (!loc) return;
    const inst = loc.instance === undefined ? undefined : meeting.instances[loc.instance]!;
    const dayIndex = meeting.days.findIndex((d) => d.date === loc.date);
    let sequence = 0;
    if (prev) {
      const before = prev.sequences.get(sess.id);
      const cancelledAt = prev.cancelled.get(sess.id);
      if (before !== undefined) {
        const moved = prev.starts.get(sess.id) !== loc.start || prev.ends.get(sess.id) !== loc.end;
        sequence = before + (moved ? 1 : 0);
      } else if (cancelledAt !== undefined) {
        sequence = cancelledAt + 1; // brought back: above its cancellation, or calendars keep it cancelled
      }
    }
    sessions.push({
      id: sess.id,
      group: meeting.groups[sess.group]!.id,
      title: sessionTitle(meeting, i),
      day: dayIndex >= 0 ? dayIndex + 1 : null,
      date: loc.date,
      block: inst ? meeting.blocks[inst.block]!.id : null,
      core: inst ? meeting.blocks[inst.block]!.core : false,
      track: tracks[i]!,
      start: formatInstant(loc.start, meeting.timeZone),
      end: formatInstant(loc.end, meeting.timeZone),
      sequence,
      _order: loc.start,
    });
  });
  sessions.sort((a, b) => a._order - b._order || a.track - b.track);
  const cancelled = prev ? cancelledSince(prev, new Set(sessions.map((s) => s.id))) : [];
  const doc: Timetable = {
    format: 'plenary.timetable/1',
    meeting: meeting.id,
    timeZone: meeting.timeZone,
    status: result.status,
    score: result.score,
    sessions: sessions.map(({ _order, ...s }) => s),
    ...(cancelled.length > 0 ? { cancelled } : {}),
    violations: result.violations,
    ...(result.status === 'infeasible' ? { diagnosis: options.diagnosis ?? [] } : {}),
    ...(options.solver ? { solver: options.solver } : {}),
  };
  Object.defineProperty(doc, BUILT, { value: true });
  return doc;
}

/** Marks what {@link buildTimetable} made: a registered symbol (the ESM and CommonJS builds agree), not enumerable (JSON, spreads and copies drop it). */
const BUILT = Symbol.for('plenary.timetable.built');

/**
 * Whether `x` is a timetable {@link buildTimetable} made (and so checked
 * against its meeting), not a document read from a file or a modified copy.
 *
 * @example
 * isBuiltTimetable(solve(meeting).timetable) // true
 * isBuiltTimetable(JSON.parse(readFileSync('timetable.json', 'utf8'))) // false
 */
export function isBuiltTimetable(x: unknown): boolean {
  return typeof x === 'object' && x !== null && (x as { [BUILT]?: unknown })[BUILT] === true;
}

/**
 * A copy of a timetable that {@link buildTimetable} made — in this thread or
 * in a worker thread, whose copy lost the mark — with its `solver` replaced,
 * marked as built.
 *
 * @example
 * withSolver(win.timetable, { ...win.timetable.solver!, ms: 812 })
 */
export function withSolver(doc: Timetable, solver: SolverInfo): Timetable {
  const copy: Timetable = { ...doc, solver };
  Object.defineProperty(copy, BUILT, { value: true });
  return copy;
}

/**
 * The sessions cancelled as of a new timetable whose placed sessions are
 * `placed`: those of the previous one that are gone (their CANCEL carries
 * their SEQUENCE + 1), and those cancelled earlier that are still gone; by id.
 *
 * @example
 * cancelledSince(previous, new Set(['q5-12-1'])) // [{ id: 'q5-12-3', sequence: 1 }] when q5-12-3 was published at 0 and is gone
 */
export function cancelledSince(prev: Previous, placed: ReadonlySet<string>): CancelledSession[] {
  const out = new Map<string, number>();
  for (const [id, sequence] of prev.cancelled) if (!placed.has(id)) out.set(id, sequence);
  for (const row of prev.sessions) if (!placed.has(row.id)) out.set(row.id, row.sequence + 1);
  return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, sequence]) => ({ id, sequence }));
}

/**
 * A timetable as JSON text: two-space indented, newline at the end.
 *
 * @example
 * writeFileSync('timetable.json', timetableToJson(buildTimetable(meeting, starts, evaluate(meeting, starts))));
 */
export function timetableToJson(doc: Timetable): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

