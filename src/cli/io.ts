/**
 * The only place that touches files: reading inputs with clear errors, and
 * writing outputs all or none (temporary files renamed into place once all are
 * written, so that no partial output ever looks complete).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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

/** One line of a report of bad input: an option's problem (said after `plenary <command>:`) or a file's (naming its file). */
export interface ProblemLine {
  readonly text: string;
  readonly ofFile: boolean;
}

/** Several problems of one command line, reported together (exit code 2). */
export class InputProblems extends Error {
  constructor(readonly problems: readonly ProblemLine[]) {
    super(problems.map((p) => p.text).join('\n'));
    this.name = 'InputProblems';
  }
}

/**
 * Collects the problems of one command line so that all of them are reported,
 * one line each, not only the first: options that are wrong each on their own,
 * and files that can be read independently of each other.
 *
 * @example
 * const problems = new Problems();
 * const minutes = problems.take(() => intOption('minutes', values.minutes, 1));
 * const top = problems.take(() => intOption('top', values.top, 1));
 * problems.check(); // throws InputProblems naming both when both are wrong
 */
export class Problems {
  private readonly lines: ProblemLine[] = [];
  /** An option's problem. */
  add(text: string): void {
    this.lines.push({ text, ofFile: false });
  }
  /** `f()`, or undefined when it fails on bad input (a usage or spec error, whose lines are kept). */
  take<T>(f: () => T): T | undefined {
    try {
      return f();
    } catch (e) {
      if (e instanceof UsageError) for (const text of e.message.split('\n')) this.lines.push({ text, ofFile: false });
      else if (e instanceof SpecError) for (const text of e.lines()) this.lines.push({ text, ofFile: true });
      else if (e instanceof InputProblems) this.lines.push(...e.problems);
      else throw e;
      return undefined;
    }
  }
  /** Throws every problem found so far, if any (with the usage line last when an option is wrong). */
  check(usage?: string): void {
    if (this.lines.length === 0) return;
    const usageLine = usage !== undefined && this.lines.some((l) => !l.ofFile && !l.text.startsWith('usage: ')) ? [{ text: `usage: ${usage}`, ofFile: false }] : [];
    const seen = new Set<string>();
    const lines = [...this.lines.filter((l) => !l.text.startsWith('usage: ')), ...usageLine].filter((l) => !seen.has(l.text) && seen.add(l.text));
    throw new InputProblems(lines);
  }
}

/** File-system errors in words (the command line's messages name the path once, then these). */
export const FS_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory, expected a file',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  EEXIST: 'is in the way',
};

/**
 * Reads a file as UTF-8, or throws a one-line {@link SpecError} naming it:
 * when it cannot be read, and when it is not UTF-8 — a file saved as
 * Latin-1 or Windows-1252 (`Genève` would silently become `Gen�ve` in every
 * title and invitation) or as UTF-16 — with the line and column of the first
 * byte that is not.
 */
export function readInput(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SpecError([{ code: 'parse', path: [], message: `cannot read: ${(code && FS_WORDS[code]) ?? (e as Error).message}` }], path);
  }
  const fail = (message: string) => new SpecError([{ code: 'parse', path: [], message }], path);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw fail('expected UTF-8 text, got UTF-16 (it starts with a UTF-16 byte order mark): save the file as UTF-8');
  }
  const bad = firstNonUtf8(bytes);
  if (bad >= 0) {
    const lineStart = bad === 0 ? 0 : bytes.lastIndexOf(0x0a, bad - 1) + 1; // (a negative offset would search from the end)
    const line = bytes.subarray(0, lineStart).filter((b) => b === 0x0a).length + 1;
    const column = [...bytes.subarray(lineStart, bad).toString('utf8')].length + 1;
    const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
    throw fail(`line ${line}, column ${column}: expected UTF-8 text, got the byte 0x${hex} (a file saved as Latin-1 or Windows-1252?): save the file as UTF-8`);
  }
  return bytes.toString('utf8');
}

/**
 * Offset of the first byte that does not belong to well-formed UTF-8 (RFC
 * 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or -1.
 */
function firstNonUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    // the second byte's range depends on the first; the others are 80..BF
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < len; k++) {
      const x = b[i + k];
      if (x === undefined || x < (k === 1 ? lo : 0x80) || x > (k === 1 ? hi : 0xbf)) return i;
    }
    i += len;
  }
  return -1;
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
  for (const d of CALENDAR_DIRS) makeDir(join(out, ...d.split('/')));
  removeOrphanedStaging(out);
}

/** A file {@link writeOutput} stages: `.NAME.PID.tmp`. */
const STAGED = /^\..+\.(\d+)\.tmp$/;

/**
 * Removes the staged files (`.NAME.PID.tmp`) that a run interrupted while
 * writing (Ctrl-C, a kill) left in `out` and its calendar folders: hidden,
 * but a served or synced folder would publish them. Only those of processes
 * no longer running: a run writing into the same folder at this moment keeps
 * its own. Returns how many.
 */
export function removeOrphanedStaging(out: string): number {
  let removed = 0;
  for (const d of ['', 'ics', ...CALENDAR_DIRS]) {
    const dir = join(out, ...d.split('/').filter(Boolean));
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      const pid = STAGED.exec(f)?.[1];
      if (pid === undefined || Number(pid) === process.pid || running(Number(pid))) continue;
      try {
        rmSync(join(dir, f), { force: true });
        removed++;
      } catch {
        // a folder of that name: not one of ours
      }
    }
  }
  return removed;
}

/** Whether a process with this id runs (EPERM: it does, as another user's). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Makes a directory and the missing ones above it, one at a time (node's
 * `mkdirSync(…, { recursive: true })` loops for ever where the file system
 * refuses a new entry with ENOENT, as under /proc): a directory that cannot
 * be made is one line naming it. A file in the way stays ENOTDIR (said as
 * "is a file, expected a directory").
 */
function makeDir(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EEXIST' && statSync(d).isDirectory()) continue; // made meanwhile by a run into the same folder
      if (err.code === 'ENOTDIR' || err.code === 'EEXIST') throw e;
      throw new UsageError(`${d}: cannot create this directory (${(err.code && FS_WORDS[err.code]) ?? err.message.split('\n')[0]})`);
    }
  }
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
      makeDir(dirname(path));
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
