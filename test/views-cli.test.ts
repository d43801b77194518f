/**
 * `plenary spread` and `plenary slots` on the SG12 meeting: output, JSON,
 * exit codes 0 and 2.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, tempFile } from './cli.js';

const SPEC = 'examples/sg12-2021-05/meeting.json';
const DRAFT = 'examples/sg12-2021-05/draft-timetable.json';

describe('plenary spread', () => {
  it('prints the table of every zone and block, one stretch of days for SG12', async () => {
    const r = await runCli(['spread', SPEC]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('== 2021-05-04 … 2021-05-13 (8 days)');
    expect(r.stdout).toMatch(/America\/Los_Angeles +3 +1 +00:30–02:00 night +02:30–04:00 night/);
    expect(r.stdout).toMatch(/Asia\/Tokyo +6 +2 +16:30–18:00 working +18:30–20:00 late/);
    expect(r.stdout).toContain('working = penalty 0');
  });

  it('prints JSON for one date', async () => {
    const r = await runCli(['spread', SPEC, '--date', '2021-05-05', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.days).toHaveLength(1);
    expect(s.days[0].day).toBe(2);
    const core1 = s.days[0].blocks.find((b: { block: string }) => b.block === 'core1');
    expect(core1.zones.find((z: { zone: string }) => z.zone === 'Asia/Kolkata').start.time).toBe('15:00');
  });

  it('suggests core positions, as text and JSON', async () => {
    const t = await runCli(['spread', SPEC, '--suggest']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('current   11:30–15:00');
    expect(t.stdout).toContain('by total pain');
    expect(t.stdout).toContain('by the worst-off zone');
    const j = await runCli(['spread', SPEC, '--suggest', '--json', '--group', 'Q12/12']);
    expect(j.code).toBe(0);
    const s = JSON.parse(j.stdout);
    expect(s.audience.group).toBe('Q12/12');
    for (const p of s.byTotal) expect(p.total).toBeLessThanOrEqual(s.current.total);
  });

  it('exits 2 on bad input', async () => {
    const bad = await runCli(['spread', SPEC, '--date', '2021-13-01']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--date: expected a date YYYY-MM-DD/);
    const group = await runCli(['spread', SPEC, '--group', 'Q99/12']);
    expect(group.code).toBe(2);
    expect(group.stderr).toMatch(/--group: unknown group "Q99\/12"/);
    const missing = await runCli(['spread', 'no-such-file.json']);
    expect(missing.code).toBe(2);
    const spec = await runCli(['spread', tempFile({ format: 'plenary.meeting/1' })]);
    expect(spec.code).toBe(2);
    expect(spec.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('names every problem at once, one line each', async () => {
    const both = await runCli(['spread', SPEC, '--date', '2021-02-30', '--group', 'nope']);
    expect(both.code).toBe(2);
    expect(both.stderr.split('\n').filter(Boolean)).toEqual([
      'plenary spread: --date: expected a date YYYY-MM-DD, got "2021-02-30"',
      expect.stringMatching(/^plenary spread: --group: unknown group "nope": expected one of SG12, /),
    ]);
    // the last day four digits write: a block may end on the next one, which they cannot
    const last = await runCli(['spread', SPEC, '--date', '9999-12-31', '--suggest']);
    expect(last.code).toBe(2);
    expect(last.stderr).toBe('plenary spread: --date: expected a date up to 9999-12-30 (a block may end on the next day), got "9999-12-31"\n');
  });
});

describe('plenary slots', () => {
  it('ranks the places for one more session of a Question', async () => {
    const r = await runCli(['slots', SPEC, DRAFT, '--group', 'Q5/12', '--minutes', '90', '--top', '3']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/one more 90-minute session of Q5\/12: \d+ of \d+ possible starts break no rule/);
    expect(r.stdout).toMatch(/ {2}1\. day \d 2021-05-\d\d \d\d:\d\d–\d\d:\d\d /);
    expect(r.stdout).toContain('local: ');
    const j = await runCli(['slots', SPEC, DRAFT, '--group', 'Q5/12', '--minutes', '90', '--json']);
    const out = JSON.parse(j.stdout);
    expect(out.slots.length).toBeGreaterThan(3);
    expect(out.slots[0].rank).toBe(1);
  });

  it('exits 2 on bad input', async () => {
    const noGroup = await runCli(['slots', SPEC, DRAFT, '--minutes', '90']);
    expect(noGroup.code).toBe(2);
    expect(noGroup.stderr).toMatch(/--group: required/);
    const unknown = await runCli(['slots', SPEC, DRAFT, '--group', 'Q99/12', '--minutes', '90']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown group/);
    const off = await runCli(['slots', SPEC, DRAFT, '--group', 'Q5/12', '--minutes', '100']);
    expect(off.code).toBe(2);
    expect(off.stderr).toMatch(/--minutes: .*multiple of the grid \(15\)/);
    const notNumber = await runCli(['slots', SPEC, DRAFT, '--group', 'Q5/12', '--minutes', 'ninety']);
    expect(notNumber.code).toBe(2);
    const huge = await runCli(['slots', SPEC, DRAFT, '--group', 'Q5/12', '--minutes', '99999999999999999999']);
    expect(huge.stderr).toBe('plenary slots: --minutes: expected an integer from 1 to 9007199254740991, got "99999999999999999999"\n');
  });

  it('names every problem at once, one line each: options, then the spec’s group and minutes, then the timetable', async () => {
    const other = tempFile({ ...JSON.parse(readFileSync(DRAFT, 'utf8')), meeting: 'another-meeting' });
    const r = await runCli(['slots', SPEC, other, '--group', 'Q99/12', '--minutes', '20', '--top', '0']);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('plenary slots: --top: expected an integer >= 1, got "0"');
    expect(lines[1]).toMatch(/^plenary slots: --group: unknown group "Q99\/12": expected one of /);
    expect(lines[2]).toBe('plenary slots: --minutes: expected minutes that are a positive multiple of the grid (15), got 20');
    expect(lines[3]).toMatch(/: meeting: expected the id of the meeting being checked \("itu-t-sg12-2021-05"\), got "another-meeting"$/);
    // a missing option brings the usage line, after the problems
    const missing = await runCli(['slots', SPEC, DRAFT, '--minutes', '20']);
    expect(missing.stderr.split('\n').filter(Boolean)).toEqual([
      'plenary slots: --group: required',
      'plenary slots: --minutes: expected minutes that are a positive multiple of the grid (15), got 20',
      'usage: plenary slots SPEC TIMETABLE --group G --minutes M [--top N] [--json]',
    ]);
  });
});

describe('the plenary/tz subpath export', () => {
  it('resolves for import and require, types first', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const pkg = require('../package.json') as { exports: Record<string, Record<string, Record<string, string>>> };
    expect(Object.keys(pkg.exports['./tz']!.import!)).toEqual(['types', 'default']);
    expect(Object.keys(pkg.exports['./tz']!.require!)).toEqual(['types', 'default']);
    const cjs = require('plenary/tz') as Record<string, unknown>;
    expect(typeof cjs.spreadOf).toBe('function');
    const esm = (await import(/* @vite-ignore */ pkg.exports['./tz']!.import!.default!.replace('./', '../'))) as Record<string, unknown>;
    expect(typeof esm.suggestCore).toBe('function');
  });
});
