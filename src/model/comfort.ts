/**
 * The comfort pain of SPEC §4, exact to the minute in any zone.
 *
 * `pain(zone, start, minutes)` is Σ over the minutes i in 0..minutes-1 of
 * P[local hour in `zone` at start + i]. It is computed in closed form from a
 * prefix sum of the daily profile over each stretch of constant UTC offset, so
 * half-hour and 45-minute zones and DST changes inside a session are exact.
 */
import { DAY_MINUTES, offsetAt } from './time.js';

/**
 * The default profile: 0 from 08:00 to 17:59, 1 at 07, 18, 19; 3 at 06, 20, 21; 6 at 05 and 22; 10 from 23:00 to 04:59.
 *
 * @example
 * DEFAULT_COMFORT[3]  // 10: 03:00–03:59 local is night
 * DEFAULT_COMFORT[7]  // 1: 07:00–07:59 is early
 * DEFAULT_COMFORT[12] // 0: working hours
 */
export const DEFAULT_COMFORT: readonly number[] = Object.freeze([
  10, 10, 10, 10, 10, 6, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3, 3, 6, 10,
]);

/** A stretch of constant UTC offset: from `start` (epoch minutes) on, until the next one. */
interface Segment {
  readonly start: number;
  readonly offset: number;
}

/** Sampling step when looking for offset changes; changes are then located to the minute. */
const SAMPLE = 720;

/**
 * The offsets a zone takes over a horizon, as a sorted list of segments.
 * Lookups outside the horizon fall back to the time zone database directly.
 */
export class ZoneTimeline {
  readonly zone: string;
  private readonly from: number;
  private readonly to: number;
  private readonly segments: Segment[];

  constructor(zone: string, from: number, to: number) {
    this.zone = zone;
    this.from = from;
    this.to = to;
    const segs: Segment[] = [{ start: from, offset: offsetAt(zone, from) }];
    let t = from;
    let off = segs[0]!.offset;
    while (t < to) {
      const next = Math.min(t + SAMPLE, to);
      if (offsetAt(zone, next) === off) {
        t = next;
        continue;
      }
      // the offset changes in (t, next]: find the first minute of the change
      let lo = t;
      let hi = next;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(zone, mid) === off) lo = mid;
        else hi = mid;
      }
      off = offsetAt(zone, hi);
      segs.push({ start: hi, offset: off });
      t = hi;
    }
    this.segments = segs;
  }

  /** Offset in minutes at the instant `min`. */
  offset(min: number): number {
    if (min < this.from || min > this.to) return offsetAt(this.zone, min);
    return this.segments[this.indexOf(min)]!.offset;
  }

  /** Index of the segment holding `min` (which must be inside the horizon). */
  private indexOf(min: number): number {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid]!.start <= min) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Calls `f(a, b, offset)` for each stretch [a, b) of constant offset covering [start, end).
   */
  forEachStretch(start: number, end: number, f: (a: number, b: number, offset: number) => void): void {
    if (start >= end) return;
    if (start < this.from || end > this.to) {
      // outside the horizon: walk minute stretches directly (rare: only for hand-made timetables)
      let a = start;
      let off = offsetAt(this.zone, a);
      for (let t = start + 1; t < end; t++) {
        const o = offsetAt(this.zone, t);
        if (o !== off) {
          f(a, t, off);
          a = t;
          off = o;
        }
      }
      f(a, end, off);
      return;
    }
    const segs = this.segments;
    let i = this.indexOf(start);
    let a = start;
    while (a < end) {
      const next = i + 1 < segs.length ? segs[i + 1]!.start : Infinity;
      const b = Math.min(end, next);
      f(a, b, segs[i]!.offset);
      a = b;
      i++;
    }
  }
}

/**
 * A comfort profile (24 hourly penalties) with its prefix sums, and the zone
 * timelines of one meeting's horizon.
 *
 * @example
 * const c = new Comfort(DEFAULT_COMFORT, from, to);
 * c.pain('America/Los_Angeles', start, 90) // 90 minutes at 02:30–04:00 local: 900
 */
export class Comfort {
  readonly profile: readonly number[];
  private readonly prefix: Float64Array; // prefix[k] = Σ_{j<k} P[floor(j/60)], k in 0..1440
  private readonly daySum: number;
  private readonly from: number;
  private readonly to: number;
  private readonly timelines = new Map<string, ZoneTimeline>();

  /** `from`/`to`: the horizon (epoch minutes) over which zone offsets are tabulated. */
  constructor(profile: readonly number[], from: number, to: number) {
    if (profile.length !== 24) throw new RangeError('a comfort profile has 24 hourly values');
    this.profile = profile;
    this.from = from;
    this.to = to;
    this.prefix = new Float64Array(DAY_MINUTES + 1);
    for (let k = 0; k < DAY_MINUTES; k++) this.prefix[k + 1] = this.prefix[k]! + profile[Math.floor(k / 60)]!;
    this.daySum = this.prefix[DAY_MINUTES]!;
  }

  /** The timeline of a zone over this horizon (built once). */
  timeline(zone: string): ZoneTimeline {
    let t = this.timelines.get(zone);
    if (!t) {
      t = new ZoneTimeline(zone, this.from, this.to);
      this.timelines.set(zone, t);
    }
    return t;
  }

  /** Σ_{k < m} P[hour of local minute k], for any integer m (local minutes since 1970). */
  private cumulative(m: number): number {
    const d = Math.floor(m / DAY_MINUTES);
    return d * this.daySum + this.prefix[m - d * DAY_MINUTES]!;
  }

  /** Penalty of the local hour at the instant `min` in `zone`. */
  penaltyAt(zone: string, min: number): number {
    const local = min + this.timeline(zone).offset(min);
    const m = ((local % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
    return this.profile[Math.floor(m / 60)]!;
  }

  /** pain(s, z) of SPEC §4 for a session starting at `start` (epoch minutes) lasting `minutes`. */
  pain(zone: string, start: number, minutes: number): number {
    let sum = 0;
    this.timeline(zone).forEachStretch(start, start + minutes, (a, b, off) => {
      sum += this.cumulative(b + off) - this.cumulative(a + off);
    });
    return sum;
  }
}
