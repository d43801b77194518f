/**
 * plenary with a time limit in a long-running process, as a tool that imports
 * the package solves meeting after meeting: the code is already compiled by
 * V8 when the measured runs start (the main benchmark runs each solve in a
 * fresh process, where a 100 ms run spends most of its time before V8 has
 * optimised the search).
 *
 *   npm run bench -- --entry bench/warm.ts [--only SG12,S1,S2,S3] [--seeds 15] [--ms 100] [--warmup 5] [--highs-limit 300]
 *
 * For each instance: `--warmup` solves with other seeds (1001, 1002, …) that
 * are not counted, then seeds 1..N with a `--ms` time limit, each answer
 * checked with `evaluate`; then the MIP of `bench/mip.ts`, started from the
 * best answer, solved by HiGHS to a proved optimum, its solution checked with
 * `evaluate` too. Prints a Markdown table.
 */
import { instanceByName, loadInstance } from './instances.js';
import { parseOptions } from './options.js';
import { highsFromBest, solveChecked } from './solve-checked.js';
import { solve } from '../src/solver/index.js';

interface Args {
  readonly only: readonly string[];
  readonly seeds: number;
  readonly ms: number;
  readonly warmup: number;
  readonly highsLimit: number;
}

function parseArgs(argv: readonly string[]): Args {
  let only = ['SG12', 'S1', 'S2', 'S3'];
  const out = parseOptions(
    'warm',
    argv,
    { seeds: 15, ms: 100, warmup: 5, highsLimit: 300 },
    { '--seeds': ['seeds', 1], '--ms': ['ms', 1], '--warmup': ['warmup', 0], '--highs-limit': ['highsLimit', 1] },
    { '--only': (v) => ((only = v.split(',').filter(Boolean)).length > 0 ? undefined : 'expected --only NAMES (SG12, S1, …)') },
    '--only NAMES, --seeds N, --ms MS, --warmup N or --highs-limit S (integers)',
  );
  return { ...out, only };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const began = new Date();
  const problems: string[] = [];
  const rows: string[] = [];
  for (const name of args.only) {
    let def;
    try {
      def = instanceByName(name);
    } catch {
      console.error(`warm: no instance ${name} (SG12, S1, S2, S3, M1, M2, L1)`);
      process.exit(2);
    }
    const { meeting } = loadInstance(def);
    for (let i = 0; i < args.warmup; i++) solve(meeting, { seed: 1001 + i, timeLimitMs: args.ms });
    const runs = solveChecked(meeting, name, args.seeds, { timeLimitMs: args.ms }, problems);
    const { out, optimum } = await highsFromBest(meeting, name, runs, args.highsLimit, problems);
    const its = runs.map((r) => r.iterations).sort((a, b) => a - b);
    const hits = optimum === undefined ? undefined : runs.filter((r) => r.total === optimum).length;
    const above = new Map<number, number>();
    if (optimum !== undefined) for (const r of runs) if (r.total !== optimum) above.set(r.total - optimum, (above.get(r.total - optimum) ?? 0) + 1);
    const misses = [...above].sort((a, b) => a[0] - b[0]).map(([d, k]) => `+${d} × ${k}`).join(', ');
    rows.push(`| ${name} | ${optimum ?? `not proved (${out.status})`} | ${hits === undefined ? '–' : `${hits}/${runs.length}`} | ${its[0]}–${its[its.length - 1]} (median ${its[its.length >> 1]}) | ${misses || '–'} |`);
  }
  console.log(`| Instance | Optimum (HiGHS) | Warm ${args.ms} ms runs at the optimum | Iterations per run | The others, above the optimum |`);
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log('');
  console.log(`Command: \`npm run bench -- --entry bench/warm.ts --only ${args.only.join(',')} --seeds ${args.seeds} --ms ${args.ms} --warmup ${args.warmup}\` — ${began.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${((Date.now() - began.getTime()) / 1000).toFixed(0)} s.`);
  if (problems.length > 0) {
    for (const p of problems) console.error(`warm: ${p}`);
    process.exit(1);
  }
}

await main();
