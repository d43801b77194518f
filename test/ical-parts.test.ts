/** The parts of the calendar export: folding, names, titles, VTIMEZONEs, and a meeting written in many scripts. */
import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarLabel } from '../src/export/ical/calendar.js';
import {
  fileStem,
  foldLine,
  lineProblems,
  normalizeIcs,
  renderCalendars,
  safeName,
  shortTitle,
  uniqueStems,
  unfoldLines,
  vtimezoneFor,
} from '../src/export/ical/index.js';
import { buildTimetable, evaluate } from '../src/index.js';
import { formatWallTime, localTime, wallToInstant } from '../src/model/time.js';
import { meeting as makeMeeting, place } from './helpers.js';
import { expectedInstants, fileText, readIcs, STAMP } from './ical-helpers.js';

describe('folding', () => {
  const pieces = fc.constantFrom('a', 'Z', ' ', ',', ';', '\\', 'é', 'ß', 'ü', '—', '–', '李', '娜', '王', '🎧', '👩🏽‍💻', '€', 'Ω', 'ﬁ', '\u0301');
  it('keeps every physical line within 75 octets, never splits a UTF-8 character, and unfolds to the original (fast-check, seed 4)', () => {
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 0, maxLength: 400 }), fc.constantFrom('SUMMARY:', 'DESCRIPTION:', 'X-WR-CALNAME:'), (chars, name) => {
        const line = name + chars.join('');
        const text = `BEGIN:VCALENDAR\r\n${foldLine(line)}\r\nEND:VCALENDAR\r\n`;
        expect(lineProblems(Buffer.from(text, 'utf8'))).toEqual([]);
        expect(lineProblems(text)).toEqual([]); // a string is checked as its UTF-8 bytes
        expect(lineProblems(`${text}X`).map((p) => p.message)).toEqual(['the last line does not end with CRLF']);
        expect(unfoldLines(text)).toEqual(['BEGIN:VCALENDAR', line, 'END:VCALENDAR']);
        expect(normalizeIcs(text)).toBe(text);
      }),
      { seed: 4, numRuns: 300 },
    );
  });

  it('finds what a careless writer does wrong, on bytes', () => {
    const cut = Buffer.concat([Buffer.from('SUMMARY:'), Buffer.from('李').subarray(0, 2), Buffer.from('\r\n '), Buffer.from('李').subarray(2), Buffer.from('\r\n')]);
    expect(lineProblems(cut)).toEqual([
      { line: 1, message: 'ends inside a UTF-8 character' },
      { line: 2, message: 'continuation starts inside a UTF-8 character' },
      { line: 2, message: 'ends inside a UTF-8 character' }, // a lone continuation byte
    ]);
    expect(lineProblems(Buffer.from('A\nB\r\n')).map((p) => p.message)).toEqual(['ends with LF, expected CRLF']);
    expect(lineProblems(Buffer.from(`${'x'.repeat(76)}\r\n`)).map((p) => p.message)).toEqual(['76 octets, expected at most 75']);
    expect(lineProblems(Buffer.from('END:VCALENDAR')).map((p) => p.message)).toEqual(['the last line does not end with CRLF']);
    expect(lineProblems(Buffer.from('BEGIN:VEVENT\r\n\r\nEND:VEVENT\r\n'))).toEqual([{ line: 2, message: 'empty line' }]);
  });
});

describe('names and titles', () => {
  it('shortens long titles at a word, never on a dangling "for" or "and"', () => {
    expect(shortTitle('Telephonometric methodologies for handset and headset terminals')).toBe('Telephonometric methodologies…');
    expect(shortTitle('Conferencing and telemeeting assessment')).toBe('Conferencing and telemeeting assessment'); // ≤ 40: whole
    expect(shortTitle('Definitions, guides and frameworks related to quality of service')).toBe('Definitions, guides…');
    expect(shortTitle('Supercalifragilisticexpialidocious-and-then-some-more-words')).toBe('Supercalifragilisticexpialidocio…');
    // Wide characters count double: 16 of them fill the width of 32.
    expect(shortTitle('质量评估与体验质量的客观方法以及多媒体业务中的感知视听质量评价方法研究与应用开发')).toBe('质量评估与体验质量的客观方法以及…');
    expect(shortTitle('多媒体业务质量评估 🎬')).toBe('多媒体业务质量评估 🎬');
  });

  it('makes display names safe for a quoted CN parameter, and calendar names that need no escaping', () => {
    expect(safeName('Li "Na" (李娜)')).toBe("Li 'Na' (李娜)");
    expect(safeName('a\\b')).toBe('a/b');
    expect(calendarLabel('Meeting, 4–13 May; Geneva')).toBe('Meeting – 4–13 May – Geneva');
  });

  it('turns ids into file names: "/" → "-", unsafe characters out, clashes numbered', () => {
    expect(fileStem('Q5/12')).toBe('Q5-12');
    expect(fileStem('..x')).toBe('_.x');
    expect(fileStem('a:b*c?')).toBe('a_b_c_');
    expect(uniqueStems(['Q5/12', 'Q5-12', 'q5-12', 'Other'])).toEqual(['Q5-12', 'Q5-12-2', 'q5-12-3', 'Other']);
  });
});

describe('VTIMEZONE', () => {
  const zones = ['Europe/Zurich', 'America/New_York', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Africa/Casablanca', 'Asia/Tehran', 'America/Mexico_City', 'Europe/Moscow', 'Pacific/Apia', 'America/Sao_Paulo'];
  for (const zone of zones) {
    it(`${zone}: ical.js reads noon of every week of 2011, 2016, 2021 and 2024 through our VTIMEZONE at the IANA instant`, () => {
      for (const year of [2011, 2016, 2021, 2024]) {
        const instants: number[] = [];
        for (let d = 0; d < 365; d += 7) {
          const date = new Date(Date.UTC(year, 0, 1 + d)).toISOString().slice(0, 10);
          const w = wallToInstant(zone, date, 12 * 60);
          if (w.kind === 'ok') instants.push(w.min);
        }
        const vtz = vtimezoneFor(zone, instants);
        const events = instants.map((t, i) => {
          const lt = localTime(zone, t);
          const wall = `${lt.date.replace(/-/g, '')}T${formatWallTime(lt.minutes).replace(':', '')}00`;
          return `BEGIN:VEVENT\r\nUID:${i}@t\r\nDTSTAMP:20210101T000000Z\r\nDTSTART;TZID=${zone}:${wall}\r\nEND:VEVENT`;
        });
        const text = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//t//EN', vtz.text, ...events, 'END:VCALENDAR', ''].join('\r\n');
        const root = new ICAL.Component(ICAL.parse(text));
        const read = root.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).startDate.toUnixTime() / 60);
        expect(read, `${zone} ${year} (${vtz.source})`).toEqual(instants);
      }
    });
  }

  it('takes the library’s block where it is right, and generates one where the zone’s rules changed', () => {
    const at = (iso: string) => Date.parse(iso) / 60000;
    expect(vtimezoneFor('Europe/Zurich', [at('2021-05-04T09:30:00Z')]).source).toBe('library');
    expect(vtimezoneFor('America/Mexico_City', [at('2021-05-04T15:00:00Z')]).source).toBe('generated');
    expect(vtimezoneFor('Europe/Moscow', [at('2012-05-04T09:30:00Z')]).source).toBe('generated');
    expect(vtimezoneFor('Asia/Calcutta', [at('2021-05-04T09:30:00Z')]).source).toBe('generated'); // a link the library does not know
  });
});

describe('a meeting written in many scripts', () => {
  const m = makeMeeting({
    id: 'unicode',
    title: 'Réunion virtuelle 质量 🎧 — Genève',
    groups: [
      { id: 'SG', title: 'Qualité de service et d’expérience' },
      { id: '问题/12', parent: 'SG', title: '多媒体业务质量评估 🎬' },
    ],
    people: [
      { id: 'li', name: 'Li Na (李娜)', email: 'li.na@example.org', timeZone: 'Asia/Shanghai', leads: ['问题/12'] },
      { id: 'émilie', name: 'Émilie Tremblay 🎧', email: 'emilie@example.org', timeZone: 'America/Toronto', attends: ['问题/12'] },
      { id: 'jürgen', name: 'Hans-Jürgen Weiß', email: 'hj@example.org', timeZone: 'Europe/Berlin', leads: ['SG'] },
    ],
    sessions: [
      { id: 'ouverture', group: 'SG', title: 'Séance d’ouverture 🎉', minutes: 60 },
      { id: '会议-1', group: '问题/12', minutes: 60 },
      { id: '会议-2', group: '问题/12', minutes: 60 },
    ],
  });
  const starts = place(m, { ouverture: '2021-05-04 11:30', '会议-1': '2021-05-04 13:30', '会议-2': '2021-05-05 13:30' });
  const tt = buildTimetable(m, starts, evaluate(m, starts));
  const files = renderCalendars(m, tt, { stamp: STAMP });

  it('keeps titles, names, ids and file names intact through ical.js', () => {
    expect(files.map((f) => f.path)).toEqual(['calendar.ics', 'ics/groups/SG.ics', 'ics/groups/问题-12.ics', 'ics/people/li.ics', 'ics/people/émilie.ics', 'ics/people/jürgen.ics']);
    for (const f of files) expect(lineProblems(Buffer.from(f.content, 'utf8')), f.path).toEqual([]);
    const cal = readIcs(fileText(files, 'calendar.ics'));
    expect(cal.name).toBe('Réunion virtuelle 质量 🎧 — Genève');
    expect(cal.events.map((e) => [e.uid, e.summary])).toEqual([
      ['ouverture@unicode', 'SG — Séance d’ouverture 🎉'],
      ['会议-1@unicode', '问题/12 — 多媒体业务质量评估 🎬 (session 1 of 2)'],
      ['会议-2@unicode', '问题/12 — 多媒体业务质量评估 🎬 (session 2 of 2)'],
    ]);
    expect(cal.events[1]!.description).toContain('Part of: 问题/12 (多媒体业务质量评估 🎬) › SG (Qualité de service et d’expérience)');
    expect(cal.events[1]!.organizerName).toBe('Li Na (李娜)');
    expect(cal.events[0]!.organizerName).toBe('Hans-Jürgen Weiß');
    const emilie = readIcs(fileText(files, 'ics/people/émilie.ics'));
    expect(emilie.name).toBe('Réunion virtuelle 质量 🎧 — Genève — Émilie Tremblay 🎧');
    expect(emilie.events.map((e) => e.attendees[0]!.name)).toEqual(['Émilie Tremblay 🎧', 'Émilie Tremblay 🎧', 'Émilie Tremblay 🎧']);
    const want = expectedInstants(tt);
    for (const e of emilie.events) expect(e.start).toBe(want.get(e.uid)!.start);
  });
});

describe('who organizes and who is invited', () => {
  const base = {
    id: 'org',
    groups: [{ id: 'SG' }, { id: 'WP', parent: 'SG' }, { id: 'Q', parent: 'WP' }],
    sessions: [
      { id: 'q', group: 'Q', minutes: 60 },
      { id: 'wp', group: 'WP', minutes: 60 },
    ],
  };
  const where = { q: '2021-05-04 11:30', wp: '2021-05-04 13:30' };
  const render = (people: unknown[], secretariat?: { name: string; email: string }, status?: 'infeasible') => {
    const m = makeMeeting({ ...base, people } as Parameters<typeof makeMeeting>[0]);
    const starts = place(m, where);
    const r = evaluate(m, starts);
    const tt = buildTimetable(m, starts, status ? { ...r, status } : r);
    return renderCalendars(m, tt, { stamp: STAMP, ...(secretariat ? { secretariat } : {}) });
  };

  it('takes a lead of the group (SPEC §6), even one without e-mail; a group without lead: the nearest ancestor\'s lead with e-mail, else the secretariat, else an undeliverable address', () => {
    const people = [
      { id: 'chair', name: 'Chair', email: 'chair@example.org', leads: ['SG'] },
      { id: 'wpchair', name: 'WP chair', leads: ['WP'] }, // no e-mail
      { id: 'rapp', name: 'Rapporteur', email: 'rapp@example.org', leads: ['Q'] },
    ];
    const org = (files: ReturnType<typeof render>, uid: string) => readIcs(fileText(files, 'calendar.ics')).events.find((e) => e.uid === uid)!.organizer;
    const a = render(people);
    expect(org(a, 'q@org')).toBe('mailto:rapp@example.org');
    // a lead of the group, at the address a person without e-mail is invited at (until then: the study-group chair)
    expect(org(a, 'wp@org')).toBe('mailto:wpchair@org.invalid');
    expect(readIcs(fileText(a, 'calendar.ics')).events.find((e) => e.uid === 'wp@org')!.organizerName).toBe('WP chair');
    // WP without any lead: the nearest ancestor's lead with an e-mail address
    expect(org(render([people[0]!, people[2]!]), 'wp@org')).toBe('mailto:chair@example.org');
    const b = render([people[1]], { name: 'Secretariat', email: 'tsb@example.org' });
    expect(org(b, 'q@org')).toBe('mailto:tsb@example.org');
    const c = render([]);
    expect(org(c, 'q@org')).toBe('mailto:secretariat@org.invalid');
  });

  it('invites a person without an e-mail address too, at an undeliverable address made of their id (SPEC §6: REQUEST, the person as ATTENDEE)', () => {
    const files = render([
      { id: 'anon', name: 'No Mail', attends: ['Q'] },
      { id: 'Émile Zola/2', leads: ['WP'] },
    ]);
    const cal = readIcs(fileText(files, 'ics/people/anon.ics'));
    expect(cal.method).toBe('REQUEST');
    expect(cal.events.map((e) => e.uid)).toEqual(['q@org', 'wp@org']);
    for (const e of cal.events) expect(e.attendees).toEqual([{ address: 'MAILTO:anon@org.invalid', role: 'OPT-PARTICIPANT', name: 'No Mail' }]);
    const lead = readIcs(fileText(files, `ics/people/${'Émile Zola/2'.replace(/\//g, '-')}.ics`));
    expect(lead.method).toBe('REQUEST');
    expect(lead.events.map((e) => e.attendees)).toEqual([[{ address: 'MAILTO:emile-zola-2@org.invalid', role: 'REQ-PARTICIPANT', name: 'Émile Zola/2' }]]);
  });

  it('marks the events of an infeasible timetable TENTATIVE', () => {
    const cal = readIcs(fileText(render([], undefined, 'infeasible'), 'calendar.ics'));
    expect(cal.events.map((e) => e.status)).toEqual(['TENTATIVE', 'TENTATIVE']);
  });
});
