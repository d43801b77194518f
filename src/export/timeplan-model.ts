/**
 * The time plan as data, before any language or format: one row per meeting
 * day with a pause row where the meeting pauses, one column per block grouped
 * into morning and afternoon (meeting time), and in each cell the sessions as
 * a sequence of items, each one session or several in parallel.
 */
import type { Meeting } from '../model/types.js';
import { dateToDayNumber, dayNumberToDate, formatOffset, formatWallTime, formatWallTimeAt, isoWeekday, localTime, offsetAt, parseInstant } from '../model/time.js';
import { trustedTimetable } from '../timetable/document.js';
import type { Timetable, TimetableSession } from '../timetable/types.js';

/**
 * One session as the plan names it.
 *
 * @example
 * const s: PlanSession = { id: 'q5-12-2', group: 'Q5/12', label: 'Q5/12 (2/3)', start: '13:30', end: '15:00', track: 1 };
 */
export interface PlanSession {
  readonly id: string;
  readonly group: string;
  /** `Q5/12 (2/3)`, `SG12 Opening plenary`, `WP1/12 opening plenary`. */
  readonly label: string;
  /** Wall times in the meeting's zone. */
  readonly start: string;
  readonly end: string;
  readonly track: number;
}

/**
 * One session, or sessions that overlap (in parallel), in a cell.
 *
 * @example
 * const parallel = cell.items.filter((i: PlanItem) => i.parallel).map((i) => i.sessions.map((s) => s.label).join(' ∥ '));
 */
export interface PlanItem {
  readonly start: string;
  readonly end: string;
  readonly parallel: boolean;
  /** By track. */
  readonly sessions: readonly PlanSession[];
}

/**
 * A block column.
 *
 * @example
 * const morning = plan.columns.filter((c: PlanColumn) => c.half === 'morning').map((c) => c.block); // ['rapporteur1', 'core1']
 */
export interface PlanColumn {
  readonly block: string;
  readonly start: string;
  readonly end: string;
  readonly core: boolean;
  /** Morning when the block starts before noon, meeting time. */
  readonly half: 'morning' | 'afternoon';
}

/**
 * A cell: the items of one block on one day, in time order.
 *
 * @example
 * const labels = row.cells.map((c: PlanCell) => c.items.flatMap((i) => i.sessions.map((s) => s.label)));
 */
export interface PlanCell {
  readonly block: string;
  /** Whether the items fill the block exactly as one item (no times needed). */
  readonly fills: boolean;
  readonly items: readonly PlanItem[];
}

/**
 * A row of the plan.
 *
 * @example
 * for (const row of timeplanModel(meeting, timetable).rows) {
 *   if (row.kind === 'pause') console.log(row.weekend ? 'weekend' : 'pause', row.from, row.to);
 *   else console.log(row.date, row.cells.length, 'blocks');
 * }
 */
export type PlanRow =
  | {
      readonly kind: 'day';
      readonly day: number;
      readonly date: string;
      readonly weekday: number;
      readonly cells: readonly PlanCell[];
      /**
       * The zone's offset on this day (`UTC+02:00`; `UTC+01:00→UTC+02:00` when
       * its blocks straddle the change), only when the meeting's days do not
       * all share one, so that a reader converting the times takes the right one.
       */
      readonly offset?: string;
    }
  | { readonly kind: 'pause'; readonly from: string; readonly to: string; readonly days: number; readonly weekend: boolean };

/**
 * The whole plan.
 *
 * @example
 * const plan: PlanModel = timeplanModel(meeting, timetable); plan.columns.map((c) => c.half) // ['morning', 'morning', 'afternoon', 'afternoon']
 */
export interface PlanModel {
  readonly meeting: string;
  readonly title: string;
  readonly timeZone: string;
  /** The offsets of the meeting's zone on its days, `UTC+02:00` (several around a DST change). */
  readonly offsets: readonly string[];
  readonly status: Timetable['status'];
  readonly score: Timetable['score'];
  readonly columns: readonly PlanColumn[];
  readonly rows: readonly PlanRow[];
  /** Sessions outside every block or meeting day (an infeasible timetable). */
  readonly outside: readonly (PlanSession & { readonly date: string })[];
}

/**
 * The name of a session in the plan: its group and number among the group's
 * sessions when it has no title of its own (a Question session), else its
 * title, prefixed by its group unless the title names it.
 *
 * @example
 * sessionLabel(meeting, 'q5-12-2')     // 'Q5/12 (2/3)'
 * sessionLabel(meeting, 'sg12-opening') // 'SG12 Opening plenary'
 */
export function sessionLabel(meeting: Meeting, id: string, fallback?: TimetableSession): string {
  const s = meeting.sessionIndex.get(id);
  if (s === undefined) return fallback ? (fallback.title.includes(fallback.group) ? fallback.title : `${fallback.group} ${fallback.title}`.trim()) : id;
  const sess = meeting.sessions[s]!;
  const g = meeting.groups[sess.group]!;
  if (sess.title === undefined || sess.title === g.title) return sess.ofGroup > 1 ? `${g.id} (${sess.ordinal}/${sess.ofGroup})` : g.id;
  return sess.title.includes(g.id) ? sess.title : `${g.id} ${sess.title}`;
}

interface Placed extends PlanSession {
  readonly t0: number;
  readonly t1: number;
}

/**
 * Builds the plan of a timetable.
 *
 * @example
 * const plan = timeplanModel(meeting, timetable);
 * plan.rows.map((r) => (r.kind === 'day' ? r.date : 'pause')) // ['2021-05-04', …, 'pause', '2021-05-10', …]
 */
export function timeplanModel(meeting: Meeting, given: Timetable): PlanModel {
  const timetable = trustedTimetable(meeting, given);
  const zone = meeting.timeZone;
  const blocks = [...meeting.blocks].sort((a, b) => a.startWall - b.startWall);
  const columns: PlanColumn[] = blocks.map((b) => ({
    block: b.id,
    start: b.start,
    end: b.end,
    core: b.core,
    half: b.startWall < 12 * 60 ? 'morning' : 'afternoon',
  }));
  const placed = new Map<string, Placed[]>(); // `${day}|${block}`
  const outside: (PlanSession & { date: string })[] = [];
  for (const s of timetable.sessions) {
    const a = parseInstant(s.start);
    const b = parseInstant(s.end);
    const t0 = a.kind === 'ok' ? a.min : 0;
    const t1 = b.kind === 'ok' ? b.min : t0;
    const p: Placed = {
      id: s.id,
      group: s.group,
      label: sessionLabel(meeting, s.id, s),
      // a time in the repeated hour of a fall-back day with its offset (`02:00 (UTC+01:00)`)
      start: a.kind === 'ok' ? formatWallTimeAt(meeting.timeZone, a.min) : s.start.slice(11, 16),
      end: b.kind === 'ok' ? endWallTime(meeting.timeZone, t0, b.min) : s.end.slice(11, 16),
      track: s.track,
      t0,
      t1,
    };
    if (s.day === null || s.block === null || !meeting.blocks.some((bl) => bl.id === s.block)) {
      outside.push({ ...p, date: s.date });
      continue;
    }
    const key = `${s.day}|${s.block}`;
    placed.set(key, [...(placed.get(key) ?? []), p]);
  }

  // the offsets at the start and at the last minute of each block instance (instances[day * blocks + block])
  const instanceOffsets = meeting.instances.map((x) => [x.start, x.end - 1].map((m) => `UTC${formatOffset(offsetAt(zone, m))}`));
  const offsets = [...new Set(instanceOffsets.flat())];
  const severalOffsets = offsets.length > 1;
  const nb = meeting.blocks.length;
  const dayOffset = (i: number): string => [...new Set(instanceOffsets.slice(i * nb, (i + 1) * nb).flat())].join('→');
  const rows: PlanRow[] = [];
  meeting.days.forEach((day, i) => {
    if (i > 0) {
      const prev = dateToDayNumber(meeting.days[i - 1]!.date);
      const cur = dateToDayNumber(day.date);
      if (cur - prev > 1) {
        const dates: string[] = [];
        for (let n = prev + 1; n < cur; n++) dates.push(dayNumberToDate(n));
        rows.push({ kind: 'pause', from: dates[0]!, to: dates[dates.length - 1]!, days: dates.length, weekend: dates.every((d) => isoWeekday(d) >= 6) });
      }
    }
    const cells: PlanCell[] = blocks.map((b) => {
      const items = itemsOf(placed.get(`${day.number}|${b.id}`) ?? []);
      const only = items.length === 1 ? items[0]! : undefined;
      return { block: b.id, fills: only !== undefined && only.start === b.start && only.end === blockEnd(b.endWall), items };
    });
    rows.push({ kind: 'day', day: day.number, date: day.date, weekday: day.weekday, cells, ...(severalOffsets ? { offset: dayOffset(i) } : {}) });
  });

  return {
    meeting: meeting.id,
    title: meeting.title,
    timeZone: zone,
    offsets,
    status: timetable.status,
    score: timetable.score,
    columns,
    rows,
    outside: outside.map((o) => ({ ...planSession(o), date: o.date })),
  };
}

/** A block's end as its column shows it: `24:00` for midnight. */
function blockEnd(endWall: number): string {
  return endWall === 24 * 60 ? '24:00' : formatWallTime(endWall);
}

/** A session's end wall time: `24:00` when it ends at the midnight after the day it starts (as its block's column says), not `00:00`. */
function endWallTime(zone: string, startMin: number, endMin: number): string {
  const end = localTime(zone, endMin);
  return end.minutes === 0 && end.date !== localTime(zone, startMin).date ? '24:00' : formatWallTimeAt(zone, endMin);
}

function planSession(p: PlanSession): PlanSession {
  return { id: p.id, group: p.group, label: p.label, start: p.start, end: p.end, track: p.track };
}

/** Sessions of one cell → items: runs of overlapping sessions become one parallel item. */
function itemsOf(sessions: readonly Placed[]): PlanItem[] {
  const sorted = [...sessions].sort((a, b) => a.t0 - b.t0 || a.track - b.track);
  const groups: Placed[][] = [];
  let reach = -Infinity;
  for (const s of sorted) {
    const last = groups[groups.length - 1];
    if (last && s.t0 < reach) {
      last.push(s);
      reach = Math.max(reach, s.t1);
    } else {
      groups.push([s]);
      reach = s.t1;
    }
  }
  return groups.map((g) => {
    const first = g.reduce((m, s) => (s.t0 < m.t0 ? s : m));
    const last = g.reduce((m, s) => (s.t1 > m.t1 ? s : m));
    return {
      start: first.start,
      end: last.end,
      parallel: g.length > 1,
      sessions: [...g].sort((a, b) => a.track - b.track || a.t0 - b.t0).map(planSession),
    };
  });
}
