/** `plenary ics SPEC TIMETABLE [--out DIR] [--previous TIMETABLE]`. */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarStamp } from '../src/cli/stamp.js';
import { runCli, tempFile } from './cli.js';
import { readIcs, readJson, REPLAN_SPEC, REPLAN_TIMETABLE, SG12_DRAFT, SG12_SPEC } from './ical-helpers.js';

const saved = process.env.SOURCE_DATE_EPOCH;
beforeEach(() => {
  process.env.SOURCE_DATE_EPOCH = '1618905600'; // 2021-04-20T08:00:00Z
});
afterEach(() => {
  if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = saved;
});

function outDir(): string {
  return mkdtempSync(join(tmpdir(), 'plenary-ics-'));
}

function listAll(dir: string, base = ''): string[] {
  return readdirSync(join(dir, base), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listAll(dir, join(base, e.name)) : [join(base, e.name)])).sort();
}

describe('plenary ics', () => {
  it('writes the calendars of a timetable, stamped with SOURCE_DATE_EPOCH, byte-identical on a second run', async () => {
    const a = outDir();
    const r = await runCli(['ics', SG12_SPEC, SG12_DRAFT, '--out', a]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('21 group and 29 person calendars');
    const files = listAll(a);
    expect(files).toContain('calendar.ics');
    expect(files).toContain(join('ics', 'groups', 'Q5-12.ics'));
    expect(files).toContain(join('ics', 'people', 'q5-rapp.ics'));
    expect(files).not.toContain('changes.md');
    expect(files.filter((f) => !f.endsWith('.ics'))).toEqual([]);
    const cal = readFileSync(join(a, 'calendar.ics'), 'utf8');
    expect(cal).toContain('DTSTAMP:20210420T080000Z');
    const b = outDir();
    expect((await runCli(['ics', SG12_SPEC, SG12_DRAFT, '--out', b])).code).toBe(0);
    for (const f of files) expect(readFileSync(join(b, f)), f).toEqual(readFileSync(join(a, f)));
  });

  it('with --previous: prints the change report, writes changes.md and ics/cancelled.ics, bumps SEQUENCE of moved sessions', async () => {
    const dir = outDir();
    const r = await runCli(['ics', REPLAN_SPEC, REPLAN_TIMETABLE, '--previous', SG12_DRAFT, '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('5 moved, 0 added, 1 cancelled, 42 unchanged');
    expect(r.stdout).toContain('(q5-12-3): was');
    expect(readFileSync(join(dir, 'changes.md'), 'utf8')).toContain('## Cancelled');
    const cancelled = readIcs(readFileSync(join(dir, 'ics', 'cancelled.ics'), 'utf8'));
    expect(cancelled.method).toBe('CANCEL');
    expect(cancelled.events.map((e) => [e.uid, e.sequence, e.status])).toEqual([['q5-12-3@itu-t-sg12-2021-05', 1, 'CANCELLED']]);
    const cal = readIcs(readFileSync(join(dir, 'calendar.ics'), 'utf8'));
    expect(cal.events.find((e) => e.uid.startsWith('q12-12-1@'))!.sequence).toBe(1);
    expect(cal.events.find((e) => e.uid.startsWith('q12-12-2@'))!.sequence).toBe(0);
  });

  it('recomputes SEQUENCE from --previous rather than trusting the file, and keeps the file’s own without it', async () => {
    const doc = readJson(REPLAN_TIMETABLE) as { sessions: { id: string; sequence: number }[] };
    const zeroed = tempFile({ ...doc, sessions: doc.sessions.map((s) => ({ ...s, sequence: 0 })) }, 'timetable.json');
    const withPrev = outDir();
    expect((await runCli(['ics', REPLAN_SPEC, zeroed, '--previous', SG12_DRAFT, '--out', withPrev])).code).toBe(0);
    const seq = (dir: string, id: string) => readIcs(readFileSync(join(dir, 'calendar.ics'), 'utf8')).events.find((e) => e.uid.startsWith(`${id}@`))!.sequence;
    expect(seq(withPrev, 'q12-12-1')).toBe(1);
    const own = outDir();
    expect((await runCli(['ics', REPLAN_SPEC, REPLAN_TIMETABLE, '--out', own])).code).toBe(0);
    expect(seq(own, 'q12-12-1')).toBe(1); // the timetable written by the re-planning says 1
    expect(seq(own, 'q12-12-2')).toBe(0);
    expect(existsSync(join(own, 'ics', 'cancelled.ics'))).toBe(false);
  });

  it('refuses bad input with exit 2 and one line per problem', async () => {
    const dir = outDir();
    let r = await runCli(['ics', SG12_SPEC]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: plenary ics SPEC TIMETABLE');
    const bad = tempFile({ ...(readJson(SG12_DRAFT) as object), sessions: [{ id: 'nope', start: '2021-05-04T11:30:00+02:00' }] }, 'bad.json');
    r = await runCli(['ics', SG12_SPEC, bad, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sessions\[0\]\.id.*unknown session "nope"/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    process.env.SOURCE_DATE_EPOCH = 'yesterday';
    r = await runCli(['ics', SG12_SPEC, SG12_DRAFT, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SOURCE_DATE_EPOCH: expected whole seconds');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('calendarStamp', () => {
  it('takes SOURCE_DATE_EPOCH (seconds) where set, else the clock', () => {
    expect(calendarStamp({ SOURCE_DATE_EPOCH: '1618905600' }, () => 1)).toBe(1618905600000);
    expect(calendarStamp({}, () => 42)).toBe(42);
    expect(calendarStamp({ SOURCE_DATE_EPOCH: '' }, () => 42)).toBe(42);
    expect(() => calendarStamp({ SOURCE_DATE_EPOCH: '-5' }, () => 42)).toThrow(/SOURCE_DATE_EPOCH/);
  });
});
