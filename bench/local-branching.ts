/**
 * Where does the search stall, and what would get it out? Solves a benchmark
 * instance with a fixed number of iterations, then asks HiGHS for the best
 * timetable that moves at most k sessions from that answer (a local-branching
 * row on the MIP of `bench/mip.ts`: at least n − k of the answer's start
 * variables stay 1), for each k given. The smallest k that improves tells how
 * large a move the search would need; the sessions moved show which.
 *
 *   npm run bench -- --entry bench/local-branching.ts --instance S2 --iterations 100000 --seed 2 --k 2,3,4,6
 *
 * Every answer (plenary's and HiGHS's) is checked with `evaluate`. Sessions
 * that are interchangeable (siblings) are compared in their sorted order, as
 * the MIP orders them.
 */
import { buildMip } from './mip.js';
import { runHighs } from './highs-run.js';
import { instanceByName, loadInstance } from './instances.js';
import { parseOptions } from './options.js';
import { solveChecked } from './solve-checked.js';
import { evaluate } from '../src/timetable/constraints.js';
import { localTime, formatWallTime } from '../src/model/time.js';
import type { Meeting } from '../src/model/types.js';

let instance = 'S2';
let ks = [2, 3, 4, 6];
const args = parseOptions(
  'local-branching',
  process.argv.slice(2),
  { iterations: 100_000, seed: 1, highsLimit: 300 },
  { '--iterations': ['iterations', 1], '--seed': ['seed', 1], '--highs-limit': ['highsLimit', 1] },
  {
    '--instance': (v) => void (instance = v),
    '--k': (v) => {
      ks = v.split(',').map(Number);
      return ks.length > 0 && ks.every((k) => Number.isInteger(k) && k >= 1) ? undefined : `expected --k K1,K2,… (positive integers), got --k ${v}`;
    },
  },
  '--instance NAME, --iterations N, --seed N, --k K1,K2,… or --highs-limit S',
);

/** `day 3 core1 13:30 (comfort 810)` for session s starting at t. */
function where(meeting: Meeting, s: number, t: number | undefined): string {
  if (t === undefined) return 'unplaced';
  const c = meeting.sessions[s]!.candidates.find((x) => x.start === t);
  if (!c) return `${t}?`;
  const inst = meeting.instances[c.instance]!;
  return `day ${inst.day + 1} ${meeting.blocks[inst.block]!.id} ${formatWallTime(localTime(meeting.timeZone, t).minutes)}`;
}

async function main(): Promise<void> {
  let def;
  try {
    def = instanceByName(instance);
  } catch {
    console.error(`local-branching: no instance ${instance} (SG12, S1, S2, S3, M1, M2, L1)`);
    process.exit(2);
  }
  const { meeting } = loadInstance(def);
  const problems: string[] = [];
  const [r] = solveChecked(meeting, instance, 1, { iterations: args.iterations }, problems, args.seed);
  if (problems.length > 0) {
    for (const p of problems) console.error(`local-branching: ${p}`);
    process.exit(1);
  }
  console.log(`${instance}, seed ${args.seed}, ${args.iterations} iterations: ${r!.total}`);
  const n = meeting.sessions.length;
  for (const k of ks) {
    const mip = buildMip(meeting);
    const x = mip.encode(r!.starts);
    const cols: number[] = [];
    for (let c = 0; c < mip.stats.binaries; c++) if (x[c]! > 0.5) cols.push(c);
    mip.model.addRow('local', cols, cols.map(() => 1), n - k, Infinity);
    const out = await runHighs(mip, { timeLimitS: args.highsLimit, start: x });
    if (!out.solution) {
      console.log(`k = ${k}: ${out.status} after ${out.seconds.toFixed(1)} s, no solution`);
      continue;
    }
    const starts = mip.decode(out.solution);
    const found = evaluate(meeting, starts);
    if (found.status !== 'feasible') {
      console.error(`local-branching: HiGHS's solution for k = ${k} is not feasible in evaluate`);
      process.exit(1);
    }
    const from = mip.canonical(r!.starts);
    const moved = starts.map((t, s) => (t !== from[s] ? s : -1)).filter((s) => s >= 0);
    const better = found.score.total < r!.total ? `${found.score.total} (${found.score.total - r!.total})` : 'nothing better';
    console.log(`k = ${k}: ${out.status} in ${out.seconds.toFixed(1)} s: ${better}${moved.length ? `, moving ${moved.length}:` : ''}`);
    for (const s of moved) console.log(`  ${meeting.sessions[s]!.id}: ${where(meeting, s, from[s])} → ${where(meeting, s, starts[s])}`);
  }
}

await main();
