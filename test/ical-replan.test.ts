/**
 * Re-planning after publication. The SG12 draft was published; then Q5/12
 * drops its third session and the meeting loses a track (3 → 2). The
 * hand-made new timetable (examples/sg12-2021-05/replan/) moves one session
 * out of each of the five blocks that held three: the fewest moves the rules
 * allow. Moved sessions get SEQUENCE+1, the others keep theirs, the dropped
 * one is cancelled.
 */
import { describe, expect, it } from 'vitest';
import { renderCalendars } from '../src/export/ical/index.js';
import { renderChangesMarkdown, renderChangesText, timetableChanges } from '../src/export/changes.js';
import { renderOutputs } from '../src/export/outputs.js';
import { buildTimetable, evaluate, readPrevious, readTimetable, timetableToJson } from '../src/index.js';
import type { Timetable } from '../src/index.js';
import { expectedInstants, fileText, minutes, readIcs, readJson, REPLAN_TIMETABLE, SG12_DRAFT, sg12, sg12Replanned, STAMP } from './ical-helpers.js';

const MOVED = ['q12-12-1', 'q13-12-1', 'q17-12-1', 'q19-12-2', 'q20-12-1'];
const { meeting, timetable, previous } = sg12Replanned();
const files = renderCalendars(meeting, timetable, { stamp: STAMP, previous });

describe('re-planning the SG12 meeting with one session fewer and one track fewer', () => {
  it('is a feasible plan that moves exactly five sessions (one per block that held three)', () => {
    expect(timetable.status).toBe('feasible');
    expect(timetable.score.stability).toBe(5);
    const moved = timetable.sessions.filter((s) => s.start !== previous.sessions.find((p) => p.id === s.id)!.start).map((s) => s.id);
    expect(moved.sort()).toEqual(MOVED);
  });

  it('bumps SEQUENCE on the moved sessions only, in every file', () => {
    const want = expectedInstants(timetable);
    for (const f of files.filter((x) => x.path !== 'ics/cancelled.ics')) {
      for (const e of readIcs(f.content).events) {
        if (e.uid.includes('@milestones.')) continue;
        const id = e.uid.split('@')[0]!;
        expect(e.sequence, `${f.path} ${id}`).toBe(MOVED.includes(id) ? 1 : 0);
        expect({ start: e.start, end: e.end }).toEqual({ start: want.get(e.uid)!.start, end: want.get(e.uid)!.end });
      }
    }
  });

  it('tells the delegate where a moved session was', () => {
    const cal = readIcs(fileText(files, 'ics/people/q12-rapp.ics'));
    const e = cal.events.find((x) => x.uid === `q12-12-1@${meeting.id}`)!;
    expect(e.description).toContain('Moved: previously Wed 5 May 2021, 11:30–13:00 (UTC+02:00) (meeting time)');
    expect(e.description).toContain('Your time (Africa/Lagos): Thu 6 May 2021, 08:30–10:00 (UTC+01:00)');
    const unmoved = cal.events.find((x) => x.uid === `q12-12-2@${meeting.id}`)!;
    expect(unmoved.description).not.toContain('Moved');
  });

  it('cancels the dropped session: METHOD:CANCEL, STATUS:CANCELLED, same UID, SEQUENCE+1, published time', () => {
    const text = fileText(files, 'ics/cancelled.ics');
    const cal = readIcs(text);
    expect(cal.method).toBe('CANCEL');
    expect(cal.events.map((e) => e.uid)).toEqual([`q5-12-3@${meeting.id}`]);
    const e = cal.events[0]!;
    const was = previous.sessions.find((s) => s.id === 'q5-12-3')!;
    expect(e.status).toBe('CANCELLED');
    expect(e.sequence).toBe(was.sequence + 1);
    expect({ start: e.start, end: e.end }).toEqual({ start: minutes(was.start), end: minutes(was.end) });
    expect(e.summary).toBe('Cancelled: Q5/12 — Telephonometric methodologies…');
    expect(e.organizer).toBe('mailto:li.na@example.org');
    // Everyone who had it in their calendar is named, so that clients accept the cancellation.
    const q5 = meeting.people.filter((p) => p.attendedGroups.has(meeting.groupIndex.get('Q5/12')!)).map((p) => `MAILTO:${p.email}`);
    expect(e.attendees.map((a) => a.address).sort()).toEqual(q5.sort());
    expect(e.attendees.find((a) => a.address === 'MAILTO:li.na@example.org')!.role).toBe('REQ-PARTICIPANT');
    expect(text).toMatch(/\r\nDTSTART;TZID=Europe\/Zurich:\d{8}T\d{6}\r\n/);
  });

  it('no longer lists the dropped session anywhere else', () => {
    for (const f of files.filter((x) => x.path !== 'ics/cancelled.ics')) expect(f.content, f.path).not.toContain('UID:q5-12-3@');
  });

  it('reports what moved, from when to when, what was added and cancelled', () => {
    const c = timetableChanges(meeting, timetable, previous);
    expect(c.moved.map((m) => m.id)).toEqual(['q13-12-1', 'q12-12-1', 'q17-12-1', 'q20-12-1', 'q19-12-2']); // by new start
    expect(c.cancelled.map((m) => m.id)).toEqual(['q5-12-3']);
    expect(c.added).toEqual([]);
    expect(c.unchanged).toBe(42);
    const text = renderChangesText(c);
    expect(text).toContain('5 moved, 0 added, 1 cancelled, 42 unchanged');
    expect(text).toContain('moved      Q12/12 Operational aspects of telecommunication network service quality (q12-12-1): Wed 5 May 2021, 11:30–13:00 (UTC+02:00) → Thu 6 May 2021, 09:30–11:00 (UTC+02:00) [SEQUENCE 1]');
    expect(text).toMatch(/cancelled {2}Q5\/12 Telephonometric .* \(q5-12-3\): was \w{3} \d+ May 2021/);
    const md = renderChangesMarkdown(c, meeting.title);
    expect(md).toContain('## Moved');
    expect(md).toContain('| Q12/12 Operational aspects of telecommunication network service quality (q12-12-1) | Wed 5 May 2021, 11:30–13:00 (UTC+02:00) | Thu 6 May 2021, 09:30–11:00 (UTC+02:00) | 1 |');
    expect(md).toContain('## Cancelled');
    expect(md).not.toContain('## Added');
  });

  it('says nothing changed when the plan is the same', () => {
    const { meeting: m, timetable: t } = sg12();
    const c = timetableChanges(m, t, previous);
    expect([c.moved.length, c.added.length, c.cancelled.length, c.unchanged]).toEqual([0, 0, 0, 48]);
    expect(renderChangesMarkdown(c, m.title)).toContain('Nothing changed');
  });

  it('lists an added session as added', () => {
    const { meeting: m, timetable: t } = sg12();
    const fewer = { ...previous, sessions: previous.sessions.filter((s) => s.id !== 'q1-12-1'), starts: new Map([...previous.starts].filter(([id]) => id !== 'q1-12-1')) };
    const c = timetableChanges(m, t, fewer);
    expect(c.added.map((a) => a.id)).toEqual(['q1-12-1']);
    expect(renderChangesText(c)).toMatch(/added {6}Q1\/12 .*\(q1-12-1\): Tue 11 May 2021, 13:30–15:00/);
  });

  it('is written by renderOutputs as ics/cancelled.ics and changes.md', () => {
    const out = renderOutputs(meeting, timetable, { stamp: STAMP, previous });
    const paths = out.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['calendar.ics', 'ics/cancelled.ics', 'changes.md', 'ics/groups/Q5-12.ics', 'ics/people/q5-rapp.ics']));
    expect(fileText(out, 'ics/cancelled.ics')).toBe(fileText(files, 'ics/cancelled.ics'));
    const plain = renderOutputs(meeting, timetable, { stamp: STAMP }).map((f) => f.path);
    expect(plain).not.toContain('changes.md');
    expect(plain).not.toContain('ics/cancelled.ics');
  });
});

describe('a session cancelled by one re-planning and brought back by the next', () => {
  const was = previous.sessions.find((s) => s.id === 'q5-12-3')!;
  const asPrevious = (t: Timetable) => readPrevious(JSON.parse(timetableToJson(t)), 'r1/timetable.json', meeting.id);

  it('the re-planned timetable records the cancellation and the SEQUENCE of its CANCEL', () => {
    expect(timetable.cancelled).toEqual([{ id: 'q5-12-3', sequence: was.sequence + 1 }]);
    expect(readIcs(fileText(files, 'ics/cancelled.ics')).events[0]!.sequence).toBe(was.sequence + 1);
    // a plan with nothing cancelled has no such field: the document is SPEC §5's
    expect('cancelled' in sg12().timetable).toBe(false);
  });

  it('brought back, its events carry a SEQUENCE above the cancellation, or calendars would keep it cancelled', () => {
    const r1 = asPrevious(timetable);
    const { meeting: m } = sg12();
    const starts = readTimetable(m, readJson(SG12_DRAFT));
    const r2 = buildTimetable(m, starts, evaluate(m, starts, { previous: r1.starts }), { previous: r1 });
    const back = r2.sessions.find((s) => s.id === 'q5-12-3')!;
    expect(back.sequence).toBe(was.sequence + 2);
    expect(r2.cancelled).toBeUndefined();
    const out = renderCalendars(m, r2, { stamp: STAMP, previous: r1 });
    expect(out.map((f) => f.path)).not.toContain('ics/cancelled.ics');
    const uid = `q5-12-3@${m.id}`;
    let seen = 0;
    for (const f of out) for (const e of readIcs(f.content).events.filter((x) => x.uid === uid)) {
      expect(e.sequence, f.path).toBe(was.sequence + 2);
      expect(e.status, f.path).toBe('CONFIRMED');
      seen++;
    }
    expect(seen).toBeGreaterThan(2); // calendar.ics, its group's file, its people's
    expect(timetableChanges(m, r2, r1).added.map((a) => [a.id, a.sequence])).toEqual([['q5-12-3', was.sequence + 2]]);
  });

  it('still gone, it stays recorded (for a later return) and is not cancelled a second time', () => {
    const r1 = asPrevious(timetable);
    const starts = readTimetable(meeting, readJson(REPLAN_TIMETABLE));
    const r2 = buildTimetable(meeting, starts, evaluate(meeting, starts, { previous: r1.starts }), { previous: r1 });
    expect(r2.cancelled).toEqual([{ id: 'q5-12-3', sequence: was.sequence + 1 }]);
    expect(r2.sessions.map((s) => s.sequence)).toEqual(timetable.sessions.map((s) => s.sequence));
    expect(renderCalendars(meeting, r2, { stamp: STAMP, previous: r1 }).map((f) => f.path)).not.toContain('ics/cancelled.ics');
  });

  it('reading: a session both placed and cancelled, or a cancellation at SEQUENCE 0, is refused with its path', () => {
    const doc = JSON.parse(timetableToJson(timetable)) as Record<string, any>;
    const both = { ...doc, cancelled: [{ id: doc.sessions[0].id, sequence: 1 }] };
    expect(() => readPrevious(both, 'r1.json')).toThrow(/r1\.json: cancelled\[0\]\.id: session "[^"]+" is also in sessions: expected a session either placed or cancelled/);
    const zero = { ...doc, cancelled: [{ id: 'q5-12-3', sequence: 0 }] };
    expect(() => readPrevious(zero, 'r1.json')).toThrow(/r1\.json: cancelled\[0\]\.sequence: expected an integer >= 1/);
  });

  it('a previous timetable of another meeting is refused: its events have other UIDs, which these calendars would neither update nor cancel', () => {
    const draft = readJson(SG12_DRAFT) as Record<string, unknown>;
    const other = { ...draft, meeting: 'other-meeting' };
    expect(() => readPrevious(other, 'p.json', meeting.id)).toThrow(
      `p.json: meeting: expected the id of the meeting being planned ("${meeting.id}"), got "other-meeting": a timetable of another meeting, whose calendar events (UID <session>@other-meeting) these calendars would neither update nor cancel`,
    );
    expect(readPrevious(draft, 'p.json', meeting.id).sessions).toHaveLength(48);
  });
});
