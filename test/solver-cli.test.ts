import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
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
