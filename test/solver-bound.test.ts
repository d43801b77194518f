import { describe, expect, it } from 'vitest';
import { compile } from '../src/solver/compile.js';
import type { Problem } from '../src/solver/compile.js';
import { State } from '../src/solver/state.js';
import { trivialBound } from '../src/solver/bound.js';
import { defaultBudget, solve } from '../src/solver/solve.js';
import { evaluate } from '../src/timetable/constraints.js';
import { generateMeeting } from './solver-gen.js';

/** The optimum of a tiny problem by trying every combination of candidates (Infinity when none is feasible). */
function exhaustive(p: Problem): { total: number; starts: number[] | undefined } {
  const state = new State(p);
  let best = Infinity;
  let bestStarts: number[] | undefined;
  const visit = (s: number): void => {
    if (s === p.n) {
      if (state.hard === 0 && state.total() < best) {
        best = state.total();
        bestStarts = state.starts() as number[];
      }
      return;
    }
    for (let c = p.candOff[s]!; c < p.candOff[s + 1]!; c++) {
      state.apply(s, c);
      visit(s + 1);
    }
  };
  visit(0);
  return { total: best, starts: bestStarts };
}

/** Generated meetings small enough to enumerate (at most this many combinations). */
function tinyMeetings(limit: number, want: number) {
  const out: { seed: number; meeting: ReturnType<typeof generateMeeting>['meeting'] }[] = [];
  for (let seed = 1; out.length < want && seed < 5000; seed++) {
    const { meeting } = generateMeeting(seed);
    let combos = 1;
    for (const s of meeting.sessions) combos *= s.candidates.length;
    if (combos <= limit && meeting.sessions.length >= 2) out.push({ seed, meeting });
  }
  return out;
}

describe('on meetings small enough to solve by trying every placement', () => {
  const tiny = tinyMeetings(20_000, 25);

  it('there are enough of them to mean something', () => {
    expect(tiny.length).toBe(25);
  });

  it('the lower bound never exceeds the optimum', () => {
    for (const { meeting } of tiny) {
      const p = compile(meeting);
      const opt = exhaustive(p);
      expect(opt.total).toBeLessThan(Infinity); // generated meetings are feasible by construction
      expect(trivialBound(p)).toBeLessThanOrEqual(opt.total);
    }
  });

  it('the solver finds the optimum with its default budget, and stops as soon as the bound proves it', () => {
    let proved = 0;
    for (const { seed, meeting } of tiny) {
      const p = compile(meeting);
      const opt = exhaustive(p);
      const r = solve(meeting, { seed });
      expect(r.status).toBe('feasible');
      expect(r.result.score.total).toBe(opt.total);
      expect(evaluate(meeting, opt.starts!).score.total).toBe(opt.total);
      if (trivialBound(p) === opt.total) {
        proved++;
        expect(r.iterations).toBeLessThan(defaultBudget(p).firstCycle);
      }
    }
    expect(proved).toBeGreaterThan(0);
  });
});
