/**
 * The calendar files of a meeting (SPEC §6):
 *
 * - `calendar.ics` — every session and milestone, `METHOD:PUBLISH`, no attendees;
 * - `ics/groups/<group>.ics` — one group's own sessions, `METHOD:PUBLISH`;
 * - `ics/people/<person>.ics` — the sessions a person attends (their groups and
 *   those groups' ancestors) and the milestones, `METHOD:REQUEST` with the
 *   person as `ATTENDEE` (without an e-mail address, an undeliverable
 *   `….invalid` one: see {@link inviteeOf});
 * - `ics/cancelled.ics` — when re-planning, the sessions gone since the
 *   previous timetable, `METHOD:CANCEL`.
 *
 * A group or person with no placed session gets no file (an iCalendar object
 * needs at least one component).
 */
import type { Meeting } from '../../model/types.js';
import type { Timetable } from '../../timetable/types.js';
import { newCalendar, serializeCalendar } from './calendar.js';
import type { CalendarHead } from './calendar.js';
import { renderCancelled } from './cancelled.js';
import { branchStyle } from './colors.js';
import { icalContext } from './context.js';
import type { IcalContext, IcalOptions } from './context.js';
import { addSessionEvent } from './event.js';
import { addMilestones } from './milestones.js';

/**
 * One calendar file, relative to the output directory (`/`-separated).
 *
 * @example
 * const file: CalendarFile = { path: 'ics/groups/Q5-12.ics', content: 'BEGIN:VCALENDAR\r\n…' };
 */
export interface CalendarFile {
  readonly path: string;
  readonly content: string;
}

/**
 * A file name from an id: `/` becomes `-` (SPEC §6: `Q5/12` → `Q5-12`);
 * characters that some file systems refuse (`\ : * ? " < > |`) become `_`;
 * a leading dot becomes `_` (no hidden files, no `..`).
 *
 * @example
 * fileStem('Q5/12') // 'Q5-12'
 */
export function fileStem(id: string): string {
  return id.replace(/\//g, '-').replace(/[\\:*?"<>|]/g, '_').replace(/^\./, '_');
}

/**
 * File stems for ids, made unique (`-2`, `-3`, … on a clash, in order; case-insensitively).
 *
 * @example
 * uniqueStems(['Q5/12', 'Q5-12']) // ['Q5-12', 'Q5-12-2']
 */
export function uniqueStems(ids: readonly string[]): string[] {
  const used = new Set<string>();
  return ids.map((id) => {
    const base = fileStem(id);
    let stem = base;
    for (let k = 2; used.has(stem.toLowerCase()); k++) stem = `${base}-${k}`;
    used.add(stem.toLowerCase());
    return stem;
  });
}

/**
 * `calendar.ics`: the whole meeting, `METHOD:PUBLISH`, no attendees.
 *
 * @example
 * renderMeetingCalendar(ctx) // 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…METHOD:PUBLISH\r\n…'
 */
export function renderMeetingCalendar(ctx: IcalContext): string {
  const head: CalendarHead = { method: 'PUBLISH', name: ctx.meeting.title, description: `${ctx.meeting.title}: every session, times in ${ctx.meeting.timeZone}` };
  const cal = newCalendar();
  addMilestones(cal, ctx);
  for (const p of ctx.placed) addSessionEvent(cal, ctx, p, { kind: 'public' });
  return serializeCalendar(cal, head, ctx.vtimezone);
}

/**
 * `ics/groups/<group>.ics`: a group's own sessions, `METHOD:PUBLISH`, in its
 * working party's colour; undefined when none is placed.
 *
 * @example
 * renderGroupCalendar(ctx, meeting.groupIndex.get('Q5/12')!) // '…X-WR-CALNAME:Q5/12 · ITU-T …'
 */
export function renderGroupCalendar(ctx: IcalContext, group: number): string | undefined {
  const placed = ctx.placed.filter((p) => ctx.meeting.sessions[p.index]!.group === group);
  if (placed.length === 0) return undefined;
  const g = ctx.meeting.groups[group]!;
  const head: CalendarHead = {
    method: 'PUBLISH',
    name: `${g.id} · ${ctx.meeting.title}`,
    description: `${g.title ? `${g.id} ${g.title}` : g.id}: its sessions at ${ctx.meeting.title}`,
    style: branchStyle(ctx.meeting, group),
  };
  const cal = newCalendar();
  for (const p of placed) addSessionEvent(cal, ctx, p, { kind: 'public' });
  return serializeCalendar(cal, head, ctx.vtimezone);
}

/**
 * `ics/people/<person>.ics`: the sessions person `person` attends (and the
 * milestones), `METHOD:REQUEST` with them as ATTENDEE (see {@link inviteeOf}
 * for a person without an e-mail address); descriptions in their zone.
 * Undefined when they attend no placed session.
 *
 * @example
 * renderPersonCalendar(ctx, meeting.personIndex.get('q5-rapp')!) // '…METHOD:REQUEST…ATTENDEE;ROLE=REQ-PARTICIPANT…'
 */
export function renderPersonCalendar(ctx: IcalContext, person: number): string | undefined {
  const p = ctx.meeting.people[person]!;
  const mine = new Set(p.sessions);
  const placed = ctx.placed.filter((x) => mine.has(x.index));
  if (placed.length === 0) return undefined;
  const head: CalendarHead = {
    method: 'REQUEST',
    name: `${ctx.meeting.title} — ${p.name ?? p.id}`,
    description: `${p.name ?? p.id}: the sessions you attend at ${ctx.meeting.title}, with times in ${p.timeZone}`,
  };
  const cal = newCalendar();
  addMilestones(cal, ctx, person);
  for (const x of placed) addSessionEvent(cal, ctx, x, { kind: 'person', person });
  return serializeCalendar(cal, head, ctx.vtimezone);
}

/**
 * Every calendar file of a timetable: `calendar.ics`, `ics/groups/*.ics`,
 * `ics/people/*.ics`, and `ics/cancelled.ics` when sessions of
 * `options.previous` are gone. Same inputs and stamp ⇒ byte-identical files.
 *
 * @example
 * renderCalendars(meeting, timetable, { stamp: 1620000000000 }).map((f) => f.path)
 * // ['calendar.ics', 'ics/groups/SG12.ics', …, 'ics/people/kwame.ics', …]
 */
export function renderCalendars(meeting: Meeting, timetable: Timetable, options: IcalOptions): CalendarFile[] {
  return [...calendarFiles(meeting, timetable, options)];
}

/**
 * The files of {@link renderCalendars}, one at a time and in the same order:
 * each is rendered only when asked for, so that a caller writing them as they
 * come holds one file in memory, not thousands (a meeting of 5,000 people).
 *
 * @example
 * for (const f of calendarFiles(meeting, timetable, { stamp: Date.now() })) writeFileSync(f.path, f.content);
 */
export function* calendarFiles(meeting: Meeting, timetable: Timetable, options: IcalOptions): Generator<CalendarFile, void, undefined> {
  const ctx = icalContext(meeting, timetable, options);
  yield { path: 'calendar.ics', content: renderMeetingCalendar(ctx) };
  const groupStems = uniqueStems(meeting.groups.map((g) => g.id));
  for (const g of meeting.groups) {
    const content = renderGroupCalendar(ctx, g.index);
    if (content !== undefined) yield { path: `ics/groups/${groupStems[g.index]}.ics`, content };
  }
  const personStems = uniqueStems(meeting.people.map((p) => p.id));
  for (const p of meeting.people) {
    const content = renderPersonCalendar(ctx, p.index);
    if (content !== undefined) yield { path: `ics/people/${personStems[p.index]}.ics`, content };
  }
  const cancelled = renderCancelled(ctx);
  if (cancelled !== undefined) yield { path: 'ics/cancelled.ics', content: cancelled };
}
