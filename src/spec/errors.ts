/**
 * Problems with input, as data: `{ code, path, message }`. The text a user sees
 * (`sessions[3].minutes: expected …`) is made from them by {@link formatIssue}.
 */

/**
 * What kind of problem an issue is.
 *
 * @example
 * const code: IssueCode = 'unknown_reference'; // an id that names nothing
 */
export type IssueCode =
  | 'parse'
  | 'invalid_type'
  | 'invalid_value'
  | 'unknown_key'
  | 'missing'
  | 'duplicate_id'
  | 'unknown_reference'
  | 'out_of_range'
  | 'invalid_zone'
  | 'invalid_date'
  | 'invalid_time'
  | 'nonexistent_time'
  | 'off_grid'
  | 'outside_blocks'
  | 'bad_minutes'
  | 'no_place'
  | 'cycle'
  | 'overlap'
  | 'inconsistent';

/**
 * A path into the input: keys and array indices.
 *
 * @example
 * const path: IssuePath = ['groups', 0, 'delegates', 'Asia/Tokyo']; // groups[0].delegates["Asia/Tokyo"]
 */
export type IssuePath = readonly (string | number)[];

/**
 * One problem with one place of the input.
 *
 * @example
 * const issue: SpecIssue = { code: 'invalid_zone', path: ['timeZone'], message: 'expected an IANA time zone name; Geneva time is "Europe/Zurich"' };
 */
export interface SpecIssue {
  readonly code: IssueCode;
  readonly path: IssuePath;
  readonly message: string;
}

/** Marks a {@link SpecError} across copies of the package (its ESM and CommonJS builds both loaded). */
const SPEC_ERROR = Symbol.for('plenary.SpecError');

/**
 * Thrown by the readers of specs and timetables: every problem found, each with
 * its path. Never thrown for a valid input. `instanceof SpecError` holds for
 * one thrown by either build of the package (a program that both imports and
 * requires it has two copies of the class).
 *
 * @example
 * try { loadMeeting(parseText(text, 'meeting.json'), 'meeting.json') } catch (e) {
 *   if (e instanceof SpecError) for (const line of e.lines()) console.error(line);
 * }
 */
export class SpecError extends Error {
  readonly issues: readonly SpecIssue[];
  /** Which input the issues are about (a file name, or `spec` / `timetable`). */
  readonly source: string | undefined;

  static override [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === 'object' && x !== null && (x as { [SPEC_ERROR]?: unknown })[SPEC_ERROR] === true;
  }

  constructor(issues: readonly SpecIssue[], source?: string) {
    super(issues.map((i) => formatIssue(i, source)).join('\n'));
    this.name = 'SpecError';
    this.issues = issues;
    this.source = source;
    Object.defineProperty(this, SPEC_ERROR, { value: true });
  }

  /** One line per problem. */
  lines(): string[] {
    return this.issues.map((i) => formatIssue(i, this.source));
  }
}

/**
 * `sessions[3].minutes`, `groups[0].delegates["Asia/Tokyo"]`; `(root)` for the empty path.
 *
 * @example
 * formatPath(['sessions', 3, 'minutes']) // 'sessions[3].minutes'
 */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(p)) out += out === '' ? p : `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * `file: path: message` on one line.
 *
 * @example
 * formatIssue({ code: 'bad_minutes', path: ['sessions', 3, 'minutes'], message: 'expected a multiple of the grid (15 minutes), got 50' }, 'meeting.json')
 * // 'meeting.json: sessions[3].minutes: expected a multiple of the grid (15 minutes), got 50'
 */
export function formatIssue(issue: SpecIssue, source?: string): string {
  const where = formatPath(issue.path);
  const msg = issue.message.replace(/\s*\n\s*/g, ' ');
  return source ? `${source}: ${where}: ${msg}` : `${where}: ${msg}`;
}

/** Collects issues while reading; throws them all at once. */
export class IssueList {
  readonly issues: SpecIssue[] = [];

  add(code: IssueCode, path: IssuePath, message: string): void {
    this.issues.push({ code, path: [...path], message });
  }

  get length(): number {
    return this.issues.length;
  }

  throwIfAny(source?: string): void {
    if (this.issues.length > 0) throw new SpecError(this.issues, source);
  }
}
