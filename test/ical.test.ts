/**
 * The calendars of the SG12 meeting, read back with Mozilla's ical.js: every
 * event at the timetable's instants, the libical-style rules, people's files
 * with exactly their sessions and roles, stable UIDs, non-ASCII text intact.
 */
import { describe, expect, it } from 'vitest';
import { lineProblems, renderCalendars } from '../src/export/ical/index.js';
import { expectedInstants, fileText, readIcs, sg12, STAMP } from './ical-helpers.js';

const { meeting, timetable } = sg12();
const files = renderCalendars(meeting, timetable, { stamp: STAMP });
const expected = expectedInstants(timetable);
const isMilestone = (uid: string) => uid.includes('@milestones.');

describe('SG12 calendars read by ical.js', () => {
  it('writes calendar.ics, one file per group and one per person', () => {
    const paths = files.map((f) => f.path);
    expect(paths[0]).toBe('calendar.ics');
    expect(paths.filter((p) => p.startsWith('ics/groups/'))).toHaveLength(meeting.groups.length);
    expect(paths.filter((p) => p.startsWith('ics/people/'))).toHaveLength(meeting.people.length);
    expect(paths).toContain('ics/groups/Q5-12.ics'); // "/" becomes "-"
    expect(paths).toContain('ics/groups/WP1-12.ics');
    expect(paths).not.toContain('ics/cancelled.ics'); // nothing to cancel without a previous timetable
  });

  it('puts every event of every file at the instants of the timetable, zoned in Europe/Zurich', () => {
    let checked = 0;
    for (const f of files) {
      const cal = readIcs(f.content);
      expect(cal.tzids, f.path).toEqual(['Europe/Zurich']);
      for (const e of cal.events) {
        if (isMilestone(e.uid)) continue;
        const want = expected.get(e.uid);
        expect(want, `${f.path}: ${e.uid}`).toBeDefined();
        expect({ uid: e.uid, start: e.start, end: e.end, sequence: e.sequence, tzid: e.tzid }).toEqual({ uid: e.uid, ...want, tzid: 'Europe/Zurich' });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('calendar.ics is METHOD:PUBLISH with every session and milestone once, and no ATTENDEE', () => {
    const text = fileText(files, 'calendar.ics');
    const cal = readIcs(text);
    expect(cal.method).toBe('PUBLISH');
    expect(cal.name).toBe('ITU-T Study Group 12 fully virtual meeting – 4–13 May 2021'); // no "," in an X- value: see calendarLabel
    const sessions = cal.events.filter((e) => !isMilestone(e.uid)).map((e) => e.uid);
    expect(new Set(sessions)).toEqual(new Set(expected.keys()));
    expect(sessions).toHaveLength(48);
    expect(cal.events.filter((e) => isMilestone(e.uid)).map((e) => [e.summary, e.date, e.endDate])).toEqual([
      ['Deadline: contributions requiring translation', '2021-03-04', '2021-03-05'],
      ['Deadline: registration', '2021-04-04', '2021-04-05'],
      ['Deadline: contributions', '2021-04-22', '2021-04-23'],
    ]);
    expect(text).toMatch(/\r\nDTSTART;VALUE=DATE:20210422\r\n/);
    for (const e of cal.events) {
      expect(e.attendees, e.uid).toEqual([]);
      expect(e.organizer, e.uid).toMatch(/^mailto:/); // libical wants exactly one ORGANIZER in PUBLISH
    }
    expect(text).not.toMatch(/\r\nATTENDEE/);
  });

  it('follows the libical-style rules in every file: CRLF, ≤75 octets, no split UTF-8, DTSTAMP in UTC with Z', () => {
    for (const f of files) {
      const bytes = Buffer.from(f.content, 'utf8');
      expect(lineProblems(bytes), f.path).toEqual([]);
      expect(f.content.endsWith('END:VCALENDAR\r\n'), f.path).toBe(true);
      const unfolded = f.content.replace(/\r\n[ \t]/g, '');
      const stamps = unfolded.match(/^DTSTAMP[:;].*$/gm) ?? [];
      expect(stamps.length, f.path).toBeGreaterThan(0);
      for (const s of stamps) expect(s.trim(), f.path).toBe('DTSTAMP:20210420T080000Z');
      for (const u of unfolded.match(/UNTIL=[^;\r\n]*/g) ?? []) expect(u, f.path).toMatch(/^UNTIL=\d{8}T\d{6}Z$/);
      const inEvents = unfolded.split('BEGIN:VEVENT').slice(1).join('\r\n').split('\r\n');
      for (const l of inEvents.filter((x) => /^(DTSTART|DTEND)[;:]/.test(x))) {
        expect(l, f.path).toMatch(/^(DTSTART|DTEND)(;TZID=Europe\/Zurich:\d{8}T\d{6}|;VALUE=DATE:\d{8})$/);
      }
    }
  });

  it('folds long non-ASCII lines inside the octet limit and between characters (checked on bytes)', () => {
    const text = fileText(files, 'ics/people/q5-rapp.ics');
    const longest = Math.max(...text.split('\r\n').map((l) => Buffer.byteLength(l)));
    expect(longest).toBeLessThanOrEqual(75);
    expect(text).toContain('\r\n '); // it does fold
  });

  it('gives each event a summary a delegate recognises, and says where it belongs', () => {
    const cal = readIcs(fileText(files, 'calendar.ics'));
    const by = new Map(cal.events.map((e) => [e.uid.split('@')[0], e]));
    expect(by.get('q5-12-2')!.summary).toBe('Q5/12 — Telephonometric methodologies… (session 2 of 3)');
    expect(by.get('sg12-opening')!.summary).toBe('SG12 — Opening plenary');
    expect(by.get('wp1-12-opening')!.summary).toBe('WP1/12 — Opening plenary');
    expect(by.get('q1-12-1')!.summary).toBe('Q1/12 — SG12 work programme and quality…');
    const d = by.get('q5-12-2')!;
    expect(d.description).toContain('Q5/12 — Telephonometric methodologies for handset and headset terminals (session 2 of 3)');
    expect(d.description).toContain('Meeting time (Europe/Zurich): Thu 6 May 2021, 15:30–17:00 (UTC+02:00)');
    expect(d.description).toContain('Asia/Shanghai Thu 6 May 21:30–23:00');
    expect(d.description).toContain('UTC Thu 6 May 13:30–15:00');
    expect(d.description).toContain('Part of: Q5/12 (Telephonometric methodologies for handset and headset terminals) › WP1/12 (Terminals and multimedia subjective assessment) › SG12 (Performance, QoS and QoE)');
    const row = timetable.sessions.find((s) => s.id === 'q5-12-2')!;
    expect(d.description).toContain(`Track ${row.track} of 3`);
    expect(d.location).toBe(`Track ${row.track} (virtual room)`);
    expect(d.categories).toEqual(['WP1/12', 'Q5/12']);
    expect(by.get('sg12-opening')!.categories).toEqual(['SG12']);
    expect(d.status).toBe('CONFIRMED');
    expect(d.organizer).toBe('mailto:li.na@example.org'); // the Q5/12 rapporteur
    expect(by.get('wp1-12-opening')!.organizer).toBe('mailto:hj.weiss@example.org');
  });

  it('colours each working party (COLOR on events, on group calendars also X-APPLE-CALENDAR-COLOR)', () => {
    const all = fileText(files, 'calendar.ics').replace(/\r\n[ \t]/g, '');
    const colorOf = (uid: string) => new RegExp(`UID:${uid}@[\\s\\S]*?\\r\\nCOLOR:([a-z]+)\\r\\n`).exec(all)?.[1];
    expect(colorOf('q5-12-1')).toBe(colorOf('q4-12-1'));
    expect(colorOf('q5-12-1')).not.toBe(colorOf('q9-12-1'));
    expect(colorOf('q9-12-1')).not.toBe(colorOf('q12-12-1'));
    const group = fileText(files, 'ics/groups/Q5-12.ics');
    expect(group).toMatch(/\r\nX-APPLE-CALENDAR-COLOR:#[0-9A-F]{6}\r\n/);
    const head = group.slice(0, group.indexOf('BEGIN:VTIMEZONE'));
    expect(head).toContain(`\r\nCOLOR:${colorOf('q5-12-1')}\r\n`); // a calendar property, before the components
  });

  it('gives a group file exactly the group’s own sessions', () => {
    for (const g of meeting.groups) {
      const path = `ics/groups/${g.id.replace(/\//g, '-')}.ics`;
      const cal = readIcs(fileText(files, path));
      expect(cal.method).toBe('PUBLISH');
      const want = timetable.sessions.filter((s) => s.group === g.id).map((s) => `${s.id}@${meeting.id}`);
      expect(cal.events.map((e) => e.uid), path).toEqual(want);
      for (const e of cal.events) expect(e.attendees).toEqual([]);
    }
  });

  it('gives each person exactly the sessions of their groups and those groups’ ancestors, with their role', () => {
    for (const p of meeting.people) {
      const path = `ics/people/${p.id}.ics`;
      const cal = readIcs(fileText(files, path));
      expect(cal.method, path).toBe('REQUEST');
      // Independently of meeting.people[].sessions: the groups led or attended, and their ancestors.
      const groups = new Set<string>();
      for (const g of [...p.leads, ...p.attends]) for (const a of meeting.groups[g]!.ancestors) groups.add(meeting.groups[a]!.id);
      const led = new Set(p.leads.map((g) => meeting.groups[g]!.id));
      const want = timetable.sessions.filter((s) => groups.has(s.group));
      const sessions = cal.events.filter((e) => !isMilestone(e.uid));
      expect(sessions.map((e) => e.uid), path).toEqual(want.map((s) => `${s.id}@${meeting.id}`));
      sessions.forEach((e, i) => {
        const role = led.has(want[i]!.group) ? 'REQ-PARTICIPANT' : 'OPT-PARTICIPANT';
        expect(e.attendees, `${path} ${e.uid}`).toEqual([{ address: `MAILTO:${p.email}`, role, name: p.name }]);
        expect(e.organizer).toMatch(/^mailto:/);
        expect(e.description).toContain(p.timeZone === meeting.timeZone ? `Your time and meeting time (${p.timeZone}): ` : `Your time (${p.timeZone}): `);
        expect(e.description).toContain(role === 'REQ-PARTICIPANT' ? `Your role: you lead ${want[i]!.group} (required)` : 'Your role: participant (optional)');
      });
      for (const m of cal.events.filter((e) => isMilestone(e.uid))) expect(m.attendees.map((a) => a.role)).toEqual(['NON-PARTICIPANT']);
    }
  });

  it('writes a rapporteur’s sessions in their own zone in the description', () => {
    const cal = readIcs(fileText(files, 'ics/people/q5-rapp.ics'));
    const e = cal.events.find((x) => x.uid === `q5-12-2@${meeting.id}`)!;
    expect(e.description).toContain('Your time (Asia/Shanghai): Thu 6 May 2021, 21:30–23:00 (UTC+08:00)');
    expect(e.attendees[0]!.role).toBe('REQ-PARTICIPANT');
    const sydney = readIcs(fileText(files, 'ics/people/delegate-au.ics'));
    const q7 = sydney.events.find((x) => x.uid.startsWith('q7-12-2@'))!;
    const row = timetable.sessions.find((s) => s.id === 'q7-12-2')!;
    expect(row.start).toBe('2021-05-07T15:30:00+02:00');
    expect(q7.description).toContain('Your time (Australia/Sydney): Fri 7 May 2021, 23:30 – Sat 8 May 2021, 01:00 (UTC+10:00)');
  });

  it('keeps Chinese, accented and emoji names and titles intact through the round trip', () => {
    const ca = readIcs(fileText(files, 'ics/people/delegate-ca.ics'));
    expect(ca.name).toBe('ITU-T Study Group 12 fully virtual meeting – 4–13 May 2021 — Émilie Tremblay 🎧');
    expect(ca.events[0]!.attendees[0]!.name).toBe('Émilie Tremblay 🎧');
    const cn = readIcs(fileText(files, 'ics/people/q16-rapp.ics'));
    expect(cn.events.find((e) => e.uid.startsWith('q16-12-1@'))!.organizerName).toBe('Wang Jianguo (王建国)');
    const de = readIcs(fileText(files, 'ics/groups/WP1-12.ics'));
    expect(de.events[0]!.organizerName).toBe('Hans-Jürgen Weiß');
    expect(cn.name).toBe('ITU-T Study Group 12 fully virtual meeting – 4–13 May 2021 — Wang Jianguo (王建国)');
    const li = readIcs(fileText(files, 'ics/people/q5-rapp.ics'));
    expect(li.events.find((e) => e.uid.startsWith('q5-12-1@'))!.attendees[0]!.name).toBe('Li Na (李娜)');
  });

  it('is deterministic: same inputs and stamp give byte-identical files, and UIDs are stable across builds', () => {
    const again = renderCalendars(sg12().meeting, sg12().timetable, { stamp: STAMP });
    expect(again).toEqual(files);
    const later = renderCalendars(meeting, timetable, { stamp: STAMP + 86_400_000 });
    const uids = (fs: typeof files) => fs.map((f) => readIcs(f.content).events.map((e) => e.uid));
    expect(uids(later)).toEqual(uids(files));
    expect(later[0]!.content).toContain('DTSTAMP:20210421T080000Z');
  });
});
