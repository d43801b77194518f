/**
 * Everything `plenary solve` (and `plenary ics`) writes into its output
 * directory, as pure data: a list of relative paths and their text. The CLI
 * writes them (atomically); tests read them without touching the disk.
 */
import type { Meeting } from '../model/types.js';
import type { Previous } from '../timetable/timetable.js';
import { timetableToJson } from '../timetable/timetable.js';
import type { Timetable } from '../timetable/types.js';
import { renderTimeplanMarkdown } from './timeplan.js';

/** One file to write, relative to the output directory (always `/`-separated). */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

/** Options of {@link renderOutputs}. */
export interface OutputOptions {
  /** The previous timetable, when re-planning after publication. */
  readonly previous?: Previous;
  /** DTSTAMP of the calendars, epoch milliseconds (default: SOURCE_DATE_EPOCH or now, chosen by the caller). */
  readonly stamp?: number;
}

/** The files of a solved meeting: timetable.json, timeplan.md, and the rest. */
export function renderOutputs(meeting: Meeting, timetable: Timetable, options: OutputOptions = {}): OutputFile[] {
  void options;
  return [
    { path: 'timetable.json', content: timetableToJson(timetable) },
    { path: 'timeplan.md', content: renderTimeplanMarkdown(meeting, timetable) },
  ];
}
