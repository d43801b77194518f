/**
 * Reading a `plenary.timetable/1` document back: from a (possibly hand-edited)
 * document to a placement, refusing what does not add up; the tracks it
 * publishes; what a published one contributes to re-planning.
 */
import * as z from 'zod';
import type { Meeting } from '../model/types.js';
import { formatInstant, formatOffset, isValidZone, localTime, parseInstant } from '../model/time.js';
import { fromZod } from '../spec/common.js';
import { IssueList, SpecError } from '../spec/errors.js';
import { locate } from './constraints.js';
import { previousMismatch } from './timetable.js';
import type { Previous } from './timetable.js';
import type { Starts, TimetableSession } from './types.js';

const nullable = <T extends z.ZodType>(t: T) => t.nullable().optional();

const sessionSchema = z.strictObject({
  id: z.string({ error: 'expected a session id' }),
  start: z.string({ error: 'expected an ISO 8601 instant with its offset, like 2021-05-04T11:30:00+02:00' }),
  end: nullable(z.string({ error: 'expected an ISO 8601 instant with its offset' })),
  group: nullable(z.string({ error: 'expected a group id' })),
  title: nullable(z.string({ error: 'expected a string' })),
  day: nullable(z.int({ error: 'expected a meeting day number' })),
  date: nullable(z.string({ error: 'expected a date YYYY-MM-DD' })),
  block: nullable(z.string({ error: 'expected a block id' })),
  core: nullable(z.boolean({ error: 'expected true or false' })),
  track: nullable(z.int({ error: 'expected a track number' }).min(1, { error: 'expected a track number >= 1' })),
  sequence: z.int({ error: 'expected an iCalendar SEQUENCE (an integer >= 0)' }).min(0, { error: 'expected an integer >= 0' }).optional(),
});

const timetableSchema = z.strictObject({
  format: z.literal('plenary.timetable/1'),
  meeting: z.string({ error: 'expected the meeting id' }),
  timeZone: z.string({ error: 'expected the meeting time zone' }),
  status: z.enum(['feasible', 'infeasible']).optional(),
  score: z.unknown().optional(),
  sessions: z.array(sessionSchema, { error: 'expected a list of placed sessions' }),
  cancelled: z
    .array(
      z.strictObject({
        id: z.string({ error: 'expected a session id' }),
        sequence: z.int({ error: 'expected the SEQUENCE of its cancellation (an integer >= 1)' }).min(1, { error: 'expected an integer >= 1' }),
      }),
      { error: 'expected a list of cancelled sessions ({ "id", "sequence" })' },
    )
    .optional(),
  violations: z.array(z.unknown()).optional(),
  diagnosis: z.array(z.unknown()).optional(),
  solver: z.unknown().optional(),
});

type RawTimetable = z.output<typeof timetableSchema>;

function parseDoc(input: unknown, source: string | undefined): RawTimetable {
  const r = timetableSchema.safeParse(input);
  if (!r.success) {
    throw new SpecError(
      fromZod(r.error, input, [], (path) => (path.length === 0 ? Object.keys(timetableSchema.shape) : path.length === 2 && path[0] === 'sessions' ? Object.keys(sessionSchema.shape) : undefined)),
      source,
    );
  }
  return r.data;
}

/**
 * The tracks a timetable publishes (by session index), when they can stand:
 * every placed session has one in 1..tracks and no two overlapping sessions
 * share one; otherwise undefined (then {@link assignTracks} gives them).
 * Call after {@link readTimetable} has accepted the document.
 *
 * @example
 * const starts = readTimetable(meeting, doc);
 * const tracks = publishedTracks(meeting, doc, starts) ?? assignTracks(meeting, starts);
 */
export function publishedTracks(meeting: Meeting, input: unknown, starts: Starts): (number | undefined)[] | undefined {
  const doc = parseDoc(input, undefined);
  const tracks: (number | undefined)[] = meeting.sessions.map(() => undefined);
  for (const row of doc.sessions) {
    const s = meeting.sessionIndex.get(row.id);
    if (s !== undefined && row.track != null) tracks[s] = row.track;
  }
  const placed = meeting.sessions.map((x) => x.index).filter((s) => starts[s] !== undefined);
  if (placed.some((s) => tracks[s] === undefined || tracks[s]! > meeting.tracks)) return undefined;
  const end = (s: number) => starts[s]! + meeting.sessions[s]!.minutes;
  for (const a of placed) for (const b of placed) if (a < b && tracks[a] === tracks[b] && starts[a]! < end(b) && starts[b]! < end(a)) return undefined;
  return tracks;
}

/**
 * Reads a (possibly hand-edited) timetable of `meeting` into start instants.
 * `start` is what counts; every other field given must agree with it (a
 * numeric offset that is not the zone's offset at that instant (UTC as `Z` is fine), an `end` that is not
 * start + minutes, a `date`, `day` or `block` that is not where the start
 * falls: each is an error naming its path). Sessions left out are simply not
 * placed (a `placement` violation for `check`); unknown and repeated ids are
 * errors. Throws {@link SpecError}.
 *
 * @example
 * const starts = readTimetable(meeting, JSON.parse(readFileSync('edited.json', 'utf8')), 'edited.json');
 * evaluate(meeting, starts).violations // what the hand edit broke
 */
export function readTimetable(meeting: Meeting, input: unknown, source?: string): Starts {
  const doc = parseDoc(input, source);
  const issues = new IssueList();
  if (doc.meeting !== meeting.id) issues.add('inconsistent', ['meeting'], `expected the id of the meeting being checked (${JSON.stringify(meeting.id)}), got ${JSON.stringify(doc.meeting)}`);
  if (doc.timeZone !== meeting.timeZone) issues.add('inconsistent', ['timeZone'], `expected the meeting's time zone ${JSON.stringify(meeting.timeZone)}, got ${JSON.stringify(doc.timeZone)}`);
  const starts: (number | undefined)[] = meeting.sessions.map(() => undefined);
  const seen = new Map<string, number>();
  doc.sessions.forEach((row, i) => {
    const path = ['sessions', i];
    const s = meeting.sessionIndex.get(row.id);
    if (s === undefined) {
      issues.add('unknown_reference', [...path, 'id'], `unknown session ${JSON.stringify(row.id)}: expected a session of the meeting spec`);
      return;
    }
    const prev = seen.get(row.id);
    if (prev !== undefined) {
      issues.add('duplicate_id', [...path, 'id'], `session ${JSON.stringify(row.id)} is listed twice (also sessions[${prev}]): expected each session once`);
      return;
    }
    seen.set(row.id, i);
    const sess = meeting.sessions[s]!;
    const p = parseInstant(row.start);
    if (p.kind === 'error') {
      issues.add('invalid_time', [...path, 'start'], `expected ${p.expected}, got ${JSON.stringify(row.start)}`);
      return;
    }
    const lt = localTime(meeting.timeZone, p.min);
    // UTC written as `Z` is unambiguous; a numeric offset must be the zone's (a wrong one is usually a wrong wall time)
    if (lt.offset !== p.offset && !row.start.endsWith('Z')) {
      issues.add(
        'inconsistent',
        [...path, 'start'],
        `the offset ${formatOffset(p.offset)} is not ${meeting.timeZone}'s offset at that instant (${formatOffset(lt.offset)}): expected ${formatInstant(p.min, meeting.timeZone)} for the same instant, or the wall time with ${meeting.timeZone}'s offset`,
      );
      return;
    }
    if (row.end !== undefined && row.end !== null) {
      const e = parseInstant(row.end);
      if (e.kind === 'error') issues.add('invalid_time', [...path, 'end'], `expected ${e.expected}, got ${JSON.stringify(row.end)}`);
      else if (e.min !== p.min + sess.minutes) {
        issues.add('inconsistent', [...path, 'end'], `expected ${formatInstant(p.min + sess.minutes, meeting.timeZone)} (start + ${sess.minutes} minutes), got ${row.end}`);
      }
    }
    if (row.group != null && row.group !== meeting.groups[sess.group]!.id) {
      issues.add('inconsistent', [...path, 'group'], `expected ${JSON.stringify(meeting.groups[sess.group]!.id)} (the group of ${sess.id} in the spec), got ${JSON.stringify(row.group)}`);
    }
    if (row.date != null && row.date !== lt.date) {
      issues.add('inconsistent', [...path, 'date'], `expected ${lt.date} (the date of its start in ${meeting.timeZone}), got ${JSON.stringify(row.date)}`);
    }
    const dayIndex = meeting.days.findIndex((d) => d.date === lt.date);
    if (row.day != null && row.day !== dayIndex + 1) {
      issues.add('inconsistent', [...path, 'day'], dayIndex < 0 ? `${lt.date} is not a meeting day: expected null, got ${row.day}` : `expected ${dayIndex + 1} (${lt.date} is meeting day ${dayIndex + 1}), got ${row.day}`);
    }
    if (row.block != null) {
      const one: (number | undefined)[] = meeting.sessions.map(() => undefined);
      one[s] = p.min;
      const loc = locate(meeting, one)[s]!;
      const actual = loc.instance === undefined ? undefined : meeting.blocks[meeting.instances[loc.instance]!.block]!.id;
      if (actual !== row.block) {
        issues.add('inconsistent', [...path, 'block'], actual === undefined ? `the session is in no block: expected null, got ${JSON.stringify(row.block)}` : `expected ${JSON.stringify(actual)} (the block holding its start and end), got ${JSON.stringify(row.block)}`);
      }
    }
    starts[s] = p.min;
  });
  issues.throwIfAny(source);
  return starts;
}

/**
 * Reads a previous (published) timetable for re-planning and calendars. Its
 * sessions need not exist in the current spec (they may have been removed).
 * Given `meetingId` (the meeting being planned), a timetable of another
 * meeting is refused: its events' UIDs (`<session>@<its id>`) are not this
 * meeting's, so calendars would neither update nor cancel them.
 * Throws {@link SpecError}.
 *
 * @example
 * const previous = readPrevious(JSON.parse(readFileSync('published.json', 'utf8')), 'published.json', meeting.id);
 * previous.sequences.get('q5-12-1') // its published iCalendar SEQUENCE
 */
export function readPrevious(input: unknown, source?: string, meetingId?: string): Previous {
  const doc = parseDoc(input, source);
  const issues = new IssueList();
  const mismatch = meetingId === undefined ? undefined : previousMismatch(meetingId, doc.meeting);
  if (mismatch !== undefined) issues.add('inconsistent', ['meeting'], mismatch);
  const starts = new Map<string, number>();
  const ends = new Map<string, number>();
  const sequences = new Map<string, number>();
  const sessions: TimetableSession[] = [];
  if (!isValidZone(doc.timeZone)) issues.add('invalid_zone', ['timeZone'], `expected an IANA time zone name, got ${JSON.stringify(doc.timeZone)}`);
  issues.throwIfAny(source);
  doc.sessions.forEach((row, i) => {
    const path = ['sessions', i];
    if (starts.has(row.id)) {
      issues.add('duplicate_id', [...path, 'id'], `session ${JSON.stringify(row.id)} is listed twice: expected each session once`);
      return;
    }
    const p = parseInstant(row.start);
    if (p.kind === 'error') {
      issues.add('invalid_time', [...path, 'start'], `expected ${p.expected}, got ${JSON.stringify(row.start)}`);
      return;
    }
    if (row.end == null) {
      issues.add('missing', [...path, 'end'], 'required in a previous timetable: expected its end instant');
      return;
    }
    const e = parseInstant(row.end);
    if (e.kind === 'error' || e.min <= p.min) {
      issues.add('invalid_time', [...path, 'end'], `expected an instant after the start, got ${JSON.stringify(row.end)}`);
      return;
    }
    starts.set(row.id, p.min);
    ends.set(row.id, e.min);
    sequences.set(row.id, row.sequence ?? 0);
    sessions.push({
      id: row.id,
      group: row.group ?? '',
      title: row.title ?? row.id,
      day: row.day ?? null,
      date: row.date ?? localTime(doc.timeZone, p.min).date,
      block: row.block ?? null,
      core: row.core ?? false,
      track: row.track ?? 1,
      start: row.start,
      end: row.end,
      sequence: row.sequence ?? 0,
    });
  });
  const cancelled = new Map<string, number>();
  (doc.cancelled ?? []).forEach((row, i) => {
    const path = ['cancelled', i, 'id'];
    if (cancelled.has(row.id)) issues.add('duplicate_id', path, `session ${JSON.stringify(row.id)} is listed twice: expected each cancelled session once`);
    else if (starts.has(row.id)) issues.add('inconsistent', path, `session ${JSON.stringify(row.id)} is also in sessions: expected a session either placed or cancelled`);
    else cancelled.set(row.id, row.sequence);
  });
  issues.throwIfAny(source);
  return { starts, ends, sequences, sessions, cancelled, meeting: doc.meeting, timeZone: doc.timeZone };
}
