/**
 * What every calendar of one meeting shares: the placed sessions as instants,
 * the VTIMEZONE, the stamp, the previous timetable.
 */
import type { Meeting } from '../../model/types.js';
import { parseInstant } from '../../model/time.js';
import { trustedTimetable } from '../../timetable/document.js';
import type { Previous } from '../../timetable/timetable.js';
import type { Timetable, TimetableSession } from '../../timetable/types.js';
import type { Address } from './attendees.js';
import { checkStamp } from './stamp.js';
import { vtimezoneFor } from './vtimezone.js';
import type { Vtimezone } from './vtimezone.js';

/**
 * Options of the calendar exports.
 *
 * @example
 * const options: IcalOptions = { stamp: calendarStamp(), previous };
 */
export interface IcalOptions {
  /**
   * DTSTAMP of every event, epoch milliseconds (UTC). The library never reads
   * the clock: the caller passes `SOURCE_DATE_EPOCH × 1000` where it is set,
   * else the current time.
   */
  readonly stamp: number;
  /** The published timetable being replaced: cancellations, "moved" notes, change report. */
  readonly previous?: Previous;
  /** The organizer of last resort (see `organizerOf`). */
  readonly secretariat?: Address;
}

/**
 * A session of the timetable with its instants (epoch minutes).
 *
 * @example
 * const q: PlacedSession | undefined = ctx.byId.get('q5-12-1'); // its timetable row with start/end as epoch minutes
 */
export interface PlacedSession {
  readonly row: TimetableSession;
  /** Index in `meeting.sessions`. */
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Everything the calendars of one meeting share.
 *
 * @example
 * const ctx: IcalContext = icalContext(meeting, timetable, { stamp: Date.UTC(2021, 3, 20) });
 * renderGroupCalendar(ctx, meeting.groupIndex.get('Q5/12')!);
 */
export interface IcalContext {
  readonly meeting: Meeting;
  readonly timetable: Timetable;
  /** In timetable order (by start, then track). */
  readonly placed: readonly PlacedSession[];
  readonly byId: ReadonlyMap<string, PlacedSession>;
  readonly vtimezone: Vtimezone;
  readonly stamp: number;
  readonly previous: Previous | undefined;
  readonly secretariat: Address | undefined;
}

function instant(text: string, what: string): number {
  const p = parseInstant(text);
  if (p.kind === 'error') throw new RangeError(`${what}: expected ${p.expected}, got ${JSON.stringify(text)}`);
  return p.min;
}

/**
 * The shared context of the calendars of `timetable` (a timetable of
 * `meeting`, as `buildTimetable` makes it).
 *
 * @example
 * const ctx = icalContext(meeting, timetable, { stamp: 1620000000000 });
 * ctx.placed[0].row.id // 'sg12-opening'
 */
export function icalContext(meeting: Meeting, given: Timetable, options: IcalOptions): IcalContext {
  checkStamp(options?.stamp);
  const timetable = trustedTimetable(meeting, given, options.previous);
  const placed = timetable.sessions.map((row): PlacedSession => {
    const index = meeting.sessionIndex.get(row.id);
    if (index === undefined) throw new RangeError(`timetable session ${JSON.stringify(row.id)} is not a session of the meeting`);
    return { row, index, start: instant(row.start, `${row.id}.start`), end: instant(row.end, `${row.id}.end`) };
  });
  const instants: number[] = [];
  for (const p of placed) instants.push(p.start, p.end);
  if (options.previous) for (const [id, t] of options.previous.starts) instants.push(t, options.previous.ends.get(id) ?? t);
  return {
    meeting,
    timetable,
    placed,
    byId: new Map(placed.map((p) => [p.row.id, p])),
    vtimezone: vtimezoneFor(meeting.timeZone, instants),
    stamp: options.stamp,
    previous: options.previous,
    secretariat: options.secretariat,
  };
}
