/**
 * Hardening: whatever JSON comes in, the spec reader answers with a valid
 * meeting or a SpecError whose every issue has a path and a message — never
 * another exception. 10,000 cases per run, seed pinned.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../src/spec/errors.js';
import { loadMeeting } from '../src/spec/read.js';
import { check } from '../src/timetable/check.js';
import { spec } from './helpers.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function outcome(input: unknown): 'ok' | 'refused' {
  try {
    loadMeeting(input);
    return 'ok';
  } catch (e) {
    if (!(e instanceof SpecError)) throw e; // anything else is a crash: the property fails
    expect(e.issues.length).toBeGreaterThan(0);
    for (const i of e.issues) {
      expect(typeof i.message).toBe('string');
      expect(i.message.length).toBeGreaterThan(0);
      expect(Array.isArray(i.path)).toBe(true);
    }
    return 'refused';
  }
}

/** Every path into a JSON value. */
function paths(v: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

function setAt(root: Json, path: (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const copy = structuredClone(root);
  let cur: any = copy;
  for (const k of path.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return copy; // the path no longer exists: no change
    cur = cur[k];
  }
  if (cur === null || typeof cur !== 'object') return copy;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(cur)) cur.splice(last as number, 1);
    else delete cur[last];
  } else cur[last] = value;
  return copy;
}

const tricky: Json[] = [
  '25:00', '24:00', '00:00', '11:40', '2021-02-30', '2021-03-28', 'Europe/Geneva', 'europe/zurich', 'UTC+2', '+02:00',
  'FREQ=HOURLY', 'FREQ=DAILY;COUNT=1', '', ' ', 'x'.repeat(300), '\u0000', '张伟', '🎧', -1, 0, 1, 7, 15, 1441, 1e9, -1e9, 0.5,
  true, false, null, [], {}, [1, 2], { min: 3, max: 1 },
];

const small = spec({
  groups: [{ id: 'G', delegates: { 'Asia/Tokyo': 2 } }, { id: 'H', parent: 'G', core: { min: 1, max: 2 } }],
  people: [{ id: 'p', timeZone: 'America/New_York', leads: ['H'], attends: ['G'] }],
  sessions: [
    { id: 's1', group: 'G', minutes: 60, exclusive: true, days: [1] },
    { id: 's2', group: 'H', minutes: 30, core: true, at: '11:30' },
    { id: 's3', group: 'H', minutes: 90, blocks: ['late'], days: [-1, '2021-05-05'] },
  ],
  rules: [{ sequence: ['s1', 's2'], sameDay: true }, { apart: ['s2', 's3'] }, { avoid: ['s1', 's3'], weight: 3 }],
  milestones: [{ id: 'm', title: 'Deadline', date: '2021-04-01' }],
}) as unknown as Json;
const preset = JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8')) as Json;

function mutation(base: Json) {
  const all = paths(base);
  return fc.record({
    path: fc.constantFrom(...all),
    value: fc.oneof(fc.constantFrom(...tricky), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, fc.constant(undefined)),
  });
}

describe('the spec reader under fuzzing', () => {
  it('never crashes on arbitrary JSON (4,000 cases)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        outcome(v);
      }),
      { seed: 42, numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('format', 'id', 'days', 'blocks', 'sessions', 'groups', 'tracks', 'grid', 'timeZone', 'title'), fc.jsonValue({ maxDepth: 3 })), (v) => {
        outcome({ format: 'plenary.meeting/1', ...v });
      }),
      { seed: 43, numRuns: 2000 },
    );
  });

  it('never crashes on mutated valid specs (5,000 cases), and the valid base loads', () => {
    expect(outcome(small)).toBe('ok');
    let refused = 0;
    fc.assert(
      fc.property(fc.array(mutation(small), { minLength: 1, maxLength: 3 }), (ms) => {
        let s = small;
        for (const m of ms) s = setAt(s, m.path, m.value as Json | undefined);
        if (outcome(s) === 'refused') refused++;
      }),
      { seed: 44, numRuns: 5000 },
    );
    expect(refused).toBeGreaterThan(1000); // the mutations do reach the validator
  });

  it('never crashes on mutated presets (1,000 cases)', () => {
    expect(outcome(preset)).toBe('ok');
    fc.assert(
      fc.property(mutation(preset), (m) => {
        outcome(setAt(preset, m.path, m.value as Json | undefined));
      }),
      { seed: 45, numRuns: 1000 },
    );
  });

  it('never crashes check on mutated timetables (2,000 cases): violations or a SpecError', () => {
    const meeting = loadMeeting(preset);
    const draft = JSON.parse(readFileSync('examples/sg12-2021-05/draft-timetable.json', 'utf8')) as Json;
    let refused = 0;
    fc.assert(
      fc.property(fc.array(mutation(draft), { minLength: 1, maxLength: 2 }), (ms) => {
        let t = draft;
        for (const m of ms) t = setAt(t, m.path, m.value as Json | undefined);
        try {
          const r = check(meeting, t);
          expect(r.score.hard).toBe(r.violations.length);
        } catch (e) {
          if (!(e instanceof SpecError)) throw e;
          refused++;
        }
      }),
      { seed: 46, numRuns: 2000 },
    );
    expect(refused).toBeGreaterThan(100);
  });
});
