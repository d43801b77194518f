/**
 * `ics/cancelled.ics`: the sessions of the previous (published) timetable
 * that the new one no longer has, as `METHOD:CANCEL` with
 * `STATUS:CANCELLED`, the same UID and `SEQUENCE` one higher than published,
 * so that calendars which imported them drop them.
 */
import { ICalEventStatus } from 'ical-generator';
import type { TimetableSession } from '../../timetable/types.js';
import { addressOf, organizerOf, roleAt } from './attendees.js';
import { escapeText, newCalendar, serializeCalendar } from './calendar.js';
import type { CalendarHead } from './calendar.js';
import type { IcalContext } from './context.js';
import { attendeeData, eventTimes, sessionUid, utcDateTime } from './event.js';
import { formatRange, rowSummary, sessionSummary } from './text.js';

/**
 * The sessions of the previous timetable that are gone from the new one, in
 * the previous timetable's order.
 *
 * @example
 * goneSessions(ctx).map((s) => s.id) // ['q9-12-3']
 */
export function goneSessions(ctx: IcalContext): TimetableSession[] {
  if (!ctx.previous) return [];
  return ctx.previous.sessions.filter((s) => !ctx.byId.has(s.id));
}

/**
 * The text of `ics/cancelled.ics`, or undefined when nothing was cancelled
 * (an iCalendar object needs at least one component).
 *
 * @example
 * renderCancelled(ctx) // 'BEGIN:VCALENDAR\r\n…METHOD:CANCEL\r\n…STATUS:CANCELLED\r\n…'
 */
export function renderCancelled(ctx: IcalContext): string | undefined {
  const gone = goneSessions(ctx);
  const previous = ctx.previous;
  if (!previous || gone.length === 0) return undefined;
  const { meeting } = ctx;
  const head: CalendarHead = { method: 'CANCEL', name: `${meeting.title} — cancelled sessions` };
  const cal = newCalendar();
  for (const row of gone) {
    const start = previous.starts.get(row.id)!;
    const end = previous.ends.get(row.id)!;
    const s = meeting.sessionIndex.get(row.id);
    const group = s !== undefined ? meeting.sessions[s]!.group : meeting.groupIndex.get(row.group);
    const summary = s !== undefined ? sessionSummary(meeting, s) : rowSummary(row.group, row.title);
    const event = cal.createEvent({
      id: escapeText(sessionUid(row.id, meeting.id)),
      sequence: row.sequence + 1,
      stamp: utcDateTime(0).plus({ milliseconds: ctx.stamp }),
      ...eventTimes(ctx, start, end),
      summary: `Cancelled: ${summary}`,
      description: [`Cancelled: ${summary}`, `Was: ${formatRange(meeting.timeZone, start, end)} (meeting time, ${meeting.timeZone})`, meeting.title].join('\n'),
      status: ICalEventStatus.CANCELLED,
    });
    event.organizer(organizerOf(meeting, group, ctx.secretariat));
    if (group !== undefined) {
      for (const person of meeting.people) {
        if (!person.attendedGroups.has(group)) continue;
        const a = addressOf(person);
        if (!a) continue;
        const role = s !== undefined ? roleAt(meeting, person.index, s) : person.leads.includes(group) ? 'REQ-PARTICIPANT' : 'OPT-PARTICIPANT';
        event.createAttendee(attendeeData(a, role));
      }
    }
  }
  return serializeCalendar(cal, head, ctx.vtimezone);
}
