import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMeeting } from '../src/spec/read.js';
import { evaluate } from '../src/timetable/constraints.js';
import { compile, findCandidate } from '../src/solver/compile.js';
import type { Meeting } from '../src/model/types.js';
import { State } from '../src/solver/state.js';
import { search, TUNING } from '../src/solver/search.js';
import type { SearchConfig } from '../src/solver/search.js';
import { MoveContext } from '../src/solver/moves.js';
import { ROTATE, Rotator } from '../src/solver/rotate.js';
import { createRng } from '../src/solver/rng.js';
import { solve } from '../src/solver/solve.js';
import { searchConfig, smallConference } from './solver-gen.js';
import { instanceByName, loadInstance } from '../bench/instances.js';

const sg12 = () => loadMeeting(JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8')), 'meeting.json');

function config(seed: number, maxIterations: number, assert: boolean): SearchConfig {
  return searchConfig(seed, maxIterations, { cycleLength: 2_000, assert });
}

/** The best placement of a short search without rotations or re-placements (feasible: chains can improve it), loaded into a state. */
function searched(meeting: Meeting, seed: number, iterations: number): { state: State; best: Int32Array } {
  const p = compile(meeting);
  const pLns = TUNING.pLns;
  TUNING.rotate = false;
  TUNING.pLns = 0;
  const r = search(p, config(seed, iterations, false));
  TUNING.rotate = true;
  TUNING.pLns = pLns;
  expect(r.bestHard).toBe(0);
  const state = new State(p);
  state.load(r.best);
  return { state, best: r.best };
}

const defaultLns = TUNING.pLns;
afterEach(() => {
  TUNING.rotate = true;
  TUNING.pLns = defaultLns;
});

/**
 * On the placements of short searches of bench instances, after `first` (a
 * descent that has stopped), in how many a path-aware descent goes on; every
 * one of them breaks no rule, keeps the state's score equal to a full
 * recomputation and never ends higher.
 */
function goesFurther(names: readonly string[], seeds: number, first: (state: State, seed: number) => void): number {
  let further = 0;
  for (const name of names) {
    const { meeting } = loadInstance(instanceByName(name));
    for (let seed = 1; seed <= seeds; seed++) {
      const { state } = searched(meeting, seed, 20_000);
      first(state, seed);
      const before = state.total();
      new Rotator(new MoveContext(state, createRng(seed)), true).descend(() => false);
      const check = evaluate(meeting, state.starts());
      expect(check.violations).toEqual([]);
      expect(state.score()).toEqual(check.score);
      expect(state.total()).toBeLessThanOrEqual(before);
      if (state.total() < before) further++;
    }
  }
  return further;
}

describe('rotation descent (rotate.ts)', () => {
  it('only takes chains that lower the objective and break no rule, its score equal to a full recomputation; it does improve short searches', () => {
    let improved = 0;
    let gained = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const meeting = smallConference(seed);
      const { state } = searched(meeting, seed, 4_000);
      const before = state.total();
      const rot = new Rotator(new MoveContext(state, createRng(seed)));
      const took = rot.descend(() => false);
      const check = evaluate(meeting, state.starts());
      // the state's incremental score is the full recomputation's
      expect(state.score()).toEqual(check.score);
      expect(check.score.hard).toBe(0);
      expect(check.status).toBe('feasible');
      if (took) {
        expect(state.total()).toBeLessThan(before);
        improved++;
        gained += before - state.total();
      } else expect(state.total()).toBe(before);
      // a second descent from its own end finds nothing more
      expect(rot.descend(() => false)).toBe(false);
    }
    // not vacuous: most of these short searches are improved
    expect(improved).toBeGreaterThanOrEqual(3);
    expect(gained).toBeGreaterThan(0);
  });

  it('prices every chain exactly: with its arc filters switched off (quotas, sequences) the chains it takes still break no rule', () => {
    const proto = Rotator.prototype as unknown as { allowed: (u: number, c: number) => boolean };
    const allowed = proto.allowed;
    let took = 0;
    try {
      proto.allowed = () => true;
      for (const [meeting, seed] of [[sg12(), 1], [sg12(), 2], [smallConference(3), 3], [smallConference(4), 4]] as const) {
        const { state } = searched(meeting, seed, 3_000);
        const before = state.total();
        if (new Rotator(new MoveContext(state, createRng(seed))).descend(() => false)) took++;
        const check = evaluate(meeting, state.starts());
        expect(check.violations).toEqual([]);
        expect(state.score()).toEqual(check.score);
        expect(state.total()).toBeLessThanOrEqual(before);
      }
    } finally {
      proto.allowed = allowed;
    }
    expect(took).toBeGreaterThan(0);
  });

  it('prices an arc along the path that reaches it: where the descent with arcs priced alone stops (S2), it finds chains that need the room or the meetings the path changes', () => {
    // S2's stalls need such chains: a 90-minute session takes a 60-minute one's place once an earlier
    // member has left that block; a session meets an earlier member no longer where it was
    const further = goesFurther(['S2'], 12, (state, seed) => {
      new Rotator(new MoveContext(state, createRng(seed)), false).descend(() => false);
      expect(new Rotator(new MoveContext(state, createRng(seed)), false).descend(() => false)).toBe(false);
    });
    expect(further).toBeGreaterThanOrEqual(2);
  });

  it('mends: where path-aware descents keeping one path per length and end stop (S2, S3), labels through arcs mended by another predecessor go on', () => {
    // S2's stalls include chains whose arc i → j, off i's core quota, needs a predecessor of i other than
    // the one its label keeps: one of i's quota group
    const further = goesFurther(['S2', 'S3'], 8, (state, seed) => {
      ROTATE.mend = false;
      try {
        new Rotator(new MoveContext(state, createRng(seed)), true).descend(() => false);
      } finally {
        ROTATE.mend = true;
      }
    });
    expect(further).toBeGreaterThan(0);
  });

  /**
   * On the answers of short S2 searches made with `before` (ROTATE flags), in
   * how many a descent with `after` goes on; every descent breaks no rule,
   * keeps the state's score equal to a full recomputation and never ends higher.
   */
  function descentGoesOn(seeds: number, before: Partial<typeof ROTATE>, after: Partial<typeof ROTATE>): number {
    const saved = { ...ROTATE };
    const { meeting } = loadInstance(instanceByName('S2'));
    const p = compile(meeting);
    let further = 0;
    try {
      for (let seed = 1; seed <= seeds; seed++) {
        Object.assign(ROTATE, before);
        const r = solve(meeting, { seed, iterations: 13_000 });
        const state = new State(p);
        meeting.sessions.forEach((_, s) => state.apply(s, findCandidate(p, s, r.starts[s]!)));
        expect(state.total()).toBe(r.result.score.total);
        Object.assign(ROTATE, after);
        new Rotator(new MoveContext(state, createRng(seed)), true).descend(() => false);
        const check = evaluate(meeting, state.starts());
        expect(check.violations).toEqual([]);
        expect(state.score()).toEqual(check.score);
        expect(state.total()).toBeLessThanOrEqual(r.result.score.total);
        if (state.total() < r.result.score.total) further++;
      }
    } finally {
      Object.assign(ROTATE, saved);
    }
    return further;
  }

  it('counts a fall of the fairness maximum in its estimates (ROTATE.fairFalls): where descents counting only rises stopped (S2), it goes on', () => {
    // the answers of S2's short searches whose last descents counted only rises: a session attended by the
    // person at the maximum, leaving for a dearer start that lowers it more (seeds 2 and 6: −30, −60)
    const old = { shifts: false, fairFalls: false };
    expect(descentGoesOn(6, old, { shifts: false, fairFalls: true })).toBeGreaterThanOrEqual(1);
  });

  it('ends with the best single shift priced exactly (ROTATE.shifts): where the rounds stopped (S2), a session leaving the start that holds the fairness maximum up goes on', () => {
    // seeds 2 and 8: a working-party closing to a dearer start, −45 and −15
    const old = { shifts: false, fairFalls: false };
    expect(descentGoesOn(8, old, { shifts: true, fairFalls: false })).toBeGreaterThanOrEqual(1);
  });

  it('is path-aware in the search of study-group meetings from ROTATE.pathAwareFrom iterations on, and never in conference-like ones', () => {
    const { pathAware, pathAwareFrom } = ROTATE;
    const run = (meeting: Meeting, seed: number, aware: boolean, from: number) => {
      ROTATE.pathAware = aware;
      ROTATE.pathAwareFrom = from;
      try {
        return Array.from(search(compile(meeting), config(seed, 20_000, false)).best);
      } finally {
        ROTATE.pathAware = pathAware;
        ROTATE.pathAwareFrom = pathAwareFrom;
      }
    };
    const s2 = loadInstance(instanceByName('S2')).meeting;
    let differs = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const plain = run(s2, seed, false, 0);
      if (JSON.stringify(run(s2, seed, true, 10_000)) !== JSON.stringify(plain)) differs++;
      // not before pathAwareFrom iterations
      expect(run(s2, seed, true, 1e9)).toEqual(plain);
    }
    expect(differs).toBeGreaterThan(0);
    for (const seed of [1, 2]) expect(run(smallConference(seed), seed, true, 0)).toEqual(run(smallConference(seed), seed, false, 0));
  });

  it('keeps the last TUNING.finalDescent of a timed study-group run (finalDescentConference of a conference-like one) for a last descent on its best', () => {
    // a clock that advances with every look at it: the same run each time
    // (without annealing again when the last descent ends early, TUNING.resumeMinMs: see the next test)
    const iterations = (meeting: Meeting, study: number, conference: number, limit = 40, step = 0.01, resume = Infinity) => {
      const saved = { finalDescent: TUNING.finalDescent, finalDescentConference: TUNING.finalDescentConference, resumeMinMs: TUNING.resumeMinMs };
      TUNING.finalDescent = study;
      TUNING.finalDescentConference = conference;
      TUNING.resumeMinMs = resume;
      try {
        let t = 0;
        return solve(meeting, { seed: 1, timeLimitMs: limit, clock: () => (t += step) }).iterations;
      } finally {
        Object.assign(TUNING, saved);
      }
    };
    for (const [meeting, own, other] of [[sg12(), 0, 1], [smallConference(1), 1, 0]] as const) {
      const whole = iterations(meeting, 0, 0);
      const kept = iterations(meeting, own === 0 ? 0.25 : 0, own === 1 ? 0.25 : 0);
      expect(kept).toBeGreaterThan(whole * 0.6);
      expect(kept).toBeLessThan(whole * 0.85);
      // the other kind's share changes nothing (but for the search's clock polls, whose spacing adapts to real
      // time: a machine under load can shift a run by a poll or two, 128 iterations each; the share would take 25 %)
      expect(Math.abs(iterations(meeting, other === 0 ? 0.25 : 0, other === 1 ? 0.25 : 0) - whole)).toBeLessThanOrEqual(whole * 0.02);
    }
    // never more than TUNING.finalDescentMaxMs (30 ms) of a longer run: a quarter of 200 ms would be 50
    const long = iterations(sg12(), 0, 0, 200, 0.05);
    const capped = iterations(sg12(), 0.25, 0, 200, 0.05);
    expect(capped).toBeGreaterThan(long * 0.8);
    expect(capped).toBeLessThan(long * 0.9);
    // a last descent that ends early leaves its time to another annealing cycle (here it takes a few
    // looks at the clock, 0.01 ms each, of the 10 ms kept): the iterations come back
    const resumed = iterations(sg12(), 0.25, 0, 40, 0.01, TUNING.resumeMinMs);
    const once = iterations(sg12(), 0.25, 0, 40);
    expect(resumed).toBeGreaterThan(once * 1.1);
    expect(resumed).toBeLessThanOrEqual(iterations(sg12(), 0, 0) * 1.02);
    // … but not in a conference-like meeting, whose share stays its own
    const own = iterations(smallConference(1), 0, 0.25);
    expect(Math.abs(iterations(smallConference(1), 0, 0.25, 40, 0.01, TUNING.resumeMinMs) - own)).toBeLessThanOrEqual(own * 0.02);
  });

  it('ends a timed run by its deadline: a rotation round still running then is dropped, not finished (time counted in work done)', () => {
    // the clock advances with the search's work (each session priced somewhere, each arc of a rotation
    // round looked at), so that a round that runs on past the deadline without looking at the clock
    // shows as time; the final descent's share is made small so that the deadline falls inside its rounds
    const counted = [
      [State.prototype, ['meet', 'deltaCore', 'deltaMultiCore']],
      [Rotator.prototype, ['fits', 'alongPath', 'arcCost']],
    ] as const;
    const saved: [Record<string, unknown>, string, unknown][] = [];
    const savedShare = TUNING.finalDescent;
    let work = 0;
    for (const [proto, names] of counted) {
      for (const k of names) {
        const target = proto as unknown as Record<string, (...a: unknown[]) => unknown>;
        const f = target[k]!;
        saved.push([target, k, f]);
        target[k] = function (this: unknown, ...a: unknown[]) {
          work++;
          return f.apply(this, a);
        };
      }
    }
    TUNING.finalDescent = 0.01;
    const s2 = loadInstance(instanceByName('S2')).meeting;
    const over: number[] = [];
    try {
      for (let seed = 1; seed <= 6; seed++) {
        const r = solve(s2, { seed, timeLimitMs: 4000, clock: () => work * 1e-2 }); // 400,000 units of work, 10 ms per 1,000
        expect(r.result.score.hard).toBe(0);
        over.push(r.ms - 4000);
      }
    } finally {
      for (const [target, k, f] of saved) target[k] = f;
      TUNING.finalDescent = savedShare;
    }
    // the annealing looks at the clock every 128 moves, a round every 8 sessions' arcs or labels and before
    // every chain it would take: past the deadline by at most 1,500 units (0–8 hundred here; a round that
    // was let finish ended 5,900–7,300 past it)
    expect(Math.max(...over)).toBeLessThanOrEqual(15);
  });

  it('solves the assignment of its last round exactly (Hungarian method): the cost of the cheapest permutation, whatever the matrix (fast-check against every permutation)', () => {
    const { state } = searched(smallConference(1), 1, 500);
    const rot = new Rotator(new MoveContext(state, createRng(1))) as unknown as { aCost: Float64Array; aRow: Int32Array; hungarian: (n: number) => number };
    const permutations = (n: number): number[][] => (n === 0 ? [[]] : permutations(n - 1).flatMap((q) => Array.from({ length: n }, (_, at) => [...q.slice(0, at), n - 1, ...q.slice(at)])));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.oneof(fc.integer({ min: -900, max: 900 }), fc.constant(1e12)), { minLength: n * n, maxLength: n * n }))),
        ([n, cells]) => {
          rot.aCost.set(cells);
          const cost = rot.hungarian(n);
          const best = Math.min(...permutations(n).map((q) => q.reduce((t, c, r) => t + cells[r * n + c]!, 0)));
          expect(cost).toBe(best);
          // aRow is that permutation
          expect([...rot.aRow.slice(0, n)].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
          expect([...rot.aRow.slice(0, n)].reduce((t, c, r) => t + cells[r * n + c]!, 0)).toBe(cost);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it('takes, when the labels find nothing, the cycles and chains of the whole graph solved as an assignment: with paths of two sessions, it goes on to longer ones, each exact', () => {
    const saved = { maxLen: ROTATE.maxLen, assign: ROTATE.assign };
    let further = 0;
    try {
      ROTATE.maxLen = 2;
      for (let seed = 1; seed <= 6; seed++) {
        const meeting = smallConference(seed);
        const { state } = searched(meeting, seed, 2_000);
        const ctx = new MoveContext(state, createRng(seed));
        ROTATE.assign = false;
        new Rotator(ctx, false).descend(() => false);
        const before = state.total();
        ROTATE.assign = true;
        if (new Rotator(ctx, false).descend(() => false)) further++;
        const check = evaluate(meeting, state.starts());
        expect(check.violations).toEqual([]);
        expect(state.score()).toEqual(check.score);
        expect(state.total()).toBeLessThanOrEqual(before);
        // and the labels alone, from there, still find nothing
        ROTATE.assign = false;
        expect(new Rotator(ctx, false).descend(() => false)).toBe(false);
      }
    } finally {
      Object.assign(ROTATE, saved);
    }
    expect(further).toBeGreaterThanOrEqual(2);
  });

  it('stops when told to, leaving the placement as it was', () => {
    const { state, best } = searched(smallConference(2), 2, 4_000);
    const before = state.total();
    expect(new Rotator(new MoveContext(state, createRng(2))).descend(() => true)).toBe(false);
    expect(state.total()).toBe(before);
    expect(Array.from(state.cand)).toEqual(Array.from(best));
  });

  it('runs in the search of meetings of up to ROTATE.maxSessions movable sessions, checked in assert mode after every descent, and not in larger ones', () => {
    // SG12 and a small conference: rotations change the search (at a short budget), every placement they make checked
    let differs = 0;
    for (const [meeting, seed] of [[sg12(), 2], [sg12(), 5], [smallConference(1), 1], [smallConference(2), 2]] as const) {
      const q = compile(meeting);
      const a = search(q, config(seed, 8_000, true));
      TUNING.rotate = false;
      const b = search(q, config(seed, 8_000, false));
      TUNING.rotate = true;
      if (Array.from(a.best).join() !== Array.from(b.best).join()) differs++;
    }
    expect(differs).toBeGreaterThanOrEqual(2);
    // a meeting with more movable sessions than ROTATE.maxSessions: the same answer with and without
    const p = compile(sg12());
    const saved = ROTATE.maxSessions;
    try {
      ROTATE.maxSessions = 10;
      for (const seed of [2, 5]) {
        const on = search(p, config(seed, 8_000, false));
        TUNING.rotate = false;
        const off = search(p, config(seed, 8_000, false));
        TUNING.rotate = true;
        expect(Array.from(on.best)).toEqual(Array.from(off.best));
      }
    } finally {
      ROTATE.maxSessions = saved;
    }
  });

  it('a time-limited solve with rotations still ends near its limit', () => {
    const meeting = smallConference(1);
    const t0 = performance.now();
    const r = solve(meeting, { seed: 1, timeLimitMs: 300 });
    expect(r.status).toBe('feasible');
    expect(performance.now() - t0).toBeLessThan(300 + 700);
  });
});
