/**
 * The change report of a re-planning: which sessions moved (from when to
 * when, in meeting time), which were added, which were cancelled, compared
 * with the previous (published) timetable. Written as `changes.md` and
 * printed on stdout by `plenary solve --previous` and `plenary ics --previous`.
 */
import type { Meeting } from '../model/types.js';
import { parseInstant } from '../model/time.js';
import { trustedTimetable } from '../timetable/document.js';
import type { Previous } from '../timetable/timetable.js';
import type { Timetable } from '../timetable/types.js';
import { formatRange } from './ical/text.js';
import { markdownText } from './markdown.js';

/**
 * A session's time: instants (epoch minutes).
 *
 * @example
 * const was: Span | undefined = change.from; // { start, end } in epoch minutes
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * One session in the change report.
 *
 * @example
 * for (const c of timetableChanges(meeting, timetable, previous).moved) console.log(c.id, c.from, '→', c.to, 'SEQUENCE', c.sequence);
 */
export interface SessionChange {
  readonly id: string;
  readonly group: string;
  readonly title: string;
  /** Where it was (moved, cancelled). */
  readonly from?: Span;
  /** Where it is now (moved, added). */
  readonly to?: Span;
  /** The SEQUENCE its calendar event now carries (cancelled: the one of the CANCEL). */
  readonly sequence: number;
}

/**
 * What changed between a previous timetable and a new one.
 *
 * @example
 * const c: TimetableChanges = timetableChanges(meeting, timetable, previous);
 * c.moved[0] // { id: 'q13-12-1', from: { start, end }, to: { start, end }, sequence: 1, … }
 */
export interface TimetableChanges {
  /** The zone the times are shown in (the meeting's). */
  readonly timeZone: string;
  readonly moved: readonly SessionChange[];
  readonly added: readonly SessionChange[];
  readonly cancelled: readonly SessionChange[];
  /** Sessions present in both, at the same time. */
  readonly unchanged: number;
}

function span(start: string, end: string): Span | undefined {
  const a = parseInstant(start);
  const b = parseInstant(end);
  return a.kind === 'ok' && b.kind === 'ok' ? { start: a.min, end: b.min } : undefined;
}

/**
 * Compares a new timetable of `meeting` with the previous one.
 *
 * @example
 * const c = timetableChanges(meeting, timetable, previous);
 * c.moved.map((m) => m.id) // ['q5-12-3']
 */
export function timetableChanges(meeting: Meeting, given: Timetable, previous: Previous): TimetableChanges {
  const timetable = trustedTimetable(meeting, given, previous);
  const moved: SessionChange[] = [];
  const added: SessionChange[] = [];
  const cancelled: SessionChange[] = [];
  let unchanged = 0;
  const now = new Set<string>();
  for (const row of timetable.sessions) {
    now.add(row.id);
    const to = span(row.start, row.end);
    if (!to) continue;
    const base = { id: row.id, group: row.group, title: row.title, sequence: row.sequence };
    const ps = previous.starts.get(row.id);
    const pe = previous.ends.get(row.id);
    if (ps === undefined || pe === undefined) added.push({ ...base, to });
    else if (ps !== to.start || pe !== to.end) moved.push({ ...base, from: { start: ps, end: pe }, to });
    else unchanged++;
  }
  for (const row of previous.sessions) {
    if (now.has(row.id)) continue;
    cancelled.push({ id: row.id, group: row.group, title: row.title, from: { start: previous.starts.get(row.id)!, end: previous.ends.get(row.id)! }, sequence: row.sequence + 1 });
  }
  const byTo = (a: SessionChange, b: SessionChange) => a.to!.start - b.to!.start || (a.id < b.id ? -1 : 1);
  const byFrom = (a: SessionChange, b: SessionChange) => a.from!.start - b.from!.start || (a.id < b.id ? -1 : 1);
  moved.sort(byTo);
  added.sort(byTo);
  cancelled.sort(byFrom);
  return { timeZone: meeting.timeZone, moved, added, cancelled, unchanged };
}

function label(c: SessionChange): string {
  const t = c.title.startsWith(c.group) || c.group === '' ? c.title : `${c.group} ${c.title}`;
  return `${t} (${c.id})`;
}

function when(zone: string, s: Span): string {
  return formatRange(zone, s.start, s.end);
}

/**
 * Whether anything changed.
 *
 * @example
 * hasChanges(timetableChanges(meeting, timetable, previous)) // true
 */
export function hasChanges(c: TimetableChanges): boolean {
  return c.moved.length + c.added.length + c.cancelled.length > 0;
}

/**
 * The change report as plain text for a terminal.
 *
 * @example
 * renderChangesText(c)
 * // 'Changes since the previous timetable (times in Europe/Zurich): 1 moved, 0 added, 1 cancelled, 46 unchanged\n  moved  Q5/12 … (q5-12-3): Tue 4 May 2021, 15:30–17:00 (UTC+02:00) → …'
 */
export function renderChangesText(c: TimetableChanges): string {
  const lines = [`Changes since the previous timetable (times in ${c.timeZone}): ${c.moved.length} moved, ${c.added.length} added, ${c.cancelled.length} cancelled, ${c.unchanged} unchanged`];
  for (const m of c.moved) lines.push(`  moved      ${label(m)}: ${when(c.timeZone, m.from!)} → ${when(c.timeZone, m.to!)} [SEQUENCE ${m.sequence}]`);
  for (const a of c.added) lines.push(`  added      ${label(a)}: ${when(c.timeZone, a.to!)}`);
  for (const x of c.cancelled) lines.push(`  cancelled  ${label(x)}: was ${when(c.timeZone, x.from!)} [ics/cancelled.ics, SEQUENCE ${x.sequence}]`);
  return `${lines.join('\n')}\n`;
}

/** A table cell of changes.md: the label shown as written (markdownText). */
const cell = markdownText;

/**
 * The change report as Markdown (`changes.md`).
 *
 * @example
 * renderChangesMarkdown(c, 'ITU-T SG12 …') // '# Changes: ITU-T SG12 …\n\n…| Session | From | To |…'
 */
export function renderChangesMarkdown(c: TimetableChanges, title: string): string {
  const lines = [`# Changes: ${markdownText(title)}`, ''];
  lines.push(`Compared with the previous timetable. Times in ${c.timeZone} (meeting time). ${c.moved.length} moved, ${c.added.length} added, ${c.cancelled.length} cancelled, ${c.unchanged} unchanged.`, '');
  if (!hasChanges(c)) lines.push('Nothing changed: the calendars already sent out stay valid.', '');
  if (c.moved.length) {
    lines.push('## Moved', '', 'Their calendar events carry a higher SEQUENCE: re-importing the calendars updates them in place.', '', '| Session | From | To | SEQUENCE |', '|---|---|---|---|');
    for (const m of c.moved) lines.push(`| ${cell(label(m))} | ${when(c.timeZone, m.from!)} | ${when(c.timeZone, m.to!)} | ${m.sequence} |`);
    lines.push('');
  }
  if (c.added.length) {
    lines.push('## Added', '', '| Session | When |', '|---|---|');
    for (const a of c.added) lines.push(`| ${cell(label(a))} | ${when(c.timeZone, a.to!)} |`);
    lines.push('');
  }
  if (c.cancelled.length) {
    lines.push('## Cancelled', '', 'Sent as `ics/cancelled.ics` (METHOD:CANCEL): importing it removes them from calendars.', '', '| Session | Was | SEQUENCE |', '|---|---|---|');
    for (const x of c.cancelled) lines.push(`| ${cell(label(x))} | ${when(c.timeZone, x.from!)} | ${x.sequence} |`);
    lines.push('');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
