/**
 * The scripts in examples/scripts/ run against the built package (imported by
 * its name, as a user would) and produce what the README says.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { check } from '../src/timetable/check.js';
import { loadMeeting } from '../src/spec/read.js';

function run(script: string, args: string[] = [], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join('examples/scripts', script), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const meeting = loadMeeting(JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8')));

describe('examples/scripts', () => {
  it('solve-with-progress.mjs solves SG12, reports progress and a score that check() confirms', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'plenary-ex-')), 'timetable.json');
    const r = run('solve-with-progress.mjs', ['examples/sg12-2021-05/meeting.json', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ +0 iterations {2}hard \d+ {2}total \d+$/m);
    const total = Number(/^total (\d+) = /m.exec(r.stdout)![1]);
    const timetable = JSON.parse(readFileSync(out, 'utf8'));
    const recomputed = check(meeting, timetable);
    expect(recomputed.status).toBe('feasible');
    expect(recomputed.score.total).toBe(total);
    expect(r.stdout).toContain('conflict: Σ overlapping pairs');
  });

  it('solve-with-progress.mjs explains a bad spec with one line per problem and exit 2', () => {
    const r = run('solve-with-progress.mjs', ['examples/sg12-2021-05/draft-timetable.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^examples\/sg12-2021-05\/draft-timetable\.json: format: expected "plenary\.meeting\/1"/);
  });

  it('rapporteur-invitations.mjs writes the Question calendar and one invitation per expert', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-inv-'));
    const r = run('rapporteur-invitations.mjs', ['Q5/12', dir], { SOURCE_DATE_EPOCH: '1618905600' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const q5 = meeting.groupIndex.get('Q5/12')!;
    const experts = meeting.people.filter((p) => p.attendedGroups.has(q5)).map((p) => `${p.id}.ics`).sort();
    expect(readdirSync(join(dir, 'people')).sort()).toEqual(experts);
    const group = ICAL.Component.fromString(readFileSync(join(dir, 'Q5-12.ics'), 'utf8'));
    expect(group.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('uid')).sort()).toEqual(['q5-12-1@itu-t-sg12-2021-05', 'q5-12-2@itu-t-sg12-2021-05', 'q5-12-3@itu-t-sg12-2021-05']);
    const li = ICAL.Component.fromString(readFileSync(join(dir, 'people/q5-rapp.ics'), 'utf8'));
    expect(li.getFirstPropertyValue('method')).toBe('REQUEST');
    const q5Event = li.getAllSubcomponents('vevent').find((e) => e.getFirstPropertyValue('uid') === 'q5-12-1@itu-t-sg12-2021-05')!;
    expect(q5Event.getFirstProperty('attendee')!.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(r.stdout).toContain('Li Na (李娜) (Asia/Shanghai), required at Q5/12');
  });

  it('planner-core-hours.mjs compares core hours and lists suggestions beside the current position', () => {
    const r = run('planner-core-hours.mjs');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => /^\d\d:\d\d–\d\d:\d\d, \d\d:\d\d–\d\d:\d\d +pain +\d+/.test(l))).toHaveLength(3);
    expect(r.stdout).toMatch(/now 11:30–15:00: total \d+, worst off America\/Los_Angeles/);
    expect(r.stdout).toMatch(/cheaper in total: .* \(-\d+\)/);
  });
});
