/**
 * `npm run bench [-- --only S,M --quick --seeds N --highs-limit S --fresh-highs --no-highs]`
 *
 * For each instance: plenary solves it with budgets of 100 ms, 1 s (and 5 s
 * for L, longer for M to time the optimum) in fresh child processes, node
 * started as `plenary solve` starts it (src/cli/runtime.ts); every
 * answer is checked with `evaluate`; HiGHS solves the time-indexed MIP from
 * plenary's best answer. Prints a Markdown table and writes JSON to
 * bench/results/.
 *
 * HiGHS's results are cached in bench/results/highs-cache.json under the
 * instance, its spec's hash, the MIP's digest (built afresh on every run, in
 * a child process, which also checks that the MIP prices plenary's answer as
 * `evaluate` does) and HiGHS's version and settings: a cached proof is reused
 * unless `--fresh-highs`; the tables say which figures come from the cache and
 * when they were measured.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOLVE_NODE_FLAGS } from '../src/cli/runtime.js';
import { evaluate } from '../src/timetable/constraints.js';
import { loadInstance, repoRoot, selectInstances } from './instances.js';
import type { InstanceDef, Size } from './instances.js';
import { checkHighs, checkPlenary } from './check.js';
import type { ChildJob, HighsReport, MipReport, PlenaryReport } from './jobs.js';
import { evaluateTargets, renderTable } from './report.js';
import { DEFAULT_FORMULATION } from './mip.js';
import { largeSpec, OVERSIZED, TOO_LARGE } from '../test/solver-large-gen.js';
import type { ConflictFormulation } from './mip.js';
import type { BenchResult, InstanceResult, PlenaryRun } from './report.js';

interface Options {
  only: string[];
  quick: boolean;
  seeds: number | undefined;
  highsLimit: number | undefined;
  freshHighs: boolean;
  noHighs: boolean;
  highsLog: boolean;
  /** Write the selected instances' specs (and the oversized test meeting) into this folder, and nothing else. */
  exportDir: string | undefined;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { only: [], quick: false, seeds: undefined, highsLimit: undefined, freshHighs: false, noHighs: false, highsLog: false, exportDir: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--only') o.only.push(...value().split(',').filter(Boolean));
    else if (a.startsWith('--only=')) o.only.push(...a.slice(7).split(',').filter(Boolean));
    else if (a === '--quick') o.quick = true;
    else if (a === '--seeds') o.seeds = Number(value());
    else if (a === '--highs-limit') o.highsLimit = Number(value());
    else if (a === '--reuse-highs') o.freshHighs = false;
    else if (a === '--fresh-highs') o.freshHighs = true;
    else if (a === '--no-highs') o.noHighs = true;
    else if (a === '--highs-log') o.highsLog = true;
    else if (a === '--export') o.exportDir = value();
    else if (a === '--help' || a === '-h') {
      process.stdout.write(
        [
          'npm run bench -- [options]',
          '  --only S,M1,L      instances or sizes (SG12, S, M, L; S1, S2, S3, M1, M2, L1)',
          '  --quick            one seed, short budgets and HiGHS limits',
          '  --seeds N          plenary seeds per instance (default 3; 1 for L)',
          '  --highs-limit S    HiGHS time limit in seconds (default by size)',
          '  --fresh-highs      run HiGHS even where bench/results/highs-cache.json has its result for the',
          '                     same spec, MIP and HiGHS setup (reused by default; a proof is reused whatever',
          '                     the time limit, a stopped run only for the same limit)',
          '  --no-highs         plenary only (gaps against a cached HiGHS result when there is one)',
          '  --highs-log        print HiGHS log',
          '  --export DIR       only write the instances\' specs to DIR/<name>.json (plenary.meeting/1, or the',
          '                     SG12 preset), oversized.json and too-large.json: the 10,000-session meeting and the',
          '                     40,000-session spec of test/solver-large.test.ts',
          '',
        ].join('\n'),
      );
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  return o;
}

/** Budgets per size: plenary's time limits (ms), seeds, HiGHS's limit (s) and conflict-cell budget. */
interface Plan {
  readonly budgets: readonly number[];
  /** The run whose progress times the optimum (one of `budgets`). */
  readonly long: number;
  readonly seeds: number;
  readonly highsLimitS: number;
  readonly maxConflictCells: number | undefined;
}

function plan(size: Size, o: Options): Plan {
  const q = o.quick;
  const p: Plan =
    size === 'L'
      ? { budgets: [100, 1000, 5000], long: 5000, seeds: 1, highsLimitS: q ? 60 : 900, maxConflictCells: 150_000 }
      : size === 'M'
        ? { budgets: q ? [100, 1000, 2000] : [100, 1000, 20_000], long: q ? 2000 : 20_000, seeds: q ? 1 : 3, highsLimitS: q ? 60 : 1200, maxConflictCells: undefined }
        : { budgets: [100, 1000], long: 1000, seeds: q ? 1 : 3, highsLimitS: q ? 60 : 600, maxConflictCells: undefined };
  return { ...p, seeds: o.seeds ?? p.seeds, highsLimitS: o.highsLimit ?? p.highsLimitS };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const resultsDir = path.join(repoRoot(), 'bench', 'results');
const tmpDir = path.join(resultsDir, '.tmp');

let jobCounter = 0;
/** Runs one job in a fresh node process and returns its report. */
function runChild<R>(job: ChildJob, timeoutMs: number): Promise<R> {
  mkdirSync(tmpDir, { recursive: true });
  const id = `${process.pid}-${++jobCounter}`;
  const jobFile = path.join(tmpDir, `job-${id}.json`);
  const outFile = path.join(tmpDir, `out-${id}.json`);
  writeFileSync(jobFile, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    // plenary's runs start node as `plenary solve` does (src/cli/runtime.ts); HiGHS's with node's defaults
    const flags = job.kind === 'plenary' ? SOLVE_NODE_FLAGS : [];
    const child = spawn(process.execPath, [...flags, '--enable-source-maps', path.join(here, 'child.mjs'), jobFile, outFile], { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (job.kind === 'highs' && job.log) process.stderr.write(d);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ok = code === 0 && existsSync(outFile);
      const report = ok ? (JSON.parse(readFileSync(outFile, 'utf8')) as R) : undefined;
      rmSync(jobFile, { force: true });
      rmSync(outFile, { force: true });
      if (report !== undefined) resolve(report);
      else reject(new Error(`child ${job.kind} ${job.instance} ended with ${signal ?? `code ${code}`}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

const log = (s: string) => process.stderr.write(`${s}\n`);

function specHash(def: InstanceDef): string {
  return createHash('sha256').update(JSON.stringify(def.make().spec)).digest('hex').slice(0, 16);
}

/** A HiGHS report and where it comes from: measured in this run or reused from the cache. */
interface HighsSummaryIn {
  readonly report: HighsReport;
  readonly source: 'measured' | 'cache';
}

interface CacheEntry {
  readonly key: string;
  readonly report: HighsReport;
}

function readCache(): CacheEntry[] {
  const f = path.join(resultsDir, 'highs-cache.json');
  if (!existsSync(f)) return [];
  try {
    return JSON.parse(readFileSync(f, 'utf8')) as CacheEntry[];
  } catch {
    return [];
  }
}

function writeCache(entries: CacheEntry[]): void {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'highs-cache.json'), JSON.stringify(entries));
}

async function benchInstance(def: InstanceDef, o: Options, cache: CacheEntry[]): Promise<InstanceResult> {
  const p = plan(def.size, o);
  const { meeting, hidden } = loadInstance(def);
  const hash = specHash(def);
  const errors: string[] = [];
  if (hidden) {
    const h = evaluate(meeting, hidden, { countOnly: true });
    if (h.status !== 'feasible') errors.push(`the hidden placement breaks ${h.score.hard} hard rules: the generator is wrong`);
  }
  log(`\n${def.name}: ${meeting.sessions.length} sessions, ${meeting.tracks} tracks, ${meeting.people.length} people (spec ${hash})`);

  // plenary, every budget and seed in its own process
  const runs: PlenaryRun[] = [];
  for (let seed = 1; seed <= p.seeds; seed++) {
    for (const budget of p.budgets) {
      const r = await runChild<PlenaryReport>({ kind: 'plenary', instance: def.name, seed, timeLimitMs: budget }, budget + 120_000);
      const c = checkPlenary(meeting, r);
      if (c.problems.length) errors.push(`plenary seed ${seed} ${budget} ms: ${c.problems.join('; ')}`);
      runs.push({ seed, budget, total: c.score.total, hard: c.score.hard, feasible: c.feasible, wallMs: r.wallMs, iterations: r.iterations, maxRssBytes: r.maxRssBytes, trajectory: budget === p.long ? r.trajectory : [], starts: r.starts });
      log(`  plenary seed ${seed} ${budget} ms: ${c.feasible ? 'feasible' : `INFEASIBLE (${c.score.hard} hard)`} total ${c.score.total} in ${r.wallMs.toFixed(0)} ms, ${r.iterations} iterations, ${(r.maxRssBytes / 2 ** 20).toFixed(0)} MiB${c.problems.length ? ` — CHECK FAILED: ${c.problems.join('; ')}` : ''}`);
    }
  }
  const feasibleRuns = runs.filter((r) => r.feasible);
  const best = feasibleRuns.reduce<PlenaryRun | undefined>((a, r) => (!a || r.total < a.total ? r : a), undefined);

  // HiGHS from plenary's best answer: the exact model; where a plan allows it
  // (L), then a relaxation with the heaviest conflict pairs only, for a bound
  const highsFor = async (cells: number | undefined, formulation?: ConflictFormulation): Promise<HighsSummaryIn | undefined> => {
    const label = `  HiGHS${cells ? ` (relaxed: at most ${cells} conflict cells${formulation ? `, ${formulation} formulation` : ''})` : ''}`;
    // the MIP, built afresh in a child: its digest keys the cache; it must price plenary's answer as evaluate does
    let mj: MipReport;
    try {
      mj = await runChild<MipReport>({ kind: 'mip', instance: def.name, maxConflictCells: cells, ...(formulation ? { formulation } : {}), start: best?.starts ? [...best.starts] : undefined }, 900_000);
    } catch (e) {
      errors.push(`building the MIP failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    if (best && mj.startViolation !== undefined && mj.startViolation > 1e-9) errors.push(`plenary's answer violates the MIP by ${mj.startViolation}: the MIP forbids a feasible placement`);
    if (best && !mj.relaxed && mj.startObjective !== undefined && Math.abs(mj.startObjective - best.total) > 0.5) {
      errors.push(`the MIP prices plenary's answer at ${mj.startObjective}, evaluate at ${best.total}: the MIP is not the objective of SPEC §4`);
    }
    const key = `${def.name}|${hash}|${mj.digest}|${mj.setup}`;
    // a proof holds whatever the limit; a stopped run is reused only for the same limit
    const cached = cache.filter((e) => e.key === key).find((e) => e.report.status === 'optimal' || e.report.timeLimitS === p.highsLimitS)?.report;
    if (cached && !o.freshHighs) {
      log(`${label}: from the cache (${cached.status}, ${cached.seconds.toFixed(1)} s, measured ${cached.measuredAt ?? '?'}; MIP ${mj.digest})`);
      return { report: cached, source: 'cache' };
    }
    if (o.noHighs) return undefined;
    log(`${label}: solving MIP ${mj.digest} (limit ${p.highsLimitS} s)…`);
    let r: HighsReport;
    try {
      r = await runChild<HighsReport>({ kind: 'highs', instance: def.name, timeLimitS: p.highsLimitS, maxConflictCells: cells, ...(formulation ? { formulation } : {}), start: best?.starts ? [...best.starts] : undefined, log: o.highsLog }, p.highsLimitS * 1000 + 600_000);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      log(`  HiGHS failed: ${msg}`);
      r = { ...failedHighs(def.name, msg), digest: mj.digest, setup: mj.setup, stats: mj.stats, measuredAt: new Date().toISOString(), timeLimitS: p.highsLimitS };
    }
    if (r.digest !== undefined && r.digest !== mj.digest) errors.push(`HiGHS solved MIP ${r.digest}, not ${mj.digest}: the MIP is not deterministic`);
    for (let i = cache.length - 1; i >= 0; i--) if (cache[i]!.key === key && (r.status === 'optimal' || cache[i]!.report.timeLimitS === p.highsLimitS)) cache.splice(i, 1);
    cache.push({ key, report: r });
    writeCache(cache);
    log(`  HiGHS: ${r.status}, objective ${r.objective ?? '–'}, bound ${r.bound ?? '–'}, ${r.seconds.toFixed(1)} s, ${(r.maxRssBytes / 2 ** 20).toFixed(0)} MiB${r.relaxed ? ' (relaxed model: bound only)' : ''}${r.message ? ` (${r.message})` : ''}`);
    return { report: r, source: 'measured' };
  };
  let highs = await highsFor(undefined);
  let exact: HighsSummaryIn | undefined;
  if (highs && p.maxConflictCells !== undefined && highs.report.status !== 'optimal') {
    // the pairs formulation, heaviest pairs only: an LP that HiGHS solves at the root of L (the people one stalls there)
    const relaxed = await highsFor(p.maxConflictCells, 'pairs');
    // reported: the better of the two bounds (the exact model's run beside it)
    if (relaxed && (relaxed.report.bound ?? -Infinity) > (highs.report.bound ?? -Infinity)) {
      exact = highs;
      highs = relaxed;
    }
  }
  const ec = exact ? checkHighs(meeting, exact.report) : undefined;
  if (ec?.problems.length) errors.push(`HiGHS (exact model): ${ec.problems.join('; ')}`);
  const hc = highs ? checkHighs(meeting, highs.report) : undefined;
  if (hc?.problems.length) errors.push(`HiGHS: ${hc.problems.join('; ')}`);
  if (highs && best && highs.report.status === 'optimal' && !highs.report.relaxed && hc && best.total < hc.score.total) {
    errors.push(`plenary's ${best.total} is below HiGHS's proved optimum ${hc.score.total}${highs.source === 'cache' ? ' (cached)' : ''}: the MIP or the proof is wrong`);
  }
  for (const e of errors) log(`  ERROR: ${e}`);

  return {
    name: def.name,
    size: def.size,
    specHash: hash,
    sessions: meeting.sessions.length,
    tracks: meeting.tracks,
    people: meeting.people.length,
    zones: meeting.zones.length,
    candidates: meeting.sessions.reduce((a, s) => a + s.candidates.length, 0),
    plan: p,
    runs: runs.map(({ starts: _s, ...r }) => r),
    bestPlenary: best?.total,
    highs: highs ? { ...highs.report, starts: undefined, evaluated: hc?.score.total, source: highs.source } : undefined,
    highsExact: exact ? { ...exact.report, starts: undefined, evaluated: ec?.score.total, source: exact.source } : undefined,
    errors,
  };
}

function failedHighs(instance: string, message: string): HighsReport {
  return {
    kind: 'highs',
    instance,
    status: /SIGKILL|memory|Aborted/i.test(message) ? 'out of memory' : 'error',
    objective: undefined,
    bound: undefined,
    seconds: 0,
    loadSeconds: 0,
    buildSeconds: 0,
    starts: undefined,
    solutionViolation: undefined,
    incumbents: [],
    nodes: undefined,
    wasmBytes: 0,
    message,
    relaxed: false,
    stats: { binaries: 0, continuous: 0, rows: 0, nonzeros: 0, conflictPairs: 0, droppedPairs: 0, conflictCells: 0, formulation: DEFAULT_FORMULATION, personCells: 0, droppedSets: 0, siblingClasses: 0, rowsByKind: {} },
    warmStart: false,
    startObjective: undefined,
    startViolation: undefined,
    maxRssBytes: 0,
  };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const defs = selectInstances(o.only);
  if (o.exportDir !== undefined) {
    mkdirSync(o.exportDir, { recursive: true });
    for (const def of defs) writeFileSync(path.join(o.exportDir, `${def.name}.json`), `${JSON.stringify(def.make().spec, null, 2)}\n`);
    writeFileSync(path.join(o.exportDir, 'oversized.json'), `${JSON.stringify(largeSpec(OVERSIZED, 1))}\n`);
    writeFileSync(path.join(o.exportDir, 'too-large.json'), `${JSON.stringify(largeSpec(TOO_LARGE, 1))}\n`);
    log(`wrote ${defs.map((d) => `${d.name}.json`).join(', ')}, oversized.json and too-large.json to ${o.exportDir}`);
    return;
  }
  const cache = readCache();
  const started = new Date();
  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
  log(`plenary benchmark — ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load ${machine.loadAtStart.join(' ')}`);
  const results: InstanceResult[] = [];
  for (const def of defs) results.push(await benchInstance(def, o, cache));
  const bench: BenchResult = {
    format: 'plenary.bench/1',
    started: started.toISOString(),
    seconds: (Date.now() - started.getTime()) / 1000,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    quick: o.quick,
    machine: { ...machine, loadAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    instances: results,
    targets: evaluateTargets(results),
  };
  const md = renderTable(bench);
  process.stdout.write(`\n${md}\n`);
  mkdirSync(resultsDir, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  writeFileSync(path.join(resultsDir, `bench-${stamp}.json`), JSON.stringify(bench, null, 1));
  writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify(bench, null, 1));
  writeFileSync(path.join(resultsDir, 'latest.md'), md);
  log(`\nwritten: bench/results/bench-${stamp}.json, latest.json, latest.md`);
  if (results.some((r) => r.errors.length > 0)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
