/**
 * The benchmark's instances: deterministic, valid specs of the stated sizes,
 * feasible by construction (their hidden placement breaks no hard rule), and
 * the MIP prices a placement exactly as `evaluate` does.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/timetable/constraints.js';
import { INSTANCES, loadInstance, selectInstances } from '../bench/instances.js';
import { studyGroup } from '../bench/gen-study-group.js';
import { conference, lShape, mProvableShape, mShape } from '../bench/gen-conference.js';
import type { Meeting } from '../src/model/types.js';
import { buildMip } from '../bench/mip.js';
import type { MipOptions } from '../bench/mip.js';
import { prng } from '../bench/prng.js';
import { feasibleMoves } from './helpers.js';

const loaded = new Map(INSTANCES.map((d) => [d.name, loadInstance(d)]));
const get = (name: string) => loaded.get(name)!;

describe('bench instances', () => {
  it('are the same on every run (seeded generators, no Math.random)', () => {
    expect(JSON.stringify(studyGroup(2))).toBe(JSON.stringify(studyGroup(2)));
    expect(JSON.stringify(conference(mShape(1), 1))).toBe(JSON.stringify(conference(mShape(1), 1)));
    expect(JSON.stringify(conference(mProvableShape(1), 1))).toBe(JSON.stringify(conference(mProvableShape(1), 1)));
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
    for (const name of ['M1', 'M2']) checkM(get(name).meeting);
  });

  it('M2 is M1 with attendance within areas: the same sessions and hidden placement, every person in one area, directors in all its groups', () => {
    const m1 = conference(mShape(1), 1);
    const m2 = conference(mProvableShape(1), 1);
    const rootless = (spec: Record<string, unknown>) => JSON.stringify(spec.sessions).replaceAll('"bench-m2"', '"bench-m1"');
    expect(rootless(m2.spec)).toBe(rootless(m1.spec));
    expect(m2.hidden).toEqual(m1.hidden);
    const m = get('M2').meeting;
    const areaOf = (g: number): string | undefined => {
      const group = m.groups[g]!;
      return group.parent === undefined ? undefined : m.groups[group.parent]!.parent === undefined ? group.id : areaOf(group.parent);
    };
    let crossArea = 0;
    for (const p of m.people) {
      const areas = new Set([...p.attendedGroups].map((g) => areaOf(g)).filter((a) => a !== undefined));
      if (areas.size > 1) crossArea++;
    }
    expect(crossArea).toBe(0);
    const m1People = get('M1').meeting.people;
    const cross1 = m1People.filter((p) => new Set([...p.attendedGroups].map((g) => areaOf(g)).filter((a) => a !== undefined)).size > 1).length;
    expect(cross1).toBeGreaterThan(100);
    // each area's directors (who lead the area group) attend every working group under it
    for (const area of m.groups.filter((g) => g.parent !== undefined && m.groups[g.parent]!.parent === undefined)) {
      const wgs = m.groups.filter((g) => g.parent === area.index).map((g) => g.index);
      const directors = m.people.filter((p) => p.leads.includes(area.index));
      expect(directors.length, area.id).toBe(2);
      for (const d of directors) for (const w of wgs) expect(d.attendedGroups.has(w), `${area.id} ${w}`).toBe(true);
    }
  });

  const checkM = (m: Meeting) => {
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
  };

  it('L: ~1,000 sessions, 30–40 tracks, 2,000 people', () => {
    const m = get('L1').meeting;
    expect(m.sessions.length).toBeGreaterThanOrEqual(950);
    expect(m.sessions.length).toBeLessThanOrEqual(1050);
    expect(m.tracks).toBeGreaterThanOrEqual(30);
    expect(m.tracks).toBeLessThanOrEqual(40);
    expect(m.people.length).toBeGreaterThanOrEqual(1950);
    expect(m.people.length).toBeLessThanOrEqual(2100);
  });

  it('the MIP prices a placement exactly as evaluate does, and admits it, in every formulation', () => {
    const variants: MipOptions[] = [{ formulation: 'pairs' }, { formulation: 'people' }, { formulation: 'people', hull: 'rows', instanceRows: true }, { formulation: 'people', dropExclusive: true }, { formulation: 'both' }];
    for (const name of ['S1', 'S2', 'M1', 'M2']) {
      const { meeting, hidden } = get(name);
      for (const options of name.startsWith('M') ? variants.slice(0, 2) : variants) {
        const mip = buildMip(meeting, options);
        const v = mip.encode(hidden!);
        const at = `${name} ${JSON.stringify(options)}`;
        expect(mip.model.maxViolation(v).amount, at).toBeLessThan(1e-9);
        expect(mip.model.objective(v), at).toBe(evaluate(meeting, hidden!).score.total);
        const back = mip.decode(v);
        expect(back, at).toEqual([...mip.canonical(hidden!)]);
        expect(evaluate(meeting, back).score, at).toEqual(evaluate(meeting, hidden!).score);
      }
    }
  });

  it('the MIP prices other feasible placements exactly as evaluate does (random feasible moves from the hidden one)', () => {
    for (const name of ['S3', 'M2']) {
      const { meeting, hidden } = get(name);
      const rng = prng(42);
      const starts = [...hidden!];
      const mips = [buildMip(meeting), buildMip(meeting, { formulation: 'pairs' })];
      for (let round = 0; round < 4; round++) {
        feasibleMoves(meeting, starts, rng, 15);
        const score = evaluate(meeting, starts).score;
        for (const mip of mips) {
          const v = mip.encode(starts);
          expect(mip.model.maxViolation(v).amount, `${name} ${mip.stats.formulation}`).toBeLessThan(1e-9);
          expect(mip.model.objective(v), `${name} ${mip.stats.formulation}`).toBe(score.total);
        }
      }
      expect(starts).not.toEqual([...hidden!]);
    }
  });

  it('symmetry breaking orders interchangeable sessions and keeps every placement (re-sorted) at its cost', () => {
    const { meeting, hidden } = get('M1');
    const mip = buildMip(meeting);
    const off = buildMip(meeting, { symmetry: false });
    expect(mip.siblings.length).toBeGreaterThan(10);
    expect(off.siblings.length).toBe(0);
    expect(mip.stats.rowsByKind.symmetry).toBeGreaterThan(0);
    // the hidden placement with every class outside sequences reversed: the same timetable up to names
    const inSequence = new Set(meeting.sequences.flatMap((q) => q.sessions));
    const reversed = [...hidden!];
    for (const cls of mip.siblings) {
      expect(new Set(cls.map((s) => meeting.sessions[s]!.group)).size).toBe(1);
      if (cls.some((s) => inSequence.has(s))) continue;
      cls.forEach((s, i) => (reversed[s] = hidden![cls[cls.length - 1 - i]!]));
    }
    expect(reversed).not.toEqual([...hidden!]);
    expect(evaluate(meeting, reversed).score).toEqual(evaluate(meeting, hidden!).score);
    expect(mip.canonical(reversed)).toEqual(mip.canonical(hidden!));
    // as given, the reversed placement breaks the symmetry rows; encode re-sorts it first
    const raw = off.encode(reversed);
    expect(off.model.maxViolation(raw).amount).toBeLessThan(1e-9);
    const v = mip.encode(reversed);
    expect(mip.model.maxViolation(v).amount).toBeLessThan(1e-9);
    expect(mip.model.objective(v)).toBe(off.model.objective(raw));
  });

  it('selects instances by name or size', () => {
    expect(selectInstances(['s', 'M1']).map((d) => d.name)).toEqual(['S1', 'S2', 'S3', 'M1']);
    expect(selectInstances(['M']).map((d) => d.name)).toEqual(['M1', 'M2']);
    expect(() => selectInstances(['X9'])).toThrow(/unknown instance X9/);
  });
});
