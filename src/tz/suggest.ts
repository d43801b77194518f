/**
 * `--suggest`: the core blocks shifted together over the whole day in grid
 * steps, keeping their lengths and the breaks between them, at every position
 * where they fit in the meeting's day (00:00–24:00 meeting time), ranked by
 * total pain and by the worst-off zone.
 */
import type { Meeting } from '../model/types.js';
import { formatWallTime } from '../model/time.js';
import { audienceOf } from './audience.js';
import type { Audience } from './audience.js';
import { dateProblem, daySpread, periodsOf, windowLabel } from './spread.js';
import type { SpreadPeriod, Window } from './spread.js';
import { placeWindow } from './local.js';

/**
 * One position of the core blocks.
 *
 * @example
 * const s = suggestCore(meeting);
 * const now: CorePosition = s.current; // { shift: 0, start: '11:30', end: '15:00', total: 177120, worst: { zone: 'America/Los_Angeles', … } }
 */
export interface CorePosition {
  /** Minutes the core blocks are moved from where the spec has them (0 = the current position). */
  readonly shift: number;
  /** The shifted blocks, meeting time. */
  readonly blocks: readonly { readonly id: string; readonly start: string; readonly end: string }[];
  /**
   * The blocks that stay where they are (not moved: not core) and that the
   * moved blocks would overlap, with their times: SPEC §2 lets no two blocks
   * overlap, so a spec taking this position must move them too (empty: it can
   * take it as it is).
   */
  readonly overlaps: readonly { readonly id: string; readonly start: string; readonly end: string }[];
  /** Start of the first and end of the last core block, meeting time. */
  readonly start: string;
  readonly end: string;
  /** Σ over the days, core blocks and zones of heads × pain (SPEC §4). */
  readonly total: number;
  /** The zone with the highest pain per head over the days and core blocks. */
  readonly worst: { readonly zone: string; readonly pain: number };
  /** Compared with the current position (negative: better). */
  readonly vsCurrent: {
    /** total − current total. */
    readonly total: number;
    /** worst-off pain per head − the current worst-off pain per head. */
    readonly worst: number;
    /** What the zone worst off now gains (negative) or loses, per head. */
    readonly currentWorstZone: number;
  };
  /** The spread of the shifted core blocks (days with equal clocks merged). */
  readonly spread: readonly SpreadPeriod[];
}

/**
 * What `--suggest` answers.
 *
 * @example
 * const s: Suggestion = suggestCore(meeting); s.current.worst // { zone: 'America/Los_Angeles', pain: 12480 }
 */
export interface Suggestion {
  readonly meeting: string;
  readonly timeZone: string;
  readonly audience: Audience;
  /** The dates the pain is summed over. */
  readonly dates: readonly string[];
  /** The core blocks moved together (every block when none is core). */
  readonly blocks: readonly string[];
  readonly grid: number;
  /** Positions tried, and those left out because a shifted time does not exist on some date (DST gap). */
  readonly tried: number;
  readonly skipped: number;
  readonly current: CorePosition;
  /** Up to `top` other positions with total ≤ the current one, lowest total first. */
  readonly byTotal: readonly CorePosition[];
  /** Up to `top` other positions whose worst-off zone fares no worse than now, best first. */
  readonly byWorst: readonly CorePosition[];
}

/**
 * Options of {@link suggestCore}.
 *
 * @example
 * suggestCore(meeting, { date: '2021-05-05', top: 3 })
 */
export interface SuggestOptions {
  /** Only this date; default every meeting day. */
  readonly date?: string;
  /** The audience of one group's sessions instead of the whole meeting. */
  readonly group?: string;
  /** How many positions each ranking lists (default 5). */
  readonly top?: number;
}

interface Scored {
  readonly shift: number;
  readonly total: number;
  readonly perZone: ReadonlyMap<string, number>;
  readonly worst: { readonly zone: string; readonly pain: number };
}

/**
 * Ranks the positions of the core blocks over the day.
 * Throws a `RangeError` for a bad date or an unknown group.
 *
 * @example
 * const s = suggestCore(meeting);
 * s.byTotal[0].start               // e.g. '08:00'
 * s.byTotal[0].vsCurrent.worst      // e.g. -900: the worst-off zone suffers 900 less per head
 */
export function suggestCore(meeting: Meeting, options: SuggestOptions = {}): Suggestion {
  const audience = audienceOf(meeting, options.group);
  const top = options.top ?? 5;
  const bad = options.date === undefined ? undefined : dateProblem(options.date);
  if (bad) throw new RangeError(bad);
  const dates = options.date !== undefined ? [options.date] : meeting.days.map((d) => d.date);
  const cores = meeting.blocks.filter((b) => b.core);
  const base: Window[] = (cores.length ? cores : meeting.blocks)
    .map((b) => ({ id: b.id, core: b.core, startWall: b.startWall, endWall: b.endWall }))
    .sort((a, b) => a.startWall - b.startWall);
  const lo = Math.min(...base.map((w) => w.startWall));
  const hi = Math.max(...base.map((w) => w.endWall));
  const g = meeting.grid;
  const shifted = (shift: number): Window[] => base.map((w) => ({ ...w, startWall: w.startWall + shift, endWall: w.endWall + shift }));

  const scored: Scored[] = [];
  let tried = 0;
  let skipped = 0;
  for (let k = Math.ceil(-lo / g); hi + k * g <= 1440; k++) {
    const shift = k * g;
    tried++;
    const s = score(meeting, audience, dates, shifted(shift), shift);
    if (s) scored.push(s);
    else skipped++;
  }
  const cur = scored.find((s) => s.shift === 0) ?? score(meeting, audience, dates, base, 0);
  if (!cur) throw new RangeError(`the core blocks do not exist on every date in ${meeting.timeZone}`);

  // the blocks left in place, which a shifted position may overlap
  const moved = new Set(base.map((w) => w.id));
  const fixed = meeting.blocks.filter((b) => !moved.has(b.id));
  const position = (s: Scored): CorePosition => {
    const ws = shifted(s.shift);
    const overlaps = fixed
      .filter((b) => ws.some((w) => w.startWall < b.endWall && b.startWall < w.endWall))
      .map((b) => {
        const [start, end] = windowLabel({ id: b.id, core: b.core, startWall: b.startWall, endWall: b.endWall }).split('–') as [string, string];
        return { id: b.id, start, end };
      });
    const days = dates.map((d) => {
      const r = daySpread(meeting, audience, d, ws);
      if (!r.ok) throw new RangeError(r.missing); // cannot happen: scored positions exist on every date
      return r.day;
    });
    return {
      shift: s.shift,
      blocks: ws.map((w) => {
        const [start, end] = windowLabel(w).split('–') as [string, string];
        return { id: w.id, start, end };
      }),
      overlaps,
      start: formatWallTime(lo + s.shift),
      end: hi + s.shift >= 1440 ? '24:00' : formatWallTime(hi + s.shift),
      total: s.total,
      worst: s.worst,
      vsCurrent: {
        total: s.total - cur.total,
        worst: s.worst.pain - cur.worst.pain,
        currentWorstZone: (s.perZone.get(cur.worst.zone) ?? 0) - cur.worst.pain,
      },
      spread: periodsOf(days),
    };
  };
  const others = scored.filter((s) => s.shift !== 0);
  const byTotal = others
    .filter((s) => s.total <= cur.total)
    .sort((a, b) => a.total - b.total || a.worst.pain - b.worst.pain || Math.abs(a.shift) - Math.abs(b.shift) || a.shift - b.shift)
    .slice(0, top);
  const byWorst = others
    .filter((s) => s.worst.pain <= cur.worst.pain)
    .sort((a, b) => a.worst.pain - b.worst.pain || a.total - b.total || Math.abs(a.shift) - Math.abs(b.shift) || a.shift - b.shift)
    .slice(0, top);
  return {
    meeting: meeting.id,
    timeZone: meeting.timeZone,
    audience,
    dates,
    blocks: base.map((w) => w.id),
    grid: g,
    tried,
    skipped,
    current: position(cur),
    byTotal: byTotal.map(position),
    byWorst: byWorst.map(position),
  };
}

function score(meeting: Meeting, audience: Audience, dates: readonly string[], windows: readonly Window[], shift: number): Scored | undefined {
  const perZone = new Map<string, number>(audience.zones.map((z) => [z.zone, 0]));
  for (const date of dates) {
    for (const w of windows) {
      const p = placeWindow(meeting.timeZone, date, w.startWall, w.endWall);
      if (!p.ok) return undefined;
      for (const z of audience.zones) perZone.set(z.zone, perZone.get(z.zone)! + meeting.comfort.pain(z.zone, p.start, p.end - p.start));
    }
  }
  let total = 0;
  let worst = { zone: '', pain: -1, heads: 0 };
  for (const z of audience.zones) {
    const pain = perZone.get(z.zone)!;
    const heads = z.delegates + z.people;
    total += heads * pain;
    if (pain > worst.pain || (pain === worst.pain && heads > worst.heads)) worst = { zone: z.zone, pain, heads };
  }
  return { shift, total, perZone, worst: { zone: worst.zone, pain: Math.max(worst.pain, 0) } };
}
