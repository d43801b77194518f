/** Shared by the calendar tests: the SG12 fixtures, a reader built on Mozilla's ical.js, and the expected instants. */
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { buildTimetable, evaluate, loadMeeting, readPrevious, readTimetable } from '../src/index.js';
import type { Meeting, Previous, Timetable } from '../src/index.js';
import { parseInstant } from '../src/model/time.js';
import { meeting as makeMeeting } from './helpers.js';

/** A fixed DTSTAMP: 2021-04-20T08:00:00Z. */
export const STAMP = Date.UTC(2021, 3, 20, 8, 0, 0);

export const SG12_SPEC = 'examples/sg12-2021-05/meeting.json';
export const SG12_DRAFT = 'examples/sg12-2021-05/draft-timetable.json';
export const REPLAN_SPEC = 'examples/sg12-2021-05/replan/meeting.json';
export const REPLAN_TIMETABLE = 'examples/sg12-2021-05/replan/timetable.json';

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The SG12 meeting and its hand-made draft timetable, as buildTimetable makes it. */
export function sg12(): { meeting: Meeting; timetable: Timetable } {
  const meeting = loadMeeting(readJson(SG12_SPEC));
  const starts = readTimetable(meeting, readJson(SG12_DRAFT));
  return { meeting, timetable: buildTimetable(meeting, starts, evaluate(meeting, starts)) };
}

/**
 * The re-planned SG12 meeting (Q5/12 down to 2 sessions, 2 tracks instead of
 * 3) and its hand-made timetable, against the draft as previous.
 */
export function sg12Replanned(): { meeting: Meeting; timetable: Timetable; previous: Previous } {
  const meeting = loadMeeting(readJson(REPLAN_SPEC));
  const previous = readPrevious(readJson(SG12_DRAFT));
  const starts = readTimetable(meeting, readJson(REPLAN_TIMETABLE));
  const timetable = buildTimetable(meeting, starts, evaluate(meeting, starts, { previous: previous.starts }), { previous });
  return { meeting, timetable, previous };
}

/** An event as ical.js reads it. */
export interface ReadEvent {
  readonly uid: string;
  readonly sequence: number;
  /** Epoch minutes (UTC) of a timed event; undefined for an all-day one. */
  readonly start?: number;
  readonly end?: number;
  /** `YYYY-MM-DD` of an all-day event. */
  readonly date?: string;
  readonly endDate?: string;
  /** TZID of DTSTART, if any. */
  readonly tzid?: string;
  readonly summary: string;
  readonly description: string;
  readonly location: string | undefined;
  readonly status: string | undefined;
  readonly organizer: string | undefined;
  readonly organizerName: string | undefined;
  readonly attendees: readonly { readonly address: string; readonly role: string; readonly name: string | undefined }[];
  readonly categories: readonly string[];
  readonly dtstamp: string;
}

/** A calendar as ical.js reads it. */
export interface ReadCalendar {
  readonly method: string | undefined;
  readonly name: string | undefined;
  readonly events: readonly ReadEvent[];
  readonly tzids: readonly string[];
}

/** Parses an .ics text with ical.js, resolving TZIDs with the file's own VTIMEZONEs. */
export function readIcs(text: string): ReadCalendar {
  const root = new ICAL.Component(ICAL.parse(text));
  const events = root.getAllSubcomponents('vevent').map((v): ReadEvent => {
    const e = new ICAL.Event(v);
    const start = e.startDate;
    const end = e.endDate;
    const org = v.getFirstProperty('organizer');
    const tzid = v.getFirstProperty('dtstart')?.getParameter('tzid');
    const cats = v.getAllProperties('categories').flatMap((p) => p.getValues().map(String));
    return {
      uid: e.uid,
      sequence: e.sequence,
      ...(start.isDate ? { date: start.toString(), endDate: end.toString() } : { start: start.toUnixTime() / 60, end: end.toUnixTime() / 60 }),
      ...(typeof tzid === 'string' ? { tzid } : {}),
      summary: e.summary,
      description: e.description,
      location: e.location ?? undefined,
      status: (v.getFirstPropertyValue('status') as string | null) ?? undefined,
      organizer: org ? String(org.getFirstValue()) : undefined,
      organizerName: org ? ((org.getParameter('cn') as string | undefined) ?? undefined) : undefined,
      attendees: v.getAllProperties('attendee').map((a) => ({
        address: String(a.getFirstValue()),
        role: String(a.getParameter('role')),
        name: (a.getParameter('cn') as string | undefined) ?? undefined,
      })),
      categories: cats,
      dtstamp: String(v.getFirstPropertyValue('dtstamp')),
    };
  });
  return {
    method: (root.getFirstPropertyValue('method') as string | null) ?? undefined,
    name: (root.getFirstPropertyValue('x-wr-calname') as string | null) ?? undefined,
    events,
    tzids: root.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))),
  };
}

/** Epoch minutes of a timetable instant. */
export function minutes(text: string): number {
  const p = parseInstant(text);
  if (p.kind !== 'ok') throw new Error(`bad instant ${text}`);
  return p.min;
}

/** `YYYY-MM-DDTHH:MM:SSZ` of epoch minutes. */
export function utcText(min: number): string {
  return new Date(min * 60000).toISOString().replace('.000Z', 'Z');
}

/** The expected UTC start and end of each session of a timetable, by UID. */
export function expectedInstants(timetable: Timetable): Map<string, { start: number; end: number; sequence: number }> {
  return new Map(timetable.sessions.map((s) => [`${s.id}@${timetable.meeting}`, { start: minutes(s.start), end: minutes(s.end), sequence: s.sequence }]));
}

/** A file's text by path from a list of output files. */
export function fileText(files: readonly { path: string; content: string }[], path: string): string {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no file ${path} among ${files.map((x) => x.path).join(', ')}`);
  return f.content;
}

/** A meeting over DST changes, in `zone`, with people in New York, London, Zurich and Tokyo. */
export function dstMeeting(zone: string, from: string, to: string, id = 'dst-meeting'): Meeting {
  return makeMeeting({
    id,
    title: `Meeting across DST (${zone})`,
    timeZone: zone,
    days: { from, to },
    blocks: [
      { id: 'early', start: '08:00', end: '09:30', core: true },
      { id: 'late', start: '13:00', end: '14:30', core: true },
    ],
    tracks: 2,
    groups: [
      { id: 'SG', title: 'Study group', delegates: { 'America/Chicago': 3, 'Europe/Paris': 2, 'Asia/Tokyo': 1 } },
      { id: 'WP1', parent: 'SG', title: 'Working party 1' },
      { id: 'Q1', parent: 'WP1', title: 'Question one' },
    ],
    people: [
      { id: 'ny', name: 'New Yorker', email: 'ny@example.org', timeZone: 'America/New_York', leads: ['Q1'] },
      { id: 'london', name: 'Londoner', email: 'london@example.org', timeZone: 'Europe/London', attends: ['Q1'] },
      { id: 'zurich', name: 'Zürcher', email: 'zurich@example.org', timeZone: 'Europe/Zurich', leads: ['SG'] },
      { id: 'tokyo', name: '東京の人', email: 'tokyo@example.org', timeZone: 'Asia/Tokyo', attends: ['WP1'] },
    ],
    sessions: [
      { id: 'before', group: 'Q1', minutes: 90 },
      { id: 'between', group: 'Q1', minutes: 90 },
      { id: 'after', group: 'Q1', minutes: 90 },
      { id: 'plenary-before', group: 'SG', minutes: 90 },
      { id: 'plenary-between', group: 'WP1', minutes: 90 },
      { id: 'plenary-after', group: 'SG', minutes: 90 },
    ],
  });
}


/** A meeting through the Zurich fall-back night 2021-10-31, block 00:30–05:00, three one-hour sessions. */
export function nightMeeting(): Meeting {
  return makeMeeting({
    id: 'night',
    timeZone: 'Europe/Zurich',
    days: { from: '2021-10-30', to: '2021-11-01', rrule: 'FREQ=DAILY' },
    blocks: [{ id: 'night', start: '00:30', end: '05:00' }],
    tracks: 3,
    groups: [{ id: 'G' }],
    sessions: [
      { id: 'first', group: 'G', minutes: 60 },
      { id: 'second', group: 'G', minutes: 60 },
      { id: 'after', group: 'G', minutes: 60 },
    ],
  });
}
