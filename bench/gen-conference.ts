/**
 * Sizes M and L: an IETF-like engineering week. Areas hold working groups
 * that meet once to three times for 60 or 120 minutes in 120-minute blocks;
 * hundreds (M) or thousands (L) of people attend several working groups, so
 * their sessions' overlaps cost (soft conflicts); chairs lead one or two
 * groups (hard `lead`), area directors lead their area's open meeting,
 * everyone attends the exclusive plenaries; avoid rules (the chairs' conflict
 * lists), apart rules, sequences of a group's sessions and core quotas where
 * the shape asks for them.
 */
import { prng } from './prng.js';
import { Layout, slotsOverlap, weekdays } from './layout.js';
import type { Slot } from './layout.js';
import { IETF_ZONES } from './zones.js';
import type { ZoneShare } from './zones.js';
import { drawDelegates, minutesOf } from './gen-common.js';
import type { Generated, GroupOut, PersonOut, RuleOut, SessionOut } from './gen-common.js';

/** The shape of a conference instance. */
export interface ConferenceShape {
  readonly id: string;
  readonly title: string;
  readonly timeZone: string;
  readonly from: string;
  readonly to: string;
  readonly blocks: readonly { id: string; start: string; end: string; core: boolean }[];
  readonly tracks: number;
  readonly grid: number;
  /** Area ids. */
  readonly areas: readonly string[];
  readonly workingGroups: number;
  readonly people: number;
  /** Relative odds that a person attends 2, 3, 4, 5, 6 working groups. */
  readonly interests: readonly number[];
  /** Share of a person's working groups drawn from their home area. */
  readonly homeShare: number;
  /** Area directors also attend every working group of their area (so its sessions all conflict through them). */
  readonly directorsAttendAll?: boolean;
  readonly zones: readonly ZoneShare[];
  /** Exclusive plenaries of the whole meeting: minutes and meeting day (1-based, negative from the end). */
  readonly plenaries: readonly { id: string; title: string; minutes: number; day: number }[];
  /** Per area, one 60-minute open meeting led by its directors. */
  readonly areaMeetings: boolean;
  /** Share of multi-session groups whose sessions form a sequence. */
  readonly sequenceShare: number;
  /** Share of multi-session groups with a core quota. */
  readonly quotaShare: number;
  readonly avoidRules: number;
  readonly apartRules: number;
  /** When set, each working-group session may meet on only this many days (its hidden day among them). */
  readonly daysPerSession?: number;
  /** Anonymous delegates per working group: at most this many zones and this many per zone. */
  readonly delegates: readonly [zones: number, perZone: number];
}

interface Wg {
  id: string;
  area: string;
  popularity: number;
  sessions: string[];
  attendees: number[];
}

/**
 * Generates a conference of the given shape for `seed`, with its hidden
 * feasible placement.
 *
 * @example
 * const { spec } = conference(M_SHAPE, 1);
 */
export function conference(shape: ConferenceShape, seed: number): Generated {
  const rng = prng(0xc0f000 + seed * 7919 + shape.workingGroups);
  const days = weekdays(shape.from, shape.to);
  const D = days.length;
  const blockMinutes = shape.blocks.map((b) => minutesOf(b.end) - minutesOf(b.start));
  const layout = new Layout(D, blockMinutes, shape.tracks, shape.grid);
  const hidden: Record<string, Slot> = {};
  const groups: GroupOut[] = [];
  const sessions: SessionOut[] = [];
  const rules: RuleOut[] = [];
  const zone = () => rng.weighted(shape.zones, (z) => z.weight).zone;

  const root = shape.id;
  groups.push({ id: root, title: shape.title });
  for (const p of shape.plenaries) {
    const day = p.day > 0 ? p.day - 1 : D + p.day;
    const options = shape.blocks.map((_, b) => ({ day, block: b, offset: 0, minutes: p.minutes })).filter((s) => layout.fits(s, true));
    const slot = rng.pick(options);
    layout.add(slot, true);
    hidden[p.id] = slot;
    sessions.push({ id: p.id, group: root, title: p.title, minutes: p.minutes, exclusive: true, days: [p.day] });
  }

  const place = (id: string, minutes: number, avoid: readonly Slot[], core?: boolean): Slot => {
    for (let tries = 0; tries < 5000; tries++) {
      const block = rng.int(0, shape.blocks.length - 1);
      if (core !== undefined && shape.blocks[block]!.core !== core) continue;
      const offset = shape.grid * rng.int(0, (blockMinutes[block]! - minutes) / shape.grid);
      const slot = { day: rng.int(0, D - 1), block, offset, minutes };
      if (avoid.some((a) => a.day === slot.day && a.block === slot.block)) continue;
      if (!layout.fits(slot)) continue;
      layout.add(slot);
      return slot;
    }
    throw new Error(`generator: no room for ${id}`);
  };

  // areas and their working groups
  for (const a of shape.areas) groups.push({ id: a, parent: root, title: `${a.toUpperCase()} area` });
  if (shape.areaMeetings) {
    for (const a of shape.areas) {
      const id = `${a}-area`;
      hidden[id] = place(id, 60, []);
      sessions.push({ id, group: a, title: `${a.toUpperCase()} area open meeting`, minutes: 60 });
    }
  }
  const areaWeight = shape.areas.map(() => 0.5 + rng.next());
  const wgs: Wg[] = [];
  const perArea = new Map<string, number>();
  for (let i = 0; i < shape.workingGroups; i++) {
    const area = rng.weighted(shape.areas, (_, k) => areaWeight[k]!);
    const n = (perArea.get(area) ?? 0) + 1;
    perArea.set(area, n);
    const id = `${area}-${String(n).padStart(2, '0')}`;
    wgs.push({ id, area, popularity: 1 / Math.pow(rng.int(1, 60), 0.9), sessions: [], attendees: [] });
  }
  for (const wg of wgs) {
    const r = rng.next();
    const count = r < 0.6 ? 1 : r < 0.93 ? 2 : 3;
    const minutes = rng.chance(0.55) ? 120 : 60;
    const slots: Slot[] = [];
    for (let k = 0; k < count; k++) slots.push(place(`${wg.id}-${k + 1}`, minutes, slots));
    slots.sort((x, y) => x.day - y.day || x.block - y.block || x.offset - y.offset);
    const group: GroupOut = { id: wg.id, parent: wg.area, delegates: drawDelegates(rng, shape.zones, rng.int(0, shape.delegates[0]), shape.delegates[1]) };
    slots.forEach((slot, k) => {
      const id = `${wg.id}-${k + 1}`;
      hidden[id] = slot;
      wg.sessions.push(id);
      const out: SessionOut = { id, group: wg.id, minutes };
      if (shape.daysPerSession !== undefined && shape.daysPerSession < D) {
        const others = rng.sample(Array.from({ length: D }, (_, d) => d).filter((d) => d !== slot.day), shape.daysPerSession - 1);
        out.days = [slot.day, ...others].sort((x, y) => x - y).map((d) => d + 1);
      }
      sessions.push(out);
    });
    if (count > 1 && rng.chance(shape.sequenceShare)) rules.push({ sequence: [...wg.sessions] });
    if (count > 1 && rng.chance(shape.quotaShare)) {
      const inCore = slots.filter((s) => shape.blocks[s.block]!.core).length;
      group.core = { min: Math.min(1, inCore), max: Math.max(1, inCore) };
    }
    groups.push(group);
  }

  // people: a home area, several working groups by popularity
  const byArea = new Map<string, Wg[]>();
  for (const wg of wgs) byArea.set(wg.area, [...(byArea.get(wg.area) ?? []), wg]);
  const people: PersonOut[] = [];
  for (let i = 0; i < shape.people; i++) {
    const home = rng.weighted(shape.areas, (_, k) => areaWeight[k]!);
    const k = rng.weighted([2, 3, 4, 5, 6], (_, j) => shape.interests[j] ?? 0);
    const chosen = new Set<Wg>();
    for (let tries = 0; chosen.size < k && tries < 50; tries++) {
      const pool = rng.chance(shape.homeShare) ? byArea.get(home)! : wgs;
      chosen.add(rng.weighted(pool, (w) => w.popularity));
    }
    const person: PersonOut = { id: `p${String(i + 1).padStart(4, '0')}`, timeZone: zone(), leads: [], attends: [...chosen].map((w) => w.id) };
    for (const w of chosen) w.attendees.push(i);
    people.push(person);
  }

  // chairs: one or two per working group, among its attendees, never leading two groups that meet at once
  const ledSlots = new Map<number, Slot[]>();
  for (const wg of rng.shuffle(wgs)) {
    const slots = wg.sessions.map((s) => hidden[s]!);
    const want = rng.chance(0.35) ? 2 : 1;
    let got = 0;
    for (const p of rng.shuffle(wg.attendees)) {
      if (got === want) break;
      const led = ledSlots.get(p) ?? [];
      if (people[p]!.leads.length >= 2 || led.some((a) => slots.some((b) => slotsOverlap(a, b)))) continue;
      lead(people[p]!, wg.id);
      ledSlots.set(p, [...led, ...slots]);
      got++;
    }
    if (got === 0) {
      const p = people.length;
      people.push({ id: `p${String(p + 1).padStart(4, '0')}`, timeZone: zone(), leads: [wg.id], attends: [] });
      ledSlots.set(p, slots);
      wg.attendees.push(p);
    }
  }
  // area directors and the meeting's chair (their sessions meet nothing they lead)
  if (shape.areaMeetings) {
    for (const a of shape.areas) {
      const area = hidden[`${a}-area`]!;
      const members = [...new Set((byArea.get(a) ?? []).flatMap((w) => w.attendees))];
      const free = members.filter((p) => !(ledSlots.get(p) ?? []).some((s) => slotsOverlap(s, area)));
      for (const p of rng.sample(free, 2)) {
        lead(people[p]!, a);
        ledSlots.set(p, [...(ledSlots.get(p) ?? []), area]);
        if (shape.directorsAttendAll) {
          const person = people[p]!;
          for (const w of byArea.get(a) ?? []) if (!person.leads.includes(w.id) && !person.attends.includes(w.id)) person.attends.push(w.id);
        }
      }
    }
  }
  lead(people[0]!, root);

  // the chairs' conflict lists (avoid) and a few groups that must not meet at once (apart)
  const first = wgs.map((w) => w.sessions[0]!);
  for (let i = 0; i < shape.avoidRules; i++) {
    const [a, b] = rng.sample(first, 2);
    rules.push({ avoid: [a!, b!], weight: rng.int(3, 15) });
  }
  for (let made = 0, tries = 0; made < shape.apartRules && tries < 100 * shape.apartRules; tries++) {
    const list = rng.sample(first, rng.chance(0.3) ? 3 : 2);
    if (list.some((x, i) => list.some((y, j) => i < j && slotsOverlap(hidden[x]!, hidden[y]!)))) continue;
    rules.push({ apart: list });
    made++;
  }

  const spec = {
    format: 'plenary.meeting/1',
    id: shape.id,
    title: shape.title,
    timeZone: shape.timeZone,
    days: { from: shape.from, to: shape.to },
    blocks: shape.blocks,
    tracks: shape.tracks,
    grid: shape.grid,
    groups,
    people,
    sessions,
    rules,
  };
  return { spec, hidden };
}

function lead(p: PersonOut, group: string): void {
  if (!p.leads.includes(group)) p.leads.push(group);
  p.attends = p.attends.filter((g) => g !== group);
}

/**
 * Size M: ~150 sessions of 60 and 120 minutes, 5 days × 4 blocks, 9 tracks, 450 people.
 *
 * @example
 * conference(mShape(1), 1)
 */
export function mShape(seed: number): ConferenceShape {
  return {
    id: `bench-m${seed}`,
    title: `Benchmark M${seed}: an IETF-like week`,
    timeZone: 'Europe/Madrid',
    from: '2020-07-27',
    to: '2020-07-31',
    blocks: [
      { id: 's1', start: '11:00', end: '13:00', core: false },
      { id: 's2', start: '13:30', end: '15:30', core: true },
      { id: 's3', start: '16:00', end: '18:00', core: true },
      { id: 's4', start: '18:30', end: '20:30', core: false },
    ],
    tracks: 9,
    grid: 60,
    areas: ['art', 'gen', 'int', 'ops', 'rtg', 'sec', 'tsv'],
    workingGroups: 100,
    people: 450,
    interests: [3, 4, 3, 2, 1],
    homeShare: 0.75,
    zones: IETF_ZONES,
    plenaries: [{ id: 'plenary', title: 'Plenary', minutes: 120, day: 3 }],
    areaMeetings: true,
    sequenceShare: 0.3,
    quotaShare: 0,
    avoidRules: 30,
    apartRules: 6,
    delegates: [6, 12],
  };
}

/**
 * Size M, calibrated so that the exact MIP can be proved (M2): the working
 * groups, sessions, tracks, blocks and delegates of M1 (the same seed draws
 * them), but people attend working groups of their home area only (M1: a
 * quarter of their picks from any area), and each area's two directors attend
 * every working group of their area. An area's sessions then conflict
 * through its directors, a clique that the MIP's per-person rows see, and no
 * one links two areas; in M1 the cross-area people make a web of conflicts
 * whose cost the LP relaxation does not see, and HiGHS cannot close the gap.
 *
 * @example
 * conference(mProvableShape(1), 1)
 */
export function mProvableShape(seed: number): ConferenceShape {
  return {
    ...mShape(seed),
    id: `bench-m${seed + 1}`,
    title: `Benchmark M${seed + 1}: an IETF-like week, attendance within areas`,
    homeShare: 1,
    directorsAttendAll: true,
  };
}

/**
 * Size L: ~1,000 sessions, 36 tracks, 2,000 people, eight days across the US spring DST change.
 *
 * @example
 * conference(lShape(1), 1)
 */
export function lShape(seed: number): ConferenceShape {
  return {
    id: `bench-l${seed}`,
    title: `Benchmark L${seed}: a two-week conference of 24 areas`,
    timeZone: 'America/New_York',
    from: '2024-03-04',
    to: '2024-03-13',
    blocks: [
      { id: 'b1', start: '08:00', end: '10:00', core: false },
      { id: 'b2', start: '10:30', end: '12:30', core: true },
      { id: 'b3', start: '13:30', end: '15:30', core: true },
      { id: 'b4', start: '16:00', end: '18:00', core: false },
    ],
    tracks: 36,
    grid: 60,
    areas: Array.from({ length: 24 }, (_, i) => `a${String(i + 1).padStart(2, '0')}`),
    workingGroups: 670,
    people: 2000,
    interests: [3, 4, 3, 2, 1],
    homeShare: 0.75,
    zones: IETF_ZONES,
    plenaries: [
      { id: 'opening', title: 'Opening plenary', minutes: 120, day: 1 },
      { id: 'closing', title: 'Closing plenary', minutes: 120, day: -1 },
    ],
    areaMeetings: true,
    sequenceShare: 0.3,
    quotaShare: 0.3,
    avoidRules: 150,
    apartRules: 30,
    delegates: [5, 10],
  };
}
