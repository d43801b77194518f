/**
 * Every hard rule of SPEC §3, counted as the SPEC says: given these
 * placements, this many violations of this rule (and of no other).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/timetable/constraints.js';
import { buildTimetable } from '../src/timetable/timetable.js';
import { renderTimeplanMarkdown } from '../src/export/timeplan.js';
import type { HardConstraintId } from '../src/timetable/types.js';
import { meeting, place, sessions } from './helpers.js';

const D1 = '2021-05-04';
const D2 = '2021-05-05';

function counts(r: ReturnType<typeof evaluate>): Partial<Record<HardConstraintId, number>> {
  const out: Partial<Record<HardConstraintId, number>> = {};
  for (const v of r.violations) out[v.constraint] = (out[v.constraint] ?? 0) + 1;
  return out;
}

describe('placement: one per misplaced session', () => {
  const m = meeting({
    groups: [{ id: 'A' }, { id: 'B' }, { id: 'C' }, { id: 'D' }, { id: 'E' }],
    sessions: [
      { id: 'a', group: 'A', minutes: 60 },
      { id: 'core', group: 'B', minutes: 60, core: true },
      { id: 'late', group: 'C', minutes: 60, blocks: ['late'] },
      { id: 'day2', group: 'D', minutes: 60, days: [2] },
      { id: 'pinned', group: 'E', minutes: 60, at: '11:45' },
    ],
    tracks: 5,
  });
  const ok = { a: `${D1} 11:30`, core: `${D1} 13:30`, late: `${D1} 15:30`, day2: `${D2} 11:30`, pinned: `${D2} 11:45` };

  it('accepts sessions inside their blocks, on the grid, on their days', () => {
    const r = evaluate(m, place(m, ok));
    expect(r.violations).toEqual([]);
  });

  const cases: [string, Record<string, string>, string][] = [
    ['off the grid', { a: `${D1} 11:40` }, 'off the 15-minute grid'],
    ['outside every block', { a: `${D1} 08:00` }, 'outside every block'],
    ['running past the block end', { a: `${D1} 12:30` }, 'runs past the end of block core1'],
    ['on a day that is not a meeting day', { a: '2021-05-08 11:30' }, 'not on a meeting day'],
    ['a core session in a non-core block', { core: `${D1} 15:30` }, 'not a core block'],
    ['a session outside its listed blocks', { late: `${D1} 11:30` }, 'not one of its blocks'],
    ['a session outside its days', { day2: `${D1} 13:30` }, 'not one of its days'],
    ['a pinned session elsewhere', { pinned: `${D2} 13:30` }, 'must start at 11:45'],
  ];
  for (const [what, moved, text] of cases) {
    it(`counts ${what}`, () => {
      const r = evaluate(m, place(m, { ...ok, ...moved }));
      expect(counts(r)).toEqual({ placement: 1 });
      expect(r.violations[0]!.message).toContain(text);
      expect(r.status).toBe('infeasible');
      expect(r.score.hard).toBe(1);
    });
  }

  it('counts a session that is not placed at all', () => {
    const { a: _a, ...rest } = ok;
    const r = evaluate(m, place(m, rest));
    expect(counts(r)).toEqual({ placement: 1 });
    expect(r.violations[0]!.sessions).toEqual(['a']);
  });

  it('counts a session with several faults once', () => {
    const r = evaluate(m, place(m, { ...ok, pinned: `${D1} 13:40` })); // wrong day, off grid, wrong time
    expect(counts(r)).toEqual({ placement: 1 });
  });

  it('names every fault in its one message, also when it runs past its block\'s end', () => {
    const message = (moved: Record<string, string>) => {
      const r = evaluate(m, place(m, { ...ok, ...moved }));
      expect(counts(r)).toEqual({ placement: 1 });
      return r.violations[0]!.message;
    };
    // until then a session running past the end was told only that
    expect(message({ pinned: `${D1} 12:20` })).toMatch(/runs past the end of block core1 .*; its start is off the 15-minute grid of block core1 .*; it must start at 11:45/);
    expect(message({ day2: `${D1} 12:30` })).toMatch(/runs past the end of block core1 .*; day 1 is not one of its days \(2\)/);
    expect(message({ day2: `${D1} 08:00` })).toMatch(/starts outside every block; day 1 is not one of its days \(2\)/);
    expect(message({ pinned: `${D2} 13:40` })).toMatch(/: its start is off the 15-minute grid of block core2 .*; it must start at 11:45$/);
  });
});

describe('tracks: one per day, block and grid step above the limit', () => {
  const m = meeting({ groups: [{ id: 'A' }, { id: 'B' }, { id: 'C' }], sessions: [...sessions('A', 'a', 1), ...sessions('B', 'b', 1), ...sessions('C', 'c', 1)] });

  it('counts each 15-minute step at which three sessions run on two tracks', () => {
    // a 11:30–12:30, b 11:45–12:45, c 12:00–13:00: three run at 12:00 and 12:15
    const r = evaluate(m, place(m, { a1: `${D1} 11:30`, b1: `${D1} 11:45`, c1: `${D1} 12:00` }));
    expect(counts(r)).toEqual({ tracks: 2 });
    expect(r.violations[0]!.sessions).toEqual(['a1', 'b1', 'c1']);
  });

  it('counts every step of a full overlap', () => {
    const r = evaluate(m, place(m, { a1: `${D1} 11:30`, b1: `${D1} 11:30`, c1: `${D1} 11:30` }));
    expect(counts(r)).toEqual({ tracks: 4 });
  });

  it('allows as many sessions as tracks', () => {
    const r = evaluate(m, place(m, { a1: `${D1} 11:30`, b1: `${D1} 11:30`, c1: `${D1} 12:00` }));
    expect(counts(r)).toEqual({ tracks: 4 - 2 });
    const ok = evaluate(m, place(m, { a1: `${D1} 11:30`, b1: `${D1} 11:30`, c1: `${D1} 13:30` }));
    expect(ok.violations).toEqual([]);
  });

  it('counts each day and block separately', () => {
    const m2 = meeting({ ...m.spec, sessions: [...sessions('A', 'a', 2, 30), ...sessions('B', 'b', 2, 30), ...sessions('C', 'c', 2, 30)] });
    const r = evaluate(
      m2,
      place(m2, { a1: `${D1} 11:30`, b1: `${D1} 11:30`, c1: `${D1} 11:30`, a2: `${D2} 14:30`, b2: `${D2} 14:30`, c2: `${D2} 14:30` }),
    );
    expect(counts(r)).toEqual({ tracks: 4 });
  });
});

describe('exclusive, group, lead and apart: one per overlapping unordered pair', () => {
  it('exclusive: an exclusive session against each session it overlaps; two exclusive sessions once', () => {
    const m = meeting({
      tracks: 5,
      groups: [{ id: 'P' }, { id: 'A' }, { id: 'B' }],
      sessions: [
        { id: 'plen', group: 'P', minutes: 90, exclusive: true },
        { id: 'plen2', group: 'A', minutes: 30, exclusive: true },
        { id: 'x', group: 'B', minutes: 60 },
      ],
    });
    expect(counts(evaluate(m, place(m, { plen: `${D1} 11:30`, plen2: `${D1} 12:30`, x: `${D1} 11:30` })))).toEqual({ exclusive: 2 });
    expect(counts(evaluate(m, place(m, { plen: `${D1} 11:30`, plen2: `${D1} 13:30`, x: `${D1} 13:30` })))).toEqual({ exclusive: 1 });
    expect(evaluate(m, place(m, { plen: `${D1} 11:30`, plen2: `${D1} 13:30`, x: `${D1} 14:00` })).violations).toEqual([]);
  });

  it('group: three overlapping sessions of one group are three pairs; sessions that touch do not overlap', () => {
    const m = meeting({ tracks: 5, sessions: sessions('G', 'g', 3) });
    expect(counts(evaluate(m, place(m, { g1: `${D1} 11:30`, g2: `${D1} 11:45`, g3: `${D1} 12:00` })))).toEqual({ group: 3 });
    expect(evaluate(m, place(m, { g1: `${D1} 11:30`, g2: `${D1} 13:30`, g3: `${D1} 15:30` })).violations).toEqual([]);
  });

  it('lead: sessions sharing a required person; a same-group pair counts under group and lead', () => {
    const m = meeting({
      tracks: 5,
      groups: [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
      people: [
        { id: 'p', leads: ['A', 'B'] },
        { id: 'q', leads: ['A', 'B'] },
        { id: 'r', attends: ['C'], leads: [] },
      ],
      sessions: [...sessions('A', 'a', 2), ...sessions('B', 'b', 1), ...sessions('C', 'c', 1)],
    });
    // a1 ∥ b1 share two leads: one violation; a1 ∥ a2: group + lead; c1 has no lead
    const r = evaluate(m, place(m, { a1: `${D1} 11:30`, b1: `${D1} 11:30`, a2: `${D1} 12:00`, c1: `${D1} 11:30` }));
    expect(counts(r)).toEqual({ group: 1, lead: 3 }); // group a1–a2; lead a1–b1, a1–a2, a2–b1
  });

  it('lead: only people who lead the group are required; attending an ancestor is not leading', () => {
    const m = meeting({
      tracks: 5,
      groups: [{ id: 'WP' }, { id: 'Q1', parent: 'WP' }, { id: 'Q2', parent: 'WP' }],
      people: [{ id: 'chair', leads: ['WP'] }, { id: 'rapp', leads: ['Q1'], attends: ['Q2'] }],
      sessions: [...sessions('Q1', 'q1-', 1), ...sessions('Q2', 'q2-', 1)],
    });
    expect(evaluate(m, place(m, { 'q1-1': `${D1} 11:30`, 'q2-1': `${D1} 11:30` })).violations).toEqual([]);
  });

  it('apart: a pair named by two apart lists counts once', () => {
    const m = meeting({
      tracks: 5,
      groups: [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
      sessions: [...sessions('A', 'a', 1, 30), ...sessions('B', 'b', 1, 30), ...sessions('C', 'c', 1, 30)],
      rules: [{ apart: ['a1', 'b1'] }, { apart: ['b1', 'a1', 'c1'] }],
    });
    expect(counts(evaluate(m, place(m, { a1: `${D1} 11:30`, b1: `${D1} 11:45`, c1: `${D1} 13:30` })))).toEqual({ apart: 1 });
    expect(counts(evaluate(m, place(m, { a1: `${D1} 11:30`, b1: `${D1} 11:45`, c1: `${D1} 11:45` })))).toEqual({ apart: 3 });
    expect(evaluate(m, place(m, { a1: `${D1} 11:30`, b1: `${D1} 13:30`, c1: `${D1} 15:30` })).violations).toEqual([]);
  });
});

describe('sequence: one per consecutive pair out of order or not on the same day', () => {
  const m = meeting({
    tracks: 5,
    groups: [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
    sessions: [...sessions('A', 'a', 1, 30), ...sessions('B', 'b', 1, 30), ...sessions('C', 'c', 1, 30)],
    rules: [{ sequence: ['a1', 'b1', 'c1'], sameDay: true }],
  });

  it('accepts sessions in order that touch', () => {
    expect(evaluate(m, place(m, { a1: `${D1} 11:30`, b1: `${D1} 12:00`, c1: `${D1} 12:30` })).violations).toEqual([]);
  });
  it('counts a pair that overlaps or is reversed', () => {
    expect(counts(evaluate(m, place(m, { a1: `${D1} 11:30`, b1: `${D1} 11:45`, c1: `${D1} 12:30` })))).toEqual({ sequence: 1 });
    expect(counts(evaluate(m, place(m, { a1: `${D1} 13:30`, b1: `${D1} 12:00`, c1: `${D1} 11:30` })))).toEqual({ sequence: 2 });
  });
  it('counts a pair in order but on different days where sameDay, once even if also reversed', () => {
    expect(counts(evaluate(m, place(m, { a1: `${D1} 11:30`, b1: `${D1} 12:00`, c1: `${D2} 11:30` })))).toEqual({ sequence: 1 });
    expect(counts(evaluate(m, place(m, { a1: `${D2} 11:30`, b1: `${D1} 12:00`, c1: `${D1} 12:30` })))).toEqual({ sequence: 1 });
  });
  it('without sameDay, other days are fine', () => {
    const m2 = meeting({ ...m.spec, rules: [{ sequence: ['a1', 'b1', 'c1'] }] });
    expect(evaluate(m2, place(m2, { a1: `${D1} 11:30`, b1: `${D2} 12:00`, c1: '2021-05-06 12:30' })).violations).toEqual([]);
  });
});

describe('quota: one per group outside its core bounds', () => {
  const m = meeting({
    tracks: 5,
    groups: [{ id: 'Q', core: { min: 1, max: 1 } }, { id: 'R', core: { min: 2 } }],
    sessions: [...sessions('Q', 'q', 2), ...sessions('R', 'r', 2)],
  });
  it('counts too few and too many core sessions', () => {
    const none = evaluate(m, place(m, { q1: `${D1} 15:30`, q2: `${D2} 15:30`, r1: `${D1} 11:30`, r2: `${D2} 11:30` }));
    expect(counts(none)).toEqual({ quota: 1 });
    expect(none.violations[0]!.message).toContain('Q has 0 sessions in core blocks; expected exactly 1');
    const both = evaluate(m, place(m, { q1: `${D1} 11:30`, q2: `${D2} 11:30`, r1: `${D1} 15:30`, r2: `${D2} 11:30` }));
    expect(counts(both)).toEqual({ quota: 2 });
  });
  it('accepts counts within bounds', () => {
    expect(evaluate(m, place(m, { q1: `${D1} 11:30`, q2: `${D2} 15:30`, r1: `${D1} 13:30`, r2: `${D2} 13:30` })).violations).toEqual([]);
  });
});

describe('messages around a fall-back night name times that occur twice with their offset', () => {
  // Zurich, 27 October 2024: 03:00 CEST → 02:00 CET; a block 01:00–04:00 lasts four hours that night
  const m = meeting({
    days: { from: '2024-10-26', to: '2024-10-27', rrule: 'FREQ=DAILY' },
    blocks: [{ id: 'night', start: '01:00', end: '04:00' }],
    groups: [{ id: 'G' }],
    sessions: [
      { id: 'rep', group: 'G', minutes: 60 },
      { id: 'other', group: 'G', minutes: 60 },
    ],
    tracks: 2,
  });

  it('a session from the first 02:00 to the second: 02:00 (UTC+02:00)–02:00 (UTC+01:00), not 02:00–02:00', () => {
    const first = Date.parse('2024-10-27T02:00:00+02:00') / 60000;
    const r = evaluate(m, [first, first + 30]);
    expect(counts(r)).toEqual({ group: 1 });
    expect(r.violations[0]!.message).toContain('rep (2024-10-27 02:00 (UTC+02:00)–02:00 (UTC+01:00))');
    expect(r.violations[0]!.message).toContain('other (2024-10-27 02:30 (UTC+02:00)–02:30 (UTC+01:00))');
    // an hour that occurs once keeps its plain time
    const plain = evaluate(m, [first - 60, first - 30]);
    expect(plain.violations[0]!.message).toContain('rep (2024-10-27 01:00–02:00 (UTC+02:00))');
  });

  it('and so does the time plan', () => {
    const first = Date.parse('2024-10-27T02:00:00+02:00') / 60000;
    const starts = [first, first + 60];
    const md = renderTimeplanMarkdown(m, buildTimetable(m, starts, evaluate(m, starts)));
    expect(md).toContain('02:00 (UTC+02:00)–02:00 (UTC+01:00)');
    expect(md).toContain('02:00 (UTC+01:00)–03:00');
  });
});
