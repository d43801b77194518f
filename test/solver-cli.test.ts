import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMeeting } from '../src/spec/read.js';
import { check } from '../src/timetable/check.js';
import { timetableToJson } from '../src/timetable/timetable.js';
import { solve } from '../src/solver/solve.js';
import { solvePortfolio } from '../src/solver/parallel.js';
import { runCli, tempFile } from './cli.js';
import { CORE_OVERFLOW } from './solver-fixtures.js';

const SG12 = 'examples/sg12-2021-05/meeting.json';
const outDir = () => mkdtempSync(join(tmpdir(), 'plenary-solve-'));
const withoutMs = (json: string) => json.replace(/"ms": \d+/, '"ms": 0');
const sg12 = () => loadMeeting(JSON.parse(readFileSync(SG12, 'utf8')));

describe('plenary solve', () => {
  it('makes its folders before writing anything: a file in the way fails with exit 2 and leaves no output', async () => {
    const out = outDir();
    writeFileSync(join(out, 'ics'), 'not a folder');
    const r = await runCli(['solve', SG12, '--out', out, '--iterations', '2000']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // the file in the way named once, in words (not node's "ENOTDIR: not a directory, mkdir '…/ics/groups'")
    expect(r.stderr.trimEnd().split('\n')).toEqual([`plenary solve: ${join(out, 'ics')}: is a file, expected a directory`]);
    expect(readdirSync(out)).toEqual(['ics']);
    // --out naming a file, for solve and ics
    const file = join(out, 'ics');
    const solved = await runCli(['solve', SG12, '--out', file, '--iterations', '2000']);
    expect([solved.code, solved.stderr]).toEqual([2, `plenary solve: ${file}: is a file, expected a directory\n`]);
    const good = outDir();
    expect((await runCli(['solve', SG12, '--out', good, '--iterations', '2000'])).code).toBe(0);
    const cal = await runCli(['ics', SG12, join(good, 'timetable.json'), '--out', file]);
    expect([cal.code, cal.stderr]).toEqual([2, `plenary ics: ${file}: is a file, expected a directory\n`]);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it.skipIf(!existsSync('/proc/self'))('refuses an --out that cannot be made at once, in one line (node\'s recursive mkdir looped for ever under /proc)', async () => {
    const t0 = Date.now();
    const r = await runCli(['solve', SG12, '--out', '/proc/plenary-nope/out', '--iterations', '2000']);
    expect([r.code, r.stderr]).toEqual([2, 'plenary solve: /proc/plenary-nope: cannot create this directory (no such file)\n']);
    const cal = await runCli(['ics', SG12, 'examples/sg12-2021-05/draft-timetable.json', '--out', '/proc/plenary-nope']);
    expect([cal.code, cal.stderr]).toEqual([2, 'plenary ics: /proc/plenary-nope: cannot create this directory (no such file)\n']);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('removes the staged files a run interrupted while writing left behind, not those of a run writing now', async () => {
    const out = outDir();
    mkdirSync(join(out, 'ics', 'people'), { recursive: true });
    // pid 999999999 is above Linux's pid_max: no such process; this process's parent runs (a run writing now)
    const orphans = ['.timetable.json.999999999.tmp', join('ics', 'people', '.kwame.ics.999999999.tmp'), join('ics', '.cancelled.ics.999999999.tmp')];
    const live = join('ics', 'people', `.kwame.ics.${process.ppid}.tmp`);
    for (const f of [...orphans, live]) writeFileSync(join(out, f), 'partial');
    expect((await runCli(['solve', SG12, '--out', out, '--iterations', '2000'])).code).toBe(0);
    for (const f of orphans) expect(existsSync(join(out, f)), f).toBe(false);
    expect(existsSync(join(out, live))).toBe(true);
  });

  it('ics says how many sessions of the spec a timetable leaves out (its calendars have no events for them)', async () => {
    const draft = JSON.parse(readFileSync('examples/sg12-2021-05/draft-timetable.json', 'utf8')) as { sessions: { id: string }[] };
    const left = draft.sessions.slice(40).map((s) => s.id);
    const file = tempFile({ ...draft, sessions: draft.sessions.slice(0, 40) }, 'half.json');
    const r = await runCli(['ics', SG12, file, '--out', outDir()]);
    expect(r.code).toBe(0);
    const warning = r.stderr.split('\n').find((l) => l.includes('are not in the timetable'));
    expect(warning).toMatch(/^plenary ics: warning: 8 of the spec's 48 sessions are not in the timetable \(([^,]+), ([^,]+), ([^,]+), …\): the calendars have no events for them; `plenary check` lists them$/);
    for (const id of warning!.match(/\(([^)]*)\)/)![1]!.split(', ').filter((x) => x !== '…')) expect(left).toContain(id);
  });

  it('removes the calendars of an earlier run into the same folder that the new timetable no longer has', async () => {
    // two people and a group of the first spec are gone from the second; a cancellation file of a re-planning goes too
    const spec = (people: string[], group: string) => ({
      format: 'plenary.meeting/1',
      id: 'stale',
      title: 'Stale calendars',
      timeZone: 'Europe/Zurich',
      days: { from: '2021-05-04', to: '2021-05-05' },
      blocks: [{ id: 'b', start: '11:00', end: '13:00' }],
      tracks: 2,
      grid: 15,
      groups: [{ id: 'SG' }, { id: group, parent: 'SG' }],
      people: people.map((id) => ({ id, email: `${id}@example.org`, attends: [group] })),
      sessions: [{ id: 'open', group: 'SG', minutes: 60 }, { id: 'x1', group, minutes: 60 }],
    });
    const out = outDir();
    const first = await runCli(['solve', tempFile(spec(['p0', 'p1', 'p2'], 'G2')), '--out', out, '--iterations', '500']);
    expect(first.code).toBe(0);
    writeFileSync(join(out, 'ics', 'cancelled.ics'), 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    writeFileSync(join(out, 'ics', 'people', 'notes.txt'), 'mine');
    const second = await runCli(['solve', tempFile(spec(['p0'], 'G9')), '--out', out, '--iterations', '500']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('removed 4 calendars of an earlier run that this timetable no longer has');
    expect(readdirSync(join(out, 'ics', 'people')).sort()).toEqual(['notes.txt', 'p0.ics']);
    expect(readdirSync(join(out, 'ics', 'groups')).sort()).toEqual(['G9.ics', 'SG.ics']);
    expect(existsSync(join(out, 'ics', 'cancelled.ics'))).toBe(false);
  });

  it('writes its output all or none: a write failing part-way leaves the earlier output as it was, and no staged file behind', async () => {
    const out = outDir();
    const first = await runCli(['solve', SG12, '--out', out, '--iterations', '2000', '--seed', '1']);
    expect(first.code).toBe(0);
    const snapshot = () => {
      const files: Record<string, string> = {};
      const walk = (rel: string) => {
        for (const e of readdirSync(join(out, rel), { withFileTypes: true })) {
          const r = rel ? `${rel}/${e.name}` : e.name;
          if (e.isDirectory()) walk(r);
          else files[r] = readFileSync(join(out, r), 'utf8');
        }
      };
      walk('');
      return files;
    };
    const before = snapshot();
    const people = readdirSync(join(out, 'ics', 'people')).sort();
    // a person's calendar (late in the output) cannot be staged: its temporary name is taken by a folder
    const blocker = join(out, 'ics', 'people', `.${people[people.length - 1]}.${process.pid}.tmp`);
    mkdirSync(blocker);
    for (const command of [['solve', SG12, '--out', out, '--iterations', '2000', '--seed', '2'], ['ics', SG12, join(out, 'timetable.json'), '--out', out]]) {
      const r = await runCli(command);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^plenary (solve|ics): .*\.tmp: is a directory, expected a file$/)]);
      rmSync(blocker, { recursive: true });
      expect(snapshot()).toEqual(before); // the seed-1 output, whole; nothing of seed 2; no .tmp file left
      mkdirSync(blocker);
    }
    rmSync(blocker, { recursive: true });
    const second = await runCli(['solve', SG12, '--out', out, '--iterations', '2000', '--seed', '2']);
    expect(second.code).toBe(0);
    expect(readFileSync(join(out, 'timetable.json'), 'utf8')).toContain('"seed": 2');
  });

  it('exit 0 on a feasible meeting; writes the timetable (check agrees), the time plan, the report and the calendars', async () => {
    const out = outDir();
    const r = await runCli(['solve', SG12, '--out', out, '--iterations', '30000', '--seed', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^feasible: hard 0 · comfort \d+ · conflict \d+ · fairness \d+ · stability 0 · total \d+\n/);
    expect(r.stdout).toContain(`wrote `);
    for (const f of ['timetable.json', 'timeplan.md', 'report.html', 'calendar.ics']) expect(existsSync(join(out, f))).toBe(true);
    const doc = JSON.parse(readFileSync(join(out, 'timetable.json'), 'utf8'));
    expect(doc.status).toBe('feasible');
    expect(doc.solver).toMatchObject({ seed: 2, iterations: 30000 });
    const meeting = sg12();
    expect(check(meeting, doc).score).toEqual(doc.score);
    // the same as the library with the same seed and iterations
    expect(withoutMs(readFileSync(join(out, 'timetable.json'), 'utf8'))).toBe(withoutMs(timetableToJson(solve(meeting, { seed: 2, iterations: 30000 }).timetable)));
  });

  it('exit 3 on an infeasible meeting, files still written with the violations and the diagnosis', async () => {
    const out = outDir();
    const r = await runCli(['solve', tempFile(CORE_OVERFLOW), '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^infeasible: hard \d+/);
    expect(r.stdout).toContain('diagnosis:');
    expect(r.stdout).toContain('core capacity: 3 sessions may only run in core blocks');
    const doc = JSON.parse(readFileSync(join(out, 'timetable.json'), 'utf8'));
    expect(doc.status).toBe('infeasible');
    expect(doc.violations.length).toBeGreaterThan(0);
    expect(doc.diagnosis.some((d: string) => d.startsWith('core capacity'))).toBe(true);
    expect(existsSync(join(out, 'timeplan.md'))).toBe(true);
  });

  it('exit 2 on bad input, one line per problem and no stack trace', async () => {
    const missing = await runCli(['solve', join(outDir(), 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: \(root\): cannot read: no such file\n$/);
    const badSpec = await runCli(['solve', tempFile({ format: 'plenary.meeting/1', id: 'x' })]);
    expect(badSpec.code).toBe(2);
    expect(badSpec.stderr).not.toMatch(/at .*\.ts:\d+/);
    for (const args of [['--seed', 'one'], ['--iterations', '0'], ['--time-limit', '-5'], ['--workers', '0'], ['--locale', 'xx'], ['--bogus']]) {
      const r = await runCli(['solve', SG12, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')[0]).toMatch(/^plenary solve: /);
    }
    expect((await runCli(['solve'])).code).toBe(2);
    // a negative number is the option's value, with the option's own message
    const negative = await runCli(['solve', SG12, '--seed', '-1']);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toBe('plenary solve: --seed: expected an integer >= 0, got "-1"\n');
    // every problem at once, one line each: the options, then the files
    const several = await runCli(['solve', SG12, '--seed', 'one', '--iterations', '0', '--workers', '65', '--locale', 'xx', '--previous', 'no-such-previous.json']);
    expect(several.code).toBe(2);
    expect(several.stderr.split('\n').filter(Boolean)).toEqual([
      'plenary solve: --seed: expected an integer >= 0, got "one"',
      'plenary solve: --iterations: expected an integer >= 1, got "0"',
      'plenary solve: --workers: expected at most 64, got 65',
      'plenary solve: --locale: expected one of en, fr, zh, got "xx"',
      'no-such-previous.json: (root): cannot read: no such file',
    ]);
  });

  it('the built bin gives the same timetable under other process time zones', () => {
    const meeting = sg12();
    const expected = withoutMs(timetableToJson(solve(meeting, { seed: 5, iterations: 25000 }).timetable));
    // getTimezoneOffset() of 2021-05-04 in each zone: proof that the child really runs there
    const offsets: Record<string, string> = { 'Pacific/Apia': '-780', 'America/St_Johns': '150', 'Asia/Kathmandu': '-345' };
    for (const [tz, offset] of Object.entries(offsets)) {
      const out = outDir();
      const r = spawnSync(process.execPath, ['dist/cli.js', 'solve', SG12, '--out', out, '--seed', '5', '--iterations', '25000'], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const local = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(new Date(Date.UTC(2021,4,4)).getTimezoneOffset()))'], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
      expect(local).toBe(offset);
      expect(withoutMs(readFileSync(join(out, 'timetable.json'), 'utf8'))).toBe(expected);
    }
  });

  it('--workers runs a portfolio in worker threads: the best seed wins, the same as in one thread', async () => {
    const out = outDir();
    const r = spawnSync(process.execPath, ['dist/cli.js', 'solve', SG12, '--out', out, '--seed', '3', '--iterations', '20000', '--workers', '2'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const expected = await solvePortfolio(sg12(), { workers: 2, seed: 3, iterations: 20000 }, undefined);
    expect(withoutMs(readFileSync(join(out, 'timetable.json'), 'utf8'))).toBe(withoutMs(timetableToJson(expected.timetable)));
  });

  it('--workers with a time limit too short for the workers to start says so, and keeps the first seed', () => {
    const out = outDir();
    const r = spawnSync(process.execPath, ['dist/cli.js', 'solve', SG12, '--out', out, '--seed', '4', '--time-limit', '1', '--workers', '3'], { encoding: 'utf8' });
    expect([0, 3]).toContain(r.status);
    expect(r.stderr).toMatch(/\(seed 4, best of 1 seed; 2 did not start before the time limit\)/);
    expect(JSON.parse(readFileSync(join(out, 'timetable.json'), 'utf8')).solver.seed).toBe(4);
  });

  it('is byte for byte reproducible with SOURCE_DATE_EPOCH (but for solver.ms)', () => {
    const run = () => {
      const out = outDir();
      const r = spawnSync(process.execPath, ['dist/cli.js', 'solve', SG12, '--out', out, '--iterations', '5000'], { env: { ...process.env, SOURCE_DATE_EPOCH: '1620000000' }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return ['timetable.json', 'calendar.ics', 'timeplan.md'].map((f) => withoutMs(readFileSync(join(out, f), 'utf8')));
    };
    expect(run()).toEqual(run());
  });
});
