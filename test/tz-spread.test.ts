import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { loadMeeting } from '../src/index.js';
import type { Meeting } from '../src/index.js';
import { COMFORT_CLASSES, classOfHour, formatSpread, periodsOf, spreadOf } from '../src/tz/index.js';
import type { ComfortClass } from '../src/tz/index.js';

const sg12 = loadMeeting(JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8')));

/** Local HH:MM of an instant, straight from the runtime's time zone database (Intl), not from plenary. */
function intlClock(zone: string, epochMinutes: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(epochMinutes * 60000));
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();
function intlHour(zone: string, epochMinutes: number): number {
  let f = hourFormats.get(zone);
  if (!f) hourFormats.set(zone, (f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' })));
  return Number(f.format(new Date(epochMinutes * 60000)));
}

/** The instant of a meeting wall time, computed with luxon. */
function meetingInstant(m: Meeting, date: string, hhmm: string): number {
  const dt = DateTime.fromISO(`${date}T${hhmm}`, { zone: m.timeZone });
  return dt.toMillis() / 60000;
}

describe('spread: SG12 on 5 May 2021', () => {
  const day = spreadOf(sg12, { date: '2021-05-05' }).days[0]!;
  const core1 = day.blocks.find((b) => b.block === 'core1')!;

  it('gives the first core block in the local time of each zone, as the time zone database says', () => {
    // the letter's 11:30–13:00 Geneva time, seen from five places
    const expected: Record<string, [string, string]> = {
      'America/Los_Angeles': ['02:30', '04:00'],
      'America/New_York': ['05:30', '07:00'],
      'Africa/Accra': ['09:30', '11:00'],
      'Asia/Kolkata': ['15:00', '16:30'],
      'Asia/Tokyo': ['18:30', '20:00'],
    };
    const t0 = meetingInstant(sg12, '2021-05-05', '11:30');
    const t1 = meetingInstant(sg12, '2021-05-05', '13:00');
    for (const [zone, [s, e]] of Object.entries(expected)) {
      // the expectation itself agrees with Intl and luxon…
      expect(intlClock(zone, t0)).toBe(s);
      expect(intlClock(zone, t1)).toBe(e);
      expect(DateTime.fromMillis(t0 * 60000, { zone }).toFormat('HH:mm')).toBe(s);
      // …and so does the spread
      const z = core1.zones.find((x) => x.zone === zone)!;
      expect(z.start.time).toBe(s);
      expect(z.end.time).toBe(e);
      expect(z.start.dayShift).toBe(0);
    }
    expect(core1.start).toBe('2021-05-05T11:30:00+02:00');
  });

  it('agrees with Intl for every zone and block, and the day shift follows the local date', () => {
    for (const b of day.blocks) {
      const t0 = DateTime.fromISO(b.start, { setZone: true }).toMillis() / 60000;
      const t1 = t0 + b.minutes;
      for (const z of b.zones) {
        expect(z.start.time).toBe(intlClock(z.zone, t0));
        expect(z.end.time).toBe(intlClock(z.zone, t1));
        const localDate = DateTime.fromMillis(t1 * 60000, { zone: z.zone }).toISODate();
        expect(z.end.date).toBe(localDate);
      }
    }
    // Tokyo's late rapporteur block ends at midnight, on the next day
    const tokyo = day.blocks.find((b) => b.block === 'rapporteur2')!.zones.find((z) => z.zone === 'Asia/Tokyo')!;
    expect([tokyo.end.time, tokyo.end.dayShift]).toEqual(['00:00', 1]);
  });

  it('classes, head counts and shares follow from the comfort profile, minute by minute', () => {
    const P = sg12.comfort.profile;
    const rank = (c: ComfortClass) => (c === 'working' ? 0 : c === 'night' ? 2 : 1);
    for (const b of day.blocks) {
      const t0 = DateTime.fromISO(b.start, { setZone: true }).toMillis() / 60000;
      const heads: Record<ComfortClass, { d: number; p: number; hm: number }> = { working: { d: 0, p: 0, hm: 0 }, early: { d: 0, p: 0, hm: 0 }, late: { d: 0, p: 0, hm: 0 }, night: { d: 0, p: 0, hm: 0 } };
      let all = 0;
      for (const z of b.zones) {
        let worstPenalty = -1;
        let worst: ComfortClass = 'working';
        let pain = 0;
        const minutes: Record<ComfortClass, number> = { working: 0, early: 0, late: 0, night: 0 };
        for (let i = 0; i < b.minutes; i++) {
          const h = intlHour(z.zone, t0 + i);
          const pen = P[h]!;
          // the documented rule: 0 working, 1–5 early (before noon) or late, 6+ night
          const c: ComfortClass = pen === 0 ? 'working' : pen >= 6 ? 'night' : h < 12 ? 'early' : 'late';
          expect(classOfHour(P, h)).toBe(c);
          minutes[c]++;
          pain += pen;
          if (pen > worstPenalty || (pen === worstPenalty && rank(c) > rank(worst))) {
            worstPenalty = pen;
            worst = c;
          }
        }
        expect(z.class).toBe(worst);
        expect(z.minutes).toEqual(minutes);
        expect(z.pain).toBe(pain);
        expect(z.pain).toBe(sg12.comfort.pain(z.zone, t0, b.minutes));
        heads[worst].d += z.delegates;
        heads[worst].p += z.people;
        for (const c of COMFORT_CLASSES) heads[c].hm += (z.delegates + z.people) * minutes[c];
        all += (z.delegates + z.people) * b.minutes;
      }
      for (const c of COMFORT_CLASSES) {
        expect(b.classes[c].delegates).toBe(heads[c].d);
        expect(b.classes[c].people).toBe(heads[c].p);
        expect(b.classes[c].headMinutes).toBe(heads[c].hm);
        expect(b.classes[c].share).toBeCloseTo(heads[c].hm / all, 4);
      }
      const sumShare = COMFORT_CLASSES.reduce((s, c) => s + b.classes[c].share, 0);
      expect(sumShare).toBeCloseTo(1, 3);
    }
    // with the default profile the first core block is night in Los Angeles, working in Accra, late in Tokyo
    const cls = (zone: string) => core1.zones.find((z) => z.zone === zone)!.class;
    expect([cls('America/Los_Angeles'), cls('Africa/Accra'), cls('Asia/Tokyo'), cls('America/Sao_Paulo')]).toEqual(['night', 'working', 'late', 'early']);
  });

  it('counts the meeting audience: the study group delegates and every person once', () => {
    const a = spreadOf(sg12).audience;
    expect(a.delegates).toBe(120);
    expect(a.people).toBe(29);
    const zones = core1.zones;
    expect(zones.reduce((s, z) => s + z.delegates, 0)).toBe(120);
    // west to east
    const offsets = zones.map((z) => DateTime.fromMillis(meetingInstant(sg12, '2021-05-05', '11:30') * 60000, { zone: z.zone }).offset);
    expect([...offsets].sort((x, y) => x - y)).toEqual(offsets);
  });

  it('names the worst-off zones by pain per head', () => {
    const w = core1.worstOff[0]!;
    const max = Math.max(...core1.zones.map((z) => z.pain));
    expect(w.pain).toBe(max);
    expect(w.zone).toBe('America/Los_Angeles'); // 02:30–04:00: 90 minutes at penalty 10
    expect(w.pain).toBe(900);
  });

  it('covers every block on every meeting day, merged into one period without a DST change', () => {
    const s = spreadOf(sg12);
    expect(s.days.map((d) => d.date)).toEqual(sg12.days.map((d) => d.date));
    expect(s.days.every((d) => d.blocks.length === sg12.blocks.length)).toBe(true);
    expect(periodsOf(s.days).map((p) => p.dates.length)).toEqual([8]);
  });

  it('restricts to a group audience', () => {
    const q = spreadOf(sg12, { date: '2021-05-05', group: 'Q5/12' });
    const zones = q.audience.zones.map((z) => z.zone);
    expect(zones).toContain('Asia/Shanghai');
    expect(zones).not.toContain('Africa/Accra');
    expect(q.audience.delegates).toBe(18);
  });
});

/** A small meeting in New York across the US spring-forward (14 March 2021), with people in London and New York. */
function dstMeeting(extra: Record<string, unknown> = {}): Meeting {
  return loadMeeting({
    format: 'plenary.meeting/1',
    id: 'dst',
    title: 'DST crossing',
    timeZone: 'America/New_York',
    days: { from: '2021-03-10', to: '2021-03-17' },
    blocks: [{ id: 'b1', start: '10:00', end: '11:30', core: true }],
    tracks: 1,
    grid: 15,
    groups: [{ id: 'G', delegates: { 'Europe/London': 3, 'America/New_York': 2, 'Asia/Tokyo': 1 } }],
    people: [],
    sessions: [{ id: 's1', group: 'G', minutes: 60 }],
    ...extra,
  });
}

describe('spread across a DST change', () => {
  it('differs before and after the change, as the time zone database says', () => {
    const m = dstMeeting();
    const s = spreadOf(m);
    const byDate = new Map(s.days.map((d) => [d.date, d.blocks[0]!]));
    const london = (date: string) => byDate.get(date)!.zones.find((z) => z.zone === 'Europe/London')!;
    const tokyo = (date: string) => byDate.get(date)!.zones.find((z) => z.zone === 'Asia/Tokyo')!;
    for (const date of ['2021-03-12', '2021-03-15']) {
      const t0 = meetingInstant(m, date, '10:00');
      expect(london(date).start.time).toBe(intlClock('Europe/London', t0));
      expect(tokyo(date).start.time).toBe(intlClock('Asia/Tokyo', t0));
    }
    expect(london('2021-03-12').start.time).toBe('15:00');
    expect(london('2021-03-15').start.time).toBe('14:00');
    expect(tokyo('2021-03-12').start.time).toBe('00:00');
    expect(tokyo('2021-03-12').start.dayShift).toBe(1);
    expect(tokyo('2021-03-15').start.time).toBe('23:00');
    // the offsets of the meeting zone changed in between
    expect(byDate.get('2021-03-12')!.start).toBe('2021-03-12T10:00:00-05:00');
    expect(byDate.get('2021-03-15')!.start).toBe('2021-03-15T10:00:00-04:00');
    const periods = periodsOf(s.days);
    expect(periods.map((p) => p.dates)).toEqual([
      ['2021-03-10', '2021-03-11', '2021-03-12'],
      ['2021-03-15', '2021-03-16', '2021-03-17'],
    ]);
  });

  it('is exact when the clocks change inside a block', () => {
    // Europe falls back at 01:00 UTC on 31 October 2021; a UTC block 00:00–02:00 that Sunday lasts 120 minutes
    const m = loadMeeting({
      format: 'plenary.meeting/1',
      id: 'fallback',
      title: 'Fall back',
      timeZone: 'UTC',
      days: { from: '2021-10-30', to: '2021-10-31', rrule: 'FREQ=DAILY' },
      blocks: [{ id: 'night', start: '00:00', end: '02:00' }],
      tracks: 1,
      grid: 15,
      groups: [{ id: 'G', delegates: { 'Europe/London': 1 } }],
      people: [],
      sessions: [{ id: 's', group: 'G', minutes: 60 }],
    });
    const sunday = spreadOf(m, { date: '2021-10-31' }).days[0]!.blocks[0]!;
    const z = sunday.zones[0]!;
    expect(z.start.time).toBe('01:00'); // BST
    expect(z.end.time).toBe('02:00'); // GMT, two hours later
    expect(z.start.offset).toBe('+01:00');
    expect(z.end.offset).toBe('+00:00');
    expect(COMFORT_CLASSES.reduce((s, c) => s + z.minutes[c], 0)).toBe(120);
    expect(z.pain).toBe(m.comfort.pain('Europe/London', DateTime.fromISO('2021-10-31T00:00Z').toMillis() / 60000, 120));
    expect(z.pain).toBe(1200); // 01:00–02:00 BST and 01:00–02:00 GMT: both at penalty 10
    const saturday = spreadOf(m, { date: '2021-10-30' }).days[0]!.blocks[0]!.zones[0]!;
    expect([saturday.start.time, saturday.end.time]).toEqual(['01:00', '03:00']);
  });

  it('accepts a date outside the meeting days and refuses a block that does not exist then', () => {
    const m = dstMeeting();
    const s = spreadOf(m, { date: '2021-03-13' });
    expect(s.days[0]!.day).toBeNull();
    expect(() => spreadOf(m, { date: '2021-02-30' })).toThrow(RangeError);
    const early = dstMeeting({ blocks: [{ id: 'b1', start: '02:30', end: '03:30', core: true }], days: { from: '2021-03-10', to: '2021-03-12' } });
    expect(() => spreadOf(early, { date: '2021-03-14' })).toThrow(/spring-forward/);
  });
});

describe('spread as text', () => {
  it('heads a block ending at midnight 24:00 (as the spec writes it), and counts one person as a person', () => {
    const m = loadMeeting({
      format: 'plenary.meeting/1',
      id: 'late',
      title: 'Late',
      timeZone: 'Europe/Zurich',
      days: { from: '2021-05-04', to: '2021-05-04' },
      blocks: [{ id: 'late', start: '22:00', end: '24:00', core: true }],
      tracks: 1,
      grid: 30,
      groups: [{ id: 'G', delegates: { 'Asia/Tokyo': 1 } }],
      people: [{ id: 'p', timeZone: 'America/New_York', leads: ['G'] }],
      sessions: [{ id: 'g1', group: 'G', minutes: 60 }],
    });
    const text = formatSpread(spreadOf(m));
    expect(text).toContain('audience: 1 delegate and 1 person in 2 zones');
    expect(text).toMatch(/\n\s+22:00–24:00\n/);
    expect(text).not.toContain('22:00–00:00 ');
  });
});
