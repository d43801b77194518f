/**
 * The only place that touches files: reading inputs with clear errors, and
 * writing outputs atomically (a temporary file renamed into place, so that no
 * partial file ever looks complete).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

/** Writes `text` to `path` atomically, creating directories as needed. */
export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
