#!/usr/bin/env node
// A planner testing how a choice of core hours spreads over the delegates'
// time zones before writing the letter: the letter's hours, a later pair, and
// the positions plenary suggests.
//
//   npm run build && node examples/scripts/planner-core-hours.mjs
import { readFileSync } from 'node:fs';
import { loadMeeting } from 'plenary';
import { spreadOf, suggestCore } from 'plenary/tz';

const preset = JSON.parse(readFileSync(new URL('../sg12-2021-05/meeting.json', import.meta.url), 'utf8'));

function describe(label, coreHours) {
  const meeting = loadMeeting({ ...preset, coreHours, rapporteurHours: [] }); // only the core hours are compared
  const day = spreadOf(meeting, { date: '2021-05-05' }).days[0];
  const core = day.blocks.filter((b) => b.core);
  const pain = core.reduce((n, b) => n + b.pain, 0);
  const night = core.map((b) => b.classes.night.delegates + b.classes.night.people).join(' + ');
  const worst = core.flatMap((b) => b.worstOff)[0];
  console.log(`${label.padEnd(28)} pain ${String(pain).padStart(6)}  heads at night ${night.padEnd(7)}  worst off ${worst ? `${worst.zone} (${worst.pain}/head)` : 'nobody'}`);
  return meeting;
}

console.log('Core hours on Wednesday 5 May 2021 (Geneva time):');
const letter = describe('11:30–13:00, 13:30–15:00', [{ start: '11:30', end: '13:00' }, { start: '13:30', end: '15:00' }]);
describe('13:00–14:30, 15:00–16:30', [{ start: '13:00', end: '14:30' }, { start: '15:00', end: '16:30' }]);
describe('08:00–09:30, 10:00–11:30', [{ start: '08:00', end: '09:30' }, { start: '10:00', end: '11:30' }]);

const s = suggestCore(letter, { top: 3 });
console.log(`\nOver all ${s.dates.length} meeting days, ${s.tried} positions tried; now ${s.current.start}–${s.current.end}: total ${s.current.total}, worst off ${s.current.worst.zone}`);
for (const p of s.byTotal) console.log(`  cheaper in total: ${p.start}–${p.end} total ${p.total} (${p.total - s.current.total}), worst off ${p.worst.zone} ${p.worst.pain}/head`);
for (const p of s.byWorst) console.log(`  kinder to the worst off: ${p.start}–${p.end} total ${p.total} (+${p.total - s.current.total}), worst off ${p.worst.zone} ${p.worst.pain}/head`);
