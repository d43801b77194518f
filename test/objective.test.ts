/**
 * Every objective term of SPEC §4 on hand-made meetings whose numbers are
 * worked out by hand from the comfort profile and the zones' offsets, and the
 * exact per-minute pain in half-hour, 45-minute and DST-changing zones checked
 * against an independent minute-by-minute count with Intl.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Comfort, DEFAULT_COMFORT } from '../src/model/comfort.js';
import { evaluate } from '../src/timetable/constraints.js';
import { meeting, place, sessions } from './helpers.js';

const D1 = '2021-05-04';

describe('comfort: Σ sessions, zones of (delegates + attendees) × pain', () => {
  // 11:30–13:00 in Geneva on 4 May 2021 is 09:30–11:00 UTC.
  const m = meeting({
    groups: [
      {
        id: 'G',
        delegates: {
          'America/Los_Angeles': 2, // 02:30–04:00: 90 × 10 = 900 each
          'America/New_York': 1, // 05:30–07:00: 30 × 6 + 60 × 3 = 360
          'Asia/Tokyo': 3, // 18:30–20:00: 90 × 1 = 90 each
          'Pacific/Chatham': 1, // +12:45: 22:15–23:45: 45 × 6 + 45 × 10 = 720
          'Australia/Lord_Howe': 2, // +10:30: 20:00–21:30: 90 × 3 = 270 each
          'Asia/Kathmandu': 4, // +5:45: 15:15–16:45: 0
          'Asia/Kolkata': 5, // +5:30: 15:00–16:30: 0
        },
      },
    ],
    people: [
      { id: 'ny', timeZone: 'America/New_York', attends: ['G'] }, // 360
      { id: 'home', attends: ['G'] }, // meeting zone: 0
      { id: 'away', timeZone: 'Asia/Tokyo', attends: [] }, // attends nothing
    ],
    sessions: [{ id: 's1', group: 'G', minutes: 90 }],
  });

  it('adds delegates and attending people zone by zone', () => {
    const r = evaluate(m, place(m, { s1: `${D1} 11:30` }));
    expect(r.score.comfort).toBe(2 * 900 + 360 + 3 * 90 + 720 + 2 * 270 + 360);
  });

  it('changes with the hour', () => {
    // 13:30–15:00 Geneva = 11:30–13:00 UTC: LA 04:30–06:00 (30×10 + 60×6 = 660), NY 07:30–09:00 (30×1 = 30),
    // Tokyo 20:30–22:00 (90×3 = 270), Chatham 00:15–01:45 (900), Lord Howe 22:00–23:30 (60×6 + 30×10 = 660),
    // Kathmandu 17:15–18:45 (45×1 = 45), Kolkata 17:00–18:30 (30×1 = 30)
    const r = evaluate(m, place(m, { s1: `${D1} 13:30` }));
    expect(r.score.comfort).toBe(2 * 660 + 30 + 3 * 270 + 900 + 2 * 660 + 4 * 45 + 5 * 30 + 30);
  });

  it('weights the total', () => {
    const m2 = meeting({ ...m.spec, weights: { comfort: 3, conflict: 10, fairness: 0, stability: 1000 } });
    const r = evaluate(m2, place(m2, { s1: `${D1} 11:30` }));
    expect(r.score.total).toBe(3 * r.score.comfort);
  });
});

describe('comfort across a DST change (Europe springs forward on 28 March 2021)', () => {
  const m = meeting({
    days: { from: '2021-03-25', to: '2021-03-31' },
    blocks: [{ id: 'b', start: '13:00', end: '14:30', core: true }],
    groups: [{ id: 'G', delegates: { 'America/New_York': 1, 'Australia/Sydney': 1 } }],
    sessions: [{ id: 's1', group: 'G', minutes: 90 }],
  });

  it('puts 13:00 Geneva at 08:00 New York and 23:00 Sydney before the change', () => {
    // 26 March: Geneva UTC+1 → 12:00Z; New York (EDT since 14 March) 08:00–09:30: 0; Sydney (AEDT) 23:00–00:30: 900
    expect(evaluate(m, place(m, { s1: '2021-03-26 13:00' })).score.comfort).toBe(900);
  });

  it('and at 07:00 New York and 22:00 Sydney after it', () => {
    // 29 March: Geneva UTC+2 → 11:00Z; New York 07:00–08:30: 60×1 = 60; Sydney 22:00–23:30: 60×6 + 30×10 = 660
    expect(evaluate(m, place(m, { s1: '2021-03-29 13:00' })).score.comfort).toBe(720);
  });

  it('has no meeting day at the weekend of the change', () => {
    expect(m.days.map((d) => d.date)).toEqual(['2021-03-25', '2021-03-26', '2021-03-29', '2021-03-30', '2021-03-31']);
  });
});

describe('conflict: overlap minutes × (people attending both + avoid weights)', () => {
  const m = meeting({
    tracks: 3,
    groups: [{ id: 'P' }, { id: 'A', parent: 'P' }, { id: 'B', parent: 'P' }],
    people: [
      { id: 'both', attends: ['A', 'B'] },
      { id: 'a-only', attends: ['A'] }, // attends A and, as A's ancestor, P
      { id: 'p-only', attends: ['P'] }, // attends P only: not A, not B
    ],
    sessions: [...sessions('A', 'a', 1), ...sessions('B', 'b', 1), ...sessions('P', 'p', 1)],
    rules: [{ avoid: ['a1', 'b1'], weight: 5 }, { avoid: ['b1', 'a1'] }],
  });

  it('counts people attending both and the summed avoid weights of the pair', () => {
    // a1 11:30–12:30, b1 12:00–13:00: 30 minutes × (1 person + 5 + 1)
    const r = evaluate(m, place(m, { a1: `${D1} 11:30`, b1: `${D1} 12:00`, p1: `${D1} 13:30` }));
    expect(r.score.conflict).toBe(30 * 7);
    expect(r.score.total).toBe(10 * 30 * 7);
  });

  it('follows attendance up to the ancestors', () => {
    // p1 13:30–14:30 overlaps a1 14:00–15:00 by 30: both and a-only attend a1 and P's sessions: 30 × 2
    const r = evaluate(m, place(m, { a1: `${D1} 14:00`, b1: `${D1} 11:30`, p1: `${D1} 13:30` }));
    expect(r.score.conflict).toBe(30 * 2);
  });

  it('is zero without overlaps', () => {
    expect(evaluate(m, place(m, { a1: `${D1} 11:30`, b1: `${D1} 13:30`, p1: `${D1} 15:30` })).score.conflict).toBe(0);
  });
});

describe('fairness: the largest pain sum of one person', () => {
  const m = meeting({
    tracks: 3,
    groups: [{ id: 'A' }, { id: 'B' }],
    people: [
      { id: 'la', timeZone: 'America/Los_Angeles', attends: ['A', 'B'] },
      { id: 'tokyo', timeZone: 'Asia/Tokyo', attends: ['A'] },
    ],
    sessions: [...sessions('A', 'a', 1, 90), ...sessions('B', 'b', 1, 90)],
    weights: { comfort: 0, conflict: 0, fairness: 2, stability: 0 },
  });

  it('sums each person’s pain over what they attend and takes the maximum', () => {
    // a1 11:30–13:00: LA 02:30–04:00 = 900, Tokyo 18:30–20:00 = 90
    // b1 15:30–17:00 = 13:30–15:00Z: LA 06:30–08:00 = 30×3 + 60×1 = 150
    const r = evaluate(m, place(m, { a1: `${D1} 11:30`, b1: `${D1} 15:30` }));
    expect(r.score.fairness).toBe(1050);
    expect(r.score.total).toBe(2100);
  });

  it('is zero without people', () => {
    const m2 = meeting({ ...m.spec, people: [] });
    expect(evaluate(m2, place(m2, { a1: `${D1} 11:30`, b1: `${D1} 15:30` })).score.fairness).toBe(0);
  });
});

describe('stability: sessions present in both whose start changed', () => {
  const m = meeting({ tracks: 3, groups: [{ id: 'A' }], sessions: sessions('A', 'a', 3, 30) });
  const now = place(m, { a1: `${D1} 11:30`, a2: `${D1} 13:30`, a3: `${D1} 15:30` });
  it('counts moved sessions only, ignoring sessions new or gone', () => {
    const before = new Map<string, number>([
      ['a1', now[0]!],
      ['a2', now[1]! + 15],
      ['gone', 0],
    ]);
    const r = evaluate(m, now, { previous: before });
    expect(r.score.stability).toBe(1);
    expect(r.score.total).toBe(r.score.comfort + 10 * r.score.conflict + r.score.fairness + 1000);
    expect(evaluate(m, now).score.stability).toBe(0);
  });
});

describe('pain is exact to the minute in every zone', () => {
  const zones = [
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'Australia/Lord_Howe',
    'America/New_York',
    'Australia/Sydney',
    'Europe/Zurich',
    'America/St_Johns',
    'Pacific/Apia',
    'Asia/Tehran',
  ];
  const hourFormat = new Map(zones.map((z) => [z, new Intl.DateTimeFormat('en-GB', { timeZone: z, hour: '2-digit', hourCycle: 'h23' })]));
  const bruteForce = (zone: string, start: number, minutes: number) => {
    let sum = 0;
    for (let i = 0; i < minutes; i++) sum += DEFAULT_COMFORT[Number(hourFormat.get(zone)!.format(new Date((start + i) * 60000)))]!;
    return sum;
  };
  // 2021: DST changes in March/April (north: 14 and 28 March; south: 4 April; Apia: 4 April) and the autumn
  const from = Date.UTC(2021, 2, 1) / 60000;
  const to = Date.UTC(2021, 10, 15) / 60000;
  const comfort = new Comfort(DEFAULT_COMFORT, from - 2880, to + 2880);

  it('matches a minute-by-minute count with Intl (random sessions, many near DST changes)', () => {
    const transitions = [Date.UTC(2021, 2, 14, 7), Date.UTC(2021, 2, 28, 1), Date.UTC(2021, 3, 3, 14), Date.UTC(2021, 3, 3, 15), Date.UTC(2021, 8, 25, 14), Date.UTC(2021, 9, 31, 1), Date.UTC(2021, 10, 7, 6)].map((t) => t / 60000);
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.oneof(fc.integer({ min: from, max: to - 600 }), fc.tuple(fc.constantFrom(...transitions), fc.integer({ min: -300, max: 60 })).map(([t, d]) => t + d)),
        fc.integer({ min: 1, max: 600 }),
        (zone, start, minutes) => {
          expect(comfort.pain(zone, start, minutes)).toBe(bruteForce(zone, start, minutes));
        },
      ),
      { seed: 20210504, numRuns: 400 },
    );
  });

  it('counts the repeated hour of a fall-back twice and the skipped hour of a spring-forward not at all', () => {
    // Europe/Zurich, 31 October 2021: 03:00 CEST → 02:00 CET at 01:00Z. 00:00Z–02:00Z is local 02:00–02:59 twice.
    const flat = Array.from({ length: 24 }, (_, h) => (h === 2 ? 1 : 0));
    const c = new Comfort(flat, from, to);
    expect(c.pain('Europe/Zurich', Date.UTC(2021, 9, 31, 0) / 60000, 120)).toBe(120);
    // 28 March 2021: 02:00 CET → 03:00 CEST at 01:00Z: local 02:xx never happens
    expect(c.pain('Europe/Zurich', Date.UTC(2021, 2, 28, 0) / 60000, 120)).toBe(0);
  });
});
