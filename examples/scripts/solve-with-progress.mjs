#!/usr/bin/env node
// A tool importing plenary: load a meeting, solve it with a progress callback,
// read the score and its explanation, and keep the timetable.
//
//   npm run build && node examples/scripts/solve-with-progress.mjs [SPEC] [OUT.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { CONSTRAINTS, SpecError, loadMeeting, solve, timetableToJson } from 'plenary';

const specPath = process.argv[2] ?? new URL('../sg12-2021-05/meeting.json', import.meta.url).pathname;
const outPath = process.argv[3];

let meeting;
try {
  meeting = loadMeeting(JSON.parse(readFileSync(specPath, 'utf8')), specPath);
} catch (e) {
  if (!(e instanceof SpecError)) throw e;
  for (const line of e.lines()) console.error(line); // one line per problem, with its path
  process.exit(2);
}

let shown; // the last best printed
const result = solve(meeting, {
  seed: 7,
  iterations: 300_000, // a fixed budget: the same timetable on every run and machine
  onProgress: (p) => {
    // called on every improvement of the best and every few thousand iterations; print the big steps
    if (!p.improved) return;
    if (shown && p.best.hard === shown.hard && p.best.total > shown.total * 0.99) return;
    shown = p.best;
    console.log(`  ${String(p.iterations).padStart(7)} iterations  hard ${p.best.hard}  total ${p.best.total}`);
  },
});

const { score, violations } = result.result;
console.log(`${result.status} after ${result.iterations} iterations`);
const w = meeting.weights;
console.log(`total ${score.total} = ${w.comfort}·comfort ${score.comfort} + ${w.conflict}·conflict ${score.conflict} + ${w.fairness}·fairness ${score.fairness} + ${w.stability}·stability ${score.stability}`);
for (const c of CONSTRAINTS.filter((c) => c.kind === 'soft')) console.log(`  ${c.id}: ${c.counting}`);
for (const v of violations) console.log(`  broken: ${v.constraint}: ${v.message}`);
for (const d of result.diagnosis) console.log(`  diagnosis: ${d}`);

const first = result.timetable.sessions[0];
console.log(`first session: ${first.id} ${first.start}–${first.end.slice(11, 16)} (track ${first.track})`);
if (outPath) writeFileSync(outPath, timetableToJson(result.timetable));
process.exitCode = result.status === 'feasible' ? 0 : 3;
