/**
 * Bad input: every kind of bad spec is refused with exit code 2 and one line per
 * problem naming its path and what was expected; never a stack trace.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../src/spec/errors.js';
import { loadMeeting, parseText } from '../src/spec/read.js';
import { runCli, tempFile } from './cli.js';
import { spec } from './helpers.js';

type Spec = Record<string, unknown> & ReturnType<typeof spec>;
const base = (): Spec => structuredClone(spec({ groups: [{ id: 'G' }, { id: 'H', parent: 'G' }], sessions: [{ id: 's1', group: 'G', minutes: 60 }, { id: 's2', group: 'H', minutes: 30 }] })) as Spec;

const sg12 = JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8')) as Record<string, any>;

/** [what, make the bad input, the path the message must name, words it must contain] */
const cases: [string, () => unknown, string, string][] = [
  ['text that is not JSON', () => '{"format": "plenary.meeting/1",', '(root)', 'expected valid JSON'],
  ['no format', () => ({ ...base(), format: undefined }), 'format', 'expected "plenary.meeting/1"'],
  ['an unknown format', () => ({ ...base(), format: 'plenary.meeting/2' }), 'format', 'expected "plenary.meeting/1"'],
  ['an unknown top-level key', () => ({ ...base(), colour: 'blue' }), 'colour', 'unknown key'],
  ['an unknown session key', () => { const s = base(); (s.sessions as any)[0].lenght = 60; return s; }, 'sessions[0].lenght', 'unknown key (expected one of: id, group, title, minutes, exclusive, core, blocks, days, at)'],
  ['minutes as a string', () => { const s = base(); (s.sessions as any)[0].minutes = '60'; return s; }, 'sessions[0].minutes', 'expected an integer'],
  ['minutes off the grid', () => { const s = base(); (s.sessions as any)[0].minutes = 50; return s; }, 'sessions[0].minutes', 'multiple of the grid'],
  ['minutes longer than every block', () => { const s = base(); (s.sessions as any)[0].minutes = 120; return s; }, 'sessions[0].minutes', 'expected at most 90 minutes'],
  ['a zone that is not IANA', () => ({ ...base(), timeZone: 'Europe/Geneva' }), 'timeZone', 'Europe/Zurich'],
  ['a fixed offset as a zone', () => { const s = base(); (s.groups as any)[0].delegates = { 'UTC+2': 3 }; return s; }, 'groups[0].delegates["UTC+2"]', 'fixed offset'],
  ['a legacy abbreviation as a person\'s zone (EST: New York would be an hour off all summer)', () => ({ ...base(), people: [{ id: 'p', timeZone: 'EST' }] }), 'people[0].timeZone', 'a fixed UTC−05:00 all year: New York is "America/New_York"'],
  ['a legacy abbreviation as the meeting zone', () => ({ ...base(), timeZone: 'CET' }), 'timeZone', 'a legacy abbreviation: Central European time by an old rule'],
  ['an Etc/GMT fixed offset as a zone (its sign inverted)', () => { const s = base(); (s.groups as any)[0].delegates = { 'Etc/GMT-14': 2 }; return s; }, 'groups[0].delegates["Etc/GMT-14"]', 'the fixed offset "Etc/GMT-14", which is UTC+14:00 all year'],
  ['a mis-cased zone', () => ({ ...base(), people: [{ id: 'p', timeZone: 'asia/tokyo' }] }), 'people[0].timeZone', 'did you mean "Asia/Tokyo"'],
  ['duplicate session ids', () => { const s = base(); (s.sessions as any)[1].id = 's1'; return s; }, 'sessions[1].id', 'duplicate session id'],
  ['an unknown group', () => { const s = base(); (s.sessions as any)[0].group = 'X'; return s; }, 'sessions[0].group', 'unknown group "X"'],
  ['an unknown block', () => { const s = base(); (s.sessions as any)[0].blocks = ['evening']; return s; }, 'sessions[0].blocks[0]', 'unknown block "evening"'],
  ['an unknown session in a rule', () => ({ ...base(), rules: [{ sequence: ['s1', 'nope'] }] }), 'rules[0].sequence[1]', 'unknown session "nope"'],
  ['a day out of range', () => { const s = base(); (s.sessions as any)[0].days = [9]; return s; }, 'sessions[0].days[0]', 'expected a meeting day 1..4 or -4..-1'],
  ['a date that is not a meeting day', () => { const s = base(); (s.sessions as any)[0].days = ['2021-05-08']; return s; }, 'sessions[0].days[0]', 'not one'],
  ['an at off the grid', () => { const s = base(); (s.sessions as any)[0].at = '11:40'; return s; }, 'sessions[0].at', 'on the 15-minute grid'],
  ['an at outside every allowed block', () => { const s = base(); (s.sessions as any)[0].at = '08:00'; return s; }, 'sessions[0].at', 'inside an allowed block'],
  ['a block time that does not exist on a meeting day', () => ({ ...base(), days: { from: '2021-03-26', to: '2021-03-29', rrule: 'FREQ=DAILY' }, blocks: [{ id: 'night', start: '02:15', end: '03:45' }] }), 'blocks[0].start', '2021-03-28'],
  ['an at that does not exist on a meeting day', () => { const s = { ...base(), days: { from: '2021-03-27', to: '2021-03-28', rrule: 'FREQ=DAILY' }, blocks: [{ id: 'b', start: '01:00', end: '05:00' }] }; (s.sessions as any)[0].at = '02:30'; return s; }, 'sessions[0].at', 'does not exist on 2021-03-28'],
  ['a date excepted twice', () => ({ ...base(), days: { from: '2021-05-04', to: '2021-05-07', except: ['2021-05-05', '2021-05-06', '2021-05-05'] } }), 'days.except[2]', 'expected distinct dates, got "2021-05-05" a second time (first at [0])'],
  ['a session day listed twice', () => { const s = base(); (s.sessions as any)[0].days = [1, 2, 1]; return s; }, 'sessions[0].days[2]', 'expected distinct days, got 1 a second time'],
  ['a group attended twice', () => ({ ...base(), people: [{ id: 'p', attends: ['G', 'G'] }] }), 'people[0].attends[1]', 'expected distinct groups, got "G" a second time'],
  ['a parent cycle', () => ({ ...base(), groups: [{ id: 'G', parent: 'H' }, { id: 'H', parent: 'G' }] }), 'groups[0].parent', 'cycle'],
  ['an unknown parent', () => ({ ...base(), groups: [{ id: 'G' }, { id: 'H', parent: 'WP9' }] }), 'groups[1].parent', 'unknown group "WP9"'],
  ['a date that does not exist', () => ({ ...base(), days: { from: '2021-02-30', to: '2021-03-05' } }), 'days.from', 'expected a real date'],
  ['an end before the start', () => ({ ...base(), days: { from: '2021-05-04', to: '2021-05-01' } }), 'days.to', 'on or after days.from'],
  ['a bad rrule', () => ({ ...base(), days: { from: '2021-05-04', to: '2021-05-07', rrule: 'FREQ=SOMETIMES' } }), 'days.rrule', 'expected an RRULE'],
  ['a negative rrule INTERVAL (rrule.js loops for ever on it)', () => ({ ...base(), days: { from: '2021-05-04', to: '2021-05-06', rrule: 'FREQ=DAILY;INTERVAL=-1' } }), 'days.rrule', 'INTERVAL must be a positive integer, got "-1"'],
  ['overlapping blocks', () => ({ ...base(), blocks: [{ id: 'a', start: '09:00', end: '12:00' }, { id: 'b', start: '11:00', end: '13:00' }] }), 'blocks[1]', 'do not overlap'],
  ['a block that ends before it starts', () => ({ ...base(), blocks: [{ id: 'a', start: '12:00', end: '11:00' }] }), 'blocks[0].end', 'expected an end after the start'],
  ['minutes longer than a block lasts on a spring-forward night', () => { const s = { ...base(), days: { from: '2021-03-28', to: '2021-03-28', rrule: 'FREQ=DAILY' }, blocks: [{ id: 'night', start: '01:00', end: '04:00' }] }; (s.sessions as any)[0].minutes = 150; return s; }, 'sessions[0].minutes', 'expected at most 120 minutes'],
  ['a wall time that is not one', () => ({ ...base(), blocks: [{ id: 'a', start: '25:00', end: '26:00' }] }), 'blocks[0].start', 'expected a wall time HH:MM'],
  ['a core session without core blocks', () => ({ ...base(), blocks: [{ id: 'a', start: '09:00', end: '12:00' }], sessions: [{ id: 's1', group: 'G', minutes: 60, core: true }] }), 'sessions[0].core', 'core block'],
  ['a comfort profile of the wrong length', () => ({ ...base(), comfort: [1, 2, 3] }), 'comfort', 'expected 24 hourly penalties'],
  ['a negative weight', () => ({ ...base(), weights: { conflict: -1 } }), 'weights.conflict', 'expected an integer >= 0'],
  ['a person leading an unknown group', () => ({ ...base(), people: [{ id: 'p', leads: ['Q99'] }] }), 'people[0].leads[0]', 'unknown group "Q99"'],
  ['a rule of two kinds', () => ({ ...base(), rules: [{ sequence: ['s1', 's2'], apart: ['s1', 's2'] }] }), 'rules[0]', 'expected one kind of rule'],
  ['a meeting id unfit for UIDs', () => ({ ...base(), id: 'my meeting' }), 'id', '[A-Za-z0-9._-]+'],
  ['core bounds upside down', () => ({ ...base(), groups: [{ id: 'G', core: { min: 3, max: 1 } }, { id: 'H' }] }), 'groups[0].core.max', 'core.max >= core.min'],
  ['no sessions', () => ({ ...base(), sessions: [] }), 'sessions', 'expected at least one session'],
  ['no tracks', () => ({ ...base(), tracks: 0 }), 'tracks', 'expected an integer >= 1'],
  ['an e-mail that is not one', () => ({ ...base(), people: [{ id: 'p', email: 'nobody' }] }), 'people[0].email', 'expected an e-mail address'],
  ['a preset role for an unknown group', () => ({ ...sg12, people: [{ id: 'x', rapporteur: ['Q99/12'] }] }), 'people[0].rapporteur[0]', 'unknown group "Q99/12"'],
  ['a preset with too few days', () => ({ ...sg12, days: { from: '2021-05-04', to: '2021-05-05' } }), 'days', 'at least 3 meeting days'],
  ['a preset key misspelt', () => ({ ...sg12, coreHour: [] }), 'coreHour', 'unknown key'],
  ['a preset role listing a group twice', () => ({ ...sg12, people: [{ id: 'x', rapporteur: ['Q5/12', 'Q7/12', 'Q5/12'] }] }), 'people[0].rapporteur[2]', 'expected distinct groups, got "Q5/12" a second time (first at [0])'],
  ['a preset holiday listed twice', () => ({ ...sg12, days: { ...sg12.days, except: ['2021-05-06', '2021-05-06'] } }), 'days.except[1]', 'expected distinct dates, got "2021-05-06" a second time (first at [0])'],
  ['a meeting key of the other format in a preset person', () => ({ ...sg12, people: [{ id: 'x', leads: ['Q5/12'] }] }), 'people[0].leads', 'unknown key (expected one of: id, name, email, timeZone, chair, viceChair, rapporteur, associateRapporteur, editor, attends)'],
  ['a preset key misspelt deep down', () => ({ ...sg12, questions: [{ id: 'Q99/12', sessions: { count: 2, minute: 60 } }] }), 'questions[0].sessions.minute', 'unknown key (expected one of: count, minutes, core)'],
  ['a rule key misspelt', () => ({ ...base(), rules: [{ apart: ['s1', 's2'], wieght: 2 }] }), 'rules[0].wieght', 'unknown key (expected one of: sequence, sameDay, apart, avoid, weight)'],
  ['a core-bounds key misspelt', () => ({ ...base(), groups: [{ id: 'G', core: { minimum: 1 } }] }), 'groups[0].core.minimum', 'unknown key (expected one of: min, max)'],
];

describe('bad specs', () => {
  it(`covers at least twenty kinds (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const [what, make, path, words] of cases) {
    it(`refuses ${what} with exit 2, naming ${path}`, async () => {
      const input = make();
      const file = tempFile(typeof input === 'string' ? input : JSON.stringify(input));
      const r = await runCli(['expand', file]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      const line = lines.find((l) => l.startsWith(`${file}: ${path}: `));
      expect(line, r.stderr).toBeDefined();
      expect(line).toContain(words);
      expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
      // the library refuses it the same way, with the issue as data
      if (typeof input !== 'string') {
        try {
          loadMeeting(input);
          expect.unreachable('loadMeeting accepted a bad spec');
        } catch (e) {
          expect(e).toBeInstanceOf(SpecError);
          expect((e as SpecError).issues.length).toBeGreaterThan(0);
        }
      }
    });
  }

  it('a block starting in a spring-forward gap is that one problem, not also a meeting "too large" (its instance from 1970)', async () => {
    const spec = { ...base(), grid: 15, days: { from: '2022-03-25', to: '2022-03-29', rrule: 'FREQ=DAILY' }, blocks: [{ id: 'night', start: '02:30', end: '04:00' }] };
    const file = tempFile(JSON.stringify(spec));
    const r = await runCli(['expand', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([`${file}: blocks[0].start: 02:30 does not exist on 2022-03-27 in Europe/Zurich (the clocks spring forward): expected a wall time that exists on every meeting day`]);
  });

  it('refuses a key given twice in one JSON object (JSON.parse would keep the last), one line per duplicate with its line and column', async () => {
    // hand-edited: a second "tracks" at the top, a second "minutes" in sessions[1] (written \u0073-escaped, the same key)
    const text = JSON.stringify(base(), null, 2)
      .replace(/"tracks": (\d+),/, '"tracks": $1,\n  "tracks": 1,')
      .replace('"minutes": 30', '"minutes": 30,\n      "minute\\u0073": 60');
    expect(JSON.parse(text).tracks).toBe(1); // what would have been planned
    expect(base().tracks).not.toBe(1);
    const file = tempFile(text);
    const r = await runCli(['expand', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = text.split('\n');
    const at = (needle: string) => {
      const row = lines.findIndex((l) => l.includes(needle));
      return `line ${row + 1}, column ${lines[row]!.indexOf('"') + 1}`;
    };
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `${file}: (root): ${at('"tracks": 1')}: duplicate key "tracks" (JSON keeps only the last): expected each key once in an object`,
      `${file}: sessions[1]: ${at('"minute\\u0073"')}: duplicate key "minutes" (JSON keeps only the last): expected each key once in an object`,
    ]);
    // the same keys in different objects, and a key-like string as a value, are fine
    const fine = await runCli(['expand', tempFile({ ...base(), title: '{"tracks": 1, "tracks": 2}' })]);
    expect(fine.code).toBe(0);
    // check reads a timetable the same way
    const tt = await runCli(['check', tempFile(base()), tempFile('{"format": "plenary.timetable/1", "sessions": [], "sessions": []}', 'timetable.json')]);
    expect(tt.code).toBe(2);
    expect(tt.stderr).toMatch(/timetable\.json: \(root\): line 1, column 51: duplicate key "sessions"/);
  });

  it('scans a deeply nested document in linear time and space: a duplicate deep inside is named by its path, 100,000 levels are refused as bad input', async () => {
    // the scan gave every bracket a copy of its parent's path: a 200 KB file of nested brackets took 4 GB and V8 aborted (exit 134, a native stack trace)
    const deep = 100_000;
    const r = await runCli(['expand', tempFile('['.repeat(deep) + ']'.repeat(deep))]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/stack|heap|at /i);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    const nested = `{"a": [0, ${'{"b": '.repeat(3)}{"k": 1, "k": 2}${'}'.repeat(3)}]}`;
    expect(() => parseText(nested, 'm.json')).toThrow(/a\[1\]\.b\.b\.b: line 1, column \d+: duplicate key "k"/);
  });

  it('reads a spec or timetable saved with a byte order mark (a Windows editor) as the same data, JSON and YAML', async () => {
    const bom = '\ufeff';
    const json = JSON.stringify(base(), null, 2);
    expect(() => JSON.parse(bom + json)).toThrow(); // what the file met before
    expect(parseText(bom + json, 'm.json')).toEqual(parseText(json, 'm.json'));
    expect(parseText(`${bom}format: plenary.meeting/1\ntracks: 2\n`, 'm.yaml')).toEqual({ format: 'plenary.meeting/1', tracks: 2 });
    // the positions of later errors are still those an editor shows (the mark is not a column)
    expect(() => parseText(`${bom}{"tracks": 1, "tracks": 2}`, 'm.json')).toThrow(/line 1, column 15: duplicate key "tracks"/);
    const broken = '{\n  "tracks": 1\n  "grid": 15\n}';
    const message = (text: string) => { try { parseText(text, 'm.json'); } catch (e) { return (e as Error).message; } return ''; };
    expect(message(broken)).toMatch(/line 3, column 3: expected valid JSON/);
    expect(message(bom + broken)).toBe(message(broken));
    const spec = tempFile(bom + json);
    const plain = await runCli(['expand', tempFile(json)]);
    const marked = await runCli(['expand', spec]);
    expect(marked.code).toBe(0);
    expect(marked.stdout).toBe(plain.stdout);
    const out = mkdtempSync(join(tmpdir(), 'plenary-bom-'));
    expect((await runCli(['solve', spec, '--out', out, '--iterations', '2000'])).code).toBe(0);
    const timetable = join(out, 'timetable.json');
    writeFileSync(timetable, bom + readFileSync(timetable, 'utf8'));
    const checked = await runCli(['check', spec, timetable]);
    expect(checked.code).toBe(0);
  });

  it('refuses a file that is not UTF-8 (Latin-1, UTF-16) with the line and column of the first bad byte, instead of reading "Gen�ve"', async () => {
    const json = JSON.stringify({ ...base(), title: 'Réunion à Genève' }, null, 2);
    const utf8 = Buffer.from(json, 'utf8');
    const latin1 = Buffer.from(json, 'latin1');
    expect(latin1.toString('utf8')).toContain('\ufffd'); // what node's utf8 reading made of it
    const write = (bytes: Buffer, name: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'plenary-enc-'));
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    };
    const row = json.split('\n').findIndex((l) => l.includes('Réunion'));
    const col = json.split('\n')[row]!.indexOf('é') + 1;
    const l1 = write(latin1, 'latin1.json');
    const r = await runCli(['expand', l1]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`${l1}: (root): line ${row + 1}, column ${col}: expected UTF-8 text, got the byte 0xE9 (a file saved as Latin-1 or Windows-1252?): save the file as UTF-8\n`);
    // a later bad byte on a line with multi-byte characters before it: the column counts characters
    const after = utf8.indexOf('Genève') + Buffer.byteLength('Genève'); // bytes: è is two
    const mixed = Buffer.concat([utf8.subarray(0, after), Buffer.from([0xe8]), utf8.subarray(after)]);
    const m = await runCli(['expand', write(mixed, 'mixed.json')]);
    expect(m.stderr).toMatch(new RegExp(`: line ${row + 1}, column ${json.split('\n')[row]!.indexOf('Genève') + 'Genève'.length + 1}: expected UTF-8 text, got the byte 0xE8`));
    // the very first byte, in a file of several lines
    const first = await runCli(['expand', write(Buffer.concat([Buffer.from([0xe9]), latin1]), 'first.json')]);
    expect(first.stderr).toMatch(/: line 1, column 1: expected UTF-8 text, got the byte 0xE9/);
    const u16 = write(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]), 'utf16.json');
    const w = await runCli(['expand', u16]);
    expect([w.code, w.stderr]).toEqual([2, `${u16}: (root): expected UTF-8 text, got UTF-16 (it starts with a UTF-16 byte order mark): save the file as UTF-8\n`]);
    // well-formed UTF-8 with 2-, 3- and 4-byte characters reads as before; an overlong form, a surrogate,
    // a code point above U+10FFFF and a cut sequence do not
    const fine = await runCli(['expand', write(Buffer.from(JSON.stringify({ ...base(), title: 'Réunion · 会議 · 🌍' }), 'utf8'), 'ok.json')]);
    expect(fine.code).toBe(0);
    expect(fine.stdout).toContain('Réunion · 会議 · 🌍');
    for (const bytes of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) {
      const t = Buffer.from(JSON.stringify({ ...base(), title: 'x' }), 'utf8');
      const at = t.indexOf('"x"') + 1;
      const bad = await runCli(['expand', write(Buffer.concat([t.subarray(0, at), Buffer.from(bytes), t.subarray(at + 1)]), 'bad.json')]);
      expect(bad.stderr, bytes.join(' ')).toMatch(new RegExp(`: line 1, column ${at + 1}: expected UTF-8 text, got the byte 0x${bytes[0]!.toString(16).toUpperCase()}`));
    }
  });

  it('accepts UTC and its aliases, and links to places, as zones', () => {
    for (const zone of ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT+0', 'US/Eastern', 'Asia/Calcutta']) {
      expect(() => loadMeeting({ ...base(), people: [{ id: 'p', timeZone: zone }] }), zone).not.toThrow();
    }
    expect(loadMeeting({ ...base(), timeZone: 'UTC' }).timeZone).toBe('UTC');
  });

  it('reports a block that ends before it starts once, not again as a session longer than it', async () => {
    const r = await runCli(['expand', tempFile({ ...base(), blocks: [{ id: 'late', start: '22:00', end: '00:00' }] })]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('blocks[0].end: expected an end after the start 22:00 on the same day, got 00:00')]);
  });

  it('reports a pin in the spring-forward gap of its only day once, as a time that does not exist', async () => {
    const s = { ...base(), days: { from: '2021-03-28', to: '2021-03-28', rrule: 'FREQ=DAILY' }, blocks: [{ id: 'b', start: '01:00', end: '05:00' }] };
    (s.sessions as any)[0].at = '02:30';
    const r = await runCli(['expand', tempFile(s)]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('sessions[0].at: 02:30 does not exist on 2021-03-28 in Europe/Zurich')]);
  });

  it('measures blocks in real minutes: on a fall-back night a three-hour block lasts four', () => {
    // Zurich, 31 October 2021: 01:00–04:00 lasts 240 minutes (02:00–03:00 twice); 210 fit that night only
    const night = { ...base(), days: { from: '2021-10-30', to: '2021-10-31', rrule: 'FREQ=DAILY' }, blocks: [{ id: 'night', start: '01:00', end: '04:00' }] };
    (night.sessions as any)[0].minutes = 210;
    const m = loadMeeting(night);
    const starts = m.sessions[0]!.candidates.map((c) => new Date(c.start * 60000).toISOString());
    expect(starts).toEqual(['2021-10-30T23:00:00.000Z', '2021-10-30T23:15:00.000Z', '2021-10-30T23:30:00.000Z']);
    (night.sessions as any)[0].minutes = 255;
    expect(() => loadMeeting(night)).toThrow(/sessions\[0\]\.minutes: expected at most 240 minutes/);
    // pinned: 01:15 has room for 210 minutes that night only; 01:45 on no night
    (night.sessions as any)[0].minutes = 210;
    (night.sessions as any)[0].at = '01:15';
    expect(loadMeeting(night).sessions[0]!.candidates.map((c) => new Date(c.start * 60000).toISOString())).toEqual(['2021-10-30T23:15:00.000Z']);
    (night.sessions as any)[0].at = '01:45';
    expect(() => loadMeeting(night)).toThrow(/sessions\[0\]\.at: expected a start inside an allowed block \(night 01:00–04:00\) with room for 210 minutes, got 01:45/);
  });

  it('checks every part of days.rrule, and expands the valid ones', () => {
    const days = (rrule: string) => loadMeeting({ ...base(), days: { from: '2021-05-03', to: '2021-05-31', rrule } }).days.map((d) => d.date);
    const refused: [string, string][] = [
      ['FREQ=DAILY;INTERVAL=abc', 'INTERVAL must be a positive integer, got "abc"'],
      ['FREQ=DAILY;INTERVAL=', 'INTERVAL must be a positive integer, got ""'],
      ['FREQ=DAILY;INTERVAL=1.5', 'INTERVAL must be a positive integer'],
      ['FREQ=DAILY;COUNT=0', 'COUNT must be a positive integer'],
      ['FREQ=DAILY;FREQ=WEEKLY', 'FREQ given twice'],
      ['FREQ=DAILY;BYHOUR=5', 'BYHOUR does not apply'],
      ['FREQ=WEEKLY;WKST=XX', 'WKST must be a weekday'],
      ['FREQ=WEEKLY;BYDAY=MO,XY', 'BYDAY must be weekdays'],
      ['FREQ=MONTHLY;BYMONTH=13', 'BYMONTH must be months 1..12'],
      ['FREQ=MONTHLY;BYMONTHDAY=0', 'BYMONTHDAY must be days of the month'],
      ['FREQ=DAILY;COUNT=2;UNTIL=20210510', 'COUNT and UNTIL together'],
      ['FREQ=DAILY;COLOUR=RED', 'unknown part "COLOUR=RED"'],
    ];
    for (const [rule, words] of refused) {
      expect(() => days(rule), rule).toThrow(SpecError);
      try {
        days(rule);
      } catch (e) {
        expect((e as SpecError).issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'), rule).toContain(words);
      }
    }
    expect(days('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;WKST=MO')).toEqual(['2021-05-03', '2021-05-05', '2021-05-17', '2021-05-19', '2021-05-31']);
    expect(days('FREQ=MONTHLY;BYDAY=1MO,-1FR')).toEqual(['2021-05-03', '2021-05-28']);
    expect(days('FREQ=DAILY;COUNT=3')).toEqual(['2021-05-03', '2021-05-04', '2021-05-05']);
    expect(days('freq=daily;until=20210505;')).toEqual(['2021-05-03', '2021-05-04', '2021-05-05']);
  });

  it('reports every problem, one line each', async () => {
    const s = base();
    (s.sessions as any)[0].minutes = 'x';
    (s.sessions as any)[1].group = 'nope';
    s.timeZone = 'Mars/Olympus';
    const r = await runCli(['expand', tempFile(s)]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.some((l) => l.includes('sessions[0].minutes'))).toBe(true);
    expect(lines.some((l) => l.includes('timeZone'))).toBe(true);
  });

  it('reports misspelt keys together with the problems behind them, in either format', async () => {
    const s = base();
    (s.sessions as any)[0].colour = 'red';
    (s.sessions as any)[1].minutes = 50; // off the 15-minute grid: found by the second stage
    (s.sessions as any)[1].group = 'nope';
    const r = await runCli(['expand', tempFile(s)]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.filter((l) => l.includes('sessions[0].colour: unknown key'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('sessions[1].minutes'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('sessions[1].group'))).toHaveLength(1);
    const p = await runCli(['expand', tempFile({ ...sg12, colour: 'red', people: [{ id: 'x', rapporteur: ['Q99/12'] }] })]);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain(': colour: unknown key');
    expect(p.stderr).toContain(': people[0].rapporteur[0]: unknown group "Q99/12"');
    // a structural problem other than a key stops there (the rest could not be read)
    const t = base();
    (t.sessions as any)[0].colour = 'red';
    t.tracks = 'three' as any;
    const q = await runCli(['expand', tempFile(t)]);
    expect(q.stderr.trimEnd().split('\n')).toHaveLength(2);
  });

  it('reports a misspelt zone or a value of the wrong type together with the problems behind it (one run, every problem)', async () => {
    const s = base();
    (s as any).people = [{ id: 'p', timeZone: 'Europe/Geneva', attends: ['H'] }, { id: 'q', leads: ['G'], timeZone: 'asia/tokyo' }];
    (s.sessions as any)[0].title = 42; // a title of the wrong type
    (s.sessions as any)[1].minutes = 50; // off the grid: found by the second stage
    (s.sessions as any)[1].group = 'nope'; // an unknown group: found by the second stage
    const r = await runCli(['expand', tempFile(s, 'm.json')]);
    expect(r.code).toBe(2);
    const paths = r.stderr.trimEnd().split('\n').map((l) => l.split(': ')[1]);
    expect(paths.sort()).toEqual(['people[0].timeZone', 'people[1].timeZone', 'sessions[0].title', 'sessions[1].group', 'sessions[1].minutes']);
    // a required key of the wrong type: named once, and the rest checked with a placeholder in its place
    const t = base();
    t.tracks = 'three' as any;
    (t.sessions as any)[1].group = 'nope';
    const q = await runCli(['expand', tempFile(t)]);
    expect(q.stderr.trimEnd().split('\n').map((l) => l.split(': ')[1])).toEqual(['tracks', 'sessions[1].group']);
  });

  it('reports missing required keys together with the problems behind them: placeholders stand in for them, adding no problem of their own', async () => {
    const s = base() as Record<string, unknown>;
    for (const k of ['title', 'timeZone', 'days', 'tracks', 'grid']) delete s[k];
    (s.sessions as any)[0].days = ['2021-05-09']; // a Sunday; without meeting days nothing can be said of it
    (s.sessions as any)[1].group = 'nope';
    (s as any).people = [{ id: 'p', timeZone: 'Mars/Olympus', leads: ['K'] }];
    (s as any).rules = [{ sequence: [(s.sessions as any)[0].id, 'zz'] }];
    const r = await runCli(['expand', tempFile(s)]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.map((l) => l.split(': ')[1])).toEqual(['title', 'timeZone', 'days', 'tracks', 'grid', 'people[0].timeZone', 'people[0].leads[0]', 'sessions[1].group', 'rules[0].sequence[1]']);
    expect(lines[3]).toMatch(/: tracks: required: expected an integer >= 1$/);
    // the placeholders' own values never show: no "UTC", no 2001 date, no 1-minute grid
    expect(r.stderr).not.toMatch(/UTC|2001|1-minute/);
    // days given but wrong inside: the placeholder too
    const w = base() as Record<string, any>;
    w.days = { from: '2021-05-04', to: '4 May' };
    (w.sessions as any)[1].group = 'nope';
    const q = await runCli(['expand', tempFile(w)]);
    expect(q.stderr.trimEnd().split('\n').map((l) => l.split(': ')[1])).toEqual(['days.to', 'sessions[1].group']);
    // in a preset, the same for its scalar keys; its days stay required before anything else is checked
    const p = await runCli(['expand', tempFile({ ...sg12, tracks: undefined, people: [{ id: 'x', rapporteur: ['Q99/12'] }] })]);
    expect(p.stderr.trimEnd().split('\n').map((l) => l.split(': ')[1])).toEqual(['tracks', 'people[0].rapporteur[0]']);
    const { days: _days, ...noDays } = sg12 as Record<string, unknown>;
    const d = await runCli(['expand', tempFile({ ...noDays, people: [{ id: 'x', rapporteur: ['Q99/12'] }] })]);
    expect(d.stderr.trimEnd().split('\n').map((l) => l.split(': ')[1])).toEqual(['days']);
  });

  it('names a missing file and a directory without a stack trace', async () => {
    const r = await runCli(['expand', '/no/such/spec.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('/no/such/spec.json: (root): cannot read: no such file\n');
    const d = await runCli(['expand', '/tmp']);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('cannot read');
  });

  it('refuses unknown commands and options with exit 2', async () => {
    expect((await runCli(['solve-it'])).code).toBe(2);
    const r = await runCli(['expand', 'a.json', '--colour']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: plenary expand SPEC');
  });

  it('reads YAML specs too, with line numbers in syntax errors', async () => {
    const yaml = ['format: plenary.meeting/1', 'id: y', 'title: Y', 'timeZone: Europe/Zurich', 'days: { from: 2021-05-04, to: 2021-05-04 }', 'blocks: [{ id: b, start: "09:00", end: "10:00" }]', 'tracks: 1', 'grid: 15', 'groups: [{ id: G }]', 'sessions: [{ id: s, group: G, minutes: 60 }]'].join('\n');
    const ok = await runCli(['expand', tempFile(yaml, 'm.yaml')]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).sessions[0].minutes).toBe(60);
    const bad = await runCli(['expand', tempFile('format: [oops', 'm.yml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/m\.yml: \(root\): line \d+, column \d+: expected valid YAML/);
  });
});
