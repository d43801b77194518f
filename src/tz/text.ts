/**
 * The spread and the suggestions as terminal tables (plain text, fixed width).
 */
import { COMFORT_CLASSES, NIGHT_PENALTY, severity } from './classes.js';
import type { ComfortClass } from './classes.js';
import { formatClock } from './local.js';
import { periodsOf } from './spread.js';
import type { Spread, SpreadPeriod } from './spread.js';
import type { CorePosition, Suggestion } from './suggest.js';
import type { Audience } from './audience.js';

const CLASS_LABEL: Record<ComfortClass, string> = { working: 'working', early: 'early', late: 'late', night: 'night' };

/**
 * How the classes are defined, in one line.
 *
 * @example
 * classLegend() // 'classes from the comfort profile: working = penalty 0; …'
 */
export function classLegend(): string {
  return `classes from the comfort profile: working = penalty 0; early/late = 1–${NIGHT_PENALTY - 1} before/after noon; night = ${NIGHT_PENALTY} or more (a zone takes the class of its worst minute in the block)`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function padStart(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `-${-n}` : '±0';
}

/** `2021-05-04 … 2021-05-13 (8 days)` */
/** "3 delegates and 1 person in 2 zones". */
function audienceLabel(a: Audience): string {
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  return `${n(a.delegates, 'delegate', 'delegates')} and ${n(a.people, 'person', 'people')} in ${n(a.zones.length, 'zone', 'zones')}`;
}

function datesLabel(dates: readonly string[]): string {
  if (dates.length === 1) return dates[0]!;
  return `${dates[0]} … ${dates[dates.length - 1]} (${dates.length} days)`;
}

/**
 * The table of one period: zones by blocks, then counts and shares per class.
 *
 * @example
 * formatPeriod(periodsOf(spreadOf(meeting).days)[0]) // 'zone  dlg ppl  core1 (core) …'
 */
export function formatPeriod(period: SpreadPeriod): string {
  const blocks = period.blocks;
  const zones = blocks[0]?.zones ?? [];
  const zw = Math.max(4, ...zones.map((z) => z.zone.length));
  const cell = (b: (typeof blocks)[number], i: number) => {
    const r = b.zones[i]!;
    return `${formatClock(r.start)}–${formatClock(r.end)} ${CLASS_LABEL[r.class]}`;
  };
  const cw = 2 + Math.max(19, ...blocks.flatMap((b) => zones.map((_, i) => cell(b, i).length)), ...blocks.map((b) => b.block.length + 7));
  const lines: string[] = [];
  lines.push(`${pad('zone', zw)}  ${padStart('dlg', 4)} ${padStart('ppl', 4)}  ${blocks.map((b) => pad(b.block + (b.core ? ' (core)' : ''), cw)).join('')}`.trimEnd());
  // a block ending at midnight ends at 24:00 of its day (as the spec writes it), not 00:00
  const endLabel = (b: (typeof blocks)[number]) => (b.end.slice(0, 10) !== b.start.slice(0, 10) && b.end.slice(11, 16) === '00:00' ? '24:00' : b.end.slice(11, 16));
  lines.push(`${pad('', zw)}  ${padStart('', 4)} ${padStart('', 4)}  ${blocks.map((b) => pad(`${b.start.slice(11, 16)}–${endLabel(b)}`, cw)).join('')}`.trimEnd());
  zones.forEach((z, i) => {
    const cells = blocks.map((b) => pad(cell(b, i), cw));
    lines.push(`${pad(z.zone, zw)}  ${padStart(String(z.delegates), 4)} ${padStart(String(z.people), 4)}  ${cells.join('')}`.trimEnd());
  });
  lines.push('');
  lines.push(`${pad('heads (dlg+ppl), share of delegate-minutes', zw + 12)}`.trimEnd());
  for (const c of COMFORT_CLASSES) {
    const cells = blocks.map((b) => {
      const t = b.classes[c];
      return pad(`${t.delegates}+${t.people}`.padEnd(8) + padStart(pct(t.share), 7), cw);
    });
    lines.push(`${pad(`  ${CLASS_LABEL[c]}`, zw)}  ${padStart('', 4)} ${padStart('', 4)}  ${cells.join('')}`.trimEnd());
  }
  lines.push(`${pad('  pain (Σ heads × pain)', zw)}  ${padStart('', 4)} ${padStart('', 4)}  ${blocks.map((b) => pad(String(b.pain), cw)).join('')}`.trimEnd());
  lines.push('');
  lines.push('worst off (pain per head):');
  for (const b of blocks) {
    const w = b.worstOff.map((x) => `${x.zone} ${x.pain} (${x.class})`).join(', ');
    lines.push(`  ${pad(b.block, 12)} ${w || 'nobody outside working hours'}`);
  }
  return lines.join('\n');
}

/**
 * The spread as a terminal table: one table per stretch of days with the same
 * local clocks (one for a meeting without a DST change).
 *
 * @example
 * process.stdout.write(formatSpread(spreadOf(meeting)) + '\n');
 */
export function formatSpread(spread: Spread): string {
  const a = spread.audience;
  const out: string[] = [];
  out.push(`time-zone spread of ${spread.meeting}, blocks in ${spread.timeZone} time`);
  out.push(`audience${a.group ? ` of ${a.group}` : ''}: ${audienceLabel(a)}`);
  out.push(classLegend());
  for (const p of periodsOf(spread.days)) {
    out.push('', `== ${datesLabel(p.dates)}`, '', formatPeriod(p));
  }
  return out.join('\n');
}

/** Heads by class over a position's blocks (a zone takes its worst class), and the zones at night. */
function positionSummary(p: CorePosition): string[] {
  const period = p.spread[0];
  if (!period) return [];
  const zones = period.blocks[0]?.zones ?? [];
  const counts: Record<ComfortClass, number> = { working: 0, early: 0, late: 0, night: 0 };
  const night: string[] = [];
  zones.forEach((z, i) => {
    let c: ComfortClass = 'working';
    for (const b of period.blocks) if (severity(b.zones[i]!.class) > severity(c)) c = b.zones[i]!.class;
    counts[c] += z.delegates + z.people;
    const last = period.blocks[period.blocks.length - 1]!.zones[i]!;
    if (c === 'night') night.push(`${z.zone} ${formatClock(z.start)}–${formatClock(last.end)}`);
  });
  const lines = [`heads: ${COMFORT_CLASSES.map((c) => `${CLASS_LABEL[c]} ${counts[c]}`).join(' · ')}`];
  if (night.length) lines.push(`night hours for: ${night.join(', ')}`);
  if (p.spread.length > 1) lines.push(`(local clocks change during the meeting: ${p.spread.length} stretches of days)`);
  return lines;
}

function positionLine(p: CorePosition, current: boolean): string {
  const span = `${p.start}–${p.end}`;
  const base = `${span}  total ${p.total}`;
  const worst = p.worst.pain > 0 ? `worst off ${p.worst.zone} ${p.worst.pain}/head` : 'nobody outside working hours';
  if (current) return `${base}  ${worst}`;
  const v = p.vsCurrent;
  const better = v.worst < 0 ? 'better' : v.worst > 0 ? 'worse' : 'same';
  return `${base} (${signed(v.total)})  ${worst} (${signed(v.worst)}: ${better} for the worst off)`;
}

/**
 * The suggestions as text: the current position, then the best positions by
 * total pain and by the worst-off zone, each with its heads by class.
 *
 * @example
 * process.stdout.write(formatSuggestion(suggestCore(meeting)) + '\n');
 */
export function formatSuggestion(s: Suggestion): string {
  const a = s.audience;
  const out: string[] = [];
  const cur = s.current;
  out.push(`core blocks ${s.blocks.join(', ')} moved together in ${s.grid}-minute steps, ${s.timeZone} time: ${s.tried} positions${s.skipped ? ` (${s.skipped} left out: a shifted time does not exist on some date)` : ''}`);
  out.push(`pain summed over ${datesLabel(s.dates)}, audience${a.group ? ` of ${a.group}` : ''}: ${audienceLabel(a)}`);
  out.push('');
  out.push(`current   ${positionLine(cur, true)}`);
  for (const l of positionSummary(cur)) out.push(`          ${l}`);
  const list = (title: string, ps: readonly CorePosition[], none: string) => {
    out.push('', title);
    if (ps.length === 0) out.push(`  ${none}`);
    ps.forEach((p, i) => {
      out.push(`  ${i + 1}. ${positionLine(p, false)}`);
      if (cur.worst.pain > 0) out.push(`     for ${cur.worst.zone} (worst off now): ${signed(p.vsCurrent.currentWorstZone)}/head`);
      if (p.overlaps.length) out.push(`     overlaps ${p.overlaps.map((b) => `${b.id} (${b.start}–${b.end})`).join(', ')}: ${p.overlaps.length === 1 ? 'that block' : 'those blocks'} would have to move too`);
      for (const l of positionSummary(p)) out.push(`     ${l}`);
    });
  };
  list('by total pain (no higher than now)', s.byTotal, 'no other position has a total pain as low as the current one');
  list('by the worst-off zone (no worse off than now)', s.byWorst, 'no other position is as kind to the worst-off zone as the current one');
  return out.join('\n');
}
