/**
 * The time-zone spread: for every block on every meeting day, each zone's
 * local start and end, its comfort class, head counts per class, the share of
 * delegate-minutes per class, and the worst-off zones. Computed day by day,
 * so a DST change inside the meeting shows.
 */
import type { Meeting } from '../model/types.js';
import { formatInstant, formatWallTime, isoWeekday, parseDate } from '../model/time.js';
import { audienceOf } from './audience.js';
import type { Audience, ZoneHeads } from './audience.js';
import { byClass, classOfPenalty, COMFORT_CLASSES, severity } from './classes.js';
import type { ByClass, ComfortClass } from './classes.js';
import { clockAt, forEachLocalHour, formatClock, placeWindow } from './local.js';
import type { LocalClock } from './local.js';

/**
 * One zone during one block.
 *
 * @example
 * const la: ZoneInBlock | undefined = block.zones.find((z) => z.zone === 'America/Los_Angeles');
 * // core1 on 5 May 2021: { start: { time: '02:30', … }, end: { time: '04:00', … }, class: 'night', pain: 900, … }
 */
export interface ZoneInBlock {
  readonly zone: string;
  readonly delegates: number;
  readonly people: number;
  readonly start: LocalClock;
  readonly end: LocalClock;
  /** The class of the block's worst minute in this zone. */
  readonly class: ComfortClass;
  /** Minutes of the block in each class, in this zone. */
  readonly minutes: ByClass<number>;
  /** SPEC §4 pain of the block for one head in this zone. */
  readonly pain: number;
}

/**
 * The heads in one class during one block.
 *
 * @example
 * const night: ClassTally = block.classes.night; // { zones: 4, delegates: 11, people: 3, headMinutes: …, share: 0.058 }
 */
export interface ClassTally {
  /** Zones whose class for the block is this one. */
  readonly zones: number;
  readonly delegates: number;
  readonly people: number;
  /** Σ over zones of heads × minutes spent in this class (delegates and people alike). */
  readonly headMinutes: number;
  /** headMinutes over all head-minutes of the block, 0..1 (rounded to 4 places). */
  readonly share: number;
}

/**
 * A zone that suffers most in a block or position.
 *
 * @example
 * const [worst]: readonly WorstOff[] = block.worstOff; // { zone: 'America/Los_Angeles', pain: 900, class: 'night' }
 */
export interface WorstOff {
  readonly zone: string;
  /** Pain per head. */
  readonly pain: number;
  readonly class: ComfortClass;
}

/**
 * One block (or a shifted block) on one date.
 *
 * @example
 * const core1: BlockSpread | undefined = spreadOf(meeting, { date: '2021-05-05' }).days[0]?.blocks.find((b) => b.block === 'core1');
 */
export interface BlockSpread {
  readonly block: string;
  readonly core: boolean;
  readonly date: string;
  /** Start and end in the meeting's zone, ISO 8601 with offset. */
  readonly start: string;
  readonly end: string;
  readonly minutes: number;
  /** West to east (offset at the day's first block), then by name. */
  readonly zones: readonly ZoneInBlock[];
  readonly classes: ByClass<ClassTally>;
  /** Σ heads × pain over the zones. */
  readonly pain: number;
  /** Up to three zones with the highest pain per head (only zones with some pain). */
  readonly worstOff: readonly WorstOff[];
}

/**
 * Every block of one date.
 *
 * @example
 * for (const day of spreadOf(meeting).days) console.log(day.date, day.blocks.map((b: BlockSpread) => b.pain));
 */
export interface DaySpread {
  /** Meeting day number (1-based), or null for a date that is not a meeting day. */
  readonly day: number | null;
  readonly date: string;
  /** ISO weekday, 1 = Monday. */
  readonly weekday: number;
  readonly blocks: readonly BlockSpread[];
}

/**
 * The spread of a meeting.
 *
 * @example
 * const s: Spread = spreadOf(meeting); s.days[0].blocks[0].zones[0].start.time // '00:30'
 */
export interface Spread {
  readonly meeting: string;
  readonly timeZone: string;
  /** The comfort profile the classes come from. */
  readonly profile: readonly number[];
  readonly audience: Audience;
  readonly days: readonly DaySpread[];
}

/**
 * Consecutive dates on which every zone reads the same local clocks.
 *
 * @example
 * for (const p of periodsOf(spreadOf(meeting).days)) console.log(p.dates[0], '…', p.dates[p.dates.length - 1]); // one period per stretch of equal clocks
 */
export interface SpreadPeriod {
  readonly dates: readonly string[];
  /** The blocks of the first of these dates. */
  readonly blocks: readonly BlockSpread[];
}

/**
 * Options of {@link spreadOf}.
 *
 * @example
 * spreadOf(meeting, { date: '2021-05-05', group: 'Q5/12' })
 */
export interface SpreadOptions {
  /** Only this date (`YYYY-MM-DD`; any real date, a meeting day or not). Default: every meeting day. */
  readonly date?: string;
  /** The audience of this group's sessions instead of the whole meeting. */
  readonly group?: string;
}

/** A wall-time window to spread: a block, or a block shifted by `--suggest`. */
export interface Window {
  readonly id: string;
  readonly core: boolean;
  readonly startWall: number;
  readonly endWall: number;
}

/**
 * What is wrong with a date asked of {@link spreadOf} or `suggestCore`, or
 * undefined: it must be a calendar date, and not the last one that four
 * digits can write (a block may end on the next day).
 *
 * @example
 * dateProblem('2021-02-30') // 'expected a date YYYY-MM-DD, got "2021-02-30"'
 */
export function dateProblem(date: string): string | undefined {
  if (!parseDate(date)) return `expected a date YYYY-MM-DD, got ${JSON.stringify(date)}`;
  if (date >= '9999-12-31') return `expected a date up to 9999-12-30 (a block may end on the next day), got ${JSON.stringify(date)}`;
  return undefined;
}

/**
 * The spread of a meeting's blocks over its days (or one date).
 * Throws a `RangeError` for a date that is not a date, an unknown group, or a
 * block that does not exist on the given date (a spring-forward gap).
 *
 * @example
 * const s = spreadOf(meeting, { date: '2021-05-05' });
 * const core1 = s.days[0].blocks.find((b) => b.block === 'core1');
 * core1.zones.find((z) => z.zone === 'Asia/Tokyo').start.time // '18:30'
 */
export function spreadOf(meeting: Meeting, options: SpreadOptions = {}): Spread {
  const audience = audienceOf(meeting, options.group);
  let dates: string[];
  if (options.date !== undefined) {
    const bad = dateProblem(options.date);
    if (bad) throw new RangeError(bad);
    dates = [options.date];
  } else dates = meeting.days.map((d) => d.date);
  const windows = [...meeting.blocks].sort((a, b) => a.startWall - b.startWall);
  const days = dates.map((date) => {
    const r = daySpread(meeting, audience, date, windows);
    if (!r.ok) throw new RangeError(`block ${r.block} does not exist on ${date} in ${meeting.timeZone}: ${r.missing} falls in a spring-forward gap`);
    return r.day;
  });
  return { meeting: meeting.id, timeZone: meeting.timeZone, profile: meeting.comfort.profile, audience, days };
}

/**
 * The spread of some windows on one date, or the window that does not exist then.
 *
 * @example
 * daySpread(meeting, audienceOf(meeting), '2021-05-05', meeting.blocks) // { ok: true, day: { date: '2021-05-05', blocks: [...] } }
 */
export function daySpread(
  meeting: Meeting,
  audience: Audience,
  date: string,
  windows: readonly Window[],
): { readonly ok: true; readonly day: DaySpread } | { readonly ok: false; readonly block: string; readonly missing: string } {
  const placed: { w: Window; start: number; end: number }[] = [];
  for (const w of windows) {
    const p = placeWindow(meeting.timeZone, date, w.startWall, w.endWall);
    if (!p.ok) return { ok: false, block: w.id, missing: p.missing };
    placed.push({ w, start: p.start, end: p.end });
  }
  const first = placed.length ? Math.min(...placed.map((p) => p.start)) : 0;
  const zones = orderZones(meeting, audience.zones, first);
  const meetingDay = meeting.days.find((d) => d.date === date);
  return {
    ok: true,
    day: {
      day: meetingDay ? meetingDay.number : null,
      date,
      weekday: isoWeekday(date),
      blocks: placed.map((p) => blockSpread(meeting, zones, date, p.w, p.start, p.end)),
    },
  };
}

/**
 * Zones west to east at the instant `at`, then by name.
 *
 * @example
 * orderZones(meeting, audienceOf(meeting).zones, t).map((z) => z.zone) // ['America/Los_Angeles', …, 'Australia/Sydney']
 */
export function orderZones(meeting: Meeting, zones: readonly ZoneHeads[], at: number): ZoneHeads[] {
  const off = new Map(zones.map((z) => [z.zone, meeting.comfort.timeline(z.zone).offset(at)]));
  return [...zones].sort((a, b) => off.get(a.zone)! - off.get(b.zone)! || (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0));
}

/**
 * One zone during [start, end).
 *
 * @example
 * zoneInWindow(meeting, { zone: 'Asia/Tokyo', delegates: 6, people: 2 }, '2021-05-05', t, t + 90).class // 'late'
 */
export function zoneInWindow(meeting: Meeting, heads: ZoneHeads, date: string, start: number, end: number): ZoneInBlock {
  const profile = meeting.comfort.profile;
  const minutes = byClass(() => 0);
  let worst: ComfortClass = 'working';
  let worstPenalty = -1;
  let pain = 0;
  forEachLocalHour(meeting.comfort, heads.zone, start, end, (hour, n) => {
    const pen = profile[hour]!;
    const c = classOfPenalty(pen, hour);
    minutes[c] += n;
    pain += pen * n;
    if (pen > worstPenalty || (pen === worstPenalty && severity(c) > severity(worst))) {
      worstPenalty = pen;
      worst = c;
    }
  });
  return {
    zone: heads.zone,
    delegates: heads.delegates,
    people: heads.people,
    start: clockAt(heads.zone, start, date),
    end: clockAt(heads.zone, end, date),
    class: worst,
    minutes,
    pain,
  };
}

/**
 * The spread of one window [start, end) on `date` over `zones` (already ordered).
 *
 * @example
 * blockSpread(meeting, zones, '2021-05-05', meeting.blocks[0], t, t + 90).classes.night.delegates // 11
 */
export function blockSpread(meeting: Meeting, zones: readonly ZoneHeads[], date: string, w: Window, start: number, end: number): BlockSpread {
  const rows = zones.map((z) => zoneInWindow(meeting, z, date, start, end));
  return {
    block: w.id,
    core: w.core,
    date,
    start: formatInstant(start, meeting.timeZone),
    end: formatInstant(end, meeting.timeZone),
    minutes: end - start,
    zones: rows,
    classes: tally(rows),
    pain: rows.reduce((s, r) => s + (r.delegates + r.people) * r.pain, 0),
    worstOff: worstOff(rows.map((r) => ({ zone: r.zone, pain: r.pain, class: r.class, heads: r.delegates + r.people }))),
  };
}

/**
 * Head counts and head-minute shares per class.
 *
 * @example
 * tally(block.zones).working.share // 0.718
 */
export function tally(rows: readonly ZoneInBlock[]): ByClass<ClassTally> {
  let all = 0;
  for (const r of rows) for (const c of COMFORT_CLASSES) all += (r.delegates + r.people) * r.minutes[c];
  return byClass((c) => {
    const inClass = rows.filter((r) => r.class === c);
    const headMinutes = rows.reduce((s, r) => s + (r.delegates + r.people) * r.minutes[c], 0);
    return {
      zones: inClass.length,
      delegates: inClass.reduce((s, r) => s + r.delegates, 0),
      people: inClass.reduce((s, r) => s + r.people, 0),
      headMinutes,
      share: all === 0 ? 0 : Math.round((headMinutes / all) * 10000) / 10000,
    };
  });
}

/**
 * Up to `n` zones with the highest pain per head (then more heads, then name).
 *
 * @example
 * worstOff([{ zone: 'America/Los_Angeles', pain: 900, class: 'night', heads: 4 }]) // [{ zone: 'America/Los_Angeles', pain: 900, class: 'night' }]
 */
export function worstOff(rows: readonly { zone: string; pain: number; class: ComfortClass; heads: number }[], n = 3): WorstOff[] {
  return rows
    .filter((r) => r.pain > 0)
    .sort((a, b) => b.pain - a.pain || b.heads - a.heads || (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0))
    .slice(0, n)
    .map((r) => ({ zone: r.zone, pain: r.pain, class: r.class }));
}

/** The local-clock pattern of a day: equal for two days when every zone reads the same clocks. */
function signature(d: DaySpread): string {
  return d.blocks.map((b) => `${b.block}:${b.zones.map((z) => `${z.zone}=${formatClock(z.start)}/${formatClock(z.end)}`).join(',')}`).join(';');
}

/**
 * Merges consecutive days whose local clocks are all the same (their spreads
 * are then equal but for the dates): one period for a meeting without a DST
 * change, two around a change.
 *
 * @example
 * periodsOf(spreadOf(meeting).days).map((p) => p.dates.length) // [8] for SG12
 */
export function periodsOf(days: readonly DaySpread[]): SpreadPeriod[] {
  const out: { dates: string[]; blocks: readonly BlockSpread[]; sig: string }[] = [];
  for (const d of days) {
    const sig = signature(d);
    const last = out[out.length - 1];
    if (last && last.sig === sig) last.dates.push(d.date);
    else out.push({ dates: [d.date], blocks: d.blocks, sig });
  }
  return out.map(({ dates, blocks }) => ({ dates, blocks }));
}

/**
 * `11:30–13:00` of a window.
 *
 * @example
 * windowLabel({ id: 'core1', core: true, startWall: 690, endWall: 780 }) // '11:30–13:00'
 */
export function windowLabel(w: Window): string {
  return `${formatWallTime(w.startWall)}–${w.endWall >= 1440 ? '24:00' : formatWallTime(w.endWall)}`;
}
