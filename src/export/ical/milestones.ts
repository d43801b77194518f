/**
 * Milestones (the SG12 letter's contribution and registration deadlines) as
 * all-day events: `DTSTART;VALUE=DATE`, `DTEND` the next day, free time
 * (`TRANSP:TRANSPARENT`), no zone (a date is the same date everywhere).
 */
import type { ICalCalendar } from 'ical-generator';
import { ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Milestone } from '../../model/types.js';
import { inviteeOf, organizerOf } from './attendees.js';
import { escapeText } from './calendar.js';
import type { IcalContext } from './context.js';
import { attendeeData, utcDateTime } from './event.js';
import { formatDay } from './text.js';

/**
 * `UID` of a milestone: `<milestone id>@milestones.<meeting id>`. The part
 * after the last `@` differs from a session UID's (a meeting id has no `@`),
 * so a milestone and a session with the same id never share a UID.
 *
 * @example
 * milestoneUid('registration', 'itu-t-sg12-2021-05') // 'registration@milestones.itu-t-sg12-2021-05'
 */
export function milestoneUid(milestoneId: string, meetingId: string): string {
  return `${milestoneId}@milestones.${meetingId}`;
}

/**
 * The meeting's milestones by date, then id.
 *
 * @example
 * sortedMilestones(meeting.milestones).map((m) => m.date) // ['2021-03-04', '2021-04-04', '2021-04-22']
 */
export function sortedMilestones(milestones: readonly Milestone[]): Milestone[] {
  return [...milestones].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Adds every milestone of the meeting to `cal` as an all-day event; in a
 * person's invitation (`attendee` given) they are `ROLE=NON-PARTICIPANT`
 * (for information).
 *
 * @example
 * addMilestones(cal, ctx); // DTSTART;VALUE=DATE:20210422 …
 */
export function addMilestones(cal: ICalCalendar, ctx: IcalContext, attendee?: number): void {
  const { meeting } = ctx;
  for (const m of sortedMilestones(meeting.milestones)) {
    const day = DateTime.fromISO(m.date, { zone: 'utc' });
    const event = cal.createEvent({
      id: escapeText(milestoneUid(m.id, meeting.id)),
      sequence: 0,
      stamp: utcDateTime(0).plus({ milliseconds: ctx.stamp }),
      allDay: true,
      start: day,
      end: day.plus({ days: 1 }),
      summary: m.title,
      description: [m.title, formatDay(m.date), ...(m.description ? [m.description] : []), meeting.title].join('\n'),
      transparency: ICalEventTransparency.TRANSPARENT,
      categories: [{ name: 'Deadline' }],
    });
    event.organizer(organizerOf(meeting, undefined, ctx.secretariat));
    if (attendee !== undefined) event.createAttendee(attendeeData(inviteeOf(meeting, meeting.people[attendee]!), 'NON-PARTICIPANT'));
  }
}
