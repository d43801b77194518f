/**
 * The model: meeting days from the rrule, block instants in the meeting's zone,
 * candidate starts, attendance, and the SG12 preset's expansion.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandSpec, loadMeeting } from '../src/spec/read.js';
import { DateTime } from 'luxon';
import { formatInstant, formatUtc, offsetAt, wallToInstant } from '../src/model/time.js';
import { dateBefore } from '../src/spec/presets/itu-study-group.js';
import { meeting } from './helpers.js';

const sg12Input = JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8'));

describe('meeting days', () => {
  it('are the weekdays by default, numbered from 1', () => {
    const m = loadMeeting(sg12Input);
    expect(m.days.map((d) => d.date)).toEqual(['2021-05-04', '2021-05-05', '2021-05-06', '2021-05-07', '2021-05-10', '2021-05-11', '2021-05-12', '2021-05-13']);
    expect(m.days.map((d) => d.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(m.days[0]!.weekday).toBe(2); // Tuesday
  });

  it('follow another rrule, minus the exceptions', () => {
    const m = meeting({ days: { from: '2021-05-03', to: '2021-05-16', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE', except: ['2021-05-12'] } });
    expect(m.days.map((d) => d.date)).toEqual(['2021-05-03', '2021-05-05', '2021-05-10']);
  });

  it('resolve negative numbers and dates in a session’s days', () => {
    const m = meeting({ sessions: [{ id: 's', group: 'G', minutes: 60, days: [-1, '2021-05-05', 1] }] });
    expect(m.sessions[0]!.allowedDays).toEqual([0, 1, 3]);
  });
});

describe('block instants', () => {
  it('place wall times in the meeting zone (Geneva is UTC+2 in May 2021)', () => {
    const m = loadMeeting(sg12Input);
    const core1 = m.blocks.find((b) => b.id === 'core1')!;
    const inst = m.instances[0 * m.blocks.length + core1.index]!;
    expect(formatUtc(inst.start)).toBe('2021-05-04T09:30:00Z');
    expect(formatInstant(inst.start, m.timeZone)).toBe('2021-05-04T11:30:00+02:00');
    expect(inst.end - inst.start).toBe(90);
  });

  it('follow the zone’s DST change between meeting days', () => {
    const m = meeting({ days: { from: '2021-03-26', to: '2021-03-29' } });
    const [fri, mon] = [m.instances[0]!, m.instances[m.blocks.length]!];
    expect(formatUtc(fri.start)).toBe('2021-03-26T10:30:00Z');
    expect(formatUtc(mon.start)).toBe('2021-03-29T09:30:00Z');
  });

  it('take the first of a repeated wall time (fall-back) and refuse a skipped one', () => {
    const first = wallToInstant('Europe/Zurich', '2021-10-31', 2 * 60 + 30);
    expect(first.kind === 'ok' && formatUtc(first.min)).toBe('2021-10-31T00:30:00Z');
    expect(first.kind === 'ok' && first.ambiguous).toBe(true);
    expect(wallToInstant('Europe/Zurich', '2021-03-28', 2 * 60 + 30).kind).toBe('gap');
    // a 45-minute zone and one whose DST shift is 30 minutes
    const k = wallToInstant('Asia/Kathmandu', '2021-05-04', 12 * 60);
    expect(k.kind === 'ok' && formatUtc(k.min)).toBe('2021-05-04T06:15:00Z');
    const lh = wallToInstant('Australia/Lord_Howe', '2021-04-04', 1 * 60 + 45); // 02:00 → 01:30: 01:30–01:59 twice
    expect(lh.kind === 'ok' && formatUtc(lh.min)).toBe('2021-04-03T14:45:00Z');
  });

  it('take offsets per zone and instant, the same when remembered and after the memory starts afresh', () => {
    // 2021-10-31 00:00Z ± 34 days in 1-minute steps: 97,920 instants per zone (the memory keeps 65,536), across each zone's change (Zurich and New York fall back, Lord Howe springs forward on 3 October)
    const from = Date.UTC(2021, 9, 31) / 60000 - 34 * 1440;
    const zones = ['Europe/Zurich', 'America/New_York', 'Australia/Lord_Howe'];
    const expected = (zone: string, min: number) => DateTime.fromMillis(min * 60000, { zone }).offset;
    let checked = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (let min = from; min < from + 68 * 1440; min += pass === 0 ? 1 : 97) {
        for (const zone of zones) {
          const off = offsetAt(zone, min);
          if (min % 97 === 0 || pass === 1) {
            expect(off, `${zone} ${min}`).toBe(expected(zone, min));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('allow a block to end at 24:00', () => {
    const m = meeting({ blocks: [{ id: 'evening', start: '22:00', end: '24:00' }], sessions: [{ id: 's', group: 'G', minutes: 120 }] });
    expect(m.sessions[0]!.candidates).toHaveLength(4);
    expect(formatInstant(m.instances[0]!.end, m.timeZone)).toBe('2021-05-05T00:00:00+02:00');
  });
});

describe('candidates', () => {
  it('are every grid start with room in every allowed block on every allowed day', () => {
    const m = meeting({
      sessions: [
        { id: 'free', group: 'G', minutes: 60 }, // 3 blocks × 3 starts × 4 days
        { id: 'core', group: 'G', minutes: 90, core: true }, // 2 blocks × 1 start × 4 days
        { id: 'pinned', group: 'G', minutes: 30, at: '14:00', days: [2] },
      ],
    });
    expect(m.sessions.map((s) => s.candidates.length)).toEqual([36, 8, 1]);
    expect(formatInstant(m.sessions[2]!.candidates[0]!.start, m.timeZone)).toBe('2021-05-05T14:00:00+02:00');
  });
});

describe('attendance', () => {
  it('goes up to the ancestors; leads are required only in their own groups', () => {
    const m = meeting({
      groups: [{ id: 'SG' }, { id: 'WP', parent: 'SG' }, { id: 'Q', parent: 'WP' }, { id: 'R', parent: 'SG' }],
      people: [{ id: 'rapp', leads: ['Q'] }, { id: 'chair', leads: ['SG'] }, { id: 'r', attends: ['R'] }],
      sessions: [
        { id: 'sg', group: 'SG', minutes: 30 },
        { id: 'wp', group: 'WP', minutes: 30 },
        { id: 'q', group: 'Q', minutes: 30 },
        { id: 'r', group: 'R', minutes: 30 },
      ],
    });
    const ids = (xs: readonly number[]) => xs.map((p) => m.people[p]!.id);
    expect(ids(m.sessions[0]!.attendees)).toEqual(['rapp', 'chair', 'r']);
    expect(ids(m.sessions[1]!.attendees)).toEqual(['rapp']);
    expect(ids(m.sessions[2]!.attendees)).toEqual(['rapp']);
    expect(ids(m.sessions[3]!.attendees)).toEqual(['r']);
    expect(ids(m.sessions[0]!.required)).toEqual(['chair']);
    expect(ids(m.sessions[1]!.required)).toEqual([]);
    expect(ids(m.sessions[2]!.required)).toEqual(['rapp']);
  });
});

describe('the plenary.itu-study-group/1 preset (SG12)', () => {
  const spec = expandSpec(sg12Input);
  const byId = new Map(spec.sessions.map((s) => [s.id, s]));

  it('expands to a plain plenary.meeting/1 that loads by itself', () => {
    expect(spec.format).toBe('plenary.meeting/1');
    expect(() => loadMeeting(JSON.parse(JSON.stringify(spec)))).not.toThrow();
    expect(spec.blocks.map((b) => `${b.id} ${b.start}–${b.end}${b.core ? ' core' : ''}`)).toEqual(['core1 11:30–13:00 core', 'core2 13:30–15:00 core', 'rapporteur1 09:30–11:00', 'rapporteur2 15:30–17:00']);
  });

  it('opens at the first core block of day 1, then the working parties in order the same day', () => {
    expect(byId.get('sg12-opening')).toMatchObject({ days: [1], at: '11:30', exclusive: true, core: true });
    for (const wp of ['wp1-12', 'wp2-12', 'wp3-12']) expect(byId.get(`${wp}-opening`)).toMatchObject({ days: [1], exclusive: true, core: true });
    expect(spec.rules).toContainEqual({ sequence: ['sg12-opening', 'wp1-12-opening', 'wp2-12-opening', 'wp3-12-opening'], sameDay: true });
  });

  it('closes the working parties in order on the second-to-last day and the study group on the last', () => {
    expect(spec.rules).toContainEqual({ sequence: ['wp1-12-closing', 'wp2-12-closing', 'wp3-12-closing'], sameDay: true });
    expect(byId.get('wp1-12-closing')).toMatchObject({ days: [-2], exclusive: true, core: true });
    expect(byId.get('sg12-closing')).toMatchObject({ days: [-1], exclusive: true, core: true });
  });

  it('puts Question sessions on the days between, in order after their working party’s opening and before the closings, with a core quota', () => {
    expect(byId.get('q5-12-2')!.days).toEqual([2, 3, 4, 5, 6, 7]);
    expect(spec.rules).toContainEqual({ sequence: ['wp1-12-opening', 'q5-12-1', 'q5-12-2', 'q5-12-3', 'wp1-12-closing'], sameDay: false });
    // the letter: "Wed 12 May: [Question sessions in parallel]; then the closings of WP1/12, WP2/12 and WP3/12":
    // every Question (of any working party, or of the study group itself) ends before the first closing
    expect(spec.rules).toContainEqual({ sequence: ['wp2-12-opening', 'q9-12-1', 'q9-12-2', 'q9-12-3', 'wp1-12-closing'], sameDay: false });
    expect(spec.rules).toContainEqual({ sequence: ['q1-12-1', 'wp1-12-closing'], sameDay: false });
    expect(spec.groups.find((g) => g.id === 'Q5/12')).toMatchObject({ parent: 'WP1/12', core: { min: 1, max: 2 } });
    expect(spec.groups.find((g) => g.id === 'Q1/12')).toMatchObject({ parent: 'SG12', core: { min: 1, max: 1 } });
    expect(spec.sessions.filter((s) => s.group === 'Q4/12')).toHaveLength(2);
  });

  it('derives the letter’s deadlines from the first day: 2 months, 1 month, 12 days', () => {
    expect(spec.milestones.map((m) => m.date)).toEqual(['2021-03-04', '2021-04-04', '2021-04-22']);
    expect(dateBefore('2021-05-31', { months: 1 })).toBe('2021-04-30');
  });

  it('turns roles into leads and attendance', () => {
    const kwame = spec.people.find((p) => p.id === 'kwame')!;
    expect(kwame).toMatchObject({ name: 'Kwame Baah-Acheamfuor', timeZone: 'Africa/Accra', leads: ['SG12'] });
    const li = spec.people.find((p) => p.id === 'q5-rapp')!;
    expect(li).toMatchObject({ leads: ['Q5/12'], attends: ['Q4/12'] });
  });

  it('has a plausible delegate mix: about 150 people over 25–40 zones', () => {
    const m = loadMeeting(sg12Input);
    const sg = m.groups.find((g) => g.id === 'SG12')!;
    const anonymous = sg.delegates.reduce((n, d) => n + d.count, 0);
    expect(anonymous + m.people.length).toBeGreaterThanOrEqual(140);
    expect(anonymous + m.people.length).toBeLessThanOrEqual(160);
    expect(m.zones.length).toBeGreaterThanOrEqual(25);
    expect(m.zones.length).toBeLessThanOrEqual(40);
    for (const z of ['America/Los_Angeles', 'Asia/Kolkata', 'Asia/Shanghai', 'Asia/Tokyo', 'Asia/Seoul', 'Australia/Sydney', 'Africa/Accra']) expect(m.zones).toContain(z);
  });
});
