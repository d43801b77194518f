/**
 * A clean-room evaluator of SPEC §1–§4, written from /work/shared/SPEC.md alone
 * (without reading src/timetable/constraints.ts, src/model/* or src/solver/*),
 * to cross-check the authoritative `evaluate` in spec-reference.test.ts.
 *
 * Input: an *expanded* `plenary.meeting/1` spec as plain JSON and a placement
 * (session id → ISO start instant with offset, or absent = unplaced).
 * Everything is computed the slow and literal way: days with `rrule` in
 * floating time, wall times placed in the zone with luxon (first occurrence on
 * fall-back), pain minute by minute.
 *
 * Readings chosen where the SPEC leaves room (each also marked `READING` below):
 *  R1 grid: "block start + k*grid" is counted in elapsed minutes from the block
 *     start instant (so on a fall-back day the grid runs through both copies of
 *     the repeated hour); "ending by the block's end" compares instants.
 *  R2 `at`: the start must be the instant of wall time `at` on that meeting day
 *     (first occurrence on a fall-back day, RFC 5545 as §1 says). A day where
 *     `at` does not exist gives no legal start (moot: ours refuses such a
 *     spec, as §1 says of a wall time in the gap).
 *  R3 tracks: counted at the grid instants `block start + k*grid` (< block end)
 *     of every block on every meeting day; a session "runs" at t when
 *     start <= t < end. Sessions (or parts of them) outside every block are not
 *     sampled.
 *  R4 pair rules: one per unordered overlapping pair per rule id (exclusive:
 *     either session exclusive; group: same `group` id, ancestors not involved;
 *     lead: at least one common required person; apart: at least one apart list
 *     names both). Overlap is of half-open intervals [start, end).
 *  R5 sequence: counted per rule, per consecutive pair (a, b) with both placed:
 *     one when end(a) > start(b) or (sameDay and the meeting-zone local dates of
 *     the two starts differ). A pair with an unplaced session counts nothing here
 *     (the unplaced session already counts under placement).
 *  R6 quota: a group's own sessions only (not its descendants'); a session
 *     counts as a core-block session when it lies wholly inside a core block on
 *     a meeting day (block start <= start and end <= block end), even if
 *     misplaced otherwise (off-grid, a block or day it may not use); one that
 *     runs past the block's end is not "placed in" the block. Unplaced sessions
 *     do not count. min defaults to 0, no max = no upper bound.
 *     (First written as "its start lies inside a core block"; the comparison
 *     showed ours counts whole containment, which also matches the timetable
 *     document's `block`/`core` fields, so the reference now does the same.)
 *  R7 comfort/conflict/fairness use every placed session, legal or not;
 *     unplaced sessions contribute nothing. "Delegates of s's group" are the
 *     group's own delegates (not its ancestors').
 *  R8 stability: sessions whose id has a previous start and that are placed now
 *     at a different instant.
 *  R9 required = people who list the session's own group in `leads`
 *     (leading a parent group does not make one required at a subgroup).
 *  R10 `days` entries that do not resolve to a meeting day are ignored (the
 *     spec loader refuses them anyway); avoid `weight` defaults to 1.
 */
import { DateTime } from 'luxon';
import * as rruleModule from 'rrule';

type RRuleCtor = typeof import('rrule').RRule;
const RRule: RRuleCtor = ((rruleModule as unknown as { default?: { RRule: RRuleCtor } }).default ?? (rruleModule as unknown as { RRule: RRuleCtor })).RRule;

/** A session of an expanded `plenary.meeting/1` spec, as the reference reads it. */
export interface RefSession {
  readonly id: string;
  readonly group: string;
  readonly minutes: number;
  readonly exclusive?: boolean;
  readonly core?: boolean;
  readonly blocks?: readonly string[];
  readonly days?: readonly (number | string)[];
  readonly at?: string;
}

/** The subset of an expanded `plenary.meeting/1` spec the reference reads (plain JSON). */
export interface RefSpec {
  readonly timeZone: string;
  readonly days: { readonly from: string; readonly to: string; readonly rrule?: string; readonly except?: readonly string[] };
  readonly blocks: readonly { readonly id: string; readonly start: string; readonly end: string; readonly core?: boolean }[];
  readonly tracks: number;
  readonly grid: number;
  readonly comfort?: readonly number[];
  readonly weights?: { readonly comfort?: number; readonly conflict?: number; readonly fairness?: number; readonly stability?: number };
  readonly groups: readonly {
    readonly id: string;
    readonly parent?: string;
    readonly delegates?: Readonly<Record<string, number>>;
    readonly core?: { readonly min?: number; readonly max?: number };
  }[];
  readonly people?: readonly { readonly id: string; readonly timeZone?: string; readonly leads?: readonly string[]; readonly attends?: readonly string[] }[];
  readonly sessions: readonly RefSession[];
  readonly rules?: readonly (
    | { readonly sequence: readonly string[]; readonly sameDay?: boolean }
    | { readonly apart: readonly string[] }
    | { readonly avoid: readonly string[]; readonly weight?: number }
  )[];
}

/** Session id → ISO start instant (with offset); absent or undefined = unplaced. */
export type RefPlacement = Readonly<Record<string, string | undefined>>;

export type RefCounts = { placement: number; tracks: number; exclusive: number; group: number; lead: number; sequence: number; apart: number; quota: number };

export interface RefResult {
  readonly hard: number;
  readonly counts: RefCounts;
  readonly comfort: number;
  readonly conflict: number;
  readonly fairness: number;
  readonly stability: number;
  readonly total: number;
}

/** SPEC §4 default profile: 0 from 08:00 to 17:59, 1 at 07, 18, 19, 3 at 06, 20, 21, 6 at 05 and 22, 10 from 23:00 to 04:59. */
export const REF_DEFAULT_COMFORT: readonly number[] = Array.from({ length: 24 }, (_, h) =>
  h >= 8 && h <= 17 ? 0 : h === 7 || h === 18 || h === 19 ? 1 : h === 6 || h === 20 || h === 21 ? 3 : h === 5 || h === 22 ? 6 : 10,
);

// ---------------------------------------------------------------- time ----

const MS = 60_000;

/** Offset (minutes) of `zone` at epoch minute `m`. */
function offsetAt(zone: string, m: number): number {
  return DateTime.fromMillis(m * MS, { zone }).offset;
}

const hourCache = new Map<string, Map<number, number>>();
/** Local hour in `zone` at epoch minute `m` (memoised: the same minutes come back across placements). */
function localHour(zone: string, m: number): number {
  let z = hourCache.get(zone);
  if (!z) hourCache.set(zone, (z = new Map()));
  let h = z.get(m);
  if (h === undefined) {
    h = DateTime.fromMillis(m * MS, { zone }).hour;
    z.set(m, h);
  }
  return h;
}

/** Local date `YYYY-MM-DD` in `zone` at epoch minute `m`. */
export function refLocalDate(zone: string, m: number): string {
  return DateTime.fromMillis(m * MS, { zone }).toISODate()!;
}

/** Epoch minutes of midnight UTC of a date: the "naive" wall clock origin. */
function naiveDay(date: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, mo - 1, d) / MS;
}

/**
 * The instant of wall time `wall` (minutes after midnight, 1440 = next midnight)
 * on `date` in `zone`: the earliest instant whose local wall clock reads so
 * (first occurrence on fall-back), or undefined in a spring-forward gap.
 */
export function refWallToInstant(zone: string, date: string, wall: number): number | undefined {
  const naive = naiveDay(date) + wall;
  const offsets = new Set<number>();
  for (let h = -36; h <= 36; h++) offsets.add(offsetAt(zone, naive + h * 60));
  const hits = [...offsets].map((o) => naive - o).filter((c) => c + offsetAt(zone, c) === naive);
  return hits.length === 0 ? undefined : Math.min(...hits);
}

function parseWall(s: string): number {
  const [h, m] = s.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Epoch minutes of an ISO instant with offset. */
export function refParseInstant(iso: string): number {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new Error(`reference: bad instant ${iso}`);
  return dt.toMillis() / MS;
}

/** ISO instant with the offset in force in `zone`. */
export function refFormatInstant(m: number, zone: string): string {
  return DateTime.fromMillis(m * MS, { zone }).toISO({ suppressMilliseconds: true })!;
}

// ---------------------------------------------------------------- days ----

/** Meeting days (§2): floating dates of the rrule from `from` to `to`, minus `except`. */
export function refMeetingDays(spec: RefSpec): string[] {
  const text = (spec.days.rrule ?? 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR').replace(/^RRULE:/i, '');
  const opts = RRule.parseString(text);
  const dtstart = new Date(naiveDay(spec.days.from) * MS);
  const until = new Date((naiveDay(spec.days.to) + 1440 - 1) * MS);
  const rule = new RRule({ ...opts, dtstart, ...(opts.until || opts.count ? {} : { until }) });
  const except = new Set(spec.days.except ?? []);
  const out: string[] = [];
  for (const d of rule.all()) {
    const iso = d.toISOString().slice(0, 10);
    if (iso >= spec.days.from && iso <= spec.days.to && !except.has(iso) && !out.includes(iso)) out.push(iso);
  }
  return out.sort();
}

// ------------------------------------------------------------- context ----

interface Instance {
  readonly day: number;
  readonly block: number;
  readonly start: number;
  readonly end: number;
  readonly core: boolean;
}

interface Ctx {
  readonly spec: RefSpec;
  readonly days: readonly string[];
  readonly instances: readonly Instance[];
  readonly ancestors: ReadonlyMap<string, readonly string[]>;
  /** per session index: attending people indices */
  readonly attendees: readonly (readonly number[])[];
  /** per session index: required people indices */
  readonly required: readonly ReadonlySet<number>[];
  readonly personZone: readonly string[];
  /** per session index: legal starts */
  readonly legal: readonly ReadonlySet<number>[];
}

const ctxCache = new WeakMap<RefSpec, Ctx>();

function resolveDays(ref: readonly (number | string)[] | undefined, days: readonly string[]): number[] {
  if (!ref) return days.map((_, i) => i);
  const out = new Set<number>();
  for (const r of ref) {
    let i: number;
    if (typeof r === 'number') i = r > 0 ? r - 1 : days.length + r;
    else i = days.indexOf(r);
    if (i >= 0 && i < days.length) out.add(i); // READING R10
  }
  return [...out].sort((a, b) => a - b);
}

function context(spec: RefSpec): Ctx {
  const hit = ctxCache.get(spec);
  if (hit) return hit;
  const zone = spec.timeZone;
  const days = refMeetingDays(spec);
  const instances: Instance[] = [];
  days.forEach((date, d) =>
    spec.blocks.forEach((b, bi) => {
      const start = refWallToInstant(zone, date, parseWall(b.start));
      const end = refWallToInstant(zone, date, parseWall(b.end));
      if (start === undefined || end === undefined) throw new Error(`reference: block ${b.id} does not exist on ${date}`);
      instances.push({ day: d, block: bi, start, end, core: b.core === true });
    }),
  );
  const parent = new Map(spec.groups.map((g) => [g.id, g.parent]));
  const ancestors = new Map<string, string[]>();
  for (const g of spec.groups) {
    const chain: string[] = [];
    for (let x: string | undefined = g.id; x !== undefined && !chain.includes(x); x = parent.get(x)) chain.push(x);
    ancestors.set(g.id, chain);
  }
  const people = spec.people ?? [];
  const personZone = people.map((p) => p.timeZone ?? zone);
  const personGroups = people.map((p) => new Set([...(p.leads ?? []), ...(p.attends ?? [])].flatMap((g) => ancestors.get(g) ?? [g])));
  const attendees = spec.sessions.map((s) => people.map((_, i) => i).filter((i) => personGroups[i]!.has(s.group)));
  const required = spec.sessions.map((s) => new Set(people.map((_, i) => i).filter((i) => (people[i]!.leads ?? []).includes(s.group))));
  const legalStarts = (s: RefSpec['sessions'][number]) => {
    const allowedDays = resolveDays(s.days, days);
    const allowedBlocks = spec.blocks
      .map((b, i) => ({ b, i }))
      .filter(({ b }) => (!s.core || b.core === true) && (!s.blocks || s.blocks.includes(b.id)))
      .map(({ i }) => i);
    const set = new Set<number>();
    for (const d of allowedDays) {
      const atInstant = s.at === undefined ? undefined : refWallToInstant(zone, days[d]!, parseWall(s.at)); // READING R2
      if (s.at !== undefined && atInstant === undefined) continue;
      for (const b of allowedBlocks) {
        const inst = instances[d * spec.blocks.length + b]!;
        for (let t = inst.start; t < inst.end; t += spec.grid) {
          // READING R1: grid in elapsed minutes from the block start instant
          if (t + s.minutes > inst.end) continue;
          if (atInstant !== undefined && t !== atInstant) continue;
          set.add(t);
        }
      }
    }
    return set;
  };
  const legal = spec.sessions.map((s) => legalStarts(s));
  const ctx: Ctx = { spec, days, instances, ancestors, attendees, required, personZone, legal };
  ctxCache.set(spec, ctx);
  return ctx;
}

/** Legal starts (epoch minutes) of every session, by id, ascending: what `placement` accepts. */
export function refLegalStarts(spec: RefSpec): Map<string, number[]> {
  const c = context(spec);
  return new Map(spec.sessions.map((s, i) => [s.id, [...c.legal[i]!].sort((a, b) => a - b)]));
}

/** Every grid step of every block on every meeting day (epoch minutes), for placements in tests. */
export function refGridSteps(spec: RefSpec): number[] {
  const c = context(spec);
  const out: number[] = [];
  for (const inst of c.instances) for (let t = inst.start; t < inst.end; t += spec.grid) out.push(t);
  return out;
}

/** Start instants of the block instances and the meeting days, for tests. */
export function refDaysAndInstances(spec: RefSpec): { days: readonly string[]; instances: readonly { start: number; end: number }[] } {
  const c = context(spec);
  return { days: c.days, instances: c.instances };
}

// ------------------------------------------------------------ evaluate ----

const painCache = new Map<string, number>();
/** §4 pain(s, z): Σ over the session's minutes of P[local hour in z]. */
function pain(profile: readonly number[], zone: string, start: number, minutes: number): number {
  const key = `${profile.join(',')}|${zone}|${start}|${minutes}`;
  const hit = painCache.get(key);
  if (hit !== undefined) return hit;
  let sum = 0;
  for (let i = 0; i < minutes; i++) sum += profile[localHour(zone, start + i)]!;
  painCache.set(key, sum);
  return sum;
}

/**
 * The counts of SPEC §3 and the terms of §4 for a placement.
 *
 * @example
 * const spec = JSON.parse(JSON.stringify(expandSpec(json)));
 * referenceEvaluate(spec, { 'sg12-opening': '2021-05-04T11:30:00+02:00' }).counts.placement // the others are unplaced
 */
export function referenceEvaluate(spec: RefSpec, placement: RefPlacement, previous?: RefPlacement): RefResult {
  const c = context(spec);
  const S = spec.sessions;
  const n = S.length;
  const start: (number | undefined)[] = S.map((s) => (placement[s.id] === undefined ? undefined : refParseInstant(placement[s.id]!)));
  const end = (i: number) => start[i]! + S[i]!.minutes;
  const placed = S.map((_, i) => i).filter((i) => start[i] !== undefined);
  const counts: RefCounts = { placement: 0, tracks: 0, exclusive: 0, group: 0, lead: 0, sequence: 0, apart: 0, quota: 0 };

  // placement: one per misplaced (or unplaced) session
  for (let i = 0; i < n; i++) if (start[i] === undefined || !c.legal[i]!.has(start[i]!)) counts.placement++;

  // tracks: one per day, block and grid step where more than `tracks` run (READING R3)
  for (const inst of c.instances) {
    for (let t = inst.start; t < inst.end; t += spec.grid) {
      let running = 0;
      for (const i of placed) if (start[i]! <= t && t < end(i)) running++;
      if (running > spec.tracks) counts.tracks++;
    }
  }

  // pair rules and conflict (READING R4)
  const aparts = (spec.rules ?? []).flatMap((r) => ('apart' in r ? [new Set(r.apart)] : []));
  const avoids = (spec.rules ?? []).flatMap((r) => ('avoid' in r ? [{ ids: new Set(r.avoid), weight: r.weight ?? 1 }] : []));
  let conflict = 0;
  for (let x = 0; x < placed.length; x++) {
    for (let y = x + 1; y < placed.length; y++) {
      const i = placed[x]!;
      const j = placed[y]!;
      const overlap = Math.min(end(i), end(j)) - Math.max(start[i]!, start[j]!);
      if (overlap <= 0) continue;
      const a = S[i]!;
      const b = S[j]!;
      if (a.exclusive || b.exclusive) counts.exclusive++;
      if (a.group === b.group) counts.group++;
      if ([...c.required[i]!].some((p) => c.required[j]!.has(p))) counts.lead++;
      if (aparts.some((set) => set.has(a.id) && set.has(b.id))) counts.apart++;
      const both = c.attendees[i]!.filter((p) => c.attendees[j]!.includes(p)).length;
      const avoidWeight = avoids.filter((r) => r.ids.has(a.id) && r.ids.has(b.id)).reduce((w, r) => w + r.weight, 0);
      conflict += overlap * (both + avoidWeight);
    }
  }

  // sequence (READING R5)
  const index = new Map(S.map((s, i) => [s.id, i]));
  for (const r of spec.rules ?? []) {
    if (!('sequence' in r)) continue;
    for (let k = 0; k + 1 < r.sequence.length; k++) {
      const a = index.get(r.sequence[k]!)!;
      const b = index.get(r.sequence[k + 1]!)!;
      if (start[a] === undefined || start[b] === undefined) continue;
      const late = end(a) > start[b]!;
      const apartDays = r.sameDay === true && refLocalDate(spec.timeZone, start[a]!) !== refLocalDate(spec.timeZone, start[b]!);
      if (late || apartDays) counts.sequence++;
    }
  }

  // quota (READING R6)
  for (const g of spec.groups) {
    if (!g.core) continue;
    let inCore = 0;
    S.forEach((s, i) => {
      if (s.group !== g.id || start[i] === undefined) return;
      if (c.instances.some((inst) => inst.core && inst.start <= start[i]! && end(i) <= inst.end)) inCore++;
    });
    const min = g.core.min ?? 0;
    if (inCore < min || (g.core.max !== undefined && inCore > g.core.max)) counts.quota++;
  }

  // comfort and fairness (READING R7)
  const profile = spec.comfort ?? REF_DEFAULT_COMFORT;
  let comfort = 0;
  const groupOf = new Map(spec.groups.map((g) => [g.id, g]));
  for (const i of placed) {
    const heads = new Map<string, number>();
    for (const [z, k] of Object.entries(groupOf.get(S[i]!.group)?.delegates ?? {})) heads.set(z, (heads.get(z) ?? 0) + k);
    for (const p of c.attendees[i]!) heads.set(c.personZone[p]!, (heads.get(c.personZone[p]!) ?? 0) + 1);
    for (const [z, k] of heads) if (k !== 0) comfort += k * pain(profile, z, start[i]!, S[i]!.minutes);
  }
  let fairness = 0;
  (spec.people ?? []).forEach((_, p) => {
    let sum = 0;
    for (const i of placed) if (c.attendees[i]!.includes(p)) sum += pain(profile, c.personZone[p]!, start[i]!, S[i]!.minutes);
    fairness = Math.max(fairness, sum);
  });

  // stability (READING R8)
  let stability = 0;
  if (previous) {
    for (let i = 0; i < n; i++) {
      const before = previous[S[i]!.id];
      if (before !== undefined && start[i] !== undefined && refParseInstant(before) !== start[i]) stability++;
    }
  }

  const w = { comfort: 1, conflict: 10, fairness: 1, stability: 1000, ...spec.weights };
  const hard = Object.values(counts).reduce((a, b) => a + b, 0);
  const total = w.comfort * comfort + w.conflict * conflict + w.fairness * fairness + w.stability * stability;
  return { hard, counts, comfort, conflict, fairness, stability, total };
}
