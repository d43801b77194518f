/**
 * The search's objects keep one hidden class (V8 "map") through a search.
 *
 * V8 stores a field that has held only small integers as an integer; the
 * first double stored there (a value read from a Float64Array, ±Infinity,
 * -0) gives the object a new hidden class, deprecates the old one and throws
 * away the machine code compiled for it. In a fresh 100 ms run the compiler
 * thread has more to compile than the run lasts, so every such change costs
 * the search part of its fast code (`State.holdDoubles`).
 *
 * The check: a State, MoveContext and Rotator made before any search keeps
 * the same map as ones made after solves of a study-group and a
 * conference-like meeting — a field generalised during those solves leaves
 * the early objects on the deprecated map. Own file: vitest evaluates each
 * test file's modules afresh (new classes, new maps), and the early objects
 * must be the first of their classes here.
 */
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compile } from '../src/solver/compile.js';
import { State } from '../src/solver/state.js';
import { MoveContext } from '../src/solver/moves.js';
import { Rotator } from '../src/solver/rotate.js';
import { createRng } from '../src/solver/rng.js';
import { solve } from '../src/solver/solve.js';
import { loadMeeting } from '../src/spec/read.js';
import { instanceByName, loadInstance } from '../bench/instances.js';

setFlagsFromString('--allow-natives-syntax');
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

const sg12 = loadMeeting(JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8')), 'meeting.json');
const m2 = loadInstance(instanceByName('M2')).meeting;

function objects(meeting: typeof sg12) {
  const state = new State(compile(meeting));
  const ctx = new MoveContext(state, createRng(1));
  return { state, ctx, rotator: new Rotator(ctx) };
}

describe('hidden classes of the search', () => {
  it('a State, MoveContext and Rotator made before any search have the map of those made after', () => {
    const before = objects(sg12);
    // the search's own objects: a study group (one-session moves, rotation descents) and a
    // conference-like week (assignment step, multi-session deltas, fractional temperatures)
    expect(solve(sg12, { seed: 1, iterations: 40_000 }).status).toBe('feasible');
    expect(solve(m2, { seed: 1, iterations: 60_000 }).status).toBe('feasible');
    const after = objects(sg12);
    const otherMeeting = objects(m2);
    expect(sameMap(before.state, after.state)).toBe(true);
    expect(sameMap(before.ctx, after.ctx)).toBe(true);
    expect(sameMap(before.rotator, after.rotator)).toBe(true);
    expect(sameMap(before.state, otherMeeting.state)).toBe(true);
    // the check itself tells maps apart
    expect(sameMap(before.state, before.ctx)).toBe(false);
  });
});
