/**
 * What the library does with what another tool hands it: a timetable document
 * read from a file (possibly hand-edited) given straight to the renderers, a
 * previous timetable of another meeting, solver options that make no sense,
 * calendars without a DTSTAMP. Each was accepted silently before (an audit of
 * the package as an npm consumer): moved sessions kept their SEQUENCE, a
 * wrong `end` or offset went into the calendars, a foreign timetable's
 * sessions were "cancelled", `seed: NaN` was written as null, a misspelt
 * `iteration` ran the default budget, DTSTAMP fell back to 1970.
 */
import { describe, expect, it } from 'vitest';
import { calendarStamp, renderCalendars } from '../src/export/ical/index.js';
import { timetableChanges } from '../src/export/changes.js';
import {
  buildTimetable,
  check,
  evaluate,
  isBuiltTimetable,
  readPrevious,
  readTimetable,
  renderOutputs,
  renderTimeplanMarkdown,
  solve,
  solveParallel,
  SpecError,
  timetableFromDocument,
  timetableToJson,
} from '../src/index.js';
import type { Timetable } from '../src/index.js';
import { meeting as smallMeeting, sessions } from './helpers.js';
import { readIcs, readJson, REPLAN_TIMETABLE, SG12_DRAFT, sg12, sg12Replanned, STAMP } from './ical-helpers.js';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('a timetable document given to the renderers', () => {
  it('re-planned by hand, gets the same calendars as the timetable built against the previous one (moved sessions at SEQUENCE + 1)', () => {
    const { meeting, timetable, previous } = sg12Replanned();
    // as written by hand, copying the draft: every SEQUENCE still the published one (0)
    const doc = clone(readJson(REPLAN_TIMETABLE)) as { sessions: { sequence: number }[] };
    for (const s of doc.sessions) s.sequence = 0;
    const raw = doc as unknown as Timetable;
    const fromRaw = renderCalendars(meeting, raw, { stamp: STAMP, previous });
    const fromBuilt = renderCalendars(meeting, timetable, { stamp: STAMP, previous });
    expect(fromRaw).toEqual(fromBuilt);
    const moved = readIcs(fromRaw.find((f) => f.path === 'calendar.ics')!.content).events.filter((e) => e.sequence === 1);
    expect(moved.map((e) => e.uid.split('@')[0]).sort()).toEqual(['q12-12-1', 'q13-12-1', 'q17-12-1', 'q19-12-2', 'q20-12-1']);
    expect(timetableChanges(meeting, raw, previous)).toEqual(timetableChanges(meeting, timetable, previous));
    expect(timetableFromDocument(meeting, raw, { previous })).toEqual(timetable);
  });

  it('is checked as readTimetable checks it: a wrong end or an offset that is not the zone’s is refused, with its path', () => {
    const { meeting } = sg12();
    const doc = clone(readJson(SG12_DRAFT)) as { sessions: { start: string; end: string }[] };
    doc.sessions[0]!.end = doc.sessions[0]!.end.replace('T13:00', 'T23:00');
    doc.sessions[1]!.start = doc.sessions[1]!.start.replace('+02:00', '+01:00');
    let error: unknown;
    try {
      renderCalendars(meeting, doc as unknown as Timetable, { stamp: STAMP });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).issues.map((i) => i.path.join('.'))).toEqual(['sessions.0.end', 'sessions.1.start']);
    expect(() => renderTimeplanMarkdown(meeting, doc as unknown as Timetable)).toThrow(SpecError);
  });

  it('is named in check’s lines when the caller gives its file name', () => {
    const { meeting } = sg12();
    const doc = clone(readJson(SG12_DRAFT)) as { sessions: { end: string }[] };
    doc.sessions[0]!.end = doc.sessions[0]!.end.replace('T13:00', 'T23:00');
    expect(() => check(meeting, doc, { source: 'edited.json' })).toThrow(/^edited\.json: sessions\[0\]\.end: expected 2021-05-04T13:00:00\+02:00 \(start \+ 90 minutes\)/);
  });

  it('without tracks or status gets them recomputed: tracks assigned, a timetable that breaks rules TENTATIVE whatever it claims', () => {
    const { meeting, timetable } = sg12();
    const doc = clone(timetable) as unknown as { status?: string; sessions: { track?: number; start: string; end: string; id: string }[] };
    for (const s of doc.sessions) delete s.track;
    delete doc.status;
    const plain = readIcs(renderCalendars(meeting, doc as unknown as Timetable, { stamp: STAMP }).find((f) => f.path === 'calendar.ics')!.content);
    expect(plain.events.filter((e) => !e.uid.includes('@milestones.')).every((e) => /Track [1-3]/.test(e.location ?? ''))).toBe(true);
    expect(renderCalendars(meeting, doc as unknown as Timetable, { stamp: STAMP })).toEqual(renderCalendars(meeting, timetable, { stamp: STAMP }));
    // two sessions of one group at the same time, the document still saying "feasible"
    const broken = clone(timetable) as unknown as { status: string; sessions: Record<string, unknown>[] };
    const q5 = broken.sessions.filter((s) => String(s.id).startsWith('q5-12-'));
    for (const key of ['start', 'end', 'date', 'day', 'block', 'core']) q5[1]![key] = q5[0]![key];
    expect(broken.status).toBe('feasible');
    const text = renderCalendars(meeting, broken as unknown as Timetable, { stamp: STAMP }).find((f) => f.path === 'calendar.ics')!.content;
    expect(text).toContain('STATUS:TENTATIVE');
    expect(text).not.toContain('STATUS:CONFIRMED');
  });

  it('keeps its own SEQUENCE numbers and cancellations without a previous timetable, as plenary ics does', () => {
    const { meeting, timetable, previous } = sg12Replanned();
    const published = JSON.parse(timetableToJson(timetable)) as Timetable; // what solve wrote: SEQUENCE 1 on the moved, q5-12-3 cancelled
    expect(isBuiltTimetable(published)).toBe(false);
    const withPrevious = renderCalendars(meeting, timetable, { stamp: STAMP, previous });
    expect(withPrevious.some((f) => f.path === 'ics/cancelled.ics')).toBe(true); // only with the previous timetable at hand
    // the same events at the same SEQUENCE (the descriptions say "Moved: previously …" only with the previous one at hand)
    const events = (files: readonly { path: string; content: string }[]) =>
      files.filter((f) => f.path !== 'ics/cancelled.ics').map((f) => [f.path, readIcs(f.content).events.map((e) => [e.uid, e.sequence, e.start, e.end, e.status])]);
    const own = renderCalendars(meeting, published, { stamp: STAMP });
    expect(events(own)).toEqual(events(withPrevious));
    expect(own.some((f) => f.content.includes('SEQUENCE:1'))).toBe(true);
    expect(timetableFromDocument(meeting, published).cancelled).toEqual(timetable.cancelled);
  });

  it('is taken as is only when buildTimetable (or solve) made it, and for its own meeting: a copy is read again', () => {
    const { meeting, timetable } = sg12();
    expect(isBuiltTimetable(timetable)).toBe(true);
    expect(isBuiltTimetable({ ...timetable })).toBe(false);
    expect(isBuiltTimetable(solve(meeting, { iterations: 100 }).timetable)).toBe(true);
    const other = smallMeeting({ groups: [{ id: 'G' }], sessions: sessions('G', 'g', 2) });
    const theirs = solve(other, { iterations: 10 }).timetable;
    expect(() => renderCalendars(meeting, theirs, { stamp: STAMP })).toThrow(/^the timetable is of meeting "[^"]+", not "itu-t-sg12-2021-05"$/);
    expect(() => renderCalendars(meeting, JSON.parse(timetableToJson(theirs)) as Timetable, { stamp: STAMP })).toThrow(SpecError);
  });
});

describe('a previous timetable of another meeting', () => {
  const { meeting } = sg12Replanned();
  const other = smallMeeting({ groups: [{ id: 'G' }], sessions: sessions('G', 'g', 2) });
  const foreign = readPrevious(readJson(SG12_DRAFT)); // read without the meeting id, as a caller may
  const expectRefused = (f: () => unknown) => {
    let error: unknown;
    try {
      f();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).issues[0]!.path).toEqual(['meeting']);
    expect((error as SpecError).message).toContain('a timetable of another meeting');
  };

  it('is refused by solve, check, buildTimetable, the calendars and the change report', () => {
    expect(foreign.meeting).not.toBe(other.id);
    expectRefused(() => solve(other, { iterations: 10, previous: foreign }));
    const starts = solve(other, { iterations: 10 }).starts;
    expectRefused(() => check(other, starts, { previous: foreign }));
    expectRefused(() => buildTimetable(other, starts, evaluate(other, starts), { previous: foreign }));
    const tt = buildTimetable(other, starts, evaluate(other, starts));
    expectRefused(() => renderCalendars(other, tt, { stamp: STAMP, previous: foreign }));
    expectRefused(() => timetableChanges(other, tt, foreign));
    expectRefused(() => renderOutputs(other, tt, { stamp: STAMP, previous: foreign }));
    // the same meeting's is fine
    expect(() => renderCalendars(meeting, sg12Replanned().timetable, { stamp: STAMP, previous: foreign })).not.toThrow();
  });
});

describe('solver options', () => {
  const m = smallMeeting({ groups: [{ id: 'G' }], sessions: sessions('G', 'g', 3) });
  const refusal = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(RangeError);
      return (e as Error).message;
    }
    throw new Error('not refused');
  };

  it('that make no sense are refused, every one on its own line, naming the option', () => {
    const bad = { seed: Number.NaN, iterations: -5, timeLimitMs: Number.POSITIVE_INFINITY, iteration: 5, onProgress: 'yes' } as unknown as Parameters<typeof solve>[1];
    expect(refusal(() => solve(m, bad)).split('\n')).toEqual([
      'options.iteration: unknown option, expected one of seed, iterations, timeLimitMs, previous, onProgress, clock, assert, stop',
      'options.seed: expected a whole number from 0 to 9007199254740991, got NaN',
      'options.iterations: expected a whole number from 0 to 9007199254740991, got -5',
      'options.timeLimitMs: expected milliseconds (a finite number from 0), got Infinity',
      'options.onProgress: expected a function, got "yes"',
    ]);
    expect(refusal(() => solve(m, { seed: '7' } as unknown as Parameters<typeof solve>[1]))).toBe('options.seed: expected a whole number from 0 to 9007199254740991, got "7"');
    expect(refusal(() => solve(m, { seed: 1.5 }))).toContain('options.seed');
    expect(refusal(() => solve(m, { stop: [1] } as unknown as Parameters<typeof solve>[1]))).toBe('options.stop: expected an Int32Array (over a SharedArrayBuffer, raised by another thread), got object');
    expect(refusal(() => solve(m, { previous: readJson(SG12_DRAFT) } as unknown as Parameters<typeof solve>[1]))).toContain('read it with readPrevious');
  });

  it('of a portfolio are refused by its promise (workers from 1 to 64)', async () => {
    await expect(solveParallel(m, { workers: 0, iterations: 10 })).rejects.toThrow(/^options\.workers: expected a whole number from 1 to 64, got 0$/);
    await expect(solveParallel(m, { workers: 2.5, iterations: 10 })).rejects.toThrow(RangeError);
    await expect(solveParallel(m, { workers: 2, seed: -1, iterations: 10 })).rejects.toThrow(/options\.seed/);
  });

  it('that are valid give what they gave before: seed and iterations written as given', () => {
    const r = solve(m, { seed: 7, iterations: 50 });
    expect(r.timetable.solver).toMatchObject({ seed: 7, iterations: r.iterations });
  });
});

describe('calendars without a DTSTAMP', () => {
  const { meeting, timetable } = sg12();

  it('are refused by every renderer, saying where a stamp comes from (never a silent 1970)', () => {
    const message = /^options\.stamp: expected the calendars' DTSTAMP in epoch milliseconds \(calendarStamp\(\) gives SOURCE_DATE_EPOCH or the current time\), got nothing$/;
    expect(() => renderOutputs(meeting, timetable, {} as Parameters<typeof renderOutputs>[2])).toThrow(message);
    expect(() => renderCalendars(meeting, timetable, undefined as unknown as { stamp: number })).toThrow(message);
    expect(() => renderCalendars(meeting, timetable, { stamp: Number.NaN })).toThrow(/got NaN/);
  });

  it('get theirs from calendarStamp: SOURCE_DATE_EPOCH where set, else the clock', () => {
    expect(calendarStamp({ SOURCE_DATE_EPOCH: '1620000000' })).toBe(1620000000000);
    expect(calendarStamp({}, () => 42)).toBe(42);
    expect(() => calendarStamp({ SOURCE_DATE_EPOCH: '16e8' })).toThrow(RangeError);
    const text = renderOutputs(meeting, timetable, { stamp: calendarStamp({ SOURCE_DATE_EPOCH: '1620000000' }) }).find((f) => f.path === 'calendar.ics')!.content;
    expect(text).toContain('DTSTAMP:20210503T000000Z');
  });
});

it('reads a document once per call: renderOutputs of a document equals renderOutputs of the timetable it reads to', () => {
  const { meeting, timetable } = sg12();
  const doc = readJson(SG12_DRAFT) as Timetable;
  expect(renderOutputs(meeting, doc, { stamp: STAMP })).toEqual(renderOutputs(meeting, timetable, { stamp: STAMP }));
  expect(readTimetable(meeting, doc)).toEqual(readTimetable(meeting, timetable));
});
