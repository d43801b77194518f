/**
 * Meetings that cross DST changes: the European and American changes fall on
 * different weekends (spring 2021: 14 March in America, 28 March in Europe;
 * autumn: 31 October in Europe, 7 November in America), with sessions before,
 * between and after them. Every event must read back at the timetable's
 * instants, and each person's description must give their own wall time.
 */
import { describe, expect, it } from 'vitest';
import { renderCalendars, vtimezoneFor, wallTimeIsSafe } from '../src/export/ical/index.js';
import { buildTimetable, evaluate } from '../src/index.js';
import type { Meeting, Timetable } from '../src/index.js';
import { wallToInstant } from '../src/model/time.js';
import { place } from './helpers.js';
import { dstMeeting, expectedInstants, fileText, nightMeeting, readIcs, STAMP } from './ical-helpers.js';

function build(m: Meeting, where: Record<string, string>): Timetable {
  const starts = place(m, where);
  return buildTimetable(m, starts, evaluate(m, starts));
}

function checkInstants(m: Meeting, timetable: Timetable): void {
  const files = renderCalendars(m, timetable, { stamp: STAMP });
  const want = expectedInstants(timetable);
  let n = 0;
  for (const f of files) {
    for (const e of readIcs(f.content).events) {
      expect({ start: e.start, end: e.end }, `${f.path} ${e.uid}`).toEqual({ start: want.get(e.uid)!.start, end: want.get(e.uid)!.end });
      n++;
    }
  }
  expect(n).toBeGreaterThanOrEqual(6 * 3);
}

const spring = {
  before: '2021-03-09 13:00',
  between: '2021-03-17 13:00',
  after: '2021-03-30 13:00',
  'plenary-before': '2021-03-10 08:00',
  'plenary-between': '2021-03-18 08:00',
  'plenary-after': '2021-03-31 08:00',
};

describe('a meeting across the American and European spring-forward weekends', () => {
  for (const zone of ['Europe/Zurich', 'America/New_York']) {
    it(`reads back at the timetable's instants everywhere (meeting in ${zone})`, () => {
      const m = dstMeeting(zone, '2021-03-08', '2021-04-02');
      const tt = build(m, spring);
      expect(tt.status).toBe('feasible');
      checkInstants(m, tt);
    });
  }

  it('writes each person’s own wall time, which shifts by an hour between the two weekends', () => {
    const m = dstMeeting('Europe/Zurich', '2021-03-08', '2021-04-02');
    const files = renderCalendars(m, build(m, spring), { stamp: STAMP });
    const ny = readIcs(fileText(files, 'ics/people/ny.ics'));
    const desc = (uid: string) => ny.events.find((e) => e.uid === `${uid}@dst-meeting`)!.description;
    // 13:00 in Zurich: 07:00 in New York before 14 March (CET/EST), 08:00 between (CET/EDT), 07:00 after 28 March (CEST/EDT).
    expect(desc('before')).toContain('Your time (America/New_York): Tue 9 Mar 2021, 07:00–08:30 (UTC-05:00)');
    expect(desc('between')).toContain('Your time (America/New_York): Wed 17 Mar 2021, 08:00–09:30 (UTC-04:00)');
    expect(desc('after')).toContain('Your time (America/New_York): Tue 30 Mar 2021, 07:00–08:30 (UTC-04:00)');
    expect(desc('after')).toContain('Meeting time (Europe/Zurich): Tue 30 Mar 2021, 13:00–14:30 (UTC+02:00)');
    const london = readIcs(fileText(files, 'ics/people/london.ics'));
    expect(london.events.find((e) => e.uid === 'after@dst-meeting')!.description).toContain('Your time (Europe/London): Tue 30 Mar 2021, 12:00–13:30 (UTC+01:00)');
    const tokyo = readIcs(fileText(files, 'ics/people/tokyo.ics'));
    expect(tokyo.events.map((e) => e.uid)).toEqual(['plenary-before@dst-meeting', 'plenary-between@dst-meeting', 'plenary-after@dst-meeting']);
    expect(tokyo.events[1]!.description).toContain('Your time (Asia/Tokyo): Thu 18 Mar 2021, 16:00–17:30 (UTC+09:00)');
  });

  it('lists the main zones of a session in the public calendar, each at its own offset', () => {
    const m = dstMeeting('America/New_York', '2021-03-08', '2021-04-02');
    const files = renderCalendars(m, build(m, spring), { stamp: STAMP });
    const cal = readIcs(fileText(files, 'calendar.ics'));
    const desc = (uid: string) => cal.events.find((e) => e.uid === `${uid}@dst-meeting`)!.description;
    // 08:00 in New York on 10 March (EST): 14:00 in Paris (CET), 22:00 in Tokyo, 13:00 UTC.
    expect(desc('plenary-before')).toContain('Meeting time (America/New_York): Wed 10 Mar 2021, 08:00–09:30 (UTC-05:00)');
    // Zones by head count (Chicago 3; Tokyo 1 + 1 person and Paris 2 tie, by name; London 1), then UTC.
    expect(desc('plenary-before')).toContain(
      'Elsewhere: America/Chicago Wed 10 Mar 07:00–08:30 · Asia/Tokyo Wed 10 Mar 22:00–23:30 · Europe/Paris Wed 10 Mar 14:00–15:30 · Europe/London Wed 10 Mar 13:00–14:30 · UTC Wed 10 Mar 13:00–14:30',
    );
    expect(desc('plenary-before')).toContain('UTC Wed 10 Mar 13:00–14:30');
    // On 31 March (EDT, CEST): still 14:00 in Paris, but 21:00 in Tokyo and 12:00 UTC.
    expect(desc('plenary-after')).toContain('Meeting time (America/New_York): Wed 31 Mar 2021, 08:00–09:30 (UTC-04:00)');
    expect(desc('plenary-after')).toContain('Asia/Tokyo Wed 31 Mar 21:00–22:30 · Europe/Paris Wed 31 Mar 14:00–15:30');
    expect(desc('plenary-after')).toContain('UTC Wed 31 Mar 12:00–13:30');
  });
});

describe('a meeting across the European and American fall-back weekends', () => {
  const autumn = {
    before: '2021-10-26 13:00',
    between: '2021-11-02 13:00',
    after: '2021-11-09 13:00',
    'plenary-before': '2021-10-27 08:00',
    'plenary-between': '2021-11-03 08:00',
    'plenary-after': '2021-11-10 08:00',
  };
  for (const zone of ['Europe/London', 'America/Los_Angeles', 'Australia/Sydney']) {
    it(`reads back at the timetable's instants everywhere (meeting in ${zone})`, () => {
      const m = dstMeeting(zone, '2021-10-25', '2021-11-12');
      const tt = build(m, autumn);
      expect(tt.status).toBe('feasible');
      checkInstants(m, tt);
    });
  }
});

describe('a meeting whose zone is UTC', () => {
  it('writes its events with TZID=UTC and the VTIMEZONE of UTC (SPEC §6), not in UTC form, read back at the same instants', () => {
    // ical-generator writes an event in the zone "UTC" as …Z without TZID; a meeting in Etc/UTC was always TZID=Etc/UTC
    const m = dstMeeting('UTC', '2021-10-25', '2021-11-12', 'utc-meeting');
    const tt = build(m, { before: '2021-10-26 13:00', between: '2021-11-03 13:00', after: '2021-11-10 13:00', 'plenary-before': '2021-10-27 08:00', 'plenary-between': '2021-11-04 08:00', 'plenary-after': '2021-11-11 08:00' });
    expect(tt.status).toBe('feasible');
    const files = renderCalendars(m, tt, { stamp: STAMP });
    let events = 0;
    for (const f of files) {
      const text = f.content.replace(/\r\n[ \t]/g, '');
      const inEvents = [...text.matchAll(/BEGIN:VEVENT\r\n([\s\S]*?)END:VEVENT/g)].flatMap((e) => e[1]!.split('\r\n'));
      const times = inEvents.filter((l) => /^DT(START|END)[;:]/.test(l) && !l.includes('VALUE=DATE'));
      for (const l of times) expect(l, f.path).toMatch(/^DT(START|END);TZID=UTC:\d{8}T\d{6}$/);
      events += times.length / 2;
      if (times.length > 0) expect(text, f.path).toMatch(/BEGIN:VTIMEZONE\r\nTZID:UTC\r\n/);
      expect(text.match(/BEGIN:VTIMEZONE/g)?.length ?? 0, f.path).toBeLessThanOrEqual(1);
    }
    expect(events).toBeGreaterThanOrEqual(6 * 3);
    expect(fileText(files, 'calendar.ics')).toContain('DTSTART;TZID=UTC:20211026T130000');
    checkInstants(m, tt);
  });
});

describe('wall times that do not say which instant they are', () => {
  it('writes a session in the repeated fall-back hour in UTC, so no client can take the other occurrence', () => {
    const m = nightMeeting();
    const night = wallToInstant('Europe/Zurich', '2021-10-31', 30);
    if (night.kind !== 'ok') throw new Error('no block start');
    // 02:00 CEST (00:00Z), 02:00 CET (01:00Z: the same wall time an hour later), 03:00 CET (02:00Z).
    const starts = [night.min + 90, night.min + 150, night.min + 210];
    expect(wallTimeIsSafe('Europe/Zurich', starts[0]!)).toBe(false);
    expect(wallTimeIsSafe('Europe/Zurich', starts[1]!)).toBe(false);
    expect(wallTimeIsSafe('Europe/Zurich', starts[2]!)).toBe(true);
    const tt = buildTimetable(m, starts, evaluate(m, starts));
    const files = renderCalendars(m, tt, { stamp: STAMP });
    const text = fileText(files, 'calendar.ics').replace(/\r\n[ \t]/g, '');
    expect(text).toContain('DTSTART:20211031T000000Z');
    expect(text).toContain('DTSTART:20211031T010000Z');
    expect(text).toContain('DTSTART;TZID=Europe/Zurich:20211031T030000');
    checkInstantsOf(tt, files);
  });

  it('replaces the library VTIMEZONE where the zone’s rules have changed since (Mexico City had DST until 2022)', () => {
    const m = dstMeeting('America/Mexico_City', '2021-03-29', '2021-04-16', 'mx');
    const tt = build(m, { before: '2021-03-30 13:00', between: '2021-04-06 13:00', after: '2021-04-13 13:00' });
    const files = renderCalendars(m, tt, { stamp: STAMP });
    const vtz = vtimezoneFor('America/Mexico_City', tt.sessions.flatMap((s) => [Date.parse(s.start) / 60000]));
    expect(vtz.source).toBe('generated');
    expect(fileText(files, 'calendar.ics')).toContain('TZOFFSETTO:-0500'); // the 2021 summer time the library no longer knows
    checkInstantsOf(tt, files);
    expect(vtimezoneFor('Europe/Zurich', [Date.parse('2021-05-04T09:30:00Z') / 60000]).source).toBe('library');
  });
});

function checkInstantsOf(tt: Timetable, files: readonly { path: string; content: string }[]): void {
  const want = expectedInstants(tt);
  for (const f of files) {
    for (const e of readIcs(f.content).events) expect({ start: e.start, end: e.end }, `${f.path} ${e.uid}`).toEqual({ start: want.get(e.uid)!.start, end: want.get(e.uid)!.end });
  }
}
