import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/timetable/constraints.js';
import { timetableToJson } from '../src/timetable/timetable.js';
import { solve } from '../src/solver/solve.js';
import type { Meeting } from '../src/model/types.js';
import type { Timetable } from '../src/timetable/types.js';
import { generateMeeting, smallConference } from './solver-gen.js';
import { studyGroup } from '../bench/gen-study-group.js';
import { loadMeeting } from '../src/spec/read.js';

/** SPEC §5: tracks 1..tracks, overlapping sessions never on one track, listed by start then track. */
function expectTimetableForm(meeting: Meeting, t: Timetable): void {
  const rows = t.sessions.map((x) => ({ id: x.id, start: Date.parse(x.start), end: Date.parse(x.end), track: x.track }));
  for (const [i, r] of rows.entries()) {
    expect(r.track, r.id).toBeGreaterThanOrEqual(1);
    expect(r.track, r.id).toBeLessThanOrEqual(meeting.tracks);
    const prev = rows[i - 1];
    if (prev) expect(prev.start < r.start || (prev.start === r.start && prev.track < r.track), `${prev.id} before ${r.id}`).toBe(true);
    for (const q of rows.slice(0, i)) {
      if (q.start < r.end && r.start < q.end) expect(q.track, `${q.id} and ${r.id} overlap`).not.toBe(r.track);
    }
  }
}

/** Solved in assert mode (every move's score checked against a full recomputation): feasible, score = evaluate, form of SPEC §5. */
function expectSolvedInAssertMode(meeting: Meeting, seed: number, iterations: number): void {
  const r = solve(meeting, { seed, iterations, assert: true });
  expect(r.status).toBe('feasible');
  const full = evaluate(meeting, r.starts);
  expect(r.result).toEqual(full);
  expect(r.timetable.score).toEqual(full.score);
  expectTimetableForm(meeting, r.timetable);
}

// Seeds pinned so that CI runs the same cases every time.
const FC = { seed: 20210504, numRuns: 60 } as const;
const withoutMs = (json: string) => json.replace(/"ms": \d+/, '"ms": 0');

describe('solve on random meetings that are feasible by construction', () => {
  it('returns a feasible timetable whose score is what evaluate says, in assert mode, with tracks and order as SPEC §5 says', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 1000 }), (gen, seed) => {
        const { meeting } = generateMeeting(gen);
        const r = solve(meeting, { seed, iterations: 3000, assert: true });
        expect(r.status).toBe('feasible');
        expect(r.result.violations).toEqual([]);
        const full = evaluate(meeting, r.starts);
        expect(r.result).toEqual(full);
        expect(r.timetable.score).toEqual(full.score);
        expect(r.timetable.violations).toEqual([]);
        expect(r.timetable.sessions).toHaveLength(meeting.sessions.length);
        expectTimetableForm(meeting, r.timetable);
      }),
      FC,
    );
  });

  it('on study-group meetings (Questions whose sessions are interchangeable and bound by sequences, which the repair re-sorts) too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 1_000_000 }), fc.integer({ min: 1, max: 1000 }), (gen, seed) => {
        expectSolvedInAssertMode(loadMeeting(studyGroup(gen).spec, `G${gen}.json`), seed, 6000);
      }),
      { ...FC, numRuns: 6 },
    );
  });

  it('on conference-like meetings (many parallel sessions that share people, where the pair move joins the mix) too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1000 }), (gen, seed) => {
        const meeting = smallConference(gen);
        expect(meeting.sessions.length).toBeGreaterThanOrEqual(4 * meeting.instances.length); // conference-like
        expectSolvedInAssertMode(meeting, seed, 3000);
      }),
      { ...FC, numRuns: 6 },
    );
  });

  it('gives the same bytes for the same seed and iterations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 0, max: 2 ** 31 }), (gen, seed) => {
        const { meeting } = generateMeeting(gen);
        const a = solve(meeting, { seed, iterations: 1500 });
        const b = solve(meeting, { seed, iterations: 1500 });
        expect(withoutMs(timetableToJson(a.timetable))).toBe(withoutMs(timetableToJson(b.timetable)));
      }),
      { ...FC, numRuns: 30 },
    );
  });

  it('finds a placement at least as good as the hidden one with the default budget', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (gen) => {
        const { meeting, hidden } = generateMeeting(gen);
        const r = solve(meeting);
        expect(r.status).toBe('feasible');
        expect(r.result.score.total).toBeLessThanOrEqual(evaluate(meeting, hidden).score.total);
      }),
      { ...FC, numRuns: 25 },
    );
  });
});
