import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, expandSpec, loadMeeting, publishedTracks, readTimetable } from '../src/index.js';
import type { Meeting } from '../src/index.js';
import { findSlots, formatSlots } from '../src/slots/index.js';
import type { SlotSearch } from '../src/slots/index.js';
import { parseInstant } from '../src/model/time.js';

const specJson = JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8'));
const sg12 = loadMeeting(specJson);
const starts = readTimetable(sg12, JSON.parse(readFileSync('examples/sg12-2021-05/draft-timetable.json', 'utf8')));

/**
 * The SG12 spec with one more session of `group`, built independently of
 * findSlots: in the preset a Question's sessions form one sequence rule from
 * its working party's opening to the first closing, which the extra session
 * joins between those two.
 */
function withExtra(r: SlotSearch): Meeting {
  const spec = expandSpec(specJson);
  const own = spec.sessions.filter((s) => s.group === r.group);
  const ids = new Set(own.map((s) => s.id));
  const rule = spec.rules.find((x) => 'sequence' in x && x.sequence.some((id) => ids.has(id)));
  const order = rule && 'sequence' in rule ? [{ sequence: [rule.sequence[0]!, r.session] }, { sequence: [r.session, rule.sequence[rule.sequence.length - 1]!] }] : [];
  return loadMeeting({
    ...spec,
    rules: [...spec.rules, ...order],
    sessions: [...spec.sessions, { id: r.session, group: r.group, minutes: r.minutes, ...(own[0]?.days ? { days: own[0].days } : {}) }],
  });
}

function instant(iso: string): number {
  const p = parseInstant(iso);
  if (p.kind !== 'ok') throw new Error(iso);
  return p.min;
}

describe('slots: one more session of a Question around the SG12 draft', () => {
  const r = findSlots(sg12, starts, { group: 'Q5/12', minutes: 90 });
  const m2 = withExtra(r);
  const base = evaluate(sg12, starts);

  it('never proposes a place that breaks a rule, and costs what evaluate says', () => {
    expect(r.slots.length).toBeGreaterThan(0);
    for (const s of r.slots) {
      const trial = [...starts, instant(s.start)];
      const e = evaluate(m2, trial);
      expect(e.violations).toEqual([]);
      expect(e.score.total - base.score.total).toBe(s.cost.total);
      expect(e.score.comfort - base.score.comfort).toBe(s.cost.comfort);
      expect(e.score.conflict - base.score.conflict).toBe(s.cost.conflict);
      expect(instant(s.end) - instant(s.start)).toBe(90);
      expect(s.freeTracks).toBeGreaterThanOrEqual(0);
      expect(s.track).toBeGreaterThanOrEqual(1);
      expect(s.track).toBeLessThanOrEqual(sg12.tracks);
    }
  });

  it('misses no place: every other start the session could take breaks a rule', () => {
    const proposed = new Set(r.slots.map((s) => instant(s.start)));
    const x = m2.sessionIndex.get(r.session)!;
    let refused = 0;
    for (const c of m2.sessions[x]!.candidates) {
      if (proposed.has(c.start)) continue;
      expect(evaluate(m2, [...starts, c.start]).score.hard).toBeGreaterThan(0);
      refused++;
    }
    expect(refused).toBe(Object.values(r.refused).reduce((a, b) => a + (b ?? 0), 0));
    expect(r.tried).toBe(m2.sessions[x]!.candidates.length);
  });

  it('ranks by added cost, then conflicts, then time', () => {
    for (let i = 1; i < r.slots.length; i++) {
      const a = r.slots[i - 1]!;
      const b = r.slots[i]!;
      expect(a.cost.total <= b.cost.total).toBe(true);
      if (a.cost.total === b.cost.total && a.cost.conflict === b.cost.conflict) expect(instant(a.start)).toBeLessThan(instant(b.start));
    }
    expect(r.slots.map((s) => s.rank)).toEqual(r.slots.map((_, i) => i + 1));
  });

  it('respects the core quota: Q5/12 already has its two core sessions', () => {
    expect(r.slots.every((s) => !s.core)).toBe(true);
    expect(r.refused.quota).toBeGreaterThan(0);
  });

  it('gives the local time for the group’s delegates and people', () => {
    const s = r.slots[0]!;
    const zones = s.local.map((z) => z.zone);
    expect(zones).toEqual(expect.arrayContaining(['Asia/Shanghai', 'Europe/Berlin', 'America/Los_Angeles']));
    const t0 = instant(s.start);
    for (const z of s.local) {
      const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: z.zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(t0 * 60000));
      expect(z.start.time).toBe(hhmm);
    }
    expect(formatSlots(r, 3)).toContain('1. day ');
  });

  it('reports conflicts with sessions sharing attendees', () => {
    const r2 = findSlots(sg12, starts, { group: 'Q14/12', minutes: 30 });
    const withConflict = r2.slots.filter((s) => s.conflicts.length > 0);
    expect(withConflict.length).toBeGreaterThan(0);
    for (const s of withConflict) {
      expect(s.cost.conflict).toBe(s.conflicts.reduce((a, c) => a + c.minutes * c.people.length, 0));
    }
    // 30 minutes in 90-minute blocks: several starts per block
    expect(r2.tried).toBeGreaterThan(r.tried);
  });

  it('keeps the order every session of the group keeps: after its working party opens, before the closings', () => {
    expect(r.after).toEqual(['wp1-12-opening']);
    expect(r.before).toEqual(['wp1-12-closing']);
    const io = sg12.sessionIndex.get('wp1-12-opening')!;
    const opened = starts[io]! + sg12.sessions[io]!.minutes;
    const closing = starts[sg12.sessionIndex.get('wp1-12-closing')!]!;
    for (const s of r.slots) {
      expect(instant(s.start)).toBeGreaterThanOrEqual(opened);
      expect(instant(s.end)).toBeLessThanOrEqual(closing);
    }
    expect(r.refused.sequence).toBeGreaterThan(0);
    expect(formatSlots(r, 1)).toContain('in order, as every session of Q5/12: after wp1-12-opening and before wp1-12-closing');
  });

  it('refuses an unknown group and minutes off the grid', () => {
    expect(() => findSlots(sg12, starts, { group: 'Q99/12', minutes: 90 })).toThrow(/unknown group/);
    expect(() => findSlots(sg12, starts, { group: 'Q5/12', minutes: 100 })).toThrow(/multiple of the grid/);
    expect(() => findSlots(sg12, starts, { group: 'Q5/12', minutes: 120 })).toThrow(/at most 90/);
  });
});

describe('slots: block lengths in real minutes', () => {
  it('offers a session longer than a block by the wall clock on the night the clocks go back, and only there', () => {
    // Zurich, 30–31 October 2021: 01:00–04:00 lasts 180 minutes on the 30th and 240 on the 31st (02:00–03:00 twice)
    const meeting = loadMeeting({
      format: 'plenary.meeting/1',
      id: 'fall-back',
      title: 'Fall back',
      timeZone: 'Europe/Zurich',
      days: { from: '2021-10-30', to: '2021-10-31', rrule: 'FREQ=DAILY' },
      blocks: [{ id: 'night', start: '01:00', end: '04:00' }],
      tracks: 2,
      grid: 15,
      groups: [{ id: 'G', delegates: { 'Asia/Tokyo': 2 } }],
      sessions: [{ id: 'g1', group: 'G', minutes: 60 }],
    });
    const placed = [meeting.sessions[0]!.candidates[0]!.start];
    const r = findSlots(meeting, placed, { group: 'G', minutes: 210 });
    expect(r.slots.map((x) => `${x.start}–${x.end}`).sort()).toEqual([
      '2021-10-31T01:00:00+02:00–2021-10-31T03:30:00+01:00',
      '2021-10-31T01:15:00+02:00–2021-10-31T03:45:00+01:00',
      '2021-10-31T01:30:00+02:00–2021-10-31T04:00:00+01:00',
    ]);
    expect(() => findSlots(meeting, placed, { group: 'G', minutes: 255 })).toThrow(/at most 240/);
  });
});

describe('slots: the track offered is one the published timetable leaves free', () => {
  // two tracks, one block 10:00–12:00: A 10:00–11:00, C 10:00–10:30, B 11:00–12:00
  const meeting = loadMeeting({
    format: 'plenary.meeting/1',
    id: 'rooms',
    title: 'Rooms',
    timeZone: 'Europe/Zurich',
    days: { from: '2021-05-04', to: '2021-05-04' },
    blocks: [{ id: 'b', start: '10:00', end: '12:00' }],
    tracks: 2,
    grid: 30,
    groups: [{ id: 'A' }, { id: 'B' }, { id: 'C' }, { id: 'X' }],
    sessions: [
      { id: 'a', group: 'A', minutes: 60 },
      { id: 'b', group: 'B', minutes: 60 },
      { id: 'c', group: 'C', minutes: 30 },
    ],
  });
  const doc = (tracks: Record<string, number>) => ({
    format: 'plenary.timetable/1',
    meeting: 'rooms',
    timeZone: 'Europe/Zurich',
    sessions: [
      { id: 'a', start: '2021-05-04T10:00:00+02:00', track: tracks.a },
      { id: 'c', start: '2021-05-04T10:00:00+02:00', track: tracks.c },
      { id: 'b', start: '2021-05-04T11:00:00+02:00', track: tracks.b },
    ],
  });
  const at1030 = (r: SlotSearch) => r.slots.find((s) => s.start === '2021-05-04T10:30:00+02:00');

  it('as plenary assigns them (b follows a in track 1): 10:30–11:30 goes to track 2', () => {
    const starts = readTimetable(meeting, doc({ a: 1, c: 2, b: 1 }));
    const r = findSlots(meeting, starts, { group: 'X', minutes: 60, tracks: publishedTracks(meeting, doc({ a: 1, c: 2, b: 1 }), starts)! });
    expect(at1030(r)?.track).toBe(2);
  });

  it('as published (b in track 2): 10:30–11:30 would need a room to change, so it is refused under tracks', () => {
    const d = doc({ a: 1, c: 2, b: 2 });
    const starts = readTimetable(meeting, d);
    const tracks = publishedTracks(meeting, d, starts)!;
    expect(tracks).toEqual([1, 2, 2]);
    const r = findSlots(meeting, starts, { group: 'X', minutes: 60, tracks });
    expect(at1030(r)).toBeUndefined();
    expect(r.refused.tracks).toBeGreaterThanOrEqual(1);
    // without published tracks plenary's own assignment stands, and the start is offered
    expect(at1030(findSlots(meeting, starts, { group: 'X', minutes: 60 }))?.track).toBe(2);
  });

  it('tracks that cannot stand (two overlapping sessions in one) are not taken as published', () => {
    const d = doc({ a: 1, c: 1, b: 2 });
    expect(publishedTracks(meeting, d, readTimetable(meeting, d))).toBeUndefined();
  });
});

describe('slots: a timetable that already breaks the group’s core quota', () => {
  // one core block and one other block a day; A may hold at most one session in core, B needs two there
  const meeting = loadMeeting({
    format: 'plenary.meeting/1',
    id: 'quota',
    title: 'Quota',
    timeZone: 'Europe/Zurich',
    days: { from: '2021-05-04', to: '2021-05-05' },
    blocks: [
      { id: 'early', start: '08:00', end: '10:00' },
      { id: 'core', start: '12:00', end: '14:00', core: true },
    ],
    tracks: 4,
    grid: 60,
    groups: [
      { id: 'A', core: { min: 0, max: 1 } },
      { id: 'B', core: { min: 2 } },
    ],
    sessions: [
      { id: 'a1', group: 'A', minutes: 60 },
      { id: 'a2', group: 'A', minutes: 60 },
      { id: 'b1', group: 'B', minutes: 60 },
    ],
  });
  const at = (iso: string) => instant(iso);
  // a1 and a2 both in core (A over its maximum), b1 outside (B under its minimum)
  const starts = [at('2021-05-04T12:00:00+02:00'), at('2021-05-05T12:00:00+02:00'), at('2021-05-04T08:00:00+02:00')];

  it('offers the starts outside core, which leave an over-full quota as it is, and refuses those in core', () => {
    expect(evaluate(meeting, starts).violations.map((v) => v.constraint).sort()).toEqual(['quota', 'quota']);
    const r = findSlots(meeting, starts, { group: 'A', minutes: 60 });
    expect(r.slots.length).toBeGreaterThan(0);
    expect(r.slots.every((s) => !s.core)).toBe(true);
    // every start of the early block (A's own sessions are in core; b1 is another group's)
    expect(r.slots.map((s) => s.start).sort()).toEqual(['2021-05-04T08:00:00+02:00', '2021-05-04T09:00:00+02:00', '2021-05-05T08:00:00+02:00', '2021-05-05T09:00:00+02:00']);
    // the core starts: 12:00 overlaps a1 or a2 (group, or quota), 13:00 only takes A further above its maximum
    expect(r.tried).toBe(8);
    expect(r.refused.quota).toBeGreaterThanOrEqual(2);
    expect(Object.values(r.refused).reduce((a, b) => a + (b ?? 0), 0)).toBe(4);
    expect(formatSlots(r)).toContain('the timetable already breaks 2 hard rules');
  });

  it('offers core starts to a group under its minimum (they bring it nearer), and the others too', () => {
    const r = findSlots(meeting, starts, { group: 'B', minutes: 60 });
    expect(r.slots.some((s) => s.core)).toBe(true);
    expect(r.slots.some((s) => !s.core)).toBe(true);
    expect(r.refused.quota ?? 0).toBe(0);
  });
});
