/**
 * Everything `plenary solve` (and `plenary ics`) writes into its output
 * directory, as pure data: a list of relative paths and their text. The CLI
 * writes them (atomically); tests read them without touching the disk.
 */
import type { Meeting } from '../model/types.js';
import { trustedTimetable } from '../timetable/document.js';
import type { Previous } from '../timetable/timetable.js';
import { timetableToJson } from '../timetable/timetable.js';
import type { Timetable } from '../timetable/types.js';
import { renderChangesMarkdown, timetableChanges } from './changes.js';
import { calendarFiles } from './ical/files.js';
import { checkStamp } from './ical/stamp.js';
import { renderReport } from './report.js';
import { renderTimeplanMarkdown } from './timeplan.js';

/**
 * One file to write, relative to the output directory (always `/`-separated).
 *
 * @example
 * for (const f of renderOutputs(meeting, r.timetable, { stamp: Date.now() })) {
 *   mkdirSync(dirname(join(out, f.path)), { recursive: true });
 *   writeFileSync(join(out, f.path), f.content);
 * }
 */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Options of {@link renderOutputs}.
 *
 * @example
 * const options: OutputOptions = { stamp: calendarStamp(), locale: 'fr', previous: readPrevious(published, 'published.json', meeting.id) };
 */
export interface OutputOptions {
  /** The previous timetable, when re-planning after publication. */
  readonly previous?: Previous;
  /** DTSTAMP of the calendars, epoch milliseconds: SOURCE_DATE_EPOCH or now, as {@link calendarStamp} gives it (the renderers never read the clock themselves; without it they throw `RangeError`). */
  readonly stamp: number;
  /** Language of timeplan.md and report.html: `en` (default), `fr` or `zh` (check with `resolveLocale`). */
  readonly locale?: string;
}

/**
 * The files of a solved meeting: timetable.json, timeplan.md, report.html,
 * the calendars and, when re-planning, changes.md. A timetable that
 * `buildTimetable` (or `solve`) did not make — a document read from a file —
 * is read first with {@link timetableFromDocument} (checked, scored afresh,
 * SEQUENCE numbers against `previous`).
 *
 * @example
 * const files = renderOutputs(meeting, r.timetable, { stamp: calendarStamp(), locale: 'fr' });
 * files.map((f) => f.path) // ['timetable.json', 'timeplan.md', 'report.html', 'calendar.ics', 'ics/groups/…', …]
 */
export function renderOutputs(meeting: Meeting, timetable: Timetable, options: OutputOptions): OutputFile[] {
  return [...outputFiles(meeting, timetable, options)];
}

/**
 * The files of {@link renderOutputs}, rendered one at a time as they are
 * asked for (the CLI writes each before rendering the next, so that a large
 * meeting's thousands of calendars are never all in memory at once).
 *
 * @example
 * for (const f of outputFiles(meeting, r.timetable, { stamp: calendarStamp() })) writeFileSync(join(dir, f.path), f.content);
 */
export function* outputFiles(meeting: Meeting, given: Timetable, options: OutputOptions): Generator<OutputFile, void, undefined> {
  const stamp = checkStamp(options?.stamp);
  const timetable = trustedTimetable(meeting, given, options.previous);
  yield { path: 'timetable.json', content: timetableToJson(timetable) };
  yield { path: 'timeplan.md', content: renderTimeplanMarkdown(meeting, timetable, { locale: options.locale }) };
  yield { path: 'report.html', content: renderReport(meeting, timetable, { locale: options.locale }) };
  // Calendars (calendar.ics, ics/groups, ics/people, ics/cancelled.ics) and, when re-planning, changes.md.
  yield* calendarFiles(meeting, timetable, { stamp, ...(options.previous ? { previous: options.previous } : {}) });
  if (options.previous) yield { path: 'changes.md', content: renderChangesMarkdown(timetableChanges(meeting, timetable, options.previous), meeting.title) };
}
