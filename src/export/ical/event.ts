/**
 * One session as a VEVENT: `DTSTART;TZID=<meeting zone>`, `UID
 * <session id>@<meeting id>`, `SEQUENCE` from the timetable, a summary a
 * delegate recognises, a description with the time where the reader lives,
 * the track, and the group chain.
 */
import type { ICalCalendar, ICalEventData } from 'ical-generator';
import { ICalAttendeeRole, ICalAttendeeStatus, ICalAttendeeType, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import { derive } from '../../model/derived.js';
import { localTime, wallToInstant } from '../../model/time.js';
import type { Address, AttendeeRole } from './attendees.js';
import { inviteeOf, organizerOf, roleAt } from './attendees.js';
import { COLOR_PLACEHOLDER, escapeText } from './calendar.js';
import { branchStyle, categoriesOf } from './colors.js';
import type { IcalContext, PlacedSession } from './context.js';
import { formatRange, formatShortRange, groupChain, sessionHeadline, sessionSummary } from './text.js';

/**
 * How many zones besides the meeting's (and UTC) a public description lists.
 *
 * @example
 * MAIN_ZONES // 4: the public calendars give the times of the four zones with most people at a session
 */
export const MAIN_ZONES = 4;

/**
 * Whose calendar an event is written for.
 *
 * @example
 * const view: EventView = { kind: 'person', person: meeting.personIndex.get('q5-rapp')! };
 */
export type EventView =
  | { readonly kind: 'public' }
  | { readonly kind: 'person'; readonly person: number };

/**
 * `UID` of a session: `<session id>@<meeting id>` (SPEC §6).
 *
 * @example
 * sessionUid('q5-12-2', 'itu-t-sg12-2021-05') // 'q5-12-2@itu-t-sg12-2021-05'
 */
export function sessionUid(sessionId: string, meetingId: string): string {
  return `${sessionId}@${meetingId}`;
}

/**
 * Epoch minutes as a luxon DateTime in UTC (ical-generator shifts it into the event's zone).
 *
 * @example
 * utcDateTime(27000570).toISO() // '2021-05-04T09:30:00.000Z'
 */
export function utcDateTime(min: number): DateTime {
  return DateTime.fromMillis(min * 60000, { zone: 'utc' });
}

/**
 * Whether an instant can be written as a wall time in `zone` that every
 * client reads back as that instant: not when the wall time occurs twice
 * (fall-back), where RFC 5545 says "the first" but python's pytz and others
 * take the second.
 *
 * @example
 * wallTimeIsSafe('Europe/Zurich', Date.parse('2021-10-31T02:30:00+02:00') / 60000) // false: 02:30 happens twice that night
 */
export function wallTimeIsSafe(zone: string, min: number): boolean {
  const lt = localTime(zone, min);
  const back = wallToInstant(zone, lt.date, lt.minutes);
  return back.kind === 'ok' && back.min === min && !back.ambiguous;
}

/**
 * Start, end and zone of an event: in the meeting zone, or in UTC when a wall
 * time would be ambiguous (see {@link wallTimeIsSafe}).
 *
 * @example
 * eventTimes(ctx, start, end).timezone // 'Europe/Zurich'
 */
export function eventTimes(ctx: IcalContext, start: number, end: number): Pick<ICalEventData, 'start' | 'end' | 'timezone'> {
  const zone = ctx.meeting.timeZone;
  const zoned = wallTimeIsSafe(zone, start) && wallTimeIsSafe(zone, end);
  return { start: utcDateTime(start), end: utcDateTime(end), timezone: zoned ? zone : null };
}

/**
 * The zones with most people at a session (delegates and attendees), the meeting's left out.
 *
 * @example
 * mainZones(ctx, meeting.sessionIndex.get('q5-12-1')!) // ['Europe/Berlin', 'Asia/Shanghai', 'America/Los_Angeles', 'Asia/Seoul']
 */
export function mainZones(ctx: IcalContext, s: number, count = MAIN_ZONES): string[] {
  const weights = derive(ctx.meeting).zoneWeights[s] ?? [];
  return [...weights]
    .filter((w) => w.zone !== ctx.meeting.timeZone && w.zone !== 'UTC' && w.zone !== 'Etc/UTC')
    .sort((a, b) => b.weight - a.weight || (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0))
    .slice(0, count)
    .map((w) => w.zone);
}

/**
 * The description of a session for the reader of `view`.
 *
 * @example
 * sessionDescription(ctx, placed, { kind: 'person', person: 7 }) // 'Q5/12 — …\nYour time (Asia/Shanghai): …'
 */
export function sessionDescription(ctx: IcalContext, p: PlacedSession, view: EventView): string {
  const { meeting } = ctx;
  const sess = meeting.sessions[p.index]!;
  const g = meeting.groups[sess.group]!;
  const lines: string[] = [];
  lines.push(sessionHeadline(meeting, p.index));
  const meetingTime = `Meeting time (${meeting.timeZone}): ${formatRange(meeting.timeZone, p.start, p.end)}`;
  if (view.kind === 'person') {
    const person = meeting.people[view.person]!;
    if (person.timeZone === meeting.timeZone) lines.push(`Your time and meeting time (${meeting.timeZone}): ${formatRange(meeting.timeZone, p.start, p.end)}`);
    else lines.push(`Your time (${person.timeZone}): ${formatRange(person.timeZone, p.start, p.end)}`, meetingTime);
  } else {
    lines.push(meetingTime);
    const zones = mainZones(ctx, p.index);
    const elsewhere = [...zones.map((z) => `${z} ${formatShortRange(z, p.start, p.end)}`), `UTC ${formatShortRange('UTC', p.start, p.end)}`];
    lines.push(`Elsewhere: ${elsewhere.join(' · ')}`);
  }
  const prevStart = ctx.previous?.starts.get(p.row.id);
  const prevEnd = ctx.previous?.ends.get(p.row.id);
  if (prevStart !== undefined && prevEnd !== undefined && (prevStart !== p.start || prevEnd !== p.end)) {
    lines.push(`Moved: previously ${formatRange(meeting.timeZone, prevStart, prevEnd)} (meeting time)`);
  }
  lines.push(`Track ${p.row.track} of ${meeting.tracks} (virtual room ${p.row.track})`);
  lines.push(`Part of: ${groupChain(meeting, sess.group)}`);
  if (view.kind === 'person') {
    lines.push(roleAt(meeting, view.person, p.index) === 'REQ-PARTICIPANT' ? `Your role: you lead ${g.id} (required)` : 'Your role: participant (optional)');
  }
  lines.push(meeting.title);
  return lines.join('\n');
}

/**
 * The ATTENDEE of a person's own calendar, as ical-generator takes it.
 *
 * @example
 * attendeeData({ name: 'Li Na', email: 'li.na@example.org' }, 'REQ-PARTICIPANT').role // 'REQ-PARTICIPANT'
 */
export function attendeeData(address: Address, role: AttendeeRole) {
  const roles = { 'REQ-PARTICIPANT': ICalAttendeeRole.REQ, 'OPT-PARTICIPANT': ICalAttendeeRole.OPT, 'NON-PARTICIPANT': ICalAttendeeRole.NON } as const;
  return {
    name: address.name,
    email: address.email,
    role: roles[role],
    status: ICalAttendeeStatus.NEEDSACTION,
    type: ICalAttendeeType.INDIVIDUAL,
    rsvp: false,
  };
}

/**
 * Adds the VEVENT of a placed session to `cal`.
 *
 * @example
 * addSessionEvent(cal, ctx, ctx.placed[0], { kind: 'public' });
 */
export function addSessionEvent(cal: ICalCalendar, ctx: IcalContext, p: PlacedSession, view: EventView): void {
  const { meeting } = ctx;
  const sess = meeting.sessions[p.index]!;
  const style = branchStyle(meeting, sess.group);
  const event = cal.createEvent({
    id: escapeText(sessionUid(p.row.id, meeting.id)),
    sequence: p.row.sequence,
    stamp: utcDateTime(0).plus({ milliseconds: ctx.stamp }),
    ...eventTimes(ctx, p.start, p.end),
    summary: sessionSummary(meeting, p.index),
    description: sessionDescription(ctx, p, view),
    location: `Track ${p.row.track} (virtual room)`,
    categories: categoriesOf(meeting, sess.group).map((name) => ({ name })),
    status: ctx.timetable.status === 'feasible' ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
    transparency: ICalEventTransparency.OPAQUE,
    x: [[COLOR_PLACEHOLDER, style.color]],
  });
  event.organizer(organizerOf(meeting, sess.group, ctx.secretariat));
  if (view.kind === 'person') event.createAttendee(attendeeData(inviteeOf(meeting, meeting.people[view.person]!), roleAt(meeting, view.person, p.index)));
}
