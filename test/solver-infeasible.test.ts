import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMeeting } from '../src/spec/read.js';
import { solve } from '../src/solver/solve.js';
import { compile } from '../src/solver/compile.js';
import { countingBounds } from '../src/solver/diagnose.js';
import { spec } from './helpers.js';
import { CORE_OVERFLOW, PINNED_RAPPORTEUR, SEQUENCE_AGAINST_DAYS } from './solver-fixtures.js';

describe('infeasible meetings', () => {
  it('(a) core sessions beyond core capacity: counting bound and the core restrictions at fault', () => {
    const r = solve(loadMeeting(CORE_OVERFLOW), { seed: 1 });
    expect(r.status).toBe('infeasible');
    expect(r.result.score.hard).toBeGreaterThan(0);
    expect(r.timetable.status).toBe('infeasible');
    expect(r.timetable.diagnosis).toEqual(r.diagnosis);
    const core = r.diagnosis.find((d) => d.startsWith('core capacity'));
    expect(core).toMatch(/3 sessions may only run in core blocks \(g1, g2, h1\): 270 track-minutes .* core blocks offer 180/);
    // the deletion filter keeps exactly the three core restrictions and the track limit
    const set = r.diagnosis.slice(r.diagnosis.findIndex((d) => d.includes('cannot hold together')) + 1).map((d) => d.trim());
    expect(set.sort()).toEqual(['sessions[0] g1: core', 'sessions[1] g2: core', 'sessions[2] h1: core', 'tracks: 1']);
  });

  it('(b) a sequence that contradicts day restrictions names the rule and both sessions', () => {
    const r = solve(loadMeeting(SEQUENCE_AGAINST_DAYS), { seed: 1 });
    expect(r.status).toBe('infeasible');
    expect(r.result.violations.map((v) => v.constraint)).toEqual(['sequence']);
    expect(r.diagnosis[0]).toMatch(/^rules\[1\] \(sequence intro → deep\): deep must start after intro ends \(at the earliest 2021-05-06 10:00\).*\(it may only run on day 1, 2\)$/);
    const set = r.diagnosis.slice(r.diagnosis.findIndex((d) => d.includes('cannot hold together')) + 1).map((d) => d.trim());
    expect(set).toEqual(['sessions[0] intro: days [3]', 'sessions[1] deep: days [1, 2]', 'rules[1] (sequence intro → deep)']);
    expect(set.join(' ')).not.toContain('apart');
  });

  it('(c) two sessions of one rapporteur pinned to the same time name the person and both sessions', () => {
    const r = solve(loadMeeting(PINNED_RAPPORTEUR), { seed: 1 });
    expect(r.status).toBe('infeasible');
    expect(r.result.violations.map((v) => v.constraint)).toEqual(['lead']);
    expect(r.diagnosis).toContain(
      'sessions[0] q1-1 and sessions[1] q2-1 are pinned (at + days) to overlapping times (2021-05-04 11:30 and 2021-05-04 11:30) but must not overlap: both need people[0] Ana Rapporteur (lead)',
    );
    const set = r.diagnosis.slice(r.diagnosis.findIndex((d) => d.includes('cannot hold together')) + 1).map((d) => d.trim());
    expect(set).toEqual(['people[0] Ana Rapporteur leads Q1, Q2 (their sessions must not overlap)', 'sessions[0] q1-1: days [1], at 11:30', 'sessions[1] q2-1: days [1], at 11:30']);
  });

  it('a sameDay sequence whose sessions share no day', () => {
    const m = loadMeeting(
      spec({
        days: { from: '2021-05-04', to: '2021-05-06' },
        groups: [{ id: 'G' }],
        sessions: [
          { id: 'a', group: 'G', minutes: 30, days: [1] },
          { id: 'b', group: 'G', minutes: 30, days: [2] },
        ],
        rules: [{ sequence: ['a', 'b'], sameDay: true }],
      }),
    );
    expect(countingBounds(m, compile(m))).toEqual(['rules[0] (sequence a → b, same day): its sessions share no day they may run on (a: 1; b: 2)']);
  });

  it('feasible meetings pass every counting bound', () => {
    const m = loadMeeting(JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8')));
    expect(countingBounds(m, compile(m))).toEqual([]);
  });
});
