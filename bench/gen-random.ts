/**
 * Random meetings that are feasible by construction, for the solver's property
 * tests (shape {@link SMALL}) and the benchmark's unseen random meetings
 * ({@link MEDIUM}, {@link LARGE}): a hidden placement is drawn first (sessions filling block
 * instances track by track), then groups, leads, restrictions, rules and
 * quotas are chosen so that the hidden placement keeps every hard rule. Not
 * made for the solver: nothing in them follows a study group's or a
 * conference's shape.
 */
import { loadMeeting } from '../src/spec/read.js';
import type { MeetingSpecInput } from '../src/spec/meeting-schema.js';
import type { Meeting } from '../src/model/types.js';
import { evaluate } from '../src/timetable/constraints.js';

/** A small deterministic generator (mulberry32), so that one integer seeds a whole meeting. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

const ZONES = ['Europe/Zurich', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Apia', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Tokyo', 'Africa/Lagos'];
/** Date ranges, some across a DST change (Europe 2021-03-28 and 2021-10-31, US 2021-11-07). */
const RANGES: readonly [string, string][] = [
  ['2021-05-04', '2021-05-06'],
  ['2021-03-26', '2021-03-30'],
  ['2021-10-29', '2021-11-02'],
  ['2021-11-05', '2021-11-09'],
  ['2022-01-10', '2022-01-11'],
];

/** A generated meeting with the placement it was built around. */
export interface Generated {
  readonly spec: MeetingSpecInput;
  readonly meeting: Meeting;
  /** Start instants of the hidden feasible placement, by session index. */
  readonly hidden: number[];
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * How large a random meeting may get: each a range [lo, hi] that the
 * generator draws from.
 *
 * @example
 * randomMeeting(5, { ...SMALL, tracks: [2, 2] })
 */
export interface RandomShape {
  readonly tracks: readonly [number, number];
  /** Daily blocks. */
  readonly blocks: readonly [number, number];
  readonly groups: readonly [number, number];
  readonly people: readonly [number, number];
  /** Sessions at most (the hidden placement stops earlier when the block instances are full). */
  readonly sessions: readonly [number, number];
  /** Sequence rules tried (one is kept only where the hidden placement keeps it). */
  readonly sequences: readonly [number, number];
  /** Apart rules tried. */
  readonly apart: readonly [number, number];
  readonly avoid: readonly [number, number];
}

/**
 * The property tests' meetings: up to ~16 sessions, so that the solver's
 * assert mode (a full `evaluate` after every accepted move) is quick.
 */
export const SMALL: RandomShape = { tracks: [1, 3], blocks: [1, 3], groups: [2, 5], people: [0, 5], sessions: [3, 16], sequences: [0, 3], apart: [0, 2], avoid: [0, 2] };

/**
 * Meetings of 20–45 sessions (fewer where the block instances fill up), more
 * people and rules: the benchmark's `--kind random` (`R1`, `R2`, …).
 */
export const MEDIUM: RandomShape = { tracks: [1, 4], blocks: [2, 4], groups: [4, 12], people: [4, 30], sessions: [20, 45], sequences: [0, 8], apart: [0, 6], avoid: [0, 6] };

/**
 * Meetings of 50–150 sessions (fewer where the block instances fill up),
 * 2–8 tracks, up to 120 people: the benchmark's `--kind random-large`
 * (`RL1`, `RL2`, …).
 */
export const LARGE: RandomShape = { tracks: [2, 8], blocks: [2, 5], groups: [8, 30], people: [20, 120], sessions: [50, 150], sequences: [0, 15], apart: [0, 12], avoid: [0, 12] };

/**
 * The random meeting of a seed and shape, with the placement it was built
 * around (which keeps every hard rule).
 *
 * @example
 * const { meeting, hidden } = randomMeeting(37, MEDIUM);
 * evaluate(meeting, hidden).status // 'feasible'
 */
export function randomMeeting(seed: number, shape: RandomShape): Generated {
  const r = prng(seed);
  const timeZone = r.pick(ZONES);
  const [from, to] = r.pick(RANGES);
  const grid = r.pick([15, 30]);
  const tracks = r.int(...shape.tracks);
  // blocks: windows that do not overlap (at most five end by 23:00)
  const nBlocks = r.int(...shape.blocks);
  const blocks: { id: string; start: string; end: string; core: boolean }[] = [];
  let t = r.pick([7, 8, 9]) * 60;
  for (let b = 0; b < nBlocks; b++) {
    const len = grid * r.int(Math.ceil(60 / grid), Math.floor(120 / grid));
    blocks.push({ id: `b${b + 1}`, start: hhmm(t), end: hhmm(t + len), core: r.chance(0.5) });
    t += len + grid * r.int(0, 4);
  }
  // groups: a small forest
  const nGroups = r.int(...shape.groups);
  const groups: { id: string; parent?: string; delegates: Record<string, number>; core?: { min: number; max?: number } }[] = [];
  for (let g = 0; g < nGroups; g++) {
    const delegates: Record<string, number> = {};
    for (let k = r.int(0, 3); k > 0; k--) delegates[r.pick(ZONES)] = r.int(1, 6);
    groups.push({ id: `G${g}`, ...(g > 0 && r.chance(0.5) ? { parent: `G${r.int(0, g - 1)}` } : {}), delegates });
  }
  const people: { id: string; timeZone: string; leads: string[]; attends: string[] }[] = [];
  for (let p = r.int(...shape.people); p > 0; p--) {
    const leads = r.chance(0.6) ? [...new Set([groups[r.int(0, nGroups - 1)]!.id, ...(r.chance(0.3) ? [groups[r.int(0, nGroups - 1)]!.id] : [])])] : [];
    const attends = r.chance(0.6) ? [groups[r.int(0, nGroups - 1)]!.id] : [];
    people.push({ id: `p${people.length}`, timeZone: r.pick(ZONES), leads, attends });
  }

  // the meeting without sessions, to know its block instances
  const base = { format: 'plenary.meeting/1' as const, id: `gen-${seed}`, title: `Generated ${seed}`, timeZone, days: { from, to }, blocks, tracks, grid, groups, people };
  const skeleton = loadMeeting({ ...base, sessions: [{ id: 'x', group: 'G0', minutes: grid }] });
  const ancestors = (g: number): number[] => skeleton.groups[g]!.ancestors as number[];
  const leadsOf = (g: number): number[] => skeleton.people.filter((p) => p.leads.includes(g)).map((p) => p.index);

  // hidden placement: tracks filled left to right with gaps
  interface Item {
    inst: number;
    start: number;
    minutes: number;
    group: number;
  }
  const items: Item[] = [];
  const maxSessions = r.int(...shape.sessions);
  for (const inst of skeleton.instances) {
    for (let k = 0; k < tracks && items.length < maxSessions; k++) {
      let s = inst.start + grid * r.int(0, 2);
      while (items.length < maxSessions) {
        const minutes = grid * r.int(1, Math.max(1, Math.floor(90 / grid)));
        if (s + minutes > inst.end) break;
        if (r.chance(0.75)) {
          // a group no overlapping session has, and whose leads are free
          const overlapping = items.filter((o) => o.start < s + minutes && s < o.start + o.minutes);
          const ok = skeleton.groups.map((g) => g.index).filter((g) => overlapping.every((o) => o.group !== g && !leadsOf(o.group).some((p) => leadsOf(g).includes(p))));
          if (ok.length > 0) items.push({ inst: inst.index, start: s, minutes, group: r.pick(ok) });
        }
        s += minutes + grid * r.int(0, 1);
      }
    }
  }
  if (items.length === 0) items.push({ inst: 0, start: skeleton.instances[0]!.start, minutes: grid, group: 0 });
  const overlaps = (a: Item, b: Item) => a.start < b.start + b.minutes && b.start < a.start + a.minutes;
  const counter = new Map<number, number>();
  const sessions = items.map((it, i) => {
    const n = (counter.get(it.group) ?? 0) + 1;
    counter.set(it.group, n);
    const inst = skeleton.instances[it.inst]!;
    const block = skeleton.blocks[inst.block]!;
    const s: Record<string, unknown> = { id: `s${i}`, group: `G${it.group}`, minutes: it.minutes };
    if (items.every((o, j) => j === i || !overlaps(o, it)) && r.chance(0.3)) s.exclusive = true;
    if (block.core && r.chance(0.3)) s.core = true;
    if (r.chance(0.2)) s.blocks = [...new Set([block.id, r.pick(blocks).id])];
    if (r.chance(0.25)) s.days = [...new Set([inst.day + 1, r.int(1, skeleton.days.length)])];
    if (r.chance(0.15)) {
      s.at = hhmm(block.startWall + (it.start - inst.start));
      if (r.chance(0.5)) s.days = [inst.day + 1];
    }
    return s;
  });
  void ancestors;

  // rules consistent with the hidden placement
  const rules: Record<string, unknown>[] = [];
  for (let k = r.int(...shape.sequences); k > 0; k--) {
    const pickN = r.int(2, 3);
    const chosen = [...new Set(Array.from({ length: pickN }, () => r.int(0, items.length - 1)))].sort((a, b) => items[a]!.start - items[b]!.start);
    if (chosen.length < 2) continue;
    let ok = true;
    for (let i = 0; i + 1 < chosen.length; i++) if (items[chosen[i]!]!.start + items[chosen[i]!]!.minutes > items[chosen[i + 1]!]!.start) ok = false;
    if (!ok) continue;
    const sameDay = chosen.every((c) => skeleton.instances[items[c]!.inst]!.day === skeleton.instances[items[chosen[0]!]!.inst]!.day);
    rules.push({ sequence: chosen.map((c) => `s${c}`), ...(sameDay && r.chance(0.5) ? { sameDay: true } : {}) });
  }
  for (let k = r.int(...shape.apart); k > 0; k--) {
    const a = r.int(0, items.length - 1);
    const b = r.int(0, items.length - 1);
    if (a !== b && !overlaps(items[a]!, items[b]!)) rules.push({ apart: [`s${a}`, `s${b}`] });
  }
  for (let k = r.int(...shape.avoid); k > 0; k--) {
    const a = r.int(0, items.length - 1);
    const b = r.int(0, items.length - 1);
    if (a !== b) rules.push({ avoid: [`s${a}`, `s${b}`], weight: r.int(1, 5) });
  }
  // quotas around the hidden count of core sessions
  for (const g of groups.keys()) {
    if (!r.chance(0.3)) continue;
    const inCore = items.filter((it) => it.group === g && skeleton.blocks[skeleton.instances[it.inst]!.block]!.core).length;
    groups[g]!.core = { min: r.int(0, inCore), ...(r.chance(0.7) ? { max: inCore + r.int(0, 1) } : {}) };
  }
  const weights = r.chance(0.5) ? { comfort: r.int(0, 3), conflict: r.int(0, 20), fairness: r.int(0, 3), stability: 1000 } : undefined;
  const spec = { ...base, groups, sessions, rules, ...(weights ? { weights } : {}) } as MeetingSpecInput;
  const meeting = loadMeeting(spec);
  const hidden = items.map((it) => it.start);
  const check = evaluate(meeting, hidden);
  if (check.status !== 'feasible') throw new Error(`generator bug (seed ${seed}): the hidden placement breaks ${check.violations.map((v) => v.message).join('; ')}`);
  return { spec, meeting, hidden };
}

