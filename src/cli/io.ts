/**
 * The only place that touches files: reading inputs with clear errors, and
 * writing outputs all or none (temporary files renamed into place once all are
 * written, so that no partial output ever looks complete).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { parseText } from '../spec/read.js';
import { SpecError } from '../spec/errors.js';
import { loadMeeting } from '../spec/read.js';
import type { Meeting } from '../model/types.js';

/** A problem with how the command was called (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Reads a file as UTF-8, or throws a one-line {@link SpecError} naming it. */
export function readInput(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new SpecError([{ code: 'parse', path: [], message: `cannot read: ${why}` }], path);
  }
}

/** Reads and parses a JSON (or YAML) file. */
export function readData(path: string): unknown {
  return parseText(readInput(path), path);
}

/** Reads, validates and builds the meeting of a spec file. */
export function readMeeting(path: string): Meeting {
  return loadMeeting(readData(path), path);
}

/** The calendar folders of an output directory. */
const CALENDAR_DIRS = ['ics/groups', 'ics/people'];

/**
 * Makes the output directory and its calendar folders before anything is
 * written: a path that cannot be one (a file named `ics` in it, say) fails
 * here, leaving no file that looks like a complete output.
 */
export function prepareOutput(out: string): void {
  for (const d of CALENDAR_DIRS) mkdirSync(join(out, ...d.split('/')), { recursive: true });
}

/**
 * Removes the calendars that an earlier run left in `out` and this one did not
 * write (`written`: paths relative to `out`, with `/`) — the `.ics` files of
 * ics/groups and ics/people of a person or group gone from the spec, and an
 * ics/cancelled.ics of an earlier re-planning, whose re-import would cancel
 * sessions again. Returns how many.
 */
export function removeStaleCalendars(out: string, written: ReadonlySet<string>): number {
  let removed = 0;
  const drop = (rel: string): void => {
    if (written.has(rel)) return;
    rmSync(join(out, ...rel.split('/')), { force: true });
    removed++;
  };
  for (const d of CALENDAR_DIRS) {
    const dir = join(out, ...d.split('/'));
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith('.ics')) drop(`${d}/${f}`);
  }
  if (existsSync(join(out, 'ics', 'cancelled.ics'))) drop('ics/cancelled.ics');
  return removed;
}

/**
 * Writes the files of one output all or none: each is written under a
 * temporary name next to its place (`.NAME.PID.tmp`), one at a time as they
 * come (thousands of calendars are never all in memory), and only when every
 * one is written are they renamed into place, `timetable.json` last. A failure
 * part-way (a full disk, a file in the way) removes what was staged and
 * rethrows, leaving `out` as it was — an earlier run's output whole, never a
 * mix that looks complete. Returns the paths written (relative, with `/`).
 *
 * @example
 * writeOutput('out', [{ path: 'timetable.json', content: '{…}' }, { path: 'ics/groups/q5.ics', content: 'BEGIN:VCALENDAR…' }])
 */
export function writeOutput(out: string, files: Iterable<{ readonly path: string; readonly content: string }>): string[] {
  const staged: { tmp: string; path: string; rel: string }[] = [];
  let renamed = 0;
  try {
    for (const f of files) {
      const path = join(out, ...f.path.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
      staged.push({ tmp, path, rel: f.path });
      writeFileSync(tmp, f.content);
    }
    const written = staged.map((f) => f.rel);
    staged.sort((a, b) => Number(a.rel === 'timetable.json') - Number(b.rel === 'timetable.json'));
    for (; renamed < staged.length; renamed++) renameSync(staged[renamed]!.tmp, staged[renamed]!.path);
    return written;
  } catch (e) {
    for (const f of staged.slice(renamed)) {
      try {
        unlinkSync(f.tmp); // a file only: what stands in the way of a staged name (a folder) is not ours
      } catch {
        // never staged, or not a file
      }
    }
    throw e;
  }
}
