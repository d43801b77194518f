/**
 * The solver tests' meetings and helpers: random meetings feasible by
 * construction (`bench/gen-random.ts`, shape SMALL), a small conference-like
 * meeting, search configurations and score readers.
 */
import { loadMeeting } from '../src/spec/read.js';
import type { Meeting } from '../src/model/types.js';
import { evaluate, locate } from '../src/timetable/constraints.js';
import type { State } from '../src/solver/state.js';
import { createRng } from '../src/solver/rng.js';
import type { SearchConfig } from '../src/solver/search.js';
import { conference, mShape } from '../bench/gen-conference.js';
import { randomMeeting, SMALL } from '../bench/gen-random.js';
import type { Generated } from '../bench/gen-random.js';

export { prng } from '../bench/gen-random.js';
export type { Generated } from '../bench/gen-random.js';

/** The property tests' random meeting of a seed (shape SMALL). */
export function generateMeeting(seed: number): Generated {
  return randomMeeting(seed, SMALL);
}

/**
 * A small conference-like meeting (the benchmark's IETF-like generator over
 * three days: 32 working groups, 110 people, 7 tracks — more than four
 * sessions per block instance), feasible by construction.
 */
export function smallConference(seed: number): Meeting {
  const shape = { ...mShape(seed), to: '2020-07-29', workingGroups: 32, people: 110, tracks: 7, avoidRules: 6, apartRules: 2 };
  return loadMeeting(conference(shape, seed).spec, `C${seed}.json`);
}

/**
 * A search configuration for tests: a fixed number of iterations, no
 * stagnation stop, no bound, no clock, callbacks that do nothing; `extra`
 * overrides any of it.
 */
export function searchConfig(seed: number, maxIterations: number, extra: Partial<SearchConfig> = {}): SearchConfig {
  return {
    rng: createRng(seed),
    maxIterations,
    stagnationCycles: 0,
    cycleLength: maxIterations,
    bound: -Infinity,
    shouldStop: () => false,
    onImprove: () => {},
    onTick: () => {},
    assert: false,
    previous: undefined,
    ...extra,
  };
}

/**
 * How much more the search's hard count is than SPEC §3's for a placement:
 * each broken quota counted by its distance (`quotaDistance`) instead of
 * once, recomputed here from the placement the slow way.
 */
export function quotaSurplus(meeting: Meeting, starts: readonly (number | undefined)[]): number {
  const locs = locate(meeting, starts);
  let surplus = 0;
  for (const g of meeting.groups) {
    if (!g.core) continue;
    let inCore = 0;
    for (const s of g.sessions) {
      const loc = locs[s];
      if (loc && loc.instance !== undefined && meeting.blocks[meeting.instances[loc.instance]!.block]!.core) inCore++;
    }
    const { min, max } = g.core;
    const d = inCore < min ? min - inCore : max !== undefined && inCore > max ? inCore - max : 0;
    if (d > 1) surplus += d - 1;
  }
  return surplus;
}

/** `evaluate`'s score with the hard count as the search keeps it (see {@link quotaSurplus}). */
export function searchScore(meeting: Meeting, starts: readonly (number | undefined)[], previous?: ReadonlyMap<string, number>) {
  const score = evaluate(meeting, starts, previous ? { previous } : {}).score;
  return { ...score, hard: score.hard + quotaSurplus(meeting, starts) };
}

/** The state's score with its own hard count (a broken quota by its distance). */
export function rawScore(state: State) {
  return { ...state.score(), hard: state.hard };
}

/** The score the state predicts for the move last priced (`delta`/`deltaMulti`), before it is applied, with the search's hard count. */
export function predictedScore(state: State) {
  const before = rawScore(state);
  return {
    hard: before.hard + state.dHard,
    comfort: before.comfort + state.dComfort,
    conflict: before.conflict + state.dConflict,
    fairness: state.newFair,
    stability: before.stability + state.dStab,
    total: before.total + state.deltaTotal(),
  };
}
