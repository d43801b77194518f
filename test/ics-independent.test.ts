/**
 * The calendars read by parsers that share nothing with plenary: Debian's
 * python3-icalendar (TZID resolved by IANA name), python3-vobject and libical
 * 3 through GObject introspection (both resolve TZID with the file's own
 * VTIMEZONE), via test/ics-independent.py. Every event's start and end, in
 * UTC, must equal the timetable's instants, and libical's iTIP restriction
 * check must find nothing.
 *
 * khal (SPEC §6 names it), when installed, reads every file too through
 * its own `printics` command, with UTC as its local zone: the same instants,
 * and as many events as python icalendar finds.
 *
 * Needs /usr/bin/python3 with python3-icalendar; python3-vobject and
 * gir1.2-ical-3.0 + python3-gi are used when present (.ci/run installs all).
 * Without python3-icalendar the test is skipped with a warning, unless
 * PLENARY_REQUIRE_ICS_INDEPENDENT=1 (set by .ci/run once it is there): then
 * it fails. Likewise khal and PLENARY_REQUIRE_KHAL=1.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCalendars } from '../src/export/ical/index.js';
import { buildTimetable, evaluate } from '../src/index.js';
import type { Meeting, Timetable } from '../src/index.js';
import { place } from './helpers.js';
import { dstMeeting, expectedInstants, nightMeeting, sg12, sg12Replanned, STAMP, utcText } from './ical-helpers.js';
import { wallToInstant } from '../src/model/time.js';

const PYTHON = '/usr/bin/python3';
const available = spawnSync(PYTHON, ['-c', 'import icalendar'], { stdio: 'ignore' }).status === 0;
const required = process.env.PLENARY_REQUIRE_ICS_INDEPENDENT === '1';
if (!available) {
  const msg = `${PYTHON} cannot import icalendar (apt-get install python3-icalendar python3-vobject gir1.2-ical-3.0 python3-gi)`;
  if (required) throw new Error(`${msg}, and PLENARY_REQUIRE_ICS_INDEPENDENT=1`);
  process.stderr.write(`\n⚠ WARNING: test/ics-independent.test.ts SKIPPED: ${msg}\n\n`);
}

const KHAL = '/usr/bin/khal';
const khal = existsSync(KHAL);
if (available && !khal) {
  const msg = `${KHAL} is missing (apt-get install khal): calendars not read by khal`;
  if (process.env.PLENARY_REQUIRE_KHAL === '1') throw new Error(`${msg}, and PLENARY_REQUIRE_KHAL=1`);
  process.stderr.write(`\n⚠ WARNING: ${msg}\n\n`);
}

interface PyEvent {
  uid: string;
  sequence: number;
  status: string | null;
  summary: string;
  attendees: { address: string; role: string }[];
  icalendar: { start: string; end: string | null };
  vobject?: { start: string; end: string | null } | null;
  libical?: { start: string; end: string | null } | null;
  khal?: { start: string; end: string | null } | null;
}
interface PyOut {
  parsers: string[];
  files: Record<string, { method: string | null; events: PyEvent[]; libical_errors?: string[]; khal_count?: number }>;
}

/**
 * Reads each file with `khal printics` (its local zone UTC) and adds what it
 * shows to the events read by python: `khal` on each event, `khal_count` per file.
 */
function addKhal(dir: string, out: PyOut): void {
  const conf = join(dir, '.khal.conf');
  writeFileSync(
    conf,
    [
      '[calendars]', '[[plenary]]', `path = ${join(dir, '.khal-calendar')}`, 'type = calendar',
      '[locale]', 'local_timezone = UTC', 'default_timezone = UTC',
      'timeformat = %H:%M', 'dateformat = %Y-%m-%d', 'longdateformat = %Y-%m-%d',
      'datetimeformat = %Y-%m-%dT%H:%M:%SZ', 'longdatetimeformat = %Y-%m-%dT%H:%M:%SZ', '',
    ].join('\n'),
  );
  mkdirSync(join(dir, '.khal-calendar'));
  for (const [path, f] of Object.entries(out.files)) {
    const text = execFileSync(KHAL, ['-c', conf, 'printics', '--format', '{uid}|{start-long}|{end-long}', join(dir, path)], { encoding: 'utf8' });
    const [head, ...lines] = text.trimEnd().split('\n');
    f.khal_count = Number(/^(\d+) events found/.exec(head ?? '')?.[1] ?? NaN);
    const byUid = new Map(lines.map((l) => l.split('|')).map(([uid, start, end]) => [uid!, { start: start!, end: end ?? null }]));
    for (const e of f.events) e.khal = byUid.get(e.uid) ?? null;
  }
  out.parsers.push('khal');
}

function readWithPython(files: readonly { path: string; content: string }[]): PyOut {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-ics-py-'));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
  const out = JSON.parse(execFileSync(PYTHON, ['test/ics-independent.py', dir], { encoding: 'utf8', maxBuffer: 64 << 20 })) as PyOut;
  if (khal) addKhal(dir, out);
  return out;
}

/** Checks every timed event of every file against the timetable, with each parser. */
function compare(py: PyOut, timetable: Timetable, cancelled: ReadonlyMap<string, { start: number; end: number }> = new Map()): number {
  const want = expectedInstants(timetable);
  let n = 0;
  for (const [path, f] of Object.entries(py.files)) {
    for (const e of f.events) {
      if (e.uid.includes('@milestones.')) {
        expect(e.icalendar.start, `${path} ${e.uid}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (py.parsers.includes('khal')) expect(e.khal?.start, `${path} ${e.uid} (khal)`).toBe(e.icalendar.start);
        continue;
      }
      const w = path === 'ics/cancelled.ics' ? cancelled.get(e.uid) : want.get(e.uid);
      expect(w, `${path} ${e.uid}`).toBeDefined();
      const expected = { start: utcText(w!.start), end: utcText(w!.end) };
      expect(e.icalendar, `${path} ${e.uid} (python icalendar)`).toEqual(expected);
      if (py.parsers.includes('vobject')) expect(e.vobject, `${path} ${e.uid} (vobject)`).toEqual(expected);
      if (py.parsers.includes('libical')) expect(e.libical, `${path} ${e.uid} (libical)`).toEqual(expected);
      if (py.parsers.includes('khal')) expect(e.khal, `${path} ${e.uid} (khal)`).toEqual(expected);
      n++;
    }
    if (py.parsers.includes('khal')) expect(f.khal_count, `${path}: events khal finds`).toBe(new Set(f.events.map((e) => e.uid)).size);
    // libical's iTIP restriction check (RFC 5546 tables: ORGANIZER, no ATTENDEE in PUBLISH, …).
    if (py.parsers.includes('libical')) expect(f.libical_errors, `${path}: libical restriction errors`).toEqual([]);
  }
  return n;
}

describe.skipIf(!available)('calendars read by Debian’s python3-icalendar, python3-vobject, libical and khal', () => {
  it('SG12: every event of every file at the timetable’s instants; PUBLISH without ATTENDEE; people’s roles', () => {
    const { meeting, timetable } = sg12();
    const files = renderCalendars(meeting, timetable, { stamp: STAMP });
    const py = readWithPython(files);
    expect(Object.keys(py.files)).toHaveLength(files.length);
    expect(compare(py, timetable)).toBeGreaterThan(300);
    for (const [path, f] of Object.entries(py.files)) {
      if (path === 'calendar.ics' || path.startsWith('ics/groups/')) {
        expect(f.method, path).toBe('PUBLISH');
        for (const e of f.events) expect(e.attendees, `${path} ${e.uid}`).toEqual([]);
      } else {
        expect(f.method, path).toBe('REQUEST');
      }
    }
    const li = py.files['ics/people/q5-rapp.ics']!.events;
    expect(li.find((e) => e.uid.startsWith('q5-12-1@'))!.attendees).toEqual([{ address: 'MAILTO:li.na@example.org', role: 'REQ-PARTICIPANT' }]);
    expect(li.find((e) => e.uid.startsWith('sg12-opening@'))!.attendees[0]!.role).toBe('OPT-PARTICIPANT');
    expect(li.find((e) => e.uid.startsWith('q5-12-2@'))!.summary).toBe('Q5/12 — Telephonometric methodologies… (session 2 of 3)');
  });

  it('re-planned SG12: SEQUENCE+1 on moved sessions, the dropped one cancelled at its published time', () => {
    const { meeting, timetable, previous } = sg12Replanned();
    const files = renderCalendars(meeting, timetable, { stamp: STAMP, previous });
    const py = readWithPython(files);
    const was = previous.sessions.find((s) => s.id === 'q5-12-3')!;
    const cancelled = new Map([[`q5-12-3@${meeting.id}`, { start: previous.starts.get('q5-12-3')!, end: previous.ends.get('q5-12-3')! }]]);
    compare(py, timetable, cancelled);
    const c = py.files['ics/cancelled.ics']!;
    expect(c.method).toBe('CANCEL');
    expect(c.events.map((e) => [e.uid, e.sequence, e.status])).toEqual([[`q5-12-3@${meeting.id}`, was.sequence + 1, 'CANCELLED']]);
    const seq = new Map(py.files['calendar.ics']!.events.map((e) => [e.uid.split('@')[0], e.sequence]));
    expect(seq.get('q12-12-1')).toBe(1);
    expect(seq.get('q12-12-2')).toBe(0);
  });

  const spring = { before: '2021-03-09 13:00', between: '2021-03-17 13:00', after: '2021-03-30 13:00', 'plenary-before': '2021-03-10 08:00', 'plenary-between': '2021-03-18 08:00', 'plenary-after': '2021-03-31 08:00' };
  const autumn = { before: '2021-10-26 13:00', between: '2021-11-02 13:00', after: '2021-11-09 13:00', 'plenary-before': '2021-10-27 08:00', 'plenary-between': '2021-11-03 08:00', 'plenary-after': '2021-11-10 08:00' };
  const cases: [string, string, string, Record<string, string>][] = [
    ['Europe/Zurich', '2021-03-08', '2021-04-02', spring],
    ['America/New_York', '2021-03-08', '2021-04-02', spring],
    ['Europe/London', '2021-10-25', '2021-11-12', autumn],
    ['America/Los_Angeles', '2021-10-25', '2021-11-12', autumn],
    ['America/Mexico_City', '2021-03-29', '2021-04-16', { before: '2021-03-30 13:00', between: '2021-04-06 13:00', after: '2021-04-13 13:00' }],
    ['UTC', '2021-10-25', '2021-11-12', autumn], // TZID=UTC with its VTIMEZONE; the attendees' zones change
  ];
  for (const [zone, from, to, where] of cases) {
    it(`a meeting in ${zone} across DST changes (${from} – ${to})`, () => {
      const m: Meeting = dstMeeting(zone, from, to);
      const starts = place(m, where);
      const timetable = buildTimetable(m, starts, evaluate(m, starts));
      const py = readWithPython(renderCalendars(m, timetable, { stamp: STAMP }));
      expect(compare(py, timetable)).toBeGreaterThanOrEqual(Object.keys(where).length * 2);
    });
  }

  it('the fall-back night: sessions in the repeated hour (written in UTC) and after it', () => {
    const m = nightMeeting();
    const night = wallToInstant('Europe/Zurich', '2021-10-31', 30);
    if (night.kind !== 'ok') throw new Error('no block start');
    const starts = [night.min + 90, night.min + 150, night.min + 210];
    const timetable = buildTimetable(m, starts, evaluate(m, starts));
    expect(compare(readWithPython(renderCalendars(m, timetable, { stamp: STAMP })), timetable)).toBe(6); // calendar.ics and the group file
  });
});
