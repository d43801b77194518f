/**
 * The benchmark's decomposition bound (`bench/bound.ts`) is a lower bound:
 * at any feasible placement, the parts' priced costs minus the prices'
 * constant plus the fairness floor come to no more than the placement's
 * total — whatever the prices — and each part's model admits the placement's
 * restriction. (The bound is the minimum of the left side, so it can be no
 * higher than the optimum.)
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/timetable/constraints.js';
import { expandSpec, loadMeeting } from '../src/spec/read.js';
import type { Meeting } from '../src/model/types.js';
import type { Starts } from '../src/timetable/types.js';
import { INSTANCES, loadInstance } from '../bench/instances.js';
import { buildMip } from '../bench/mip.js';
import { fairnessFloor, partSpec, parts, priceOf } from '../bench/bound.js';
import type { PartMeeting } from '../bench/bound.js';
import { prng } from '../bench/prng.js';
import { feasibleMoves } from './helpers.js';

const NAMES = ['S1', 'S3', 'M1', 'M2'];

function setUp(name: string) {
  const def = INSTANCES.find((d) => d.name === name)!;
  const { meeting, hidden } = loadInstance(def);
  const spec = expandSpec(def.make().spec, name);
  const ps = parts(spec).map((p): PartMeeting => {
    const m = loadMeeting(partSpec(spec, p), `${name}.${p.key}`);
    return { key: p.key, meeting: m, own: new Set(m.sessions.filter((s) => p.groups.has(m.groups[s.group]!.id)).map((s) => s.index)) };
  });
  return { meeting, hidden: hidden!, parts: ps };
}

/** Σ over the parts of their priced cost at `starts` − tracks · Σλ + fairness floor, each part's model checked to admit it. */
function relaxed(meeting: Meeting, ps: readonly PartMeeting[], starts: Starts, prices: ReadonlyMap<number, number>, at: string): number {
  const byId = new Map(meeting.sessions.map((s) => [s.id, starts[s.index]]));
  let sum = 0;
  for (const p of ps) {
    const price = priceOf(p.meeting, prices);
    const mip = buildMip(p.meeting, { startPrice: (s, t) => (p.own.has(s) ? price(s, t) : 0) });
    const v = mip.encode(p.meeting.sessions.map((s) => byId.get(s.id)));
    expect(mip.model.maxViolation(v).amount, `${at} ${p.key}`).toBeLessThan(1e-9);
    sum += mip.model.objective(v);
  }
  let lambda = 0;
  for (const x of prices.values()) lambda += x;
  return sum - meeting.tracks * lambda + fairnessFloor(meeting);
}

function randomPrices(meeting: Meeting, seed: number): Map<number, number> {
  const rng = prng(seed);
  const prices = new Map<number, number>();
  for (const inst of meeting.instances) for (let t = inst.start; t < inst.end; t += meeting.grid) if (rng.chance(0.5)) prices.set(t, rng.int(0, 400) / 4);
  return prices;
}

describe('bench decomposition bound', () => {
  it('splits a meeting into parts that hold every session once as their own, with copies of the exclusive ones only', () => {
    for (const name of NAMES) {
      const { meeting, parts: ps } = setUp(name);
      expect(ps.length, name).toBeGreaterThan(2);
      const own = ps.flatMap((p) => [...p.own].map((s) => p.meeting.sessions[s]!.id)).sort();
      expect(own, name).toEqual(meeting.sessions.map((s) => s.id).sort());
      for (const p of ps) for (const s of p.meeting.sessions) if (!p.own.has(s.index)) expect(s.exclusive, `${name} ${p.key} ${s.id}`).toBe(true);
    }
  });

  it('never exceeds the total of a feasible placement, for any prices (the hidden placement and random feasible moves from it)', () => {
    for (const name of NAMES) {
      const { meeting, hidden, parts: ps } = setUp(name);
      const rng = prng(7);
      const starts = [...hidden];
      for (let round = 0; round < 3; round++) {
        const total = evaluate(meeting, starts).score.total;
        for (const seed of [0, round + 1]) {
          const prices = seed === 0 ? new Map<number, number>() : randomPrices(meeting, seed);
          const lower = relaxed(meeting, ps, starts, prices, `${name} round ${round}`);
          expect(lower, `${name} round ${round} prices ${seed}`).toBeLessThanOrEqual(total);
          // without prices, the parts price each session's comfort once: nothing more is lost than conflicts between parts, fairness above its floor and stability
          if (seed === 0) expect(lower, name).toBeGreaterThan(total * 0.8);
        }
        feasibleMoves(meeting, starts, rng, 10);
      }
    }
  });

  it('where no one links two parts, loses exactly fairness above its floor and the avoid weights between parts (zero prices)', () => {
    const { meeting, hidden, parts: ps } = setUp('M2');
    const score = evaluate(meeting, hidden).score;
    const partOf = new Map(ps.flatMap((p) => [...p.own].map((s) => [p.meeting.sessions[s]!.id, p.key] as const)));
    let across = 0;
    for (const a of meeting.avoids) {
      for (const x of a.sessions) {
        for (const y of a.sessions) {
          if (x >= y || partOf.get(meeting.sessions[x]!.id) === partOf.get(meeting.sessions[y]!.id)) continue;
          const overlap = Math.min(hidden[x]! + meeting.sessions[x]!.minutes, hidden[y]! + meeting.sessions[y]!.minutes) - Math.max(hidden[x]!, hidden[y]!);
          across += Math.max(0, overlap) * a.weight * meeting.weights.conflict;
        }
      }
    }
    const floor = fairnessFloor(meeting);
    expect(floor).toBeGreaterThan(0);
    expect(floor).toBeLessThanOrEqual(score.fairness * meeting.weights.fairness);
    expect(relaxed(meeting, ps, hidden, new Map(), 'M2')).toBe(score.total - score.fairness * meeting.weights.fairness + floor - across);
  });

  it('bounds fairness by the least fairness any placement has when each session can take its best start alone', () => {
    const m = loadMeeting({
      format: 'plenary.meeting/1', id: 'f', title: 'f', timeZone: 'UTC',
      days: { from: '2021-01-04', to: '2021-01-05' },
      blocks: [{ id: 'early', start: '06:00', end: '08:00' }, { id: 'mid', start: '12:00', end: '14:00' }, { id: 'late', start: '20:00', end: '22:00' }],
      tracks: 2, grid: 60,
      groups: [{ id: 'g1' }, { id: 'g2' }],
      people: [{ id: 'tokyo', timeZone: 'Asia/Tokyo', attends: ['g1', 'g2'] }, { id: 'lima', timeZone: 'America/Lima', attends: ['g2'] }],
      sessions: [{ id: 'a', group: 'g1', minutes: 60 }, { id: 'b', group: 'g2', minutes: 120, blocks: ['mid', 'late'] }],
    });
    let least = Infinity;
    for (const a of m.sessions[0]!.candidates) for (const b of m.sessions[1]!.candidates) least = Math.min(least, evaluate(m, [a.start, b.start]).score.fairness);
    expect(least).toBeGreaterThan(0);
    expect(fairnessFloor(m)).toBe(least);
  });

  it('the combined tracks rows admit and price a feasible placement as the model of tracks and exclusive rows does', () => {
    for (const name of ['S1', 'M2']) {
      const { meeting, hidden } = setUp(name);
      const mip = buildMip(meeting, { combinedTracks: true });
      const v = mip.encode(hidden);
      expect(mip.model.maxViolation(v).amount, name).toBeLessThan(1e-9);
      expect(mip.model.objective(v), name).toBe(evaluate(meeting, hidden).score.total);
      expect(mip.trackRows.length, name).toBeGreaterThan(0);
      expect(mip.stats.rowsByKind.exclusive ?? 0, name).toBe(0);
      // an exclusive session with another one at its step breaks a combined row
      const ex = meeting.sessions.find((s) => s.exclusive)!;
      const other = meeting.sessions.find((s) => !s.exclusive && s.candidates.some((c) => c.start === hidden[ex.index]))!;
      if (!other) continue;
      const bad = [...hidden];
      bad[other.index] = hidden[ex.index];
      const w = mip.encode(bad);
      expect(mip.model.maxViolation(w).amount, name).toBeGreaterThan(0);
    }
  });
});
