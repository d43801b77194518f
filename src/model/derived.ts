/**
 * Tables derived once per meeting and shared by `check` and the solver: who
 * weighs on each session's comfort, attendance bitsets, rule pairs.
 */
import type { Meeting } from './types.js';

/** Derived, read-only tables of one meeting. */
export interface Derived {
  /** Per session: the zones of its delegates and attendees with their head counts (sorted by zone). */
  readonly zoneWeights: readonly (readonly { readonly zone: string; readonly weight: number }[])[];
  /** Per session: a bitset of the people attending it. */
  readonly attendeeBits: readonly Uint32Array[];
  /** Unordered pairs (key a·n+b, a<b) named together by an `apart` rule. */
  readonly apartPairs: ReadonlySet<number>;
  /** Unordered pairs (key a·n+b, a<b) with the summed `weight` of the `avoid` rules naming both. */
  readonly avoidWeights: ReadonlyMap<number, number>;
  /** Block instance indices in time order. */
  readonly instancesByStart: readonly number[];
}

const cache = new WeakMap<Meeting, Derived>();

/** Key of the unordered pair {a, b} of sessions. */
export function pairKey(meeting: Meeting, a: number, b: number): number {
  const n = meeting.sessions.length;
  return a < b ? a * n + b : b * n + a;
}

/** Number of people attending both sessions. */
export function commonAttendees(d: Derived, a: number, b: number): number {
  const x = d.attendeeBits[a]!;
  const y = d.attendeeBits[b]!;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    let v = x[i]! & y[i]!;
    // popcount
    v = v - ((v >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    c += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return c;
}

/** The derived tables of a meeting (computed once, then cached). */
export function derive(meeting: Meeting): Derived {
  const hit = cache.get(meeting);
  if (hit) return hit;
  const words = Math.ceil(meeting.people.length / 32);
  const zoneWeights = meeting.sessions.map((s) => {
    const w = new Map<string, number>();
    for (const d of meeting.groups[s.group]!.delegates) w.set(d.zone, (w.get(d.zone) ?? 0) + d.count);
    for (const p of s.attendees) {
      const z = meeting.people[p]!.timeZone;
      w.set(z, (w.get(z) ?? 0) + 1);
    }
    return [...w.entries()]
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([zone, weight]) => ({ zone, weight }));
  });
  const attendeeBits = meeting.sessions.map((s) => {
    const bits = new Uint32Array(words);
    for (const p of s.attendees) bits[p >>> 5]! |= 1 << (p & 31);
    return bits;
  });
  const apartPairs = new Set<number>();
  for (const r of meeting.aparts) {
    for (let i = 0; i < r.sessions.length; i++) for (let j = i + 1; j < r.sessions.length; j++) apartPairs.add(pairKey(meeting, r.sessions[i]!, r.sessions[j]!));
  }
  const avoidWeights = new Map<number, number>();
  for (const r of meeting.avoids) {
    for (let i = 0; i < r.sessions.length; i++) {
      for (let j = i + 1; j < r.sessions.length; j++) {
        const k = pairKey(meeting, r.sessions[i]!, r.sessions[j]!);
        avoidWeights.set(k, (avoidWeights.get(k) ?? 0) + r.weight);
      }
    }
  }
  const instancesByStart = meeting.instances.map((i) => i.index).sort((a, b) => meeting.instances[a]!.start - meeting.instances[b]!.start || a - b);
  const d: Derived = { zoneWeights, attendeeBits, apartPairs, avoidWeights, instancesByStart };
  cache.set(meeting, d);
  return d;
}
