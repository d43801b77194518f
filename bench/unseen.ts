/**
 * plenary's default budget against HiGHS's proved optimum on meetings that
 * the benchmark's instances (and the solver's tuning) never used: the same
 * generators with other seeds — study-group meetings like S1–S3 (`G4`, …),
 * with `--kind conference` IETF-like weeks shaped like M2 (`C2`, …) — and,
 * with `--kind random`, meetings of no particular shape (`R1`, …: 20–45
 * sessions or fewer, 1–4 tracks, random blocks, groups, people, pins,
 * sequences, apart and avoid rules, quotas and weights; `bench/gen-random.ts`)
 * and with `--kind random-large` larger ones (`RL1`, …: 50–150 sessions, 2–8
 * tracks).
 *
 *   npm run bench -- --entry bench/unseen.ts [--kind study|conference|random|random-large] [--from 4] [--to 23] [--seeds 3] [--highs-limit 300]
 *
 * For each generated meeting: `solve` with the default budget for seeds
 * 1..N (results that depend only on the seed, not on the machine), each
 * answer checked with `evaluate`; then the MIP of `bench/mip.ts`, started from
 * plenary's best answer, solved by HiGHS to a proved optimum (or its time
 * limit), its solution checked with `evaluate` too. Prints a Markdown table.
 */
import { studyGroup } from './gen-study-group.js';
import { conference, mProvableShape } from './gen-conference.js';
import { LARGE, MEDIUM, randomMeeting } from './gen-random.js';
import { parseOptions } from './options.js';
import { highsFromBest, solveChecked } from './solve-checked.js';
import { loadMeeting } from '../src/spec/read.js';

interface Args {
  readonly kind: 'study' | 'conference' | 'random' | 'random-large';
  readonly from: number;
  readonly to: number;
  readonly seeds: number;
  readonly highsLimit: number;
}

function parseArgs(argv: readonly string[]): Args {
  let kind: Args['kind'] = 'study';
  const out = parseOptions(
    'unseen',
    argv,
    { from: 4, to: 23, seeds: 3, highsLimit: 300 },
    { '--from': ['from', 1], '--to': ['to', 1], '--seeds': ['seeds', 1], '--highs-limit': ['highsLimit', 1] },
    { '--kind': (k) => (k === 'study' || k === 'conference' || k === 'random' || k === 'random-large' ? void (kind = k) : `expected --kind study, conference, random or random-large, got --kind ${k}`.trim()) },
    '--kind K, --from N, --to N, --seeds N or --highs-limit S (positive integers)',
  );
  if (out.to < out.from) {
    console.error(`unseen: --to ${out.to} is before --from ${out.from}`);
    process.exit(2);
  }
  return { ...out, kind };
}

const pct = (x: number, opt: number) => `${(((x - opt) / opt) * 100).toFixed(3)} %`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const began = new Date();
  console.log('| Meeting | Sessions · tracks · starts | HiGHS (from plenary’s best) | Optimum | plenary, default budget, seeds 1–' + args.seeds + ' | At the optimum |');
  console.log('|---|---|---|---|---|---|');
  let runs = 0;
  let atOpt = 0;
  let proved = 0;
  let instancesAll = 0;
  const problems: string[] = [];
  for (let g = args.from; g <= args.to; g++) {
    const name = `${{ study: 'G', conference: 'C', random: 'R', 'random-large': 'RL' }[args.kind]}${g}`;
    const { spec } =
      args.kind === 'study' ? studyGroup(g) : args.kind === 'conference' ? conference(mProvableShape(g), g) : randomMeeting(g, args.kind === 'random' ? MEDIUM : LARGE);
    const meeting = loadMeeting(spec, `${name}.json`);
    const results = solveChecked(meeting, name, args.seeds, {}, problems);
    const { out, optimum } = await highsFromBest(meeting, name, results, args.highsLimit, problems);
    const nc = meeting.sessions.reduce((a, s) => a + s.candidates.length, 0);
    const highs = `${out.status}, ${out.seconds.toFixed(1)} s`;
    // the objective is an integer: a fractional bound rounds up
    const bound = out.bound !== undefined && Number.isFinite(out.bound) ? Math.ceil(out.bound - 1e-6) : undefined;
    const ref = optimum ?? bound;
    const above = (x: number) => (ref === undefined || x <= ref ? '' : optimum !== undefined ? ` (+${pct(x, ref)})` : ` (≤ +${pct(x, ref)} above the bound)`);
    const plen = results.map((r) => `${r.total}${above(r.total)} in ${(r.ms / 1000).toFixed(1)} s`).join('; ');
    const hits = optimum === undefined ? 0 : results.filter((r) => r.total === optimum).length;
    if (optimum !== undefined) {
      proved++;
      runs += results.length;
      atOpt += hits;
      if (hits === results.length) instancesAll++;
    }
    const optText = optimum !== undefined ? String(optimum) : `≥ ${bound ?? '?'}`;
    console.log(`| ${name} | ${meeting.sessions.length} · ${meeting.tracks} · ${nc} | ${highs} | ${optText} | ${plen} | ${optimum === undefined ? '–' : `${hits}/${results.length}`} |`);
  }
  console.log('');
  console.log(`Default runs at the proved optimum: ${atOpt} of ${runs}; meetings where every seed reached it: ${instancesAll} of ${proved} (HiGHS proved ${proved} of ${args.to - args.from + 1}).`);
  console.log(`Command: \`npm run bench -- --entry bench/unseen.ts --kind ${args.kind} --from ${args.from} --to ${args.to} --seeds ${args.seeds} --highs-limit ${args.highsLimit}\` — ${began.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${((Date.now() - began.getTime()) / 1000).toFixed(0)} s.`);
  if (problems.length > 0) {
    for (const p of problems) console.error(`unseen: ${p}`);
    process.exit(1);
  }
}

await main();
