/**
 * Black-box acceptance test of the command line against SPEC §5, §6 and §8
 * (and README's "Choices where the contract is silent"), written from
 * /work/shared/SPEC.md alone: the built CLI (`node dist/cli.js …`) runs as a
 * child process, so exit codes, stdout and stderr are real; its files are read
 * back and compared with an independent reading of the SPEC:
 *
 * - timetable.json (§5): fields, days, dates, blocks, tracks, offsets, order,
 *   `score` = the clean-room `referenceEvaluate` (test/spec-reference.ts),
 *   violations, diagnosis, solver info, byte-for-byte determinism (also under
 *   other process `TZ`s and for a preset against its expansion);
 * - the command line (§8): exit codes, one line per problem naming its path, no
 *   stack trace, `check --json` on solved and hand-edited timetables, `expand`,
 *   `ics`, `spread`, `slots`;
 * - the calendars (§6), read with a minimal line parser of our own (unfolding,
 *   properties, parameters) and a small VTIMEZONE interpreter, so that the
 *   instants a client would compute from each file are checked, not only the
 *   text.
 *
 * Meetings: the SG12 preset; a hand-written `plenary.meeting/1` spec in New
 * York crossing the US spring-forward weekend, with people in Kathmandu
 * (+05:45), Kolkata (+05:30), St John's (−03:30/−02:30), Adelaide (+10:30) and
 * London, three levels of groups, a milestone, rules of every kind; its
 * re-plannings (a session dropped, one forced to move, twice); an infeasible
 * variant; a fall-back night; bad specs.
 *
 * Cases where the output disagrees with SPEC (or README) are `it.fails`, with
 * the SPEC sentence quoted: they pass while the disagreement stands.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DateTime } from 'luxon';
import * as rruleModule from 'rrule';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Score } from '../src/timetable/types.js';
import type { RefPlacement, RefSession, RefSpec } from './spec-reference.js';
import { refDaysAndInstances, referenceEvaluate, refMeetingDays } from './spec-reference.js';

type RRuleCtor = typeof import('rrule').RRule;
const RRule: RRuleCtor = ((rruleModule as unknown as { default?: { RRule: RRuleCtor } }).default ?? (rruleModule as unknown as { RRule: RRuleCtor })).RRule;

// ------------------------------------------------------------------ types ----

interface AccPerson {
  readonly id: string;
  readonly name?: string;
  readonly email?: string;
  readonly timeZone?: string;
  readonly leads?: readonly string[];
  readonly attends?: readonly string[];
}
interface AccSession extends RefSession {
  readonly title?: string;
}
/** An expanded `plenary.meeting/1` spec as plain JSON (what the reference reads, plus what the calendars need). */
interface AccSpec extends RefSpec {
  readonly format: string;
  readonly id: string;
  readonly title: string;
  readonly groups: readonly { readonly id: string; readonly title?: string; readonly parent?: string; readonly delegates?: Readonly<Record<string, number>>; readonly core?: { readonly min?: number; readonly max?: number } }[];
  readonly people?: readonly AccPerson[];
  readonly sessions: readonly AccSession[];
  readonly milestones?: readonly { readonly id: string; readonly title: string; readonly date: string }[];
}

interface TtSession {
  id: string;
  group: string;
  title: string;
  day: number;
  date: string;
  block: string;
  core: boolean;
  track: number;
  start: string;
  end: string;
  sequence: number;
}
interface Timetable {
  format: string;
  meeting: string;
  timeZone: string;
  status: string;
  score: Score;
  sessions: TtSession[];
  violations: { constraint: string; sessions: string[]; message: string }[];
  diagnosis?: string[];
  solver: { seed: number; ms: number; iterations: number };
}

// -------------------------------------------------------------- the CLI ----

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'dist/cli.js');
const SG12 = join(ROOT, 'examples/sg12-2021-05/meeting.json');
/** SOURCE_DATE_EPOCH of every run: 2021-03-06T03:06:40Z. */
const EPOCH = '1615000000';
const EPOCH_STAMP = '20210306T030640Z';
const ITER = '20000';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node dist/cli.js …args` in a child process (cwd: the temp dir), with SOURCE_DATE_EPOCH set. */
function cli(args: readonly string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let tmp = '';
const path = (...p: string[]) => join(tmp, ...p);
const writeJson = (name: string, data: unknown) => {
  writeFileSync(path(name), JSON.stringify(data, null, 2));
  return path(name);
};
const readJson = <T>(p: string): T => JSON.parse(readFileSync(p, 'utf8')) as T;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
/** The timetable text with `solver.ms` blanked: what must be identical byte for byte. */
const withoutMs = (text: string) => {
  expect(text).toMatch(/"ms": \d+/);
  return text.replace(/"ms": \d+/, '"ms": 0');
};

/** Every file under `dir`, relative path → content. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}
const icsFiles = (dir: string) => new Map([...tree(dir)].filter(([p]) => p.endsWith('.ics')));

/** A stack trace or an unhandled Node error on stderr. */
const STACK = /^\s+at .+:\d+:\d+\)?$|node:internal|Unhandled|^\w*Error\b/m;

// ---------------------------------------------------------------- specs ----

/** New York meeting over the US spring-forward weekend (Sun 14 Mar 2021), people in half- and quarter-hour zones. */
const DST_SPEC: AccSpec = {
  format: 'plenary.meeting/1',
  id: 'dst-demo.2021',
  title: 'DST crossing demo',
  timeZone: 'America/New_York',
  days: { from: '2021-03-11', to: '2021-03-17' },
  blocks: [
    { id: 'early', start: '07:00', end: '08:30' },
    { id: 'core1', start: '09:00', end: '11:00', core: true },
    { id: 'core2', start: '11:30', end: '13:00', core: true },
    { id: 'late', start: '14:00', end: '15:30' },
  ],
  tracks: 2,
  grid: 15,
  groups: [
    { id: 'ALL', title: 'Whole meeting', delegates: { 'Europe/London': 3, 'Asia/Kolkata': 2 } },
    { id: 'WG/A', parent: 'ALL', title: 'Working group A' },
    { id: 'WG/A/x', parent: 'WG/A', title: 'Task force x', core: { min: 1, max: 1 } },
    { id: 'WG/B', parent: 'ALL', delegates: { 'Australia/Adelaide': 2 } },
  ],
  people: [
    { id: 'chair', name: 'Chair Person', email: 'chair@example.org', timeZone: 'America/New_York', leads: ['ALL'] },
    { id: 'ana', name: 'Ana', email: 'ana@example.org', timeZone: 'Asia/Kathmandu', leads: ['WG/A'] },
    { id: 'raj', name: 'Raj', email: 'raj@example.org', timeZone: 'Asia/Kolkata', leads: ['WG/A/x'], attends: ['WG/B'] },
    { id: 'sue', name: 'Sue', email: 'sue@example.org', timeZone: 'America/St_Johns', attends: ['WG/A/x'] },
    { id: 'tom', name: 'Tom', email: 'tom@example.org', timeZone: 'Australia/Adelaide', leads: ['WG/B'] },
    { id: 'max', name: 'Max', email: 'max@example.org', attends: ['WG/A'] }, // no timeZone: the meeting's
    { id: 'lia', name: 'Lia', timeZone: 'Europe/London', attends: ['WG/B'] }, // no e-mail address
  ],
  sessions: [
    { id: 'open', group: 'ALL', title: 'Opening plenary', minutes: 60, exclusive: true, core: true, days: [1], at: '09:00' },
    { id: 'a-open', group: 'WG/A', title: 'A opening', minutes: 30, exclusive: true, core: true, days: [1] },
    { id: 'b-open', group: 'WG/B', title: 'B opening', minutes: 30, exclusive: true, core: true, days: [1] },
    { id: 'ax-1', group: 'WG/A/x', title: 'Task force x', minutes: 60 },
    { id: 'ax-2', group: 'WG/A/x', title: 'Task force x', minutes: 60 },
    { id: 'ax-3', group: 'WG/A/x', title: 'Task force x', minutes: 60, days: ['2021-03-16', -1] },
    { id: 'a-1', group: 'WG/A', title: 'A work', minutes: 90, days: [3], blocks: ['core2'] },
    { id: 'a-2', group: 'WG/A', title: 'A work', minutes: 90, blocks: ['early', 'late'] },
    { id: 'b-1', group: 'WG/B', title: 'B work', minutes: 60, days: [3], blocks: ['core2'] },
    { id: 'b-2', group: 'WG/B', minutes: 45, blocks: ['late'] },
    { id: 'close', group: 'ALL', title: 'Closing plenary', minutes: 60, exclusive: true, core: true, days: [-1] },
  ],
  rules: [
    { sequence: ['open', 'a-open', 'b-open'], sameDay: true },
    { sequence: ['ax-1', 'ax-2', 'ax-3'] },
    { apart: ['ax-1', 'b-1'] },
    { avoid: ['a-1', 'b-2'], weight: 5 },
  ],
  milestones: [{ id: 'reg', title: 'Registration deadline', date: '2021-02-25' }],
};

/** Two sessions of WG/B pinned to overlapping times: no feasible timetable (group + lead). */
function infeasibleSpec(): AccSpec {
  const s = clone(DST_SPEC) as { -readonly [K in keyof AccSpec]: AccSpec[K] } & { sessions: AccSession[] };
  s.id = 'infeasible-demo';
  s.sessions = s.sessions.map((x) => (x.id === 'b-2' ? { ...x, days: [2], at: '14:00' } : x));
  s.sessions.push({ id: 'b-3', group: 'WG/B', minutes: 30, days: [2], at: '14:15' });
  return s;
}

/** A night over the US fall-back (Sun 7 Nov 2021, 01:00–01:59 twice in New York). */
const FALLBACK_SPEC: AccSpec = {
  format: 'plenary.meeting/1',
  id: 'fallback',
  title: 'Fall-back night',
  timeZone: 'America/New_York',
  days: { from: '2021-11-05', to: '2021-11-08', rrule: 'FREQ=DAILY' },
  blocks: [{ id: 'night', start: '00:30', end: '03:00' }],
  tracks: 2,
  grid: 30,
  groups: [{ id: 'G' }],
  people: [{ id: 'p', email: 'p@example.org', leads: ['G'] }],
  sessions: [
    { id: 's1', group: 'G', minutes: 30, days: ['2021-11-07'], at: '01:30' }, // first occurrence: EDT
    { id: 's2', group: 'G', minutes: 60, days: ['2021-11-07'], at: '00:30' },
    { id: 's3', group: 'G', minutes: 30, days: ['2021-11-07'], at: '02:00' },
  ],
};

// ------------------------------------------------------- a VCALENDAR reader ----

interface Prop {
  readonly name: string;
  readonly params: Readonly<Record<string, string>>;
  readonly value: string;
}
interface Comp {
  readonly name: string;
  readonly props: Prop[];
  readonly comps: Comp[];
}

/** Splits at `sep` outside double quotes. */
function splitOutsideQuotes(s: string, sep: string, limit = Infinity): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (const ch of s) {
    if (ch === '"') q = !q;
    if (ch === sep && !q && out.length < limit - 1) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function parseLine(line: string): Prop {
  let q = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') q = !q;
    else if (line[i] === ':' && !q) {
      colon = i;
      break;
    }
  }
  if (colon < 0) throw new Error(`no ':' in ${line}`);
  const [name, ...params] = splitOutsideQuotes(line.slice(0, colon), ';');
  const p: Record<string, string> = {};
  for (const x of params) {
    const [k, v = ''] = splitOutsideQuotes(x, '=', 2);
    p[k!.toUpperCase()] = v.replace(/^"(.*)"$/, '$1');
  }
  return { name: name!.toUpperCase(), params: p, value: line.slice(colon + 1) };
}

/** RFC 5545 §3.1 unfolding, then BEGIN/END nesting. Throws on bare LF. */
function parseIcs(text: string): Comp {
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // CRLF only
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l !== '');
  const root: Comp = { name: '', props: [], comps: [] };
  const stack: Comp[] = [root];
  for (const l of lines) {
    const p = parseLine(l);
    if (p.name === 'BEGIN') {
      const c: Comp = { name: p.value.toUpperCase(), props: [], comps: [] };
      stack[stack.length - 1]!.comps.push(c);
      stack.push(c);
    } else if (p.name === 'END') {
      expect(stack.pop()!.name).toBe(p.value.toUpperCase());
    } else stack[stack.length - 1]!.props.push(p);
  }
  expect(stack.length).toBe(1);
  expect(root.comps.length).toBe(1);
  expect(root.comps[0]!.name).toBe('VCALENDAR');
  return root.comps[0]!;
}
const prop = (c: Comp, name: string) => c.props.find((p) => p.name === name);
const props = (c: Comp, name: string) => c.props.filter((p) => p.name === name);
const unescapeText = (v: string) => v.replace(/\\([nN,;\\])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
const events = (cal: Comp) => cal.comps.filter((c) => c.name === 'VEVENT');
const uid = (e: Comp) => prop(e, 'UID')!.value;

// -------------------------------------------- a VTIMEZONE interpreter ----

/** Naive epoch minutes of `YYYYMMDDTHHMMSS` (wall clock read as if UTC). */
function naive(v: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(v);
  if (!m) throw new Error(`bad local date-time ${v}`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) / 60_000;
}
const offsetMinutes = (v: string) => {
  const m = /^([+-])(\d{2})(\d{2})$/.exec(v);
  if (!m) throw new Error(`bad offset ${v}`);
  return (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +m[3]!);
};

/** The offset transitions (UTC instant → offset) of a VTIMEZONE, up to the year 2040 — the way a client reads it. */
function transitions(vtz: Comp): { at: number; offset: number }[] {
  const out: { at: number; offset: number }[] = [];
  for (const obs of vtz.comps) {
    const from = offsetMinutes(prop(obs, 'TZOFFSETFROM')!.value);
    const to = offsetMinutes(prop(obs, 'TZOFFSETTO')!.value);
    const start = naive(prop(obs, 'DTSTART')!.value);
    const onsets = [start];
    const rr = prop(obs, 'RRULE');
    if (rr) {
      const opts = RRule.parseString(rr.value);
      if (opts.until) opts.until = new Date(opts.until.getTime()); // UNTIL is UTC; compared naively below (close enough for a sanity reader)
      const rule = new RRule({ ...opts, dtstart: new Date(start * 60_000), ...(opts.until || opts.count ? {} : { until: new Date(Date.UTC(2040, 0, 1)) }) });
      for (const d of rule.all()) onsets.push(d.getTime() / 60_000);
    }
    for (const r of props(obs, 'RDATE')) for (const v of r.value.split(',')) onsets.push(naive(v));
    for (const n of new Set(onsets)) out.push({ at: n - from, offset: to });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The instant (epoch minutes) a client computes for a DTSTART/DTEND property, given the file's VTIMEZONEs. */
function instantOf(p: Prop, cal: Comp): number {
  if (p.value.endsWith('Z')) return naive(p.value.slice(0, -1));
  const tzid = p.params.TZID;
  if (tzid === undefined) throw new Error(`floating time ${p.value}`);
  const vtz = cal.comps.find((c) => c.name === 'VTIMEZONE' && prop(c, 'TZID')?.value === tzid);
  if (!vtz) throw new Error(`no VTIMEZONE ${tzid}`);
  const tr = transitions(vtz);
  const offsetAt = (t: number) => {
    let o = offsetMinutes(prop(vtz.comps[0]!, 'TZOFFSETFROM')!.value);
    for (const x of tr) if (x.at <= t) o = x.offset;
    return o;
  };
  const wall = naive(p.value);
  const hits = [...new Set(tr.map((x) => x.offset))].map((o) => wall - o).filter((t) => offsetAt(t) === wall - t);
  if (hits.length === 0) throw new Error(`${p.value} does not exist in ${tzid}`);
  return Math.min(...hits); // RFC 5545: the first occurrence
}

// ------------------------------------------------------------ SPEC reading ----

const minutesOf = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toMillis() / 60_000;
const wallIn = (zone: string, m: number) => DateTime.fromMillis(m * 60_000, { zone });
const icsWall = (zone: string, m: number) => wallIn(zone, m).toFormat("yyyyMMdd'T'HHmmss");
const placementOf = (tt: Timetable): RefPlacement => Object.fromEntries(tt.sessions.map((s) => [s.id, s.start]));

/** The groups a person attends (§2): leads ∪ attends and their ancestors. */
function attendedGroups(spec: AccSpec, p: AccPerson): Set<string> {
  const parent = new Map(spec.groups.map((g) => [g.id, g.parent]));
  const out = new Set<string>();
  for (const g of [...(p.leads ?? []), ...(p.attends ?? [])]) for (let x: string | undefined = g; x !== undefined && !out.has(x); x = parent.get(x)) out.add(x);
  return out;
}

/** Emails a session's ORGANIZER may have: the leads of its group, else (README) of the nearest ancestor with one. */
function organizerEmails(spec: AccSpec, group: string): Set<string> {
  const parent = new Map(spec.groups.map((g) => [g.id, g.parent]));
  for (let x: string | undefined = group; x !== undefined; x = parent.get(x)) {
    const e = (spec.people ?? []).filter((p) => p.email && (p.leads ?? []).includes(x!)).map((p) => p.email!.toLowerCase());
    if (e.length > 0) return new Set(e);
  }
  return new Set();
}

/** Every §5 assertion about one timetable.json, against the spec and the reference evaluator. */
function assertTimetable(spec: AccSpec, tt: Timetable, o: { seed: number; iterations: number; iterationsAtMost?: boolean; previous?: Timetable }): void {
  const zone = spec.timeZone;
  expect(tt.format).toBe('plenary.timetable/1');
  expect(tt.meeting).toBe(spec.id);
  expect(tt.timeZone).toBe(zone);

  // every session of the spec exactly once
  expect(tt.sessions.map((s) => s.id).sort()).toEqual(spec.sessions.map((s) => s.id).sort());

  const days = refMeetingDays(spec);
  const { instances } = refDaysAndInstances(spec);
  const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
  const byId = new Map(spec.sessions.map((s) => [s.id, s]));
  const prevById = new Map((o.previous?.sessions ?? []).map((s) => [s.id, s]));
  for (const s of tt.sessions) {
    const def = byId.get(s.id)!;
    expect(s.group).toBe(def.group);
    expect(typeof s.title).toBe('string');
    if (def.title !== undefined) expect(s.title).toBe(def.title);
    expect(s.start).toMatch(ISO);
    expect(s.end).toMatch(ISO);
    const start = DateTime.fromISO(s.start, { setZone: true });
    const end = DateTime.fromISO(s.end, { setZone: true });
    // the offset written is the meeting zone's offset in force at that instant
    expect(start.offset, `${s.id} start offset`).toBe(DateTime.fromMillis(start.toMillis(), { zone }).offset);
    expect(end.offset, `${s.id} end offset`).toBe(DateTime.fromMillis(end.toMillis(), { zone }).offset);
    expect((end.toMillis() - start.toMillis()) / 60_000).toBe(def.minutes);
    const m = start.toMillis() / 60_000;
    const date = wallIn(zone, m).toISODate()!;
    expect(s.date, `${s.id} date`).toBe(date);
    expect(s.day, `${s.id} day`).toBe(days.indexOf(date) + 1);
    // the block containing the session, on its day
    const nb = spec.blocks.length;
    const containing = spec.blocks.filter((_, b) => {
      const inst = instances[(s.day - 1) * nb + b]!;
      return inst.start <= m && m + def.minutes <= inst.end;
    });
    expect(containing.map((b) => b.id), `${s.id} block`).toEqual([s.block]);
    expect(s.core).toBe(containing[0]!.core === true);
    expect(Number.isInteger(s.track) && s.track >= 1 && s.track <= spec.tracks, `${s.id} track ${s.track}`).toBe(true);
    // SEQUENCE: 0 without previous; +1 when the time changed since the previous timetable
    const before = prevById.get(s.id);
    const expected = before === undefined ? 0 : before.sequence + (minutesOf(before.start) === m ? 0 : 1);
    expect(s.sequence, `${s.id} sequence`).toBe(expected);
  }
  // overlapping sessions never share a track
  for (const a of tt.sessions) {
    for (const b of tt.sessions) {
      if (a.id >= b.id) continue;
      const overlap = minutesOf(a.start) < minutesOf(b.end) && minutesOf(b.start) < minutesOf(a.end);
      if (overlap) expect(a.track, `${a.id} and ${b.id} overlap`).not.toBe(b.track);
    }
  }
  // listed by start, then track
  const keys = tt.sessions.map((s) => [minutesOf(s.start), s.track] as const);
  const sorted = [...keys].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  expect(keys).toEqual(sorted);

  // score: exactly §3 and §4 for the listed placement
  const ref = referenceEvaluate(spec, placementOf(tt), o.previous ? placementOf(o.previous) : undefined);
  expect(tt.score).toEqual({ hard: ref.hard, comfort: ref.comfort, conflict: ref.conflict, fairness: ref.fairness, stability: ref.stability, total: ref.total });
  expect(tt.status).toBe(ref.hard === 0 ? 'feasible' : 'infeasible');
  // violations: one entry per counted violation, by rule
  expect(Array.isArray(tt.violations)).toBe(true);
  expect(tt.violations.length === 0).toBe(tt.status === 'feasible');
  for (const [c, n] of Object.entries(ref.counts)) expect(tt.violations.filter((v) => v.constraint === c).length, `violations of ${c}`).toBe(n);
  for (const v of tt.violations) {
    expect(v.sessions.every((id) => byId.has(id))).toBe(true);
    expect(v.message.length).toBeGreaterThan(0);
  }
  if (tt.status === 'infeasible') {
    expect(Array.isArray(tt.diagnosis)).toBe(true);
    expect(tt.diagnosis!.length).toBeGreaterThan(0);
    expect(tt.diagnosis!.every((d) => typeof d === 'string' && d.length > 0)).toBe(true);
  }
  expect(tt.solver.seed).toBe(o.seed);
  // the iterations done: the limit, or fewer when the solver proves the optimum early (everything pinned)
  if (o.iterationsAtMost) expect(tt.solver.iterations).toBeLessThanOrEqual(o.iterations);
  else expect(tt.solver.iterations).toBe(o.iterations);
  expect(typeof tt.solver.ms).toBe('number');
}

/** Every §6 assertion about the calendars a solve or `ics` wrote into `dir` for `tt`. */
function assertCalendars(spec: AccSpec, tt: Timetable, dir: string): void {
  const zone = spec.timeZone;
  const sessionUids = new Map(tt.sessions.map((s) => [`${s.id}@${spec.id}`, s]));
  const defs = new Map(spec.sessions.map((s) => [s.id, s]));
  const milestoneDates = new Map((spec.milestones ?? []).map((m) => [m.title, m.date.replace(/-/g, '')]));

  /** Checks every session event of a calendar; returns the session ids it holds. */
  const checkSessionEvents = (cal: Comp, file: string): string[] => {
    const held: string[] = [];
    for (const e of events(cal)) {
      expect(prop(e, 'DTSTAMP')?.value, `${file} DTSTAMP`).toBe(EPOCH_STAMP);
      const s = sessionUids.get(uid(e));
      if (!s) {
        // not a session: a milestone, all-day
        const ds = prop(e, 'DTSTART')!;
        expect(ds.params.VALUE, `${file} ${uid(e)}`).toBe('DATE');
        expect(ds.value).toMatch(/^\d{8}$/);
        expect([...milestoneDates.values()]).toContain(ds.value);
        continue;
      }
      held.push(s.id);
      const ds = prop(e, 'DTSTART')!;
      const de = prop(e, 'DTEND')!;
      const start = minutesOf(s.start);
      const end = minutesOf(s.end);
      // a client reading the file gets the timetable's instants
      expect(instantOf(ds, cal), `${file} ${s.id} DTSTART`).toBe(start);
      expect(instantOf(de, cal), `${file} ${s.id} DTEND`).toBe(end);
      // written as wall time in the meeting zone (fall-back hour: see the dedicated case)
      if (ds.params.TZID !== undefined) {
        expect(ds.params.TZID).toBe(zone);
        expect(ds.value).toBe(icsWall(zone, start));
      }
      expect(Number(prop(e, 'SEQUENCE')?.value), `${file} ${s.id} SEQUENCE`).toBe(s.sequence);
    }
    expect(new Set(held).size).toBe(held.length);
    return held;
  };
  const hasZone = (cal: Comp) => cal.comps.some((c) => c.name === 'VTIMEZONE' && prop(c, 'TZID')?.value === zone);

  // calendar.ics: the whole meeting, PUBLISH, no attendees, milestones all-day
  const cal = parseIcs(readFileSync(join(dir, 'calendar.ics'), 'utf8'));
  expect(prop(cal, 'METHOD')?.value).toBe('PUBLISH');
  expect(hasZone(cal)).toBe(true);
  expect(readFileSync(join(dir, 'calendar.ics'), 'utf8')).not.toMatch(/^ATTENDEE/m);
  expect(checkSessionEvents(cal, 'calendar.ics').sort()).toEqual(tt.sessions.map((s) => s.id).sort());
  for (const [title, date] of milestoneDates) {
    const summary = (x: Comp) => unescapeText(prop(x, 'SUMMARY')?.value ?? '');
    const e = events(cal).find((x) => summary(x) === title) ?? events(cal).find((x) => summary(x).includes(title));
    expect(e, `milestone ${title}`).toBeDefined();
    expect(prop(e!, 'DTSTART')!.params.VALUE).toBe('DATE');
    expect(prop(e!, 'DTSTART')!.value).toBe(date);
  }

  // ics/groups/<group, / → ->.ics: exactly that group's own sessions
  const groupsWithSessions = [...new Set(tt.sessions.map((s) => s.group))];
  expect(readdirSync(join(dir, 'ics/groups')).sort()).toEqual(groupsWithSessions.map((g) => `${g.replace(/\//g, '-')}.ics`).sort());
  for (const g of groupsWithSessions) {
    const file = `ics/groups/${g.replace(/\//g, '-')}.ics`;
    const gc = parseIcs(readFileSync(join(dir, file), 'utf8'));
    expect(hasZone(gc)).toBe(true);
    expect(checkSessionEvents(gc, file).sort()).toEqual(tt.sessions.filter((s) => s.group === g).map((s) => s.id).sort());
  }

  // ics/people/<person>.ics: REQUEST, ORGANIZER, the person as ATTENDEE, exactly the sessions they attend
  for (const p of spec.people ?? []) {
    const groups = attendedGroups(spec, p);
    const attended = tt.sessions.filter((s) => groups.has(s.group));
    const file = `ics/people/${p.id}.ics`;
    if (attended.length === 0) continue;
    if (!p.email) continue; // see the dedicated case below
    const pc = parseIcs(readFileSync(join(dir, file), 'utf8'));
    expect(prop(pc, 'METHOD')?.value, file).toBe('REQUEST');
    expect(hasZone(pc)).toBe(true);
    expect(checkSessionEvents(pc, file).sort(), file).toEqual(attended.map((s) => s.id).sort());
    const pzone = p.timeZone ?? zone;
    for (const e of events(pc)) {
      const att = props(e, 'ATTENDEE');
      const s = sessionUids.get(uid(e));
      if (!s) continue;
      expect(att.length, `${file} ${s.id} attendees`).toBe(1);
      expect(att[0]!.value.toLowerCase()).toBe(`mailto:${p.email.toLowerCase()}`);
      expect(att[0]!.params.ROLE, `${file} ${s.id} ROLE`).toBe((p.leads ?? []).includes(s.group) ? 'REQ-PARTICIPANT' : 'OPT-PARTICIPANT');
      const org = prop(e, 'ORGANIZER');
      expect(org, `${file} ${s.id} ORGANIZER`).toBeDefined();
      expect(organizerEmails(spec, s.group).has(org!.value.replace(/^mailto:/i, '').toLowerCase()), `${file} ${s.id} ORGANIZER ${org!.value}`).toBe(true);
      // the description gives the time in their zone
      const desc = unescapeText(prop(e, 'DESCRIPTION')?.value ?? '');
      const a = wallIn(pzone, minutesOf(s.start)).toFormat('HH:mm');
      const b = wallIn(pzone, minutesOf(s.end)).toFormat('HH:mm');
      expect(desc, `${file} ${s.id}`).toMatch(new RegExp(`${a}\\s*[–-][^\\n]{0,30}?${b}`)); // `23:30 – Thu 18 Mar 2021, 00:30` across midnight
      if (pzone !== zone) expect(desc).toContain(pzone);
      expect(defs.has(s.id)).toBe(true);
    }
  }
}

// ----------------------------------------------------------------- runs ----

let sg12: AccSpec;
let sg12Tt: Timetable;
let d1: Timetable; // DST_SPEC solved
let inf: Timetable; // infeasible
let infRun: Run;
let spec2: AccSpec; // a-2 dropped, b-2 forced to another day
let d2: Timetable; // spec2 solved with --previous d1
let spec3: AccSpec; // b-2 forced to move again
let d3: Timetable; // spec3 solved with --previous d2
let d1Run: Run;
let d2Run: Run;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'plenary-acceptance-'));
  const ex = cli(['expand', SG12]);
  expect(ex.code).toBe(0);
  sg12 = JSON.parse(ex.stdout) as AccSpec;
  writeFileSync(path('sg12-expanded.json'), ex.stdout);
  expect(cli(['solve', SG12, '--out', path('sg'), '--seed', '1', '--iterations', ITER]).code).toBe(0);
  sg12Tt = readJson<Timetable>(path('sg/timetable.json'));

  writeJson('dst.json', DST_SPEC);
  d1Run = cli(['solve', path('dst.json'), '--out', path('d1'), '--seed', '3', '--iterations', ITER]);
  d1 = readJson<Timetable>(path('d1/timetable.json'));

  // re-planning: drop a-2; b-2 may only take a day it is not on now
  const b2day = d1.sessions.find((s) => s.id === 'b-2')!.day;
  const s2 = clone(DST_SPEC) as AccSpec & { sessions: AccSession[] };
  s2.sessions = s2.sessions.filter((s) => s.id !== 'a-2').map((s) => (s.id === 'b-2' ? { ...s, days: [b2day === 2 ? 4 : 2] } : s));
  spec2 = s2;
  writeJson('dst2.json', spec2);
  d2Run = cli(['solve', path('dst2.json'), '--previous', path('d1/timetable.json'), '--out', path('d2'), '--iterations', ITER]);
  d2 = readJson<Timetable>(path('d2/timetable.json'));

  const b2day2 = d2.sessions.find((s) => s.id === 'b-2')!.day;
  const s3 = clone(spec2) as AccSpec & { sessions: AccSession[] };
  s3.sessions = s3.sessions.map((s) => (s.id === 'b-2' ? { ...s, days: [b2day2 === 5 ? 1 : 5] } : s));
  s3.sessions.push({ id: 'b-new', group: 'WG/B', title: 'B extra', minutes: 30 }); // added after publication: sequence 0
  spec3 = s3;
  writeJson('dst3.json', spec3);
  expect(cli(['solve', path('dst3.json'), '--previous', path('d2/timetable.json'), '--out', path('d3'), '--iterations', ITER]).code).toBe(0);
  d3 = readJson<Timetable>(path('d3/timetable.json'));

  writeJson('inf.json', infeasibleSpec());
  infRun = cli(['solve', path('inf.json'), '--out', path('inf'), '--iterations', ITER]);
  inf = readJson<Timetable>(path('inf/timetable.json'));
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// ------------------------------------------------------------ §5 ----

describe('§5 timetable.json', () => {
  it('SG12 preset: every field, score = reference, sessions by start then track', () => {
    assertTimetable(sg12, sg12Tt, { seed: 1, iterations: 20000 });
    expect(sg12Tt.status).toBe('feasible');
    // at least one instant runs three sessions at once (tracks really used)
    expect(new Set(sg12Tt.sessions.map((s) => s.track))).toEqual(new Set([1, 2, 3]));
  });

  it('DST meeting: offsets change across the weekend (−05:00 before, −04:00 after), parallel sessions on two tracks', () => {
    expect(d1Run.code).toBe(0);
    for (const f of ['timetable.json', 'timeplan.md', 'report.html', 'calendar.ics', 'ics/groups/WG-A-x.ics', 'ics/people/sue.ics']) expect(existsSync(path('d1', f)), f).toBe(true);
    assertTimetable(DST_SPEC, d1, { seed: 3, iterations: 20000 });
    const offsets = new Set(d1.sessions.map((s) => s.start.slice(-6)));
    expect(offsets).toEqual(new Set(['-05:00', '-04:00']));
    for (const s of d1.sessions) expect(s.start.slice(-6)).toBe(s.date < '2021-03-14' ? '-05:00' : '-04:00');
    const a1 = d1.sessions.find((s) => s.id === 'a-1')!;
    const b1 = d1.sessions.find((s) => s.id === 'b-1')!;
    expect(a1.date).toBe('2021-03-15'); // day 3 = Monday (weekend skipped)
    expect(new Set([a1.track, b1.track])).toEqual(new Set([1, 2]));
    expect(d1.score.conflict).toBeGreaterThan(0); // raj attends WG/A (ancestor of WG/A/x) and WG/B
  });

  it('fall-back night: the repeated hour is its first occurrence, offsets follow the instant', () => {
    writeJson('fb.json', FALLBACK_SPEC);
    const r = cli(['solve', path('fb.json'), '--out', path('fb'), '--iterations', '2000']);
    expect(r.code).toBe(0);
    const tt = readJson<Timetable>(path('fb/timetable.json'));
    assertTimetable(FALLBACK_SPEC, tt, { seed: 1, iterations: 2000, iterationsAtMost: true });
    const at = Object.fromEntries(tt.sessions.map((s) => [s.id, [s.start, s.end]]));
    expect(at.s1).toEqual(['2021-11-07T01:30:00-04:00', '2021-11-07T01:00:00-05:00']);
    expect(at.s2).toEqual(['2021-11-07T00:30:00-04:00', '2021-11-07T01:30:00-04:00']);
    expect(at.s3).toEqual(['2021-11-07T02:00:00-05:00', '2021-11-07T02:30:00-05:00']);
    assertCalendars(FALLBACK_SPEC, tt, path('fb'));
  });

  it('infeasible: exit 3, files still written, violations, diagnosis; score = reference', () => {
    expect(infRun.code).toBe(3);
    for (const f of ['timetable.json', 'timeplan.md', 'report.html', 'calendar.ics']) expect(existsSync(path('inf', f)), f).toBe(true);
    assertTimetable(infeasibleSpec(), inf, { seed: 1, iterations: 20000 });
    expect(inf.status).toBe('infeasible');
    expect(inf.score.hard).toBe(2); // group + lead for the pinned pair b-2/b-3
    expect(inf.violations.map((v) => v.constraint).sort()).toEqual(['group', 'lead']);
    for (const v of inf.violations) expect(v.sessions.sort()).toEqual(['b-2', 'b-3']);
    assertCalendars(infeasibleSpec(), inf, path('inf'));
  });

  it('same spec + seed + iterations ⇒ the same bytes but solver.ms, under TZ=Pacific/Apia and TZ=America/St_Johns (calendars too)', () => {
    const a = cli(['solve', path('dst.json'), '--out', path('tz-a'), '--seed', '3', '--iterations', ITER], { TZ: 'Pacific/Apia' });
    const b = cli(['solve', path('dst.json'), '--out', path('tz-b'), '--seed', '3', '--iterations', ITER], { TZ: 'America/St_Johns' });
    expect([a.code, b.code]).toEqual([0, 0]);
    const base = withoutMs(readFileSync(path('d1/timetable.json'), 'utf8'));
    expect(withoutMs(readFileSync(path('tz-a/timetable.json'), 'utf8'))).toBe(base);
    expect(withoutMs(readFileSync(path('tz-b/timetable.json'), 'utf8'))).toBe(base);
    for (const dir of ['tz-a', 'tz-b']) {
      expect(icsFiles(path(dir))).toEqual(icsFiles(path('d1')));
      expect(readFileSync(path(dir, 'timeplan.md'), 'utf8')).toBe(readFileSync(path('d1/timeplan.md'), 'utf8'));
    }
  });

  it('another seed is recorded as such', () => {
    const r = cli(['solve', path('dst.json'), '--out', path('seed7'), '--seed', '7', '--iterations', '5000']);
    expect(r.code).toBe(0);
    assertTimetable(DST_SPEC, readJson<Timetable>(path('seed7/timetable.json')), { seed: 7, iterations: 5000 });
  });
});

// ------------------------------------------------------------ §8 ----

describe('§8 command line', () => {
  it('expand prints a plenary.meeting/1 spec that solves to the preset\'s timetable and calendars', () => {
    expect(sg12.format).toBe('plenary.meeting/1');
    const r = cli(['solve', path('sg12-expanded.json'), '--out', path('sgx'), '--seed', '1', '--iterations', ITER]);
    expect(r.code).toBe(0);
    expect(withoutMs(readFileSync(path('sgx/timetable.json'), 'utf8'))).toBe(withoutMs(readFileSync(path('sg/timetable.json'), 'utf8')));
    expect(icsFiles(path('sgx'))).toEqual(icsFiles(path('sg')));
  });

  it('check --json prints {status, score, violations} equal to the timetable\'s (feasible: 0, infeasible: 3)', () => {
    for (const [spec, dir, tt, code] of [
      [SG12, 'sg', sg12Tt, 0],
      [path('dst.json'), 'd1', d1, 0],
      [path('inf.json'), 'inf', inf, 3],
    ] as const) {
      const r = cli(['check', spec, path(dir, 'timetable.json'), '--json']);
      expect(r.code, dir).toBe(code);
      const out = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(Object.keys(out).sort()).toEqual(['score', 'status', 'violations']);
      expect(out).toEqual({ status: tt.status, score: tt.score, violations: tt.violations });
    }
  });

  it('check --previous gives the stability of the re-planning', () => {
    const r = cli(['check', path('dst2.json'), path('d2/timetable.json'), '--previous', path('d1/timetable.json'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { score: Score };
    expect(out.score).toEqual(d2.score);
    expect(out.score.stability).toBe(referenceEvaluate(spec2, placementOf(d2), placementOf(d1)).stability);
  });

  it('check on a hand-edited timetable (a session moved onto others) reports what the reference says', () => {
    const edited = clone(d1);
    const a1 = edited.sessions.find((s) => s.id === 'a-1')!;
    const b2 = edited.sessions.find((s) => s.id === 'b-2')!;
    const open = edited.sessions.find((s) => s.id === 'open')!;
    const ax2 = edited.sessions.find((s) => s.id === 'ax-2')!;
    // b-2 (late block only, 45 min) onto a-1, next to b-1: placement, tracks, conflict; ax-2 onto the exclusive opening
    const move = (s: TtSession, onto: TtSession, minutes: number) => {
      const st = DateTime.fromISO(onto.start, { setZone: true });
      Object.assign(s, { start: onto.start, end: st.plus({ minutes }).toISO({ suppressMilliseconds: true }), date: onto.date, day: onto.day, block: onto.block });
    };
    move(b2, a1, 45);
    move(ax2, open, 60);
    writeJson('edited.json', edited);
    const r = cli(['check', path('dst.json'), path('edited.json'), '--json']);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout) as Timetable;
    const ref = referenceEvaluate(DST_SPEC, placementOf(edited));
    expect(out.status).toBe('infeasible');
    expect(out.score).toEqual({ hard: ref.hard, comfort: ref.comfort, conflict: ref.conflict, fairness: ref.fairness, stability: 0, total: ref.total });
    for (const [c, n] of Object.entries(ref.counts)) expect(out.violations.filter((v) => v.constraint === c).length, c).toBe(n);
    expect(ref.counts.placement).toBe(1);
    expect(ref.counts.tracks).toBe(3); // three 15-minute steps with three sessions on two tracks
    expect(ref.counts.exclusive).toBeGreaterThanOrEqual(1);
  });

  it('check: a session left out is a placement violation (exit 3); a session listed twice or an unknown id is bad input (exit 2)', () => {
    const left = clone(d1);
    left.sessions = left.sessions.filter((s) => s.id !== 'b-1');
    writeJson('left.json', left);
    const r = cli(['check', path('dst.json'), path('left.json'), '--json']);
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout) as Timetable;
    const ref = referenceEvaluate(DST_SPEC, placementOf(left));
    expect(ref.counts.placement).toBe(1);
    expect(out.score).toEqual({ hard: ref.hard, comfort: ref.comfort, conflict: ref.conflict, fairness: ref.fairness, stability: 0, total: ref.total });
    expect(out.violations.filter((v) => v.constraint === 'placement').map((v) => v.sessions)).toEqual([['b-1']]);
    const twice = clone(d1);
    twice.sessions.push(clone(twice.sessions[0]!));
    const unknown = clone(d1);
    unknown.sessions[2]!.id = 'nope';
    for (const [name, doc, p] of [['twice', twice, `sessions[${d1.sessions.length}]`], ['unknown', unknown, 'sessions[2].id']] as const) {
      const x = cli(['check', path('dst.json'), writeJson(`${name}.json`, doc), '--json']);
      expect(x.code, name).toBe(2);
      expect(x.stderr).not.toMatch(STACK);
      expect(x.stderr, name).toContain(p);
    }
  });

  it('check: the same instant written in UTC (Z) is accepted and gives the same result', () => {
    const edited = clone(d1);
    const s = edited.sessions[0]!;
    s.start = DateTime.fromISO(s.start, { setZone: true }).toUTC().toISO({ suppressMilliseconds: true })!;
    expect(s.start.endsWith('Z')).toBe(true);
    writeJson('utc.json', edited);
    const r = cli(['check', path('dst.json'), path('utc.json'), '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Timetable).score).toEqual(d1.score);
  });

  it('check: the same instant with an offset not in force in the meeting zone is refused (README), exit 2, naming the path', () => {
    // SPEC §5: instants carry "the offset in force"; README: "…T11:30:00+01:00 in a Geneva May is refused, with the right spelling".
    const edited = clone(d1);
    const k = edited.sessions.findIndex((s) => s.id === 'close'); // −04:00 in force
    const s = edited.sessions[k]!;
    const right = s.start;
    expect(right.endsWith('-04:00')).toBe(true);
    const wrong = DateTime.fromISO(s.start, { setZone: true }).setZone('UTC-5').toISO({ suppressMilliseconds: true })!;
    expect(minutesOf(wrong)).toBe(minutesOf(s.start));
    s.start = wrong;
    writeJson('offset.json', edited);
    const r = cli(['check', path('dst.json'), path('offset.json'), '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(STACK);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBe(1);
    expect(lines[0]).toContain(`sessions[${k}].start`);
    expect(lines[0]).toContain(right); // the right spelling of the same instant
  });

  it('bad input: exit 2, one line per problem naming the file and the path, no stack trace', () => {
    const cases: { name: string; spec: unknown; path: string; also?: string }[] = [];
    const bad = (name: string, f: (s: Record<string, unknown> & { sessions: Record<string, unknown>[] }) => void, p: string, also?: string) => {
      const s = clone(DST_SPEC) as unknown as Record<string, unknown> & { sessions: Record<string, unknown>[] };
      f(s);
      cases.push({ name, spec: s, path: p, ...(also ? { also } : {}) });
    };
    bad('unknown-key', (s) => (s.sessions[3]!.colour = 'red'), 'sessions[3].colour');
    bad('bad-zone', (s) => (s.timeZone = 'Europe/Geneva'), 'timeZone', 'Europe/Zurich');
    bad('minutes', (s) => (s.sessions[4]!.minutes = 50), 'sessions[4].minutes', '15');
    bad('days', (s) => (s.sessions[5]!.days = [9]), 'sessions[5].days[0]');
    bad('at-off-grid', (s) => (s.sessions[0]!.at = '09:05'), 'sessions[0].at');
    cases.push({
      name: 'gap-at',
      spec: {
        format: 'plenary.meeting/1', id: 'gap', title: 'gap', timeZone: 'America/New_York',
        days: { from: '2021-03-13', to: '2021-03-15', rrule: 'FREQ=DAILY' },
        blocks: [{ id: 'night', start: '01:00', end: '04:00' }], tracks: 1, grid: 15, groups: [{ id: 'G' }],
        sessions: [{ id: 's', group: 'G', minutes: 30, at: '02:30' }],
      },
      path: 'sessions[0].at',
      also: '2021-03-14',
    });
    cases.push({
      name: 'gap-block',
      spec: {
        format: 'plenary.meeting/1', id: 'gap', title: 'gap', timeZone: 'Europe/Zurich',
        days: { from: '2021-03-26', to: '2021-03-29', rrule: 'FREQ=DAILY' },
        blocks: [{ id: 'night', start: '02:15', end: '04:00' }], tracks: 1, grid: 15, groups: [{ id: 'G' }],
        sessions: [{ id: 's', group: 'G', minutes: 30 }],
      },
      path: 'blocks[0].start',
      also: '2021-03-28',
    });
    for (const c of cases) {
      const file = writeJson(`bad-${c.name}.json`, c.spec);
      for (const cmd of [['expand', file], ['solve', file, '--out', path(`bad-out-${c.name}`)], ['check', file, path('d1/timetable.json')]]) {
        const r = cli(cmd);
        expect(r.code, `${c.name} ${cmd[0]}`).toBe(2);
        expect(r.stderr, c.name).not.toMatch(STACK);
        const lines = r.stderr.trim().split('\n');
        expect(lines.length, `${c.name} ${cmd[0]}: ${r.stderr}`).toBe(1);
        expect(lines[0]).toContain(file);
        expect(lines[0]).toContain(c.path);
        if (c.also) expect(lines[0]).toContain(c.also);
      }
      expect(existsSync(path(`bad-out-${c.name}`))).toBe(false);
    }
    // several problems at once: one line each
    const several = clone(DST_SPEC) as unknown as { people: Record<string, unknown>[]; sessions: Record<string, unknown>[] };
    several.people[0]!.leads = ['NOPE'];
    several.sessions[4]!.minutes = 50;
    several.sessions[5]!.days = [9];
    const r = cli(['solve', writeJson('bad-several.json', several)]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBe(3);
    for (const p of ['people[0].leads[0]', 'sessions[4].minutes', 'sessions[5].days[0]']) expect(lines.filter((l) => l.includes(p)).length, p).toBe(1);
  });

  it('a missing file: exit 2, one line naming it, for every command', () => {
    const missing = path('no-such-spec.json');
    for (const cmd of [['solve', missing], ['check', missing, path('d1/timetable.json')], ['expand', missing], ['ics', path('dst.json'), path('none.json')], ['spread', missing]]) {
      const r = cli(cmd);
      expect(r.code, cmd.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stderr.trim().split('\n').length).toBe(1);
      expect(r.stderr).toMatch(/no-such-spec\.json|none\.json/);
    }
  });

  it('several kinds of problem at once (an unknown key and minutes off the grid) are all reported, one line each', () => {
    // SPEC §8: "Bad input never produces a stack trace: one line per problem, with its path."
    const s = clone(DST_SPEC) as unknown as { sessions: Record<string, unknown>[] };
    s.sessions[3]!.colour = 'red';
    s.sessions[4]!.minutes = 50;
    const r = cli(['expand', writeJson('bad-two.json', s)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sessions[3].colour');
    expect(r.stderr).toContain('sessions[4].minutes');
  });

  it('ics writes the same calendars as solve did for that timetable (SOURCE_DATE_EPOCH)', () => {
    const a = cli(['ics', SG12, path('sg/timetable.json'), '--out', path('sg-ics')]);
    expect(a.code).toBe(0);
    expect(icsFiles(path('sg-ics'))).toEqual(icsFiles(path('sg')));
    // a re-planned timetable: with --previous, the same files as solve --previous, cancellations included
    const b = cli(['ics', path('dst2.json'), path('d2/timetable.json'), '--previous', path('d1/timetable.json'), '--out', path('d2-ics')]);
    expect(b.code).toBe(0);
    expect(icsFiles(path('d2-ics'))).toEqual(icsFiles(path('d2')));
    // without --previous the timetable's own SEQUENCE numbers stand (README): the same calendars but the cancellations
    const c = cli(['ics', path('dst2.json'), path('d2/timetable.json'), '--out', path('d2-ics-noprev')]);
    expect(c.code).toBe(0);
    // (only the "Moved: previously …" line of the descriptions needs the previous timetable)
    const expected = icsFiles(path('d2'));
    expected.delete('ics/cancelled.ics');
    const noDescription = (m: Map<string, string>) => new Map([...m].map(([k, v]) => [k, v.replace(/\r\n[ \t]/g, '').replace(/^DESCRIPTION:.*\r\n/gm, '')]));
    expect(noDescription(icsFiles(path('d2-ics-noprev')))).toEqual(noDescription(expected));
    // DTSTAMP follows SOURCE_DATE_EPOCH
    const d = cli(['ics', path('dst.json'), path('d1/timetable.json'), '--out', path('d1-ics-later')], { SOURCE_DATE_EPOCH: '1615000060' });
    expect(d.code).toBe(0);
    const later = readFileSync(path('d1-ics-later/calendar.ics'), 'utf8');
    expect(later).toContain('DTSTAMP:20210306T030740Z');
    expect(later.replace(/DTSTAMP:20210306T030740Z/g, `DTSTAMP:${EPOCH_STAMP}`)).toBe(readFileSync(path('d1/calendar.ics'), 'utf8'));
  });

  it('spread and slots: exit 0 and parseable --json; an unknown group is exit 2 in one line', () => {
    for (const cmd of [
      ['spread', SG12, '--json'],
      ['spread', path('dst.json'), '--json'],
      ['spread', path('dst.json'), '--suggest', '--json'],
      ['spread', path('dst.json'), '--date', '2021-03-15', '--json'],
      ['slots', SG12, path('sg/timetable.json'), '--group', 'Q12/12', '--minutes', '60', '--json'],
      ['slots', path('dst.json'), path('d1/timetable.json'), '--group', 'WG/A/x', '--minutes', '30', '--json'],
    ]) {
      const r = cli(cmd);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(() => JSON.parse(r.stdout), cmd.join(' ')).not.toThrow();
    }
    const r = cli(['slots', path('dst.json'), path('d1/timetable.json'), '--group', 'NOPE', '--minutes', '30', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr.trim().split('\n').length).toBe(1);
  });

  it('stdout closed early (`plenary spread … --json | head`) ends quietly, without a stack trace', async () => {
    // Not a SPEC rule (§8 speaks of bad input): a user surprise (it once printed "Error: write EPIPE" and a stack).
    const child = spawn(process.execPath, [CLI, 'spread', SG12, '--json'], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the CLI writes
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve) => child.on('close', () => resolve()));
    expect(stderr).not.toMatch(/EPIPE|^\s+at /m);
  });
});

// ------------------------------------------------------------ §6 ----

describe('§6 iCalendar', () => {
  it('SG12: calendar.ics, one file per group and per person, milestones all-day; instants as a client reads them', () => {
    assertCalendars(sg12, sg12Tt, path('sg'));
    expect(sg12.milestones!.length).toBeGreaterThan(0);
  });

  it('DST meeting: the same, across the change; people in +05:45, +05:30, −03:30/−02:30, +10:30 see their own times', () => {
    assertCalendars(DST_SPEC, d1, path('d1'));
    // the VTIMEZONE carries both offsets of the meeting
    const cal = parseIcs(readFileSync(path('d1/calendar.ics'), 'utf8'));
    const vtz = cal.comps.find((c) => c.name === 'VTIMEZONE')!;
    expect(new Set(vtz.comps.map((o) => prop(o, 'TZOFFSETTO')!.value))).toEqual(new Set(['-0500', '-0400']));
    // ana (WG/A lead) is required at WG/A sessions, optional at ALL; she does not attend WG/A/x (a subgroup)
    const ana = parseIcs(readFileSync(path('d1/ics/people/ana.ics'), 'utf8'));
    const roles = Object.fromEntries(events(ana).filter((e) => prop(e, 'ATTENDEE')).map((e) => [uid(e).split('@')[0], prop(e, 'ATTENDEE')!.params.ROLE]));
    expect(roles['a-open']).toBe('REQ-PARTICIPANT');
    expect(roles.open).toBe('OPT-PARTICIPANT');
    expect(roles['ax-1']).toBeUndefined();
    // the milestone is in calendar.ics and in people's files, all-day
    for (const f of ['calendar.ics', 'ics/people/sue.ics']) {
      const m = events(parseIcs(readFileSync(path('d1', f), 'utf8'))).find((e) => uid(e).startsWith('reg@'));
      expect(m, f).toBeDefined();
      expect(prop(m!, 'DTSTART')!.params.VALUE).toBe('DATE');
      expect(prop(m!, 'DTSTART')!.value).toBe('20210225');
    }
  });

  it('a person without an e-mail address gets their sessions, in their zone', () => {
    const file = path('d1/ics/people/lia.ics');
    expect(existsSync(file)).toBe(true);
    const pc = parseIcs(readFileSync(file, 'utf8'));
    const groups = attendedGroups(DST_SPEC, DST_SPEC.people!.find((p) => p.id === 'lia')!);
    const held = events(pc).map(uid).filter((u) => !u.includes('@milestones.')).map((u) => u.split('@')[0]).sort();
    expect(held).toEqual(d1.sessions.filter((s) => groups.has(s.group)).map((s) => s.id).sort());
    expect(prop(pc, 'METHOD')?.value).toBe('REQUEST');
    for (const e of events(pc)) {
      const s = d1.sessions.find((x) => `${x.id}@${DST_SPEC.id}` === uid(e));
      if (!s) continue;
      const desc = unescapeText(prop(e, 'DESCRIPTION')!.value);
      expect(desc).toContain('Europe/London');
      expect(desc).toContain(wallIn('Europe/London', minutesOf(s.start)).toFormat('HH:mm'));
    }
  });

  it('a person without an e-mail address is invited all the same: METHOD:REQUEST, ORGANIZER, them as ATTENDEE', () => {
    // SPEC §6: "`ics/people/<person>.ics` is `METHOD:REQUEST` with `ORGANIZER` (a lead of the group) and the person
    // as `ATTENDEE` (`REQ-PARTICIPANT` where they lead, `OPT-PARTICIPANT` otherwise)". An ATTENDEE is a cal-address:
    // without an e-mail address, README's choice is <person id>@<meeting id>.invalid (RFC 2606: never delivered).
    const pc = parseIcs(readFileSync(path('d1/ics/people/lia.ics'), 'utf8'));
    expect(prop(pc, 'METHOD')?.value).toBe('REQUEST');
    const sessions = events(pc).filter((e) => !uid(e).includes('@milestones.'));
    expect(sessions.length).toBeGreaterThan(0);
    for (const e of sessions) {
      expect(prop(e, 'ORGANIZER')?.value, uid(e)).toMatch(/^mailto:/i);
      const att = props(e, 'ATTENDEE');
      expect(att.map((a) => a.value.toLowerCase()), uid(e)).toEqual([`mailto:lia@${DST_SPEC.id.toLowerCase()}.invalid`]);
      expect(att[0]!.params.ROLE, uid(e)).toBe('OPT-PARTICIPANT');
    }
  });

  it('fall-back night: an event with a time in the repeated hour is written in UTC, the others with TZID (README)', () => {
    // SPEC §6: "Events carry `DTSTART;TZID=<meeting zone>`" and "Every file must read the same in independent
    // clients". For a wall time in the repeated hour they do not: DTSTART;TZID=America/New_York:20211107T013000
    // is 05:30Z (its first occurrence, RFC 5545) for vobject but 06:30Z for python icalendar, libical and khal.
    // README's choice: such an event is written in UTC (DTSTART:…Z, DTEND:…Z), which every client reads alike.
    const tt = readJson<Timetable>(path('fb/timetable.json'));
    const cal = parseIcs(readFileSync(path('fb/calendar.ics'), 'utf8'));
    const repeated = (t: string) => t.startsWith('2021-11-07T01:'); // 01:00–01:59 occurs at -04:00 and at -05:00
    let utc = 0;
    for (const e of events(cal)) {
      const s = tt.sessions.find((x) => `${x.id}@${FALLBACK_SPEC.id}` === uid(e));
      if (!s) continue;
      const inRepeatedHour = repeated(s.start) || repeated(s.end);
      for (const name of ['DTSTART', 'DTEND']) {
        const v = prop(e, name)!;
        if (inRepeatedHour) expect(v.value, `${uid(e)} ${name}`).toMatch(/Z$/);
        else expect(v.params.TZID, `${uid(e)} ${name}`).toBe('America/New_York');
      }
      if (inRepeatedHour) utc++;
    }
    expect(utc).toBeGreaterThan(0);
  });

  it('re-planning: a moved session gets sequence+1 (timetable and .ics), a dropped one is cancelled at its published time', () => {
    expect(d2Run.code).toBe(0);
    assertTimetable(spec2, d2, { seed: 1, iterations: 20000, previous: d1 });
    assertCalendars(spec2, d2, path('d2'));
    const b2 = d2.sessions.find((s) => s.id === 'b-2')!;
    expect(b2.sequence).toBe(1);
    const moved = d2.sessions.filter((s) => minutesOf(s.start) !== minutesOf(d1.sessions.find((x) => x.id === s.id)!.start));
    expect(moved.map((s) => s.id)).toContain('b-2');
    expect(d2.score.stability).toBe(moved.length);
    for (const f of ['calendar.ics', 'ics/groups/WG-B.ics', 'ics/people/tom.ics']) {
      const e = events(parseIcs(readFileSync(path('d2', f), 'utf8'))).find((x) => uid(x) === `b-2@${spec2.id}`)!;
      expect(prop(e, 'SEQUENCE')!.value, f).toBe('1');
    }
    // a-2 is gone: ics/cancelled.ics, METHOD:CANCEL, STATUS:CANCELLED, SEQUENCE = old + 1, at its published time
    expect(readFileSync(path('d2/calendar.ics'), 'utf8')).not.toContain(`a-2@${spec2.id}`);
    const text = readFileSync(path('d2/ics/cancelled.ics'), 'utf8');
    const cc = parseIcs(text);
    expect(prop(cc, 'METHOD')?.value).toBe('CANCEL');
    expect(events(cc).map(uid)).toEqual([`a-2@${spec2.id}`]);
    const e = events(cc)[0]!;
    const old = d1.sessions.find((s) => s.id === 'a-2')!;
    expect(prop(e, 'STATUS')?.value).toBe('CANCELLED');
    expect(Number(prop(e, 'SEQUENCE')!.value)).toBe(old.sequence + 1);
    expect(instantOf(prop(e, 'DTSTART')!, cc)).toBe(minutesOf(old.start));
    expect(prop(e, 'DTSTART')!.value).toBe(icsWall(spec2.timeZone, minutesOf(old.start)));
    expect(prop(e, 'DTSTAMP')!.value).toBe(EPOCH_STAMP);
  });

  it('re-planning twice: a session moved again gets sequence 2; unmoved sessions keep theirs', () => {
    assertTimetable(spec3, d3, { seed: 1, iterations: 20000, previous: d2 });
    assertCalendars(spec3, d3, path('d3'));
    expect(d3.sessions.find((s) => s.id === 'b-2')!.sequence).toBe(2);
    expect(d3.sessions.find((s) => s.id === 'b-new')!.sequence).toBe(0);
    const e = events(parseIcs(readFileSync(path('d3/calendar.ics'), 'utf8'))).find((x) => uid(x) === `b-2@${spec3.id}`)!;
    expect(prop(e, 'SEQUENCE')!.value).toBe('2');
  });
});
