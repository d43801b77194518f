/**
 * The `plenary` bin (dist/cli.js) runs `solve` in a node whose pool of V8
 * compiler threads is sized to the machine (src/cli/runtime.ts): the relaunch
 * happens exactly when it should, carries the flag, and never outlives the bin.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsRelaunch, SOLVE_NODE_FLAGS } from '../src/cli/runtime.js';
import { conference, mShape } from '../bench/gen-conference.js';

const CLI = join(process.cwd(), 'dist/cli.js');
const SG12 = 'examples/sg12-2021-05/meeting.json';

describe('needsRelaunch', () => {
  it('relaunches solve only, and leaves a pool size or debugger the user chose alone', () => {
    expect(SOLVE_NODE_FLAGS).toEqual(['--v8-pool-size=0']);
    expect(needsRelaunch(['solve', 'm.json'], [], {})).toBe(true);
    expect(needsRelaunch(['solve', 'm.json'], ['--enable-source-maps'], { NODE_OPTIONS: '--max-old-space-size=4096' })).toBe(true);
    for (const cmd of ['check', 'ics', 'expand', 'slots', 'spread', '--help', '--version']) expect(needsRelaunch([cmd, 'm.json'], [], {})).toBe(false);
    expect(needsRelaunch([], [], {})).toBe(false);
    expect(needsRelaunch(['solve', 'm.json'], ['--v8-pool-size=4'], {})).toBe(false);
    expect(needsRelaunch(['solve', 'm.json'], [], { NODE_OPTIONS: '--enable-source-maps --v8-pool-size=2' })).toBe(false);
    expect(needsRelaunch(['solve', 'm.json'], ['--inspect-brk'], {})).toBe(false);
  });
});

/** Pids of the processes whose parent is `pid` (Linux: /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const cmdline = (pid: number): string[] => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
const alive = (pid: number): boolean => existsSync(`/proc/${pid}`) && !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

describe.runIf(process.platform === 'linux')('the plenary bin', () => {
  it('runs solve in a node started with the flag, passes SIGTERM on and ends by it, leaving no process behind', async () => {
    const out = mkdtempSync(join(tmpdir(), 'plenary-launch-'));
    const bin = spawn(process.execPath, [CLI, 'solve', SG12, '--out', out, '--time-limit', '60000'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let kids: number[] = [];
    for (let i = 0; i < 200 && kids.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
      kids = childrenOf(bin.pid!);
    }
    expect(kids).toHaveLength(1);
    const args = cmdline(kids[0]!);
    expect(args.slice(1, 2)).toEqual(['--v8-pool-size=0']);
    expect(args.slice(2)).toEqual([join(process.cwd(), 'dist/cli-main.js'), 'solve', SG12, '--out', out, '--time-limit', '60000']);
    const ended = new Promise<[number | null, NodeJS.Signals | null]>((r) => bin.on('exit', (code, signal) => r([code, signal])));
    const t0 = Date.now();
    bin.kill('SIGTERM');
    expect(await ended).toEqual([null, 'SIGTERM']);
    expect(Date.now() - t0).toBeLessThan(5000);
    // gone: no live process under its pid with its command line (a busy machine may give the pid to another)
    const ours = (pid: number): boolean => {
      try {
        return alive(pid) && cmdline(pid).join('\0') === args.join('\0');
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && ours(kids[0]!); i++) await new Promise((r) => setTimeout(r, 20));
    expect(ours(kids[0]!)).toBe(false);
    expect(existsSync(join(out, 'timetable.json'))).toBe(false);
  });

  it('on Ctrl-C during a search without a time limit, stops it and writes the best timetable found so far', async () => {
    // M1 of the benchmark (152 sessions), 50 million iterations: minutes, were it not stopped
    const dir = mkdtempSync(join(tmpdir(), 'plenary-interrupt-'));
    const spec = join(dir, 'm1.json');
    writeFileSync(spec, JSON.stringify(conference(mShape(1), 1).spec));
    const out = join(dir, 'out');
    const bin = spawn(process.execPath, [CLI, 'solve', spec, '--out', out, '--iterations', '50000000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    bin.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    bin.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const ended = new Promise<[number | null, NodeJS.Signals | null]>((r) => bin.on('exit', (code, signal) => r([code, signal])));
    await new Promise((r) => setTimeout(r, 2500));
    bin.kill('SIGINT'); // the bin passes it on to the solve it relaunched
    expect(await ended).toEqual([0, null]);
    expect(stderr).toMatch(/stopping, to write the best timetable found so far/);
    expect(stderr).toMatch(/stopped by Ctrl-C after [\d,]+ iterations/);
    expect(stdout).toMatch(/^feasible: hard 0 /);
    const timetable = JSON.parse(readFileSync(join(out, 'timetable.json'), 'utf8')) as { solver: { iterations: number }; score: { total: number } };
    expect(timetable.solver.iterations).toBeLessThan(20_000_000);
    const check = spawnSync(process.execPath, [CLI, 'check', spec, join(out, 'timetable.json'), '--json'], { encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect((JSON.parse(check.stdout) as { score: { total: number } }).score.total).toBe(timetable.score.total);
    expect(existsSync(join(out, 'calendar.ics'))).toBe(true);
  });

  it('keeps the exit code and output of the relaunched solve', () => {
    const out = mkdtempSync(join(tmpdir(), 'plenary-launch-'));
    const ok = spawnSync(process.execPath, [CLI, 'solve', SG12, '--out', out, '--iterations', '3000'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^feasible: hard 0 /);
    expect(existsSync(join(out, 'timetable.json'))).toBe(true);
    const bad = spawnSync(process.execPath, [CLI, 'solve', join(out, 'missing.json')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/missing\.json.*cannot read/);
    // the same answer in one process when the user sets the pool size
    const own = spawnSync(process.execPath, ['--v8-pool-size=2', CLI, 'solve', SG12, '--out', out, '--iterations', '3000'], { encoding: 'utf8' });
    expect(own.status).toBe(0);
    expect(own.stdout).toBe(ok.stdout);
  });

  it('runs solve in its own process when the user set the pool size', async () => {
    const out = mkdtempSync(join(tmpdir(), 'plenary-launch-'));
    const bin = spawn(process.execPath, [CLI, 'solve', SG12, '--out', out, '--time-limit', '60000'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_OPTIONS: '--v8-pool-size=1' } });
    // the relaunch above shows within 25–100 ms; give it far longer
    for (let i = 0; i < 30; i++) {
      await new Promise((r) => setTimeout(r, 50));
      expect(childrenOf(bin.pid!)).toEqual([]);
    }
    const ended = new Promise((r) => bin.on('exit', r));
    bin.kill('SIGTERM');
    await ended;
  });
});
