import { afterEach, describe, expect, it } from 'vitest';
import { loadMeeting } from '../src/spec/read.js';
import { SpecError } from '../src/spec/errors.js';
import { solve } from '../src/solver/solve.js';
import { SOLVER_LIMITS } from '../src/solver/limits.js';
import { MODEL_LIMITS } from '../src/model/build.js';
import { largeSpec, OVERSIZED, TOO_LARGE } from './solver-large-gen.js';
import { meeting as helperMeeting, sessions } from './helpers.js';

const GiB = 2 ** 30;

describe('an oversized meeting (issue 6: 10,000 sessions, 50 tracks)', () => {
  it('is solved with the default budget within bounded time and memory', () => {
    const meeting = loadMeeting(largeSpec(OVERSIZED, 1));
    expect(meeting.sessions).toHaveLength(10_000);
    expect(meeting.tracks).toBe(50);
    const t0 = performance.now();
    const r = solve(meeting, { seed: 1 });
    const seconds = (performance.now() - t0) / 1000;
    expect(r.status).toBe('feasible');
    expect(r.result.violations).toEqual([]);
    expect(r.timetable.score).toEqual(r.result.score);
    expect(r.iterations).toBeLessThanOrEqual(2_400_000); // the default budget shrinks for large meetings
    expect(seconds).toBeLessThan(60);
    expect(process.memoryUsage().rss).toBeLessThan(2 * GiB);
  }, 180_000);
});

describe('beyond the limits of the solver', () => {
  const saved = { ...SOLVER_LIMITS };
  afterEach(() => Object.assign(SOLVER_LIMITS, saved));

  const small = () => helperMeeting({ groups: [{ id: 'G' }, { id: 'H' }], sessions: [...sessions('G', 'g', 3), ...sessions('H', 'h', 3)] });

  it('solve refuses with a SpecError that states the limit on possible starts', () => {
    const m = small();
    const starts = m.sessions.reduce((a, s) => a + s.candidates.length, 0);
    SOLVER_LIMITS.candidates = starts - 1;
    let error: unknown;
    try {
      solve(m, { iterations: 10 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    const lines = (error as SpecError).lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sessions: the meeting is too large to solve: its 6 sessions have [\d,]+ possible starts in all, more than the solver takes on \([\d,]+\)/);
    expect(lines[0]).toContain(`(${(starts - 1).toLocaleString('en-US')})`);
  });

  it('and on sessions × block instances, and on related pairs', () => {
    const m = small();
    SOLVER_LIMITS.sessionInstances = 5;
    SOLVER_LIMITS.pairs = 1;
    let error: unknown;
    try {
      solve(m, { iterations: 10 });
    } catch (e) {
      error = e;
    }
    const lines = (error as SpecError).lines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/6 sessions × \d+ block instances \(days × blocks\) is more than the solver takes on \(5\)/);
    expect(lines[1]).toMatch(/relate \d+ pairs of sessions, more than the solver takes on \(1\)/);
  });

  it('at the limits themselves the meeting is solved', () => {
    const m = small();
    SOLVER_LIMITS.candidates = m.sessions.reduce((a, s) => a + s.candidates.length, 0);
    expect(solve(m, { iterations: 100 }).status).toBe('feasible');
  });
});

describe('beyond what a meeting may be (any command, before the model is built)', () => {
  const saved = { ...MODEL_LIMITS };
  afterEach(() => Object.assign(MODEL_LIMITS, saved));

  it('a 40,000-session spec is refused with one line stating the count, in seconds and without building it', () => {
    const spec = largeSpec(TOO_LARGE, 1);
    const t0 = performance.now();
    let error: unknown;
    try {
      loadMeeting(spec);
    } catch (e) {
      error = e;
    }
    const seconds = (performance.now() - t0) / 1000;
    expect(error).toBeInstanceOf(SpecError);
    const lines = (error as SpecError).lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sessions: the meeting is too large: its 40,000 sessions have [\d,]+ possible starts in all, more than plenary takes on \(6,000,000\)/);
    expect(seconds).toBeLessThan(30);
    expect(process.memoryUsage().rss).toBeLessThan(2 * GiB);
  }, 120_000);

  it('counts possible starts exactly as the model lists them: refused one below the count, built at it', () => {
    const spec = largeSpec({ ...OVERSIZED, sessions: 300, tracks: 10, people: 100, from: '2030-01-07', to: '2030-01-25' }, 2);
    const starts = loadMeeting(spec).sessions.reduce((a, s) => a + s.candidates.length, 0);
    MODEL_LIMITS.candidates = starts - 1;
    expect(() => loadMeeting(spec)).toThrow(`its 300 sessions have ${starts.toLocaleString('en-US')} possible starts in all, more than plenary takes on (${(starts - 1).toLocaleString('en-US')})`);
    MODEL_LIMITS.candidates = starts;
    expect(loadMeeting(spec).sessions).toHaveLength(300);
  });
});
