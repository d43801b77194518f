/**
 * The only place that touches files: reading inputs with clear errors, and
 * writing outputs atomically (a temporary file renamed into place, so that no
 * partial file ever looks complete).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
