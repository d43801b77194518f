/**
 * Reading specs: text → data → validated, expanded spec → {@link Meeting}.
 * Every problem is collected with its path and thrown as one {@link SpecError}.
 */
import * as YAML from 'yaml';
import type { Meeting } from '../model/types.js';
import { buildMeeting } from '../model/build.js';
import { fromZod, keysAt } from './common.js';
import { IssueList, SpecError, formatPath } from './errors.js';
import type { IssuePath, SpecIssue } from './errors.js';
import { duplicateKeys } from './json-keys.js';
import { meetingSchema } from './meeting-schema.js';
import type { MeetingSpec } from './meeting-schema.js';
import { expandItuStudyGroup, ituStudyGroupSchema } from './presets/itu-study-group.js';
import type { Expansion } from './presets/itu-study-group.js';

/**
 * The formats a spec may have.
 *
 * @example
 * if (!SPEC_FORMATS.includes(doc.format)) console.error(`expected one of ${SPEC_FORMATS.join(', ')}`);
 */
export const SPEC_FORMATS = ['plenary.meeting/1', 'plenary.itu-study-group/1'] as const;

/**
 * Parses the text of a spec or timetable file: YAML when `source` ends in
 * `.yaml`/`.yml`, JSON otherwise. Syntax errors become a {@link SpecError} with
 * the line and column, and so does a key given twice in one object (which
 * `JSON.parse` would take the last of, and YAML refuses), one line each.
 *
 * @example
 * parseText('{"format": "plenary.meeting/1"}', 'meeting.json') // { format: 'plenary.meeting/1' }
 * parseText('format: plenary.meeting/1', 'meeting.yaml')  // the same, from YAML
 * parseText('{', 'meeting.json') // throws SpecError: meeting.json: (root): line 1, column 2: expected valid JSON (…)
 * parseText('{"tracks": 3, "tracks": 4}', 'meeting.json') // throws SpecError: meeting.json: (root): line 1, column 15: duplicate key "tracks" …
 *
 * A byte order mark at the start (U+FEFF, which Windows editors write before
 * UTF-8 text) is not part of the data and is skipped, as RFC 8259 §8.1
 * allows; `JSON.parse` would refuse the file at its first character.
 */
export function parseText(input: string, source?: string): unknown {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (source && /\.ya?ml$/i.test(source)) {
    try {
      return YAML.parse(text, { uniqueKeys: true, prettyErrors: true });
    } catch (e) {
      const err = e as { message?: string; linePos?: [{ line: number; col: number }] };
      const pos = err.linePos?.[0];
      const where = pos ? `line ${pos.line}, column ${pos.col}` : 'YAML';
      throw new SpecError([{ code: 'parse', path: [], message: `${where}: expected valid YAML (${firstLine(err.message ?? String(e)).replace(/ at line \d+, column \d+:?$/, "")})` }], source);
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    let where = 'JSON';
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const col = pos - before.lastIndexOf('\n');
      where = `line ${line}, column ${col}`;
    }
    const text1 = text.trim() === '' ? 'the file is empty' : firstLine(msg);
    throw new SpecError([{ code: 'parse', path: [], message: `${where}: expected valid JSON (${text1})` }], source);
  }
  const duplicates = duplicateKeys(text);
  if (duplicates.length > 0) throw new SpecError(duplicates, source);
  return data;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

/** Where the items and fields of an expanded preset came from. */
type Trace = Pick<Expansion, 'origins' | 'fieldOrigins'>;

interface Expanded {
  readonly spec: MeetingSpec;
  readonly trace: Trace | undefined;
  /** The preset document, for the paths it has. */
  readonly input?: unknown;
}

/**
 * Maps an issue on the expanded spec back to the preset: the field that set
 * the value where one did (`questionSessions.minutes`), else the item it came
 * from with the rest of the path.
 */
function toPresetPath(issue: SpecIssue, trace: Trace | undefined): SpecIssue {
  if (!trace) return issue;
  const message = `${issue.message} (in the expansion: ${formatPath(issue.path)})`;
  const field = trace.fieldOrigins[formatPath(issue.path)];
  if (field) return { ...issue, path: field, message };
  const [head, index, ...rest] = issue.path;
  const origin = typeof head === 'string' && typeof index === 'number' ? trace.origins[head]?.[index] : undefined;
  return origin ? { ...issue, path: [...origin, ...rest], message } : { ...issue, message };
}

/**
 * One issue per preset path and problem (a Question's minutes set once are
 * wrong for each of its sessions); with the preset document, none at a path
 * it does not have below another issue's path (the opening plenary too long
 * for its block, and then its start `plenaries.opening.at`, which the
 * preset has no key for).
 */
function presetIssues(issues: readonly SpecIssue[], trace: Trace | undefined, input?: unknown): SpecIssue[] {
  const seen = new Set<string>();
  const out: SpecIssue[] = [];
  for (const i of issues.map((x) => toPresetPath(x, trace))) {
    const key = `${formatPath(i.path)}\u0000${i.message.replace(/ \(in the expansion: [^)]*\)$/, '')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(i);
  }
  if (!trace || input === undefined) return out;
  const below = (a: readonly PropertyKey[], b: readonly PropertyKey[]) => a.length < b.length && a.every((k, j) => k === b[j]);
  return out.filter((i) => pathExists(input, i.path) || !out.some((o) => o !== i && below(o.path, i.path)));
}

/** Whether the document has something at this path. */
function pathExists(doc: unknown, path: readonly PropertyKey[]): boolean {
  let at: unknown = doc;
  for (const k of path) {
    if (at === null || typeof at !== 'object') return false;
    if (Array.isArray(at) ? typeof k !== 'number' || k >= at.length : !Object.prototype.hasOwnProperty.call(at, k)) return false;
    at = (at as Record<PropertyKey, unknown>)[k as PropertyKey];
  }
  return true;
}

function expandOrThrow(input: unknown, source: string | undefined): Expanded {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new SpecError([{ code: 'invalid_type', path: [], message: `expected a spec object with "format": ${SPEC_FORMATS.map((f) => `"${f}"`).join(' or ')}` }], source);
  }
  const format = (input as Record<string, unknown>).format;
  if (format === 'plenary.meeting/1') {
    const r = meetingSchema.safeParse(input);
    if (!r.success) throw structuralError(fromZod(r.error, input, [], (path) => keysAt(meetingSchema, path)), source);
    return { spec: withDefaults(r.data), trace: undefined };
  }
  if (format === 'plenary.itu-study-group/1') {
    const r = ituStudyGroupSchema.safeParse(input);
    if (!r.success) {
      throw structuralError(fromZod(r.error, input, [], (path) => keysAt(ituStudyGroupSchema, path)), source);
    }
    const list = new IssueList();
    const ex = expandItuStudyGroup(r.data, list);
    const trace: Trace = { origins: ex.origins, fieldOrigins: ex.fieldOrigins };
    const m = meetingSchema.safeParse(ex.spec);
    const later = (): SpecIssue[] => {
      if (!m.success) return fromZod(m.error, ex.spec, [], (path) => keysAt(meetingSchema, path));
      const rest = new IssueList();
      buildMeeting(withDefaults(m.data), rest);
      return rest.issues;
    };
    if (list.length > 0) {
      // the preset's own problems, and what the later checks find elsewhere (items with a problem of
      // their own are left to it; without meeting days, whatever concerns days would only echo that problem)
      const own = list.issues;
      const item = (i: SpecIssue) => formatPath(i.path.slice(0, 2));
      const found = ex.daysKnown ? later() : later().filter((i) => !i.path.includes('days'));
      // (and a duplicate id at a path the file does not have: a knock-on of a duplicate group id, whose
      // openings and sequences take the ids of another group's)
      const knockOn = (i: SpecIssue) => i.code === 'duplicate_id' && !pathExists(input, i.path);
      const elsewhere = presetIssues(found, trace, input).filter((i) => !own.some((o) => item(o) === item(i)) && !knockOn(i));
      throw new SpecError([...own, ...elsewhere], source);
    }
    if (!m.success) throw new SpecError(presetIssues(later(), trace, input), source);
    return { spec: withDefaults(m.data), trace, input };
  }
  const got = format === undefined ? 'none' : JSON.stringify(format);
  throw new SpecError([{ code: format === undefined ? 'missing' : 'invalid_value', path: ['format'], message: `expected ${SPEC_FORMATS.map((f) => `"${f}"`).join(' or ')}, got ${got}` }], source);
}

/** Defaults that depend on other fields: a person without a zone lives in the meeting's zone. */
function withDefaults(spec: MeetingSpec): MeetingSpec {
  return { ...spec, people: spec.people.map((p) => ({ ...p, timeZone: p.timeZone ?? spec.timeZone })) };
}

function build(ex: Expanded, source: string | undefined): Meeting {
  const list = new IssueList();
  const meeting = buildMeeting(ex.spec, list);
  if (list.length > 0 || !meeting) throw new SpecError(presetIssues(list.issues, ex.trace, ex.input), source);
  return meeting;
}

/** The errors of the schema stage (types, values, unknown keys), before any cross-reference is checked. */
const STRUCTURAL = new WeakSet<SpecError>();

function structuralError(issues: readonly SpecIssue[], source: string | undefined): SpecError {
  const e = new SpecError(issues, source);
  STRUCTURAL.add(e);
  return e;
}

/**
 * Values that stand in for a missing or wrong top-level key in the second
 * pass of {@link load}, chosen so that they add no problem of their own: a
 * grid of one minute puts every time on it, UTC has no gap, one track and
 * an id or title of "x" are checked against nothing else.
 */
const PLACEHOLDERS: Readonly<Record<string, unknown>> = { id: 'x', title: 'x', tracks: 1, grid: 1, timeZone: 'UTC' };

/**
 * Meeting days standing in for missing or wrong ones (`days`, or any key in
 * it: a plain meeting's only, a preset's expansion is built on its days):
 * every problem found under a `days` key in that pass is dropped, since it
 * concerns these days.
 */
const DAYS_PLACEHOLDER = { from: '2001-01-08', to: '2001-01-12' };

/**
 * A copy of `input` without the keys these issues name — an unknown key, a
 * value of the wrong type or out of range (an optional key then takes its
 * default: a misspelt person's zone becomes the meeting's) — where a
 * top-level key that has a placeholder ({@link PLACEHOLDERS}, and `days` in
 * a plain meeting, whatever in it is wrong), missing or wrong, takes it
 * instead; or undefined unless every issue names a key found there (not an
 * array item) or such a top-level key. `days`: whether the days are a
 * placeholder.
 */
function withoutFaultyKeys(input: unknown, issues: readonly SpecIssue[]): { copy: unknown; days: boolean } | undefined {
  if (issues.length === 0 || input === null || typeof input !== 'object') return undefined;
  const copy = structuredClone(input) as Record<string, unknown>;
  let days = false;
  for (const { path, code } of issues) {
    const key = path[path.length - 1];
    if (path.length === 1 && typeof key === 'string' && Object.prototype.hasOwnProperty.call(PLACEHOLDERS, key)) {
      copy[key] = PLACEHOLDERS[key];
      continue;
    }
    if (path[0] === 'days' && copy.format === 'plenary.meeting/1') {
      copy.days = { ...DAYS_PLACEHOLDER };
      days = true;
      continue;
    }
    if (code === 'missing') return undefined;
    let parent: unknown = copy;
    for (const k of path.slice(0, -1)) parent = parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[k as string] : undefined;
    if (parent === null || typeof parent !== 'object' || typeof key !== 'string' || !(key in parent)) return undefined;
    delete (parent as Record<string, unknown>)[key];
  }
  return { copy, days };
}

/**
 * Expands and builds a spec. When its structural problems are all at keys
 * of its objects (an unknown key, a value of the wrong type or out of range,
 * such as a misspelt zone) or missing top-level keys that a placeholder can
 * stand in for (`tracks`, `grid`, `timeZone`, a plain meeting's `days`, …),
 * the rest is still checked as if those keys were not there, so that one run
 * reports every problem: the misspelt key or zone, the missing key and, say,
 * minutes off the grid or an unknown group.
 */
function load(input: unknown, source: string | undefined): { ex: Expanded; meeting: Meeting } {
  try {
    const ex = expandOrThrow(input, source);
    return { ex, meeting: build(ex, source) };
  } catch (e) {
    const rest = e instanceof SpecError && STRUCTURAL.has(e) ? withoutFaultyKeys(input, e.issues) : undefined;
    if (rest === undefined) throw e;
    const first = (e as SpecError).issues;
    // a problem of the copy at or below a key taken out is that key's, already reported; so is a structural one
    // above it (an object that no longer matches its shape without that key)
    const within = (outer: readonly PropertyKey[], p: readonly PropertyKey[]) => outer.length <= p.length && outer.every((k, j) => k === p[j]);
    try {
      build(expandOrThrow(rest.copy, source), source);
    } catch (more) {
      if (!(more instanceof SpecError)) throw more;
      const structural = STRUCTURAL.has(more);
      const added = more.issues.filter((i) => !first.some((f) => within(f.path, i.path) || (structural && within(i.path, f.path))) && !(rest.days && i.path.includes('days')));
      throw new SpecError([...first, ...added], source);
    }
    throw e;
  }
}

/**
 * Validates a spec (either format) and returns the plain `plenary.meeting/1`
 * form with every default applied. Throws {@link SpecError}.
 *
 * @example
 * const spec = expandSpec(JSON.parse(fs.readFileSync('meeting.json', 'utf8')));
 * spec.sessions.length // every session, plenaries included
 */
export function expandSpec(input: unknown, source?: string): MeetingSpec {
  return load(input, source).ex.spec; // cross-references too: expand prints only specs that load
}

/**
 * Validates a spec (either format) and builds the readonly {@link Meeting}.
 * Throws {@link SpecError} listing every problem with its path.
 *
 * @example
 * const meeting = loadMeeting(JSON.parse(text), 'meeting.json');
 * meeting.days.map((d) => d.date) // ['2021-05-04', …, '2021-05-13']
 */
export function loadMeeting(input: unknown, source?: string): Meeting {
  return load(input, source).meeting;
}
