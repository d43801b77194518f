/**
 * One measured run in a fresh process, so that its peak memory (maxRSS) is its
 * own: `node child.mjs JOB.json OUT.json`. Either plenary's `solve` on an
 * instance with a time budget, recording every improvement of its best score,
 * or HiGHS on the instance's MIP. The parent checks every answer with
 * `evaluate` before it uses any time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { solve } from '../src/solver/index.js';
import { instanceByName, loadInstance } from './instances.js';
import { buildMip } from './mip.js';
import os from 'node:os';
import { highsSetup, runHighs } from './highs-run.js';
import type { ChildJob, HighsReport, MipReport, PlenaryReport } from './jobs.js';

async function main(): Promise<void> {
  const [jobFile, outFile] = process.argv.slice(2);
  if (!jobFile || !outFile) throw new Error('usage: child JOB.json OUT.json');
  const job = JSON.parse(readFileSync(jobFile, 'utf8')) as ChildJob;
  const t0 = performance.now();
  const { meeting } = loadInstance(instanceByName(job.instance));
  const loadMs = performance.now() - t0;
  if (job.kind === 'plenary') {
    const trajectory: { ms: number; solverMs: number; iterations: number; hard: number; total: number }[] = [];
    const start = performance.now();
    const r = solve(meeting, {
      seed: job.seed,
      timeLimitMs: job.timeLimitMs,
      clock: () => performance.now(),
      onProgress: (p) => {
        if (p.improved) trajectory.push({ ms: performance.now() - start, solverMs: p.elapsedMs, iterations: p.iterations, hard: p.best.hard, total: p.best.total });
      },
    });
    const wallMs = performance.now() - start;
    const report: PlenaryReport = {
      kind: 'plenary',
      instance: job.instance,
      seed: job.seed,
      timeLimitMs: job.timeLimitMs,
      status: r.status,
      score: r.result.score,
      starts: [...r.starts],
      iterations: r.iterations,
      solverMs: r.ms,
      wallMs,
      loadMs,
      trajectory,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    };
    writeFileSync(outFile, JSON.stringify(report));
    return;
  }
  const tb = performance.now();
  const mip = buildMip(meeting, { maxConflictCells: job.maxConflictCells, ...(job.formulation ? { formulation: job.formulation } : {}) });
  const buildSeconds = (performance.now() - tb) / 1000;
  const start = job.start ? mip.encode(job.start) : undefined;
  const startObjective = start ? mip.model.objective(start) : undefined;
  const startViolation = start ? mip.model.maxViolation(start).amount : undefined;
  if (job.kind === 'mip') {
    const report: MipReport = { kind: 'mip', instance: job.instance, digest: mip.model.digest(), relaxed: mip.relaxed, setup: await highsSetup(), stats: mip.stats, buildSeconds, startObjective, startViolation };
    writeFileSync(outFile, JSON.stringify(report));
    return;
  }
  const measuredAt = new Date().toISOString();
  const loadAverage = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const out = await runHighs(mip, { timeLimitS: job.timeLimitS, start, log: job.log });
  const report: HighsReport = {
    kind: 'highs',
    instance: job.instance,
    status: out.status,
    objective: out.objective,
    bound: out.bound,
    seconds: out.seconds,
    loadSeconds: out.loadSeconds,
    buildSeconds,
    starts: out.solution ? mip.decode(out.solution).map((s) => s ?? null) : undefined,
    solutionViolation: out.solution ? mip.model.maxViolation(out.solution).amount : undefined,
    incumbents: out.incumbents,
    nodes: out.nodes,
    wasmBytes: out.wasmBytes,
    message: out.message,
    relaxed: mip.relaxed,
    stats: mip.stats,
    warmStart: start !== undefined,
    startObjective,
    startViolation,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    digest: mip.model.digest(),
    setup: await highsSetup(),
    measuredAt,
    loadAverage,
    timeLimitS: job.timeLimitS,
  };
  writeFileSync(outFile, JSON.stringify(report));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
