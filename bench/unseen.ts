/**
 * plenary's default budget against HiGHS's proved optimum on meetings that
 * the benchmark's instances (and the solver's tuning) never used: the same
 * generators with other seeds — study-group meetings like S1–S3 (`G4`, …) or,
 * with `--kind conference`, IETF-like weeks shaped like M2 (`C2`, …).
 *
 *   npm run bench -- --entry bench/unseen.ts [--kind study|conference] [--from 4] [--to 23] [--seeds 3] [--highs-limit 300]
 *
 * For each generated meeting: `solve` with the default budget for seeds
 * 1..N (results that depend only on the seed, not on the machine), each
 * answer checked with `evaluate`; then the MIP of `bench/mip.ts`, started from
 * plenary's best answer, solved by HiGHS to a proved optimum (or its time
 * limit), its solution checked with `evaluate` too. Prints a Markdown table.
 */
import { buildMip } from './mip.js';
import { runHighs } from './highs-run.js';
import { studyGroup } from './gen-study-group.js';
import { conference, mProvableShape } from './gen-conference.js';
import { loadMeeting } from '../src/spec/read.js';
import { solve } from '../src/solver/index.js';
import { evaluate } from '../src/timetable/constraints.js';

interface Args {
  readonly kind: 'study' | 'conference';
  readonly from: number;
  readonly to: number;
  readonly seeds: number;
  readonly highsLimit: number;
}

function parseArgs(argv: readonly string[]): Args {
  const out = { from: 4, to: 23, seeds: 3, highsLimit: 300 };
  let kind: Args['kind'] = 'study';
  const keys: Record<string, keyof typeof out> = { '--from': 'from', '--to': 'to', '--seeds': 'seeds', '--highs-limit': 'highsLimit' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--kind') {
      const k = argv[i + 1];
      if (k !== 'study' && k !== 'conference') {
        console.error(`unseen: expected --kind study or --kind conference, got --kind ${k ?? ''}`.trim());
        process.exit(2);
      }
      kind = k;
      i++;
      continue;
    }
    const key = keys[argv[i]!];
    const v = Number(argv[i + 1]);
    if (!key || !Number.isInteger(v) || v < 1) {
      console.error(`unseen: expected --kind K, --from N, --to N, --seeds N or --highs-limit S (positive integers), got ${argv[i]} ${argv[i + 1] ?? ''}`.trim());
      process.exit(2);
    }
    out[key] = v;
    i++;
  }
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
    const name = `${args.kind === 'study' ? 'G' : 'C'}${g}`;
    const { spec } = args.kind === 'study' ? studyGroup(g) : conference(mProvableShape(g), g);
    const meeting = loadMeeting(spec, `${name}.json`);
    const results = [];
    for (let seed = 1; seed <= args.seeds; seed++) {
      const r = solve(meeting, { seed });
      const ev = evaluate(meeting, r.starts);
      if (ev.status !== 'feasible') problems.push(`${name} seed ${seed}: plenary's answer is not feasible`);
      if (ev.score.total !== r.timetable.score.total) problems.push(`${name} seed ${seed}: claims ${r.timetable.score.total}, evaluate gives ${ev.score.total}`);
      results.push({ seed, total: ev.score.total, ms: r.ms, starts: r.starts });
    }
    const best = results.reduce((a, b) => (b.total < a.total ? b : a));
    const mip = buildMip(meeting);
    const out = await runHighs(mip, { timeLimitS: args.highsLimit, start: mip.encode(best.starts) });
    let optimum: number | undefined;
    if (out.solution) {
      const starts = mip.decode(out.solution);
      const ev = evaluate(meeting, starts);
      if (ev.status !== 'feasible') problems.push(`${name}: HiGHS's solution is not feasible in evaluate`);
      if (out.status === 'optimal') {
        if (out.objective === undefined || Math.abs(ev.score.total - out.objective) > 0.5) problems.push(`${name}: at the proved optimum evaluate gives ${ev.score.total}, the MIP ${out.objective}`);
        optimum = ev.score.total;
      }
    }
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
