/**
 * Local clocks of instants, and walks over the local hours of a stretch of
 * time, exact across DST changes and in half-hour and 45-minute zones.
 */
import type { Comfort } from '../model/comfort.js';
import { DAY_MINUTES, dateToDayNumber, formatOffset, formatWallTime, localTime, wallToInstant } from '../model/time.js';

/**
 * A local wall clock reading, relative to a meeting date.
 *
 * @example
 * const c: LocalClock = { date: '2021-05-05', time: '18:30', offset: '+09:00', dayShift: 0 }; // core1 of 5 May 2021 in Tokyo
 */
export interface LocalClock {
  /** `YYYY-MM-DD`, local. */
  readonly date: string;
  /** `HH:MM`, local. */
  readonly time: string;
  /** Offset from UTC in force, `+05:30`. */
  readonly offset: string;
  /** Local date minus the meeting date, in days (-1, 0 or +1). */
  readonly dayShift: number;
}

/**
 * The local clock of the instant `min` (epoch minutes) in `zone`, relative to
 * the meeting date `meetingDate`.
 *
 * @example
 * clockAt('Asia/Tokyo', 27002010, '2021-05-05') // { date: '2021-05-05', time: '18:30', offset: '+09:00', dayShift: 0 }
 */
export function clockAt(zone: string, min: number, meetingDate: string): LocalClock {
  const lt = localTime(zone, min);
  return {
    date: lt.date,
    time: formatWallTime(lt.minutes),
    offset: formatOffset(lt.offset),
    dayShift: dateToDayNumber(lt.date) - dateToDayNumber(meetingDate),
  };
}

/**
 * `02:30`, `23:30-1`, `00:00+1`: a clock with its day shift when it is not 0.
 *
 * @example
 * formatClock({ date: '2021-05-06', time: '00:00', offset: '+09:00', dayShift: 1 }) // '00:00+1'
 */
export function formatClock(c: LocalClock): string {
  return c.dayShift === 0 ? c.time : `${c.time}${c.dayShift > 0 ? '+' : ''}${c.dayShift}`;
}

/**
 * Calls `f(hour, minutes)` for each run of minutes of [start, end) (epoch
 * minutes) that share one local hour in `zone`, in time order.
 *
 * @example
 * forEachLocalHour(comfort, 'Asia/Kolkata', t, t + 90, (h, n) => …) // 15:00–16:30 IST: (15, 60), (16, 30)
 */
export function forEachLocalHour(comfort: Comfort, zone: string, start: number, end: number, f: (hour: number, minutes: number) => void): void {
  comfort.timeline(zone).forEachStretch(start, end, (a, b, off) => {
    let t = a;
    while (t < b) {
      const m = (((t + off) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
      const next = Math.min(b, t + 60 - (m % 60));
      f(Math.floor(m / 60), next - t);
      t = next;
    }
  });
}

/**
 * A window of wall time on a date placed in a zone, or the wall time that does not exist.
 *
 * @example
 * const w: PlacedWindow = placeWindow('Europe/Zurich', '2021-03-28', 120, 180);
 * if (!w.ok) console.log(w.missing); // 02:00 does not exist that night
 */
export type PlacedWindow = { readonly ok: true; readonly start: number; readonly end: number } | { readonly ok: false; readonly missing: string };

/**
 * The instants of the wall-time window [startWall, endWall) (minutes after
 * midnight, `endWall` up to 1440) on `date` in `zone`. A wall time in a
 * spring-forward gap does not exist; one that occurs twice is its first
 * occurrence.
 *
 * @example
 * placeWindow('Europe/Zurich', '2021-05-05', 690, 780) // { ok: true, start: 27002010, end: 27002100 }
 */
export function placeWindow(zone: string, date: string, startWall: number, endWall: number): PlacedWindow {
  const s = wallToInstant(zone, date, startWall);
  if (s.kind === 'gap') return { ok: false, missing: `${date} ${formatWallTime(startWall)}` };
  const endDate = endWall >= DAY_MINUTES ? nextDate(date) : date;
  const e = wallToInstant(zone, endDate, endWall % DAY_MINUTES);
  if (e.kind === 'gap') return { ok: false, missing: `${date} ${formatWallTime(endWall)}` };
  return { ok: true, start: s.min, end: e.min };
}

function nextDate(date: string): string {
  return new Date((dateToDayNumber(date) + 1) * 86400000).toISOString().slice(0, 10);
}
