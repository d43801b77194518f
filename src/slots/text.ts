/**
 * Rapporteur slots as a terminal table.
 */
import { formatClock } from '../tz/local.js';
import type { SlotSearch } from './slots.js';

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `-${-n}` : '0';
}

/**
 * The best `top` slots as text: rank, day and time in the meeting's zone,
 * added cost, conflicts, free tracks, and the local time for the group's zones.
 *
 * @example
 * process.stdout.write(formatSlots(findSlots(meeting, starts, { group: 'Q5/12', minutes: 90 }), 10) + '\n');
 */
export function formatSlots(r: SlotSearch, top = 10): string {
  const out: string[] = [];
  const refused = Object.entries(r.refused)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  out.push(`one more ${r.minutes}-minute session of ${r.group}: ${r.slots.length} of ${r.tried} possible starts break no rule${refused ? ` (refused: ${refused})` : ''}`);
  out.push(`times in ${r.timeZone}; cost = what the objective grows by (comfort + weighted conflict + fairness); timetable total now ${r.baseline.total}`);
  if (r.baseline.hard > 0) out.push(`the timetable already breaks ${r.baseline.hard} hard rule${r.baseline.hard === 1 ? '' : 's'} (plenary check lists ${r.baseline.hard === 1 ? 'it' : 'them'}); a slot may leave ${r.baseline.hard === 1 ? 'it' : 'them'} broken, never break another or worsen a broken core quota`);
  if (r.after.length || r.before.length) {
    out.push(`in order, as every session of ${r.group}: ${[r.after.length ? `after ${r.after.join(', ')}` : '', r.before.length ? `before ${r.before.join(', ')}` : ''].filter(Boolean).join(' and ')}`);
  }
  if (r.slots.length === 0) {
    out.push('', 'no place: every start breaks a hard rule');
    return out.join('\n');
  }
  for (const s of r.slots.slice(0, top)) {
    out.push('');
    const conflicts = s.conflicts.length
      ? s.conflicts.map((c) => `${c.session} (${c.minutes} min, ${c.people.length} ${c.people.length === 1 ? 'person' : 'people'}: ${c.people.join(', ')})`).join('; ')
      : 'none';
    out.push(
      `${String(s.rank).padStart(3)}. day ${s.day} ${s.date} ${s.start.slice(11, 16)}–${s.end.slice(11, 16)} ${s.block}${s.core ? ' (core)' : ''}, track ${s.track}, ${s.freeTracks} track${s.freeTracks === 1 ? '' : 's'} left free`,
    );
    out.push(`     cost ${signed(s.cost.total)} (comfort ${signed(s.cost.comfort)}, conflict ${signed(s.cost.conflict)}, fairness ${signed(s.cost.fairness)}); conflicts: ${conflicts}`);
    // zones reading the same clock are listed together
    const byClock = new Map<string, string[]>();
    for (const z of s.local) {
      const key = `${formatClock(z.start)}–${formatClock(z.end)}${z.class === 'working' ? '' : ` ${z.class}`}`;
      byClock.set(key, [...(byClock.get(key) ?? []), z.zone]);
    }
    out.push(`     local: ${[...byClock.entries()].map(([k, zs]) => `${k} ${zs.join(', ')}`).join('; ')}`);
  }
  if (r.slots.length > top) out.push('', `… and ${r.slots.length - top} more (--top N, or --json for all)`);
  return out.join('\n');
}
