/**
 * Re-planning with the solver: `solve(meeting, { previous })` on the SG12
 * meeting after Q5/12 dropped a session and a track was lost, against the
 * published draft. The calendars must follow: SEQUENCE+1 exactly on the
 * sessions the solver moved, the dropped one cancelled, UIDs stable.
 */
import { describe, expect, it } from 'vitest';
import { renderCalendars } from '../src/export/ical/index.js';
import { loadMeeting, readPrevious } from '../src/index.js';
import type { Previous, Timetable } from '../src/index.js';
import { solve } from '../src/solver/index.js';
import { expectedInstants, fileText, readIcs, readJson, REPLAN_SPEC, SG12_DRAFT, SG12_SPEC, STAMP } from './ical-helpers.js';

function movedIds(timetable: Timetable, previous: Previous): string[] {
  return timetable.sessions.filter((s) => previous.starts.has(s.id) && Date.parse(s.start) / 60000 !== previous.starts.get(s.id)).map((s) => s.id);
}

describe('re-planning SG12 with the solver', () => {
  const previous = readPrevious(readJson(SG12_DRAFT));

  it('bumps SEQUENCE exactly on the sessions the solver moved and cancels the dropped one', () => {
    const meeting = loadMeeting(readJson(REPLAN_SPEC));
    const r = solve(meeting, { seed: 1, previous });
    expect(r.status).toBe('feasible');
    const moved = new Set(movedIds(r.timetable, previous));
    expect(moved.size).toBeGreaterThanOrEqual(5); // five blocks held three sessions; two tracks now
    for (const s of r.timetable.sessions) expect(s.sequence, s.id).toBe(moved.has(s.id) ? 1 : 0);
    const files = renderCalendars(meeting, r.timetable, { stamp: STAMP, previous });
    const want = expectedInstants(r.timetable);
    for (const e of readIcs(fileText(files, 'calendar.ics')).events.filter((x) => !x.uid.includes('@milestones.'))) {
      expect({ start: e.start, end: e.end, sequence: e.sequence }, e.uid).toEqual(want.get(e.uid));
    }
    const cancelled = readIcs(fileText(files, 'ics/cancelled.ics'));
    expect(cancelled.events.map((e) => [e.uid, e.sequence, e.status])).toEqual([['q5-12-3@itu-t-sg12-2021-05', 1, 'CANCELLED']]);
  });

  it('moves only as many sessions as the rules force when stability weighs most (five: one per full block)', () => {
    const spec = readJson(REPLAN_SPEC) as Record<string, unknown>;
    const meeting = loadMeeting({ ...spec, weights: { stability: 1_000_000 } });
    const r = solve(meeting, { seed: 1, previous });
    expect(r.status).toBe('feasible');
    const moved = movedIds(r.timetable, previous);
    expect(moved).toHaveLength(5);
    expect(r.timetable.sessions.filter((s) => s.sequence === 1).map((s) => s.id).sort()).toEqual([...moved].sort());
  });

  it('gives the same UIDs (and the same files) when the meeting is solved twice', () => {
    const meeting = loadMeeting(readJson(SG12_SPEC));
    const a = renderCalendars(meeting, solve(meeting, { seed: 3, iterations: 200_000 }).timetable, { stamp: STAMP });
    const b = renderCalendars(meeting, solve(meeting, { seed: 3, iterations: 200_000 }).timetable, { stamp: STAMP });
    expect(b).toEqual(a);
    const c = renderCalendars(meeting, solve(meeting, { seed: 4, iterations: 200_000 }).timetable, { stamp: STAMP });
    const uids = (fs: typeof a) => new Set(readIcs(fileText(fs, 'calendar.ics')).events.map((e) => e.uid));
    expect(uids(c)).toEqual(uids(a)); // another seed, another plan: the same UIDs
  });
});
