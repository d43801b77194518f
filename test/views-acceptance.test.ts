/**
 * Black-box acceptance test of `plenary spread` and `plenary slots` (SPEC §8, README "Seeing before
 * deciding"), run as the built CLI (`node dist/cli.js`) in temporary directories, on the SG12 example
 * and on meetings the code was not written against:
 *  - A: America/New_York, daily across the US spring-forward (Sunday 14 March 2021 is a meeting day),
 *    audience in half-hour and 45-minute zones (St John's, Kolkata, Kathmandu, Eucla, Adelaide, Lord Howe,
 *    Chatham) and Apia; a timetable solved with `plenary solve --iterations 20000`.
 *  - B: Europe/London across the UK fall-back (weekend between meeting days), a custom comfort profile
 *    (penalty 5 at 11:00 = early, 2 at 12:00 = late, 7 at 14:00 = night) and custom weights; a solved
 *    timetable and a hand-made crowded one (conflicts, an avoid rule, full tracks).
 * Every expectation is computed here, from SPEC/README and luxon (plus the clean-room evaluator
 * test/spec-reference.ts), never from src/.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REF_DEFAULT_COMFORT, refLegalStarts, refMeetingDays, refParseInstant, refWallToInstant, referenceEvaluate } from './spec-reference.js';
import type { RefCounts, RefPlacement, RefResult, RefSpec } from './spec-reference.js';

// ------------------------------------------------------------------ CLI ----

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const CLI = join(ROOT, 'dist', 'cli.js');
const WORK = mkdtempSync(join(tmpdir(), 'plenary-views-acc-'));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `plenary …args` as a child process, in the temporary directory. */
function plenary(...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: WORK, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** `plenary …args --json`, exit 0 expected, parsed. */
function json<T>(...args: string[]): T {
  const r = plenary(...args, '--json');
  if (r.code !== 0) throw new Error(`plenary ${args.join(' ')} --json: exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

function write(name: string, data: unknown): string {
  writeFileSync(join(WORK, name), JSON.stringify(data, null, 2));
  return name;
}

// --------------------------------------------------------------- meetings ----

type Spec = RefSpec & { readonly id: string };

const MEETING_A: Spec = {
  format: 'plenary.meeting/1',
  id: 'acc-ny-dst',
  title: 'New York across the spring change',
  timeZone: 'America/New_York',
  days: { from: '2021-03-11', to: '2021-03-16', rrule: 'FREQ=DAILY' },
  blocks: [
    { id: 'early', start: '07:00', end: '08:30' },
    { id: 'core1', start: '09:00', end: '10:30', core: true },
    { id: 'core2', start: '11:00', end: '12:30', core: true },
    { id: 'late', start: '19:00', end: '21:00' },
  ],
  tracks: 2,
  grid: 15,
  groups: [
    {
      id: 'PLN',
      delegates: {
        'America/New_York': 5,
        'Pacific/Chatham': 3,
        'Australia/Lord_Howe': 2,
        'Asia/Kathmandu': 2,
        'Asia/Kolkata': 4,
        'Pacific/Apia': 2,
        'Australia/Eucla': 1,
        'America/St_Johns': 1,
        'Europe/London': 3,
      },
    },
    // delegates under a group whose ancestor has delegates: among them (README "Who is counted")
    { id: 'WG1', parent: 'PLN', delegates: { 'Asia/Kolkata': 2, 'Asia/Kathmandu': 1, 'Asia/Tokyo': 1 } },
    { id: 'WG2', parent: 'PLN', core: { max: 1 } },
    { id: 'TF' },
    // delegates under a root without delegates: counted
    { id: 'TF.a', parent: 'TF', delegates: { 'Australia/Adelaide': 2, 'Pacific/Chatham': 1 } },
  ],
  people: [
    { id: 'chair', leads: ['PLN'] }, // no timeZone: New York
    { id: 'chat', timeZone: 'Pacific/Chatham', leads: ['WG1'] },
    { id: 'lhw', timeZone: 'Australia/Lord_Howe', attends: ['WG1', 'TF.a'] },
    { id: 'ktm', timeZone: 'Asia/Kathmandu', leads: ['WG2'] },
    { id: 'apia', timeZone: 'Pacific/Apia', attends: ['WG2'] },
    { id: 'eucla', timeZone: 'Australia/Eucla', leads: ['TF.a'], attends: ['WG1'] },
  ],
  sessions: [
    { id: 'open', group: 'PLN', minutes: 90, exclusive: true, core: true, days: [1], at: '09:00' },
    { id: 'wg1-1', group: 'WG1', minutes: 90 },
    { id: 'wg1-2', group: 'WG1', minutes: 60, blocks: ['early', 'late'] },
    { id: 'wg2-1', group: 'WG2', minutes: 90, core: true },
    { id: 'wg2-2', group: 'WG2', minutes: 45 },
    { id: 'tfa-1', group: 'TF.a', minutes: 60, blocks: ['late'] },
    { id: 'tfa-2', group: 'TF.a', minutes: 90, blocks: ['late'] },
    { id: 'close', group: 'PLN', minutes: 60, exclusive: true, core: true, days: [-1] },
  ],
  rules: [{ apart: ['wg1-1', 'tfa-1'] }, { avoid: ['wg2-1', 'wg1-1'], weight: 3 }],
} as Spec;

const MEETING_B: Spec = {
  format: 'plenary.meeting/1',
  id: 'acc-lon-fallback',
  title: 'London across the autumn change',
  timeZone: 'Europe/London',
  days: { from: '2021-10-27', to: '2021-11-02' },
  blocks: [
    { id: 'a', start: '08:00', end: '09:30' },
    { id: 'core1', start: '10:00', end: '11:30', core: true },
    { id: 'core2', start: '12:00', end: '13:30', core: true },
    { id: 'b', start: '14:00', end: '15:30' },
  ],
  tracks: 2,
  grid: 15,
  comfort: [10, 10, 10, 10, 10, 6, 3, 1, 0, 0, 0, 5, 2, 0, 7, 0, 0, 0, 1, 1, 3, 3, 6, 10],
  weights: { comfort: 1, conflict: 5, fairness: 2, stability: 1000 },
  groups: [
    {
      id: 'SG',
      delegates: {
        'Europe/London': 6,
        'America/Los_Angeles': 3,
        'Asia/Tokyo': 4,
        'America/Sao_Paulo': 2,
        'Asia/Tehran': 2,
        'Australia/Sydney': 2,
        'Pacific/Kiritimati': 1,
        'Asia/Kolkata': 3,
      },
    },
    { id: 'Q1', parent: 'SG', delegates: { 'Asia/Tokyo': 2, 'Europe/London': 2 } },
    { id: 'Q2', parent: 'SG', delegates: { 'America/Los_Angeles': 2, 'Asia/Kolkata': 1 } },
    { id: 'Q3', parent: 'SG', core: { min: 1, max: 2 }, delegates: { 'Europe/Berlin': 1 } },
  ],
  people: [
    { id: 'p1', leads: ['SG'] }, // London
    { id: 'p2', timeZone: 'Asia/Tokyo', leads: ['Q1'] },
    { id: 'p3', timeZone: 'America/Los_Angeles', leads: ['Q2'], attends: ['Q1'] },
    { id: 'p4', timeZone: 'Asia/Kolkata', attends: ['Q1', 'Q2'] },
    { id: 'p5', timeZone: 'Asia/Tehran', leads: ['Q3'] },
    { id: 'p6', timeZone: 'Australia/Sydney', attends: ['Q3', 'Q1'] },
    { id: 'p7', timeZone: 'America/Sao_Paulo', attends: ['Q2'] },
    { id: 'p8', timeZone: 'America/Caracas', attends: ['Q3'] },
  ],
  sessions: [
    { id: 'sg-open', group: 'SG', minutes: 60, exclusive: true, core: true, days: [1], at: '10:00' },
    { id: 'q1-1', group: 'Q1', minutes: 90 },
    { id: 'q1-2', group: 'Q1', minutes: 60 },
    { id: 'q1-3', group: 'Q1', minutes: 90 },
    { id: 'q2-1', group: 'Q2', minutes: 90 },
    { id: 'q2-2', group: 'Q2', minutes: 60 },
    { id: 'q2-3', group: 'Q2', minutes: 90 },
    { id: 'q3-1', group: 'Q3', minutes: 90, core: true },
    { id: 'q3-2', group: 'Q3', minutes: 45, blocks: ['b'] },
    { id: 'sg-close', group: 'SG', minutes: 60, exclusive: true, core: true, days: [-1] },
  ],
  rules: [{ sequence: ['sg-open', 'q1-1', 'q1-2'] }, { apart: ['q2-1', 'q3-1'] }, { avoid: ['q1-3', 'q2-3'], weight: 4 }],
} as Spec;

/** A by hand, with the tracks of a published timetable: session id → [start, track]. */
const A_HAND: Readonly<Record<string, readonly [string, number]>> = {
  open: ['2021-03-11T09:00:00-05:00', 1],
  'wg2-1': ['2021-03-11T11:00:00-05:00', 1],
  'tfa-2': ['2021-03-11T19:15:00-05:00', 1],
  'wg1-2': ['2021-03-12T20:00:00-05:00', 1],
  'wg2-2': ['2021-03-12T20:15:00-05:00', 2],
  'wg1-1': ['2021-03-13T19:30:00-05:00', 1],
  'tfa-1': ['2021-03-15T20:00:00-04:00', 1],
  close: ['2021-03-16T11:30:00-04:00', 1],
};

/** B by hand: two tracks full, shared attendees and an avoid pair overlapping (feasible, checked below). */
const B_HAND: RefPlacement = {
  'sg-open': '2021-10-27T10:00:00+01:00',
  'q1-1': '2021-10-27T12:00:00+01:00',
  'q2-1': '2021-10-27T12:00:00+01:00',
  'q1-2': '2021-10-28T08:00:00+01:00',
  'q3-1': '2021-10-28T10:00:00+01:00',
  'q2-2': '2021-10-28T10:00:00+01:00',
  'q1-3': '2021-10-29T14:00:00+01:00',
  'q2-3': '2021-10-29T14:00:00+01:00',
  'q3-2': '2021-11-01T14:00:00+00:00',
  'sg-close': '2021-11-02T12:00:00+00:00',
};

// ------------------------------------------------- independent computation ----

const MS = 60_000;
const CLASSES = ['working', 'early', 'late', 'night'] as const;
type Klass = (typeof CLASSES)[number];

const offsetCache = new Map<string, Map<number, number>>();
/** UTC offset (minutes) of `zone` at epoch minute `m` (tzdb transitions fall on quarter hours of UTC). */
function offsetAt(zone: string, m: number): number {
  let z = offsetCache.get(zone);
  if (!z) offsetCache.set(zone, (z = new Map()));
  const key = Math.floor(m / 15);
  let o = z.get(key);
  if (o === undefined) {
    o = DateTime.fromMillis(key * 15 * MS, { zone }).offset;
    z.set(key, o);
  }
  return o;
}

function hourAt(zone: string, m: number): number {
  return Math.floor((((m + offsetAt(zone, m)) % 1440) + 1440) % 1440 / 60);
}

/** README "Comfort classes": 0 working; 1–5 early before noon, late from noon; 6 or more night. */
function classOfHour(profile: readonly number[], h: number): Klass {
  const p = profile[h]!;
  return p === 0 ? 'working' : p >= 6 ? 'night' : h < 12 ? 'early' : 'late';
}

interface Stretch {
  readonly pain: number;
  readonly minutes: Record<Klass, number>;
  /** classes of the worst minute (more than one only when an early and a late hour tie) */
  readonly classes: ReadonlySet<Klass>;
}

/** One head in `zone` from epoch minute `start` to `end`, minute by minute (SPEC §4 pain, README classes). */
function stretch(profile: readonly number[], zone: string, start: number, end: number): Stretch {
  const minutes: Record<Klass, number> = { working: 0, early: 0, late: 0, night: 0 };
  let pain = 0;
  let worst = -1;
  let classes = new Set<Klass>();
  for (let m = start; m < end; m++) {
    const h = hourAt(zone, m);
    const p = profile[h]!;
    const k = classOfHour(profile, h);
    pain += p;
    minutes[k]++;
    if (p > worst) {
      worst = p;
      classes = new Set([k]);
    } else if (p === worst) classes.add(k);
  }
  return { pain, minutes, classes };
}

/** Epoch minutes → the README's `{date, time, offset, dayShift}` in `zone`, dayShift against `meetingDate`. */
function localPoint(zone: string, m: number, meetingDate: string) {
  const dt = DateTime.fromMillis(m * MS, { zone });
  const date = dt.toISODate()!;
  const dayShift = Math.round(DateTime.fromISO(date, { zone: 'UTC' }).diff(DateTime.fromISO(meetingDate, { zone: 'UTC' }), 'days').days);
  return { date, time: dt.toFormat('HH:mm'), offset: dt.toFormat('ZZ'), dayShift };
}

function wall(s: string): number {
  const [h, m] = s.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function hhmm(w: number): string {
  return `${String(Math.floor(w / 60)).padStart(2, '0')}:${String(w % 60).padStart(2, '0')}`;
}

function profileOf(spec: Spec): readonly number[] {
  return spec.comfort ?? REF_DEFAULT_COMFORT;
}

function ancestorsOf(spec: Spec, g: string): string[] {
  const parent = new Map(spec.groups.map((x) => [x.id, x.parent]));
  const out: string[] = [];
  for (let x: string | undefined = g; x !== undefined && !out.includes(x); x = parent.get(x)) out.push(x);
  return out;
}

/** People attending G: G is in the ancestor closure of their leads ∪ attends (SPEC §2). */
function attendeesOf(spec: Spec, g: string): string[] {
  return (spec.people ?? [])
    .filter((p) => [...(p.leads ?? []), ...(p.attends ?? [])].some((x) => ancestorsOf(spec, x).includes(g)))
    .map((p) => p.id);
}

type Heads = Map<string, { delegates: number; people: number }>;

function addHeads(h: Heads, zone: string, delegates: number, people: number): void {
  const e = h.get(zone) ?? { delegates: 0, people: 0 };
  h.set(zone, { delegates: e.delegates + delegates, people: e.people + people });
}

/**
 * README "Who is counted": the delegates of every group that has delegates while none of its ancestors
 * does, plus every person once in their zone (the meeting's without timeZone); with `group`: the
 * group's own delegates plus the people who attend it.
 */
function audienceOf(spec: Spec, group?: string): Heads {
  const h: Heads = new Map();
  const has = (id: string) => Object.values(spec.groups.find((x) => x.id === id)?.delegates ?? {}).some((n) => n > 0);
  if (group === undefined) {
    for (const g of spec.groups) {
      if (!has(g.id) || ancestorsOf(spec, g.id).slice(1).some(has)) continue;
      for (const [z, n] of Object.entries(g.delegates ?? {})) addHeads(h, z, n, 0);
    }
    for (const p of spec.people ?? []) addHeads(h, p.timeZone ?? spec.timeZone, 0, 1);
  } else {
    for (const [z, n] of Object.entries(spec.groups.find((x) => x.id === group)?.delegates ?? {})) addHeads(h, z, n, 0);
    const who = new Set(attendeesOf(spec, group));
    for (const p of spec.people ?? []) if (who.has(p.id)) addHeads(h, p.timeZone ?? spec.timeZone, 0, 1);
  }
  for (const [z, e] of h) if (e.delegates + e.people === 0) h.delete(z);
  return h;
}

const headsOf = (e: { delegates: number; people: number }) => e.delegates + e.people;

// ------------------------------------------------------------ JSON shapes ----

interface Point {
  date: string;
  time: string;
  offset: string;
  dayShift: number;
}
interface ZoneRow {
  zone: string;
  delegates: number;
  people: number;
  start: Point;
  end: Point;
  class: Klass;
  minutes: Record<Klass, number>;
  pain: number;
}
interface ClassRow {
  zones: number;
  delegates: number;
  people: number;
  headMinutes: number;
  share: number;
}
interface BlockRow {
  block: string;
  core: boolean;
  date: string;
  start: string;
  end: string;
  minutes: number;
  zones: ZoneRow[];
  classes: Record<Klass, ClassRow>;
  pain: number;
  worstOff: { zone: string; pain: number; class: Klass }[];
}
interface Audience {
  zones: { zone: string; delegates: number; people: number }[];
  delegates: number;
  people: number;
}
interface SpreadJson {
  meeting: string;
  timeZone: string;
  profile: number[];
  audience: Audience;
  days: { day?: number | null; date: string; blocks: BlockRow[] }[];
}
interface Position {
  shift: number;
  blocks: { id: string; start: string; end: string }[];
  start: string;
  end: string;
  total: number;
  worst: { zone: string; pain: number };
  vsCurrent: { total: number; worst: number; currentWorstZone: number };
}
interface SuggestJson {
  audience: Audience;
  dates: string[];
  blocks: string[];
  grid: number;
  tried: number;
  skipped: number;
  current: Position;
  byTotal: Position[];
  byWorst: Position[];
}
interface Slot {
  rank: number;
  day: number;
  date: string;
  block: string;
  core: boolean;
  start: string;
  end: string;
  track: number;
  freeTracks: number;
  cost: { total: number; comfort: number; conflict: number; fairness: number };
  conflicts: { session: string; group: string; minutes: number; people: string[] }[];
  local: { zone: string; delegates: number; people: number; start: Point; end: Point; class: Klass; pain: number }[];
}
interface SlotsJson {
  group: string;
  minutes: number;
  session: string;
  baseline: { hard: number; comfort: number; conflict: number; fairness: number; stability: number; total: number };
  after: string[];
  before: string[];
  tried: number;
  refused: Record<string, number>;
  slots: Slot[];
}

// ------------------------------------------------------------------ checks ----

/** Checks the audience summary against README "Who is counted". */
function checkAudience(a: Audience, want: Heads): void {
  const got = new Map(a.zones.map((z) => [z.zone, { delegates: z.delegates, people: z.people }]));
  expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
  expect(a.delegates).toBe([...want.values()].reduce((s, e) => s + e.delegates, 0));
  expect(a.people).toBe([...want.values()].reduce((s, e) => s + e.people, 0));
}

/** Every zone × block of a spread day, recomputed with luxon from the block's instants. */
function checkSpreadDay(spec: Spec, day: SpreadJson['days'][number], heads: Heads): void {
  const P = profileOf(spec);
  expect(day.blocks.map((b) => b.block).sort()).toEqual(spec.blocks.map((b) => b.id).sort());
  for (const b of day.blocks) {
    const sb = spec.blocks.find((x) => x.id === b.block)!;
    const start = refWallToInstant(spec.timeZone, day.date, wall(sb.start))!;
    const end = refWallToInstant(spec.timeZone, day.date, wall(sb.end))!;
    expect(refParseInstant(b.start), `${day.date} ${b.block} start`).toBe(start);
    expect(refParseInstant(b.end), `${day.date} ${b.block} end`).toBe(end);
    expect(b.minutes).toBe(end - start);
    expect(b.core).toBe(sb.core === true);
    expect(b.zones.map((z) => z.zone).sort()).toEqual([...heads.keys()].sort());
    const classes: Record<Klass, ClassRow> = Object.fromEntries(
      CLASSES.map((k) => [k, { zones: 0, delegates: 0, people: 0, headMinutes: 0, share: 0 }]),
    ) as Record<Klass, ClassRow>;
    let pain = 0;
    let allHeadMinutes = 0;
    const pains: { zone: string; pain: number; classes: ReadonlySet<Klass> }[] = [];
    for (const z of b.zones) {
      const what = `${day.date} ${b.block} ${z.zone}`;
      const h = heads.get(z.zone)!;
      expect({ d: z.delegates, p: z.people }, what).toEqual({ d: h.delegates, p: h.people });
      expect(z.start, `${what} start`).toEqual(localPoint(z.zone, start, day.date));
      expect(z.end, `${what} end`).toEqual(localPoint(z.zone, end, day.date));
      const st = stretch(P, z.zone, start, end);
      expect(z.pain, `${what} pain`).toBe(st.pain);
      expect(z.minutes, `${what} minutes`).toEqual(st.minutes);
      expect(st.classes.has(z.class), `${what} class ${z.class} (worst minute: ${[...st.classes]})`).toBe(true);
      const n = headsOf(h);
      classes[z.class].zones++;
      classes[z.class].delegates += h.delegates;
      classes[z.class].people += h.people;
      for (const k of CLASSES) classes[k].headMinutes += n * st.minutes[k];
      allHeadMinutes += n * (end - start);
      pain += n * st.pain;
      pains.push({ zone: z.zone, pain: st.pain, classes: st.classes });
    }
    expect(b.pain, `${day.date} ${b.block} pain`).toBe(pain);
    for (const k of CLASSES) {
      const c = b.classes[k];
      expect({ ...c, share: 0 }, `${day.date} ${b.block} ${k}`).toEqual({ ...classes[k], share: 0 });
      expect(Math.abs(c.share - classes[k].headMinutes / allHeadMinutes)).toBeLessThanOrEqual(0.00005 + 1e-12);
    }
    // worst off: the zones with the highest pain per head (at most three, README text shows three)
    const ranked = pains.filter((p) => p.pain > 0).sort((x, y) => y.pain - x.pain);
    expect(b.worstOff.length).toBe(Math.min(3, ranked.length));
    expect(b.worstOff.map((w) => w.pain)).toEqual(ranked.slice(0, b.worstOff.length).map((p) => p.pain));
    for (const w of b.worstOff) {
      const mine = pains.find((p) => p.zone === w.zone)!;
      expect(w.pain).toBe(mine.pain);
      expect(mine.classes.has(w.class)).toBe(true);
    }
  }
}

function checkSpread(spec: Spec, s: SpreadJson, dates: readonly string[], heads: Heads): void {
  expect(s.timeZone).toBe(spec.timeZone);
  expect(s.profile).toEqual([...profileOf(spec)]);
  checkAudience(s.audience, heads);
  const meetingDays = refMeetingDays(spec);
  expect(s.days.map((d) => d.date)).toEqual([...dates]);
  for (const d of s.days) {
    const i = meetingDays.indexOf(d.date);
    if (i >= 0) expect(d.day).toBe(i + 1);
    checkSpreadDay(spec, d, heads);
  }
}

/** Local time-of-day of a zone row must move exactly when (zone offset − meeting offset) moves. */
function checkShiftsBetween(a: SpreadJson, b: SpreadJson): number {
  const off = (s: string) => (s[0] === '-' ? -1 : 1) * wall(s.slice(1));
  const meetingOff = (iso: string) => off(iso.slice(-6));
  let changed = 0;
  for (const ba of a.days[0]!.blocks) {
    const bb = b.days[0]!.blocks.find((x) => x.block === ba.block)!;
    for (const za of ba.zones) {
      const zb = bb.zones.find((x) => x.zone === za.zone)!;
      const da = off(za.start.offset) - meetingOff(ba.start);
      const db = off(zb.start.offset) - meetingOff(bb.start);
      expect(za.start.time !== zb.start.time, `${ba.block} ${za.zone}: ${za.start.time} vs ${zb.start.time}`).toBe(da !== db);
      if (da !== db) changed++;
    }
  }
  return changed;
}

interface MyPosition {
  readonly shift: number;
  readonly skipped: boolean;
  readonly total: number;
  readonly perHead: ReadonlyMap<string, number>;
  readonly worst: number;
}

/** README `--suggest`: the core blocks moved together in grid steps wherever they fit in 00:00–24:00. */
function positions(spec: Spec, dates: readonly string[], heads: Heads): MyPosition[] {
  const P = profileOf(spec);
  const core = spec.blocks.filter((b) => b.core === true);
  const first = Math.min(...core.map((b) => wall(b.start)));
  const last = Math.max(...core.map((b) => wall(b.end)));
  const out: MyPosition[] = [];
  for (let shift = -Math.floor(first / spec.grid) * spec.grid; last + shift <= 1440; shift += spec.grid) {
    const perHead = new Map<string, number>([...heads.keys()].map((z) => [z, 0]));
    let skipped = false;
    for (const date of dates) {
      for (const b of core) {
        const s = refWallToInstant(spec.timeZone, date, wall(b.start) + shift);
        const e = refWallToInstant(spec.timeZone, date, wall(b.end) + shift);
        if (s === undefined || e === undefined) skipped = true;
        else for (const z of heads.keys()) perHead.set(z, perHead.get(z)! + stretch(P, z, s, e).pain);
      }
    }
    let total = 0;
    for (const [z, p] of perHead) total += headsOf(heads.get(z)!) * p;
    out.push({ shift, skipped, total, perHead, worst: Math.max(...perHead.values()) });
  }
  return out;
}

function checkSuggest(spec: Spec, s: SuggestJson, dates: readonly string[], heads: Heads): void {
  const core = spec.blocks.filter((b) => b.core === true);
  checkAudience(s.audience, heads);
  expect(s.dates).toEqual([...dates]);
  expect(s.blocks).toEqual(core.map((b) => b.id));
  expect(s.grid).toBe(spec.grid);
  const all = positions(spec, dates, heads);
  // "83 positions (10 left out …)": tried counts every position that fits, skipped the DST-gap ones
  expect(s.tried).toBe(all.length);
  expect(s.skipped).toBe(all.filter((p) => p.skipped).length);
  const byShift = new Map(all.map((p) => [p.shift, p]));
  const cur = byShift.get(0)!;
  const checkPos = (p: Position) => {
    const mine = byShift.get(p.shift);
    expect(mine, `shift ${p.shift}`).toBeDefined();
    expect(mine!.skipped).toBe(false);
    expect(p.blocks).toEqual(core.map((b) => ({ id: b.id, start: hhmm(wall(b.start) + p.shift), end: hhmm(wall(b.end) + p.shift) })));
    expect(p.start).toBe(hhmm(Math.min(...core.map((b) => wall(b.start))) + p.shift));
    expect(p.end).toBe(hhmm(Math.max(...core.map((b) => wall(b.end))) + p.shift));
    expect(p.total, `shift ${p.shift} total`).toBe(mine!.total);
    expect(p.worst.pain, `shift ${p.shift} worst`).toBe(mine!.worst);
    expect(mine!.perHead.get(p.worst.zone), `shift ${p.shift} worst zone ${p.worst.zone}`).toBe(mine!.worst);
    expect(p.vsCurrent).toEqual({
      total: mine!.total - cur.total,
      worst: mine!.worst - cur.worst,
      currentWorstZone: mine!.perHead.get(s.current.worst.zone)! - cur.worst,
    });
  };
  expect(s.current.shift).toBe(0);
  checkPos(s.current);
  // by total pain: other positions no higher than now, lowest first, five at most
  const others = all.filter((p) => p.shift !== 0 && !p.skipped);
  const byTotal = others.filter((p) => p.total <= cur.total).map((p) => p.total).sort((x, y) => x - y);
  expect(s.byTotal.map((p) => p.total)).toEqual(byTotal.slice(0, 5));
  // by the worst-off zone: positions where the worst off fare no worse than now, lowest first
  const byWorst = others.filter((p) => p.worst <= cur.worst).map((p) => p.worst).sort((x, y) => x - y);
  expect(s.byWorst.map((p) => p.worst.pain)).toEqual(byWorst.slice(0, 5));
  for (const list of [s.byTotal, s.byWorst]) {
    expect(new Set(list.map((p) => p.shift)).size).toBe(list.length);
    for (const p of list) checkPos(p);
  }
}

/** Day indices and block ids a session may use (SPEC §2: core, blocks, days). */
function allowed(spec: Spec, s: Spec['sessions'][number], days: readonly string[]) {
  const dayIdx = !s.days
    ? days.map((_, i) => i)
    : s.days.map((r) => (typeof r === 'number' ? (r > 0 ? r - 1 : days.length + r) : days.indexOf(r))).filter((i) => i >= 0 && i < days.length);
  const blocks = spec.blocks.filter((b) => (!s.core || b.core === true) && (!s.blocks || s.blocks.includes(b.id))).map((b) => b.id);
  return { dayIdx, blocks };
}

const RULES: (keyof RefCounts)[] = ['placement', 'tracks', 'exclusive', 'group', 'lead', 'sequence', 'apart', 'quota'];

/**
 * `plenary slots` against the reference: the extra session may use any block and day G's sessions may
 * use (the groups tested here have no per-session coupling of days and blocks, so union of blocks ×
 * union of days is unambiguous); a start is offered iff it adds no hard violation; its cost is what the
 * objective grows by; ranked by cost, then conflicts, then time.
 */
/** Sessions (ids) before all of `own` and after all of them by the spec's sequence rules, transitively; the nearest only. */
function inheritedOrder(spec: Spec, own: ReadonlySet<string>): { after: string[]; before: string[] } {
  if (own.size === 0) return { after: [], before: [] };
  const edges: [string, string][] = [];
  for (const r of (spec.rules ?? []) as { sequence?: string[] }[]) if (r.sequence) for (let i = 1; i < r.sequence.length; i++) edges.push([r.sequence[i - 1]!, r.sequence[i]!]);
  const closure = (from: string, forward: boolean): Set<string> => {
    const out = new Set<string>();
    let frontier = [from];
    while (frontier.length) {
      const next: string[] = [];
      for (const [a, b] of edges) {
        const [x, y] = forward ? [a, b] : [b, a];
        if (frontier.includes(x) && !out.has(y)) {
          out.add(y);
          next.push(y);
        }
      }
      frontier = next;
    }
    return out;
  };
  const common = (forward: boolean) => {
    const sets = [...own].map((s) => closure(s, forward));
    return spec.sessions.map((s) => s.id).filter((id) => !own.has(id) && sets.every((x) => x.has(id)));
  };
  const after = common(false);
  const before = common(true);
  return {
    after: after.filter((v) => !after.some((w) => w !== v && closure(w, false).has(v))),
    before: before.filter((v) => !before.some((w) => w !== v && closure(w, true).has(v))),
  };
}

function checkSlots(spec: Spec, placement: RefPlacement, g: string, minutes: number, r: SlotsJson): void {
  const days = refMeetingDays(spec);
  const own = spec.sessions.filter((s) => s.group === g);
  const dayIdx = new Set<number>();
  const blocks = new Set<string>();
  if (own.length === 0) {
    days.forEach((_, i) => dayIdx.add(i));
    spec.blocks.forEach((b) => blocks.add(b.id));
  }
  for (const s of own) {
    const a = allowed(spec, s, days);
    a.dayIdx.forEach((i) => dayIdx.add(i));
    a.blocks.forEach((b) => blocks.add(b));
  }
  expect(r.group).toBe(g);
  expect(r.minutes).toBe(minutes);
  const extraId = r.session;
  expect(spec.sessions.some((s) => s.id === extraId)).toBe(false);
  // the order all of g's sessions keep (README: after every session the sequence rules put before all of them,
  // transitively, before every one they put after all of them; the nearest named)
  const order = inheritedOrder(spec, new Set(own.map((s) => s.id)));
  expect({ after: r.after, before: r.before }).toEqual(order);
  const spec2 = {
    ...spec,
    rules: [...(spec.rules ?? []), ...order.after.map((a) => ({ sequence: [a, extraId] })), ...order.before.map((b) => ({ sequence: [extraId, b] }))],
    sessions: [...spec.sessions, { id: extraId, group: g, minutes, blocks: [...blocks], days: [...dayIdx].sort((x, y) => x - y).map((i) => i + 1) }],
  } as Spec;
  const base = referenceEvaluate(spec, placement);
  expect(r.baseline).toEqual({ hard: base.hard, comfort: base.comfort, conflict: base.conflict, fairness: base.fairness, stability: 0, total: base.total });
  const candidates = refLegalStarts(spec2).get(extraId)!;
  expect(r.tried).toBe(candidates.length);

  const evals = new Map<number, RefResult>();
  const feasible: number[] = [];
  const only: Record<string, number> = {};
  const any: Record<string, number> = {};
  for (const t of candidates) {
    const e = referenceEvaluate(spec2, { ...placement, [extraId]: new Date(t * MS).toISOString() });
    evals.set(t, e);
    const broken = RULES.filter((k) => e.counts[k] > base.counts[k]);
    if (broken.length === 0) feasible.push(t);
    for (const k of broken) any[k] = (any[k] ?? 0) + 1;
    if (broken.length === 1) only[broken[0]!] = (only[broken[0]!] ?? 0) + 1;
  }
  expect(r.slots.map((s) => refParseInstant(s.start)).sort((x, y) => x - y)).toEqual(feasible);
  // the first line counts the refused starts by rule: each refused start once, under a rule it breaks
  expect(Object.values(r.refused).reduce((a, b) => a + b, 0)).toBe(candidates.length - feasible.length);
  for (const [k, n] of Object.entries(r.refused)) {
    expect(n, `refused ${k}`).toBeGreaterThanOrEqual(only[k] ?? 0);
    expect(n, `refused ${k}`).toBeLessThanOrEqual(any[k] ?? 0);
  }

  const w = { comfort: 1, conflict: 10, fairness: 1, ...spec.weights };
  const P = profileOf(spec);
  const who = new Set(attendeesOf(spec, g));
  const heads = audienceOf(spec, g);
  const instances = days.flatMap((date, d) =>
    spec.blocks.map((b) => ({ d, date, b, start: refWallToInstant(spec.timeZone, date, wall(b.start))!, end: refWallToInstant(spec.timeZone, date, wall(b.end))! })),
  );
  const placed = spec.sessions.flatMap((s) => (placement[s.id] ? [{ s, start: refParseInstant(placement[s.id]!), end: refParseInstant(placement[s.id]!) + s.minutes }] : []));
  r.slots.forEach((slot, i) => {
    const t = refParseInstant(slot.start);
    const what = `${g} ${minutes} at ${slot.start}`;
    const e = evals.get(t)!;
    expect(slot.rank).toBe(i + 1);
    expect(refParseInstant(slot.end)).toBe(t + minutes);
    expect(slot.cost, what).toEqual({
      total: w.comfort * (e.comfort - base.comfort) + w.conflict * (e.conflict - base.conflict) + w.fairness * (e.fairness - base.fairness),
      comfort: e.comfort - base.comfort,
      conflict: e.conflict - base.conflict,
      fairness: e.fairness - base.fairness,
    });
    expect(slot.cost.total).toBe(e.total - base.total);
    const inst = instances.find((x) => x.start <= t && t + minutes <= x.end)!;
    expect({ day: slot.day, date: slot.date, block: slot.block, core: slot.core }, what).toEqual({ day: inst.d + 1, date: inst.date, block: inst.b.id, core: inst.b.core === true });
    // conflicts: the sessions it overlaps that share attendees, with the overlap and who
    const overlapping = placed.filter((p) => p.start < t + minutes && t < p.end);
    const conflicts = overlapping
      .map((p) => ({
        session: p.s.id,
        group: p.s.group,
        minutes: Math.min(p.end, t + minutes) - Math.max(p.start, t),
        people: attendeesOf(spec, p.s.group).filter((x) => who.has(x)).sort(),
      }))
      .filter((c) => c.people.length > 0);
    const sortById = <T extends { session: string }>(l: T[]) => [...l].sort((x, y) => x.session.localeCompare(y.session));
    expect(sortById(slot.conflicts.map((c) => ({ ...c, people: [...c.people].sort() }))), what).toEqual(sortById(conflicts));
    expect(conflicts.reduce((s, c) => s + c.minutes * c.people.length, 0)).toBe(slot.cost.conflict);
    // tracks: how many stay free while it runs, and a track no overlapping session holds
    let free = spec.tracks;
    for (let u = t; u < t + minutes; u += spec.grid) free = Math.min(free, spec.tracks - 1 - placed.filter((p) => p.start <= u && u < p.end).length);
    expect(slot.freeTracks, what).toBe(free);
    expect(slot.track).toBeGreaterThanOrEqual(1);
    expect(slot.track).toBeLessThanOrEqual(spec.tracks);
    // local times for G's delegates and attending people
    expect(slot.local.map((l) => l.zone).sort()).toEqual([...heads.keys()].sort());
    for (const l of slot.local) {
      const h = heads.get(l.zone)!;
      const st = stretch(P, l.zone, t, t + minutes);
      expect({ d: l.delegates, p: l.people }).toEqual({ d: h.delegates, p: h.people });
      expect(l.start).toEqual(localPoint(l.zone, t, inst.date));
      expect(l.end).toEqual(localPoint(l.zone, t + minutes, inst.date));
      expect(l.pain).toBe(st.pain);
      expect(st.classes.has(l.class)).toBe(true);
    }
  });
  // ranking: cost, then conflicts, then time
  for (let i = 1; i < r.slots.length; i++) {
    const a = r.slots[i - 1]!;
    const b = r.slots[i]!;
    const key = (s: Slot) => [s.cost.total, s.cost.conflict, refParseInstant(s.start)];
    const [ka, kb] = [key(a), key(b)];
    const cmp = ka[0]! - kb[0]! || ka[1]! - kb[1]! || ka[2]! - kb[2]!;
    expect(cmp, `rank ${a.rank} (${ka}) before rank ${b.rank} (${kb})`).toBeLessThanOrEqual(0);
  }
}

/**
 * Slots whose `track` is the published track of a session they overlap (SPEC §5: "`track` numbers
 * 1..tracks so that overlapping sessions never share one"; README: "every other session staying put").
 */
function trackClashes(spec: Spec, placement: RefPlacement, tracks: ReadonlyMap<string, number>, r: SlotsJson): string[] {
  const out: string[] = [];
  for (const slot of r.slots) {
    const t = refParseInstant(slot.start);
    const e = refParseInstant(slot.end);
    for (const [id, iso] of Object.entries(placement)) {
      if (iso === undefined) continue;
      const s = refParseInstant(iso);
      const session = spec.sessions.find((x) => x.id === id)!;
      if (s < e && t < s + session.minutes && tracks.get(id) === slot.track) out.push(`${slot.start} track ${slot.track} = ${id}'s`);
    }
  }
  return out;
}

/** Bad input: exit 2, no stack trace, one line naming the problem. */
function expectOneLineError(r: Run, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

// ------------------------------------------------------------------ tests ----

let SG12: Spec;
let SG12_DRAFT: RefPlacement;
let SG12_TRACKS: Map<string, number>;
let A_SOLVED: RefPlacement;
let B_SOLVED: RefPlacement;

function readTimetable(path: string): { placement: RefPlacement; tracks: Map<string, number> } {
  const t = JSON.parse(readFileSync(join(WORK, path), 'utf8')) as { sessions: { id: string; start: string; track: number }[] };
  return { placement: Object.fromEntries(t.sessions.map((s) => [s.id, s.start])), tracks: new Map(t.sessions.map((s) => [s.id, s.track])) };
}

beforeAll(() => {
  copyFileSync(join(ROOT, 'examples/sg12-2021-05/meeting.json'), join(WORK, 'sg12.json'));
  copyFileSync(join(ROOT, 'examples/sg12-2021-05/draft-timetable.json'), join(WORK, 'sg12-draft.json'));
  const x = plenary('expand', 'sg12.json');
  expect(x.code).toBe(0);
  SG12 = JSON.parse(x.stdout) as Spec;
  ({ placement: SG12_DRAFT, tracks: SG12_TRACKS } = readTimetable('sg12-draft.json'));
  write('a.json', MEETING_A);
  write('b.json', MEETING_B);
  write('b-hand.json', {
    format: 'plenary.timetable/1',
    meeting: MEETING_B.id,
    timeZone: MEETING_B.timeZone,
    sessions: Object.entries(B_HAND).map(([id, start]) => ({ id, start })),
  });
  for (const [spec, out] of [
    ['a.json', 'a-out'],
    ['b.json', 'b-out'],
  ] as const) {
    const s = plenary('solve', spec, '--iterations', '20000', '--seed', '7', '--out', out);
    expect(s.code, s.stderr).toBe(0);
  }
  A_SOLVED = readTimetable('a-out/timetable.json').placement;
  B_SOLVED = readTimetable('b-out/timetable.json').placement;
  write('a-hand.json', {
    format: 'plenary.timetable/1',
    meeting: MEETING_A.id,
    timeZone: MEETING_A.timeZone,
    sessions: Object.entries(A_HAND).map(([id, [start, track]]) => ({ id, start, track })),
  });
}, 60_000);

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe('the meetings under test are what they claim (reference evaluator)', () => {
  it('the timetables are feasible', () => {
    expect(referenceEvaluate(SG12, SG12_DRAFT).hard).toBe(0);
    expect(referenceEvaluate(MEETING_A, A_SOLVED).hard).toBe(0);
    expect(referenceEvaluate(MEETING_B, B_SOLVED).hard).toBe(0);
    expect(referenceEvaluate(MEETING_A, Object.fromEntries(Object.entries(A_HAND).map(([id, [start]]) => [id, start]))).hard).toBe(0);
    const hand = referenceEvaluate(MEETING_B, B_HAND);
    expect(hand.hard).toBe(0);
    expect(hand.conflict).toBeGreaterThan(0); // p3/p4 in q1-1 ∥ q2-1, the avoid pair q1-3 ∥ q2-3
  });

  it('the audience follows README "Who is counted" (a subgroup under a group with delegates is not added)', () => {
    const a = audienceOf(MEETING_A);
    expect(a.get('Asia/Kolkata')).toEqual({ delegates: 4, people: 0 }); // WG1's 2 are among PLN's 4
    expect(a.get('Pacific/Chatham')).toEqual({ delegates: 4, people: 1 }); // PLN 3 + TF.a 1 (root TF has none)
    expect(a.get('America/New_York')).toEqual({ delegates: 5, people: 1 }); // the chair has no timeZone
    expect(a.has('Asia/Tokyo')).toBe(false);
  });
});

describe('plenary spread --json: local times, classes, counts', () => {
  it('SG12: on 5 May 2021, and on 26 March 2021 when Zurich and Sydney were on their other clocks', () => {
    const heads = audienceOf(SG12);
    const may = json<SpreadJson>('spread', 'sg12.json', '--date', '2021-05-05');
    checkSpread(SG12, may, ['2021-05-05'], heads);
    const march = json<SpreadJson>('spread', 'sg12.json', '--date', '2021-03-26');
    checkSpread(SG12, march, ['2021-03-26'], heads);
    expect(march.days[0]!.day ?? null).toBeNull();
    expect(checkShiftsBetween(may, march)).toBeGreaterThan(0);
  });

  it('SG12: every meeting day', () => {
    const s = json<SpreadJson>('spread', 'sg12.json');
    checkSpread(SG12, s, refMeetingDays(SG12), audienceOf(SG12));
  });

  it('A (New York, spring forward on a meeting day): every meeting day, every zone', () => {
    const s = json<SpreadJson>('spread', 'a.json');
    checkSpread(MEETING_A, s, refMeetingDays(MEETING_A), audienceOf(MEETING_A));
    expect(refMeetingDays(MEETING_A)).toContain('2021-03-14');
  });

  it('A: before and after the meeting zone changes, and after Lord Howe, Chatham and Apia change', () => {
    const heads = audienceOf(MEETING_A);
    const before = json<SpreadJson>('spread', 'a.json', '--date', '2021-03-12');
    const after = json<SpreadJson>('spread', 'a.json', '--date', '2021-03-15');
    const april = json<SpreadJson>('spread', 'a.json', '--date', '2021-04-05');
    checkSpread(MEETING_A, before, ['2021-03-12'], heads);
    checkSpread(MEETING_A, after, ['2021-03-15'], heads);
    checkSpread(MEETING_A, april, ['2021-04-05'], heads);
    // New York moved: everybody but St John's (who moved too) sees the blocks an hour earlier
    const core1 = (s: SpreadJson, z: string) => s.days[0]!.blocks.find((b) => b.block === 'core1')!.zones.find((x) => x.zone === z)!;
    expect(core1(before, 'Asia/Kathmandu').start.time).toBe('19:45');
    expect(core1(after, 'Asia/Kathmandu').start.time).toBe('18:45');
    expect(core1(after, 'America/St_Johns').start.time).toBe(core1(before, 'America/St_Johns').start.time);
    expect(checkShiftsBetween(before, after)).toBeGreaterThan(0);
    // only the zones moved: Lord Howe by 30 minutes, Chatham and Apia by an hour
    expect(core1(april, 'Australia/Lord_Howe').start.time).toBe('23:30');
    expect(core1(after, 'Australia/Lord_Howe').start.time).toBe('00:00');
    expect(core1(april, 'Australia/Lord_Howe').start.dayShift).toBe(0);
    expect(core1(after, 'Australia/Lord_Howe').start.dayShift).toBe(1);
    expect(checkShiftsBetween(after, april)).toBeGreaterThan(0);
  });

  it('A: --group counts the group’s own delegates and the people who attend it', () => {
    for (const g of ['WG1', 'PLN', 'TF']) {
      const s = json<SpreadJson>('spread', 'a.json', '--group', g, '--date', '2021-03-14');
      checkSpread(MEETING_A, s, ['2021-03-14'], audienceOf(MEETING_A, g));
    }
  });

  it('B (London, custom profile): every meeting day either side of the fall-back, and after the US change', () => {
    const heads = audienceOf(MEETING_B);
    const s = json<SpreadJson>('spread', 'b.json');
    checkSpread(MEETING_B, s, refMeetingDays(MEETING_B), heads);
    const nov8 = json<SpreadJson>('spread', 'b.json', '--date', '2021-11-08');
    checkSpread(MEETING_B, nov8, ['2021-11-08'], heads);
    const day = (d: string) => ({ days: s.days.filter((x) => x.date === d) }) as SpreadJson;
    expect(checkShiftsBetween(day('2021-10-29'), day('2021-11-01'))).toBeGreaterThan(0);
    expect(checkShiftsBetween(day('2021-11-01'), nov8)).toBeGreaterThan(0);
    // penalty 7 at 14:00 makes an afternoon block "night" for London itself
    const b = s.days[0]!.blocks.find((x) => x.block === 'b')!.zones.find((z) => z.zone === 'Europe/London')!;
    expect(b.class).toBe('night');
    const q2 = json<SpreadJson>('spread', 'b.json', '--group', 'Q2', '--date', '2021-11-01');
    checkSpread(MEETING_B, q2, ['2021-11-01'], audienceOf(MEETING_B, 'Q2'));
  });

  it('text output exits 0 and names every zone', () => {
    for (const [spec, extra] of [
      ['sg12.json', ['--date', '2021-05-05']],
      ['a.json', []],
      ['b.json', ['--group', 'Q1']],
    ] as const) {
      const r = plenary('spread', spec, ...extra);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      const meeting = spec === 'sg12.json' ? SG12 : spec === 'a.json' ? MEETING_A : MEETING_B;
      const group = extra[0] === '--group' ? extra[1] : undefined;
      for (const z of audienceOf(meeting, group).keys()) expect(r.stdout).toContain(z);
    }
  });

  it('bad input: exit 2, one line', () => {
    expectOneLineError(plenary('spread', 'a.json', '--date', '2021-02-30'), /--date/);
    expectOneLineError(plenary('spread', 'a.json', '--group', 'WG9'), /WG9/);
    expectOneLineError(plenary('spread', 'nope.json'), /nope\.json/);
  });
});

describe('plenary spread --suggest --json: positions of the core hours', () => {
  it('SG12: over the meeting days, figures and both rankings', () => {
    const s = json<SuggestJson>('spread', 'sg12.json', '--suggest');
    checkSuggest(SG12, s, refMeetingDays(SG12), audienceOf(SG12));
  });

  it('A: the spring-forward day leaves out the positions whose times do not exist that day', () => {
    const s = json<SuggestJson>('spread', 'a.json', '--suggest');
    checkSuggest(MEETING_A, s, refMeetingDays(MEETING_A), audienceOf(MEETING_A));
    expect(s.skipped).toBe(10); // core1 or core2 starting or ending in 02:00–02:59 on 14 March
  });

  it('A: one date, and one group', () => {
    checkSuggest(MEETING_A, json<SuggestJson>('spread', 'a.json', '--suggest', '--date', '2021-03-15'), ['2021-03-15'], audienceOf(MEETING_A));
    checkSuggest(MEETING_A, json<SuggestJson>('spread', 'a.json', '--suggest', '--group', 'WG1'), refMeetingDays(MEETING_A), audienceOf(MEETING_A, 'WG1'));
  });

  it('B: custom profile, across the fall-back', () => {
    checkSuggest(MEETING_B, json<SuggestJson>('spread', 'b.json', '--suggest'), refMeetingDays(MEETING_B), audienceOf(MEETING_B));
  });

  it('text: the current position first, then the two rankings', () => {
    const r = plenary('spread', 'a.json', '--suggest');
    expect(r.code, r.stderr).toBe(0);
    const cur = r.stdout.search(/^current /m);
    const tot = r.stdout.indexOf('by total pain');
    const worst = r.stdout.indexOf('by the worst-off zone');
    expect(cur).toBeGreaterThan(-1);
    expect(cur).toBeLessThan(tot);
    expect(tot).toBeLessThan(worst);
  });
});

describe('plenary slots --json: one more session of a group', () => {
  it('SG12 draft: Q12/12 for 60 minutes, Q5/12 for 90 (quota), Q13/12 for 30', () => {
    for (const [g, m] of [
      ['Q12/12', 60],
      ['Q5/12', 90],
      ['Q13/12', 30],
    ] as const) {
      const r = json<SlotsJson>('slots', 'sg12.json', 'sg12-draft.json', '--group', g, '--minutes', String(m));
      checkSlots(SG12, SG12_DRAFT, g, m, r);
      if (g === 'Q12/12') expect(trackClashes(SG12, SG12_DRAFT, SG12_TRACKS, r)).toEqual([]);
    }
  });

  it('A solved: across the spring-forward day, quota, a group with no sessions, a 45-minute session', () => {
    for (const [g, m] of [
      ['WG2', 45],
      ['WG1', 60],
      ['TF.a', 90],
      ['TF', 60],
    ] as const) {
      const r = json<SlotsJson>('slots', 'a.json', 'a-out/timetable.json', '--group', g, '--minutes', String(m));
      checkSlots(MEETING_A, A_SOLVED, g, m, r);
      if (g === 'WG2') expect(r.refused.quota).toBeGreaterThan(0);
      if (g !== 'TF') expect(r.slots.some((s) => s.date === '2021-03-14')).toBe(true);
    }
  });

  it('B solved and by hand: custom weights, conflicts with shared attendees, full tracks', () => {
    for (const [g, m] of [
      ['Q1', 60],
      ['Q2', 90],
      ['Q3', 30],
    ] as const) {
      checkSlots(MEETING_B, B_SOLVED, g, m, json<SlotsJson>('slots', 'b.json', 'b-out/timetable.json', '--group', g, '--minutes', String(m)));
      const hand = json<SlotsJson>('slots', 'b.json', 'b-hand.json', '--group', g, '--minutes', String(m));
      checkSlots(MEETING_B, B_HAND, g, m, hand);
      if (g === 'Q1') {
        expect(hand.slots.some((s) => s.conflicts.length > 0)).toBe(true);
        expect(hand.refused.tracks).toBeGreaterThan(0);
      }
    }
  });

  // SPEC §5 "`track` numbers 1..tracks so that overlapping sessions never share one"; README slots: "every
  // other session staying put … each shows its track". (On a published timetable with wg1-2 in track 1 on
  // 12 March 20:00–21:00, the WG2 slot 19:30–20:15 was once offered in track 1: the tracks were re-numbered
  // by start with the extra session included, sending the rapporteur to the room WG1 is published in.)
  it('the offered track is one that no overlapping published session holds', () => {
    const placement = Object.fromEntries(Object.entries(A_HAND).map(([id, [start]]) => [id, start]));
    const tracks = new Map(Object.entries(A_HAND).map(([id, [, track]]) => [id, track]));
    const r = json<SlotsJson>('slots', 'a.json', 'a-hand.json', '--group', 'WG2', '--minutes', '45');
    checkSlots(MEETING_A, placement, 'WG2', 45, r);
    expect(trackClashes(MEETING_A, placement, tracks, r)).toEqual([]);
  });

  // README: "`--json` prints every slot unless `--top` is given" (it once printed all 42 with `--top 4`).
  it('--top N limits the JSON list too', () => {
    const all = json<SlotsJson>('slots', 'b.json', 'b-hand.json', '--group', 'Q1', '--minutes', '60');
    const top = json<SlotsJson>('slots', 'b.json', 'b-hand.json', '--group', 'Q1', '--minutes', '60', '--top', '4');
    expect(all.slots.length).toBeGreaterThan(4);
    expect(top.slots).toEqual(all.slots.slice(0, 4));
  });

  it('--top N limits the text list', () => {
    const text = plenary('slots', 'b.json', 'b-hand.json', '--group', 'Q1', '--minutes', '60', '--top', '2');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^ {2}1\. /m);
    expect(text.stdout).toMatch(/^ {2}2\. /m);
    expect(text.stdout).not.toMatch(/^ {2}3\. /m);
  });

  it('bad input: exit 2, one line, no stack trace', () => {
    expectOneLineError(plenary('slots', 'a.json', 'a-out/timetable.json', '--group', 'WG9', '--minutes', '60'), /WG9/);
    expectOneLineError(plenary('slots', 'a.json', 'a-out/timetable.json', '--group', 'WG1', '--minutes', '50'), /--minutes/);
    expectOneLineError(plenary('slots', 'a.json', 'a-out/timetable.json', '--group', 'WG1', '--minutes', '0'), /--minutes/);
    expectOneLineError(plenary('slots', 'a.json', 'a-out/timetable.json', '--group', 'WG1', '--minutes', '600'), /--minutes/);
    expectOneLineError(plenary('slots', 'a.json', 'missing.json', '--group', 'WG1', '--minutes', '60'), /missing\.json/);
    // TIMETABLE left out: the problem on the first line; a usage line may follow
    const r = plenary('slots', 'a.json', '--group', 'WG1', '--minutes', '60');
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/TIMETABLE/);
    expect(lines.slice(1).every((l) => /^usage:/.test(l))).toBe(true);
    // a timetable of another meeting
    const other = plenary('slots', 'a.json', 'sg12-draft.json', '--group', 'WG1', '--minutes', '60');
    expect(other.code).toBe(2);
    expect(other.stderr).not.toMatch(/^\s+at /m);
  });
});
