/**
 * The benchmark's instances: deterministic, valid specs of the stated sizes,
 * feasible by construction (their hidden placement breaks no hard rule), and
 * the MIP prices a placement exactly as `evaluate` does.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/timetable/constraints.js';
import { INSTANCES, loadInstance, selectInstances } from '../bench/instances.js';
import { studyGroup } from '../bench/gen-study-group.js';
import { conference, lShape, mShape } from '../bench/gen-conference.js';
import { buildMip } from '../bench/mip.js';
import { prng } from '../bench/prng.js';

const loaded = new Map(INSTANCES.map((d) => [d.name, loadInstance(d)]));
const get = (name: string) => loaded.get(name)!;

describe('bench instances', () => {
  it('are the same on every run (seeded generators, no Math.random)', () => {
    expect(JSON.stringify(studyGroup(2))).toBe(JSON.stringify(studyGroup(2)));
    expect(JSON.stringify(conference(mShape(1), 1))).toBe(JSON.stringify(conference(mShape(1), 1)));
    expect(JSON.stringify(conference(lShape(1), 1))).toBe(JSON.stringify(conference(lShape(1), 1)));
    expect(prng(7).next()).toBe(prng(7).next());
    expect(JSON.stringify(studyGroup(1).spec)).not.toBe(JSON.stringify(studyGroup(2).spec));
  });

  it('are feasible by construction: the hidden placement breaks no hard rule', () => {
    for (const d of INSTANCES) {
      const { meeting, hidden } = get(d.name);
      if (d.size === 'SG12') continue;
      expect(hidden, d.name).toBeDefined();
      const r = evaluate(meeting, hidden!);
      expect(r.violations, d.name).toEqual([]);
      expect(r.status).toBe('feasible');
    }
  });

  it('S: study-group meetings like SG12 (~45 sessions, 3–4 tracks, 25–40 zones, sequences and quotas)', () => {
    for (const d of selectInstances(['S'])) {
      const m = get(d.name).meeting;
      expect(m.sessions.length).toBeGreaterThanOrEqual(38);
      expect(m.sessions.length).toBeLessThanOrEqual(55);
      expect([3, 4]).toContain(m.tracks);
      expect(m.zones.length).toBeGreaterThanOrEqual(25);
      expect(m.zones.length).toBeLessThanOrEqual(42);
      expect(m.sequences.length).toBeGreaterThan(10);
      expect(m.groups.filter((g) => g.core).length).toBeGreaterThan(10);
      expect(m.sessions.filter((s) => s.exclusive).length).toBe(8);
      expect(m.people.length).toBe(30);
    }
    expect(new Set(selectInstances(['S']).map((d) => get(d.name).meeting.tracks))).toEqual(new Set([3, 4]));
  });

  it('M: an IETF-like week (~150 sessions of 60 and 120 minutes, 5 days × 4 blocks, 8–10 tracks, hundreds of people in several groups)', () => {
    const m = get('M1').meeting;
    expect(m.sessions.length).toBeGreaterThanOrEqual(140);
    expect(m.sessions.length).toBeLessThanOrEqual(160);
    expect(m.days.length).toBe(5);
    expect(m.blocks.length).toBe(4);
    expect(m.tracks).toBeGreaterThanOrEqual(8);
    expect(m.tracks).toBeLessThanOrEqual(10);
    expect(new Set(m.sessions.map((s) => s.minutes))).toEqual(new Set([60, 120]));
    expect(m.people.length).toBeGreaterThanOrEqual(200);
    const groupsPerPerson = m.people.reduce((a, p) => a + p.leads.length + p.attends.length, 0) / m.people.length;
    expect(groupsPerPerson).toBeGreaterThan(2.5);
    expect(m.avoids.length).toBeGreaterThan(10);
  });

  it('L: ~1,000 sessions, 30–40 tracks, 2,000 people', () => {
    const m = get('L1').meeting;
    expect(m.sessions.length).toBeGreaterThanOrEqual(950);
    expect(m.sessions.length).toBeLessThanOrEqual(1050);
    expect(m.tracks).toBeGreaterThanOrEqual(30);
    expect(m.tracks).toBeLessThanOrEqual(40);
    expect(m.people.length).toBeGreaterThanOrEqual(1950);
    expect(m.people.length).toBeLessThanOrEqual(2100);
  });

  it('the MIP prices a placement exactly as evaluate does, and admits it', () => {
    for (const name of ['S1', 'S2']) {
      const { meeting, hidden } = get(name);
      const mip = buildMip(meeting);
      const v = mip.encode(hidden!);
      expect(mip.model.maxViolation(v).amount, name).toBeLessThan(1e-9);
      expect(mip.model.objective(v), name).toBe(evaluate(meeting, hidden!).score.total);
      expect(mip.decode(v)).toEqual([...hidden!]);
    }
  });

  it('selects instances by name or size', () => {
    expect(selectInstances(['s', 'M1']).map((d) => d.name)).toEqual(['S1', 'S2', 'S3', 'M1']);
    expect(() => selectInstances(['X9'])).toThrow(/unknown instance X9/);
  });
});
