/**
 * The comfort pain of every zone at every grid step of every block instance,
 * as cumulative sums per instance, for the cost tables of the solver.
 *
 * Equal to summing `meeting.comfort.pain(zone, t, grid)` step by step, but
 * much cheaper: the zone's offset is looked up at the ends of ranges of
 * meeting days, split in halves until each range of at most a week starts and
 * ends with the same offset (a couple of time-zone lookups per zone when
 * nothing changes); there the pain comes in closed form from the profile's
 * prefix sums. Only a day whose offset changes inside its blocks (a DST
 * change) falls back to `Comfort.pain`, which is exact to the minute.
 */
import { DAY_MINUTES } from '../model/time.js';
import type { Meeting } from '../model/types.js';

/**
 * `cum[z * nPoints + instPoint0[i] + k]` = pain in zone `meeting.zones[z]` of
 * the first k grid steps of instance i.
 *
 * @example
 * const cum = cumulativePain(meeting, instPoint0, instSteps, nPoints);
 */
export function cumulativePain(meeting: Meeting, instPoint0: Int32Array, instSteps: Int32Array, nPoints: number): Float64Array {
  const grid = meeting.grid;
  const profile = meeting.comfort.profile;
  const prefix = new Float64Array(DAY_MINUTES + 1);
  for (let k = 0; k < DAY_MINUTES; k++) prefix[k + 1] = prefix[k]! + profile[Math.floor(k / 60)]!;
  const daySum = prefix[DAY_MINUTES]!;
  const local = (m: number): number => {
    const d = Math.floor(m / DAY_MINUTES);
    return d * daySum + prefix[m - d * DAY_MINUTES]!;
  };
  const B = meeting.blocks.length;
  const cum = new Float64Array(meeting.zones.length * nPoints);
  // the span of each day's blocks
  const D = meeting.days.length;
  const from = new Float64Array(D).fill(Infinity);
  const to = new Float64Array(D).fill(-Infinity);
  for (const inst of meeting.instances) {
    if (inst.start < from[inst.day]!) from[inst.day] = inst.start;
    if (inst.end > to[inst.day]!) to[inst.day] = inst.end;
  }
  meeting.zones.forEach((zone, zi) => {
    const timeline = meeting.comfort.timeline(zone);
    const dayOffset = new Float64Array(D).fill(NaN); // NaN: the offset changes during that day's blocks
    // days a..b (inclusive) share one offset when its first and last instants agree and the span is
    // at most a week (no zone changes its offset twice in a week); otherwise split the range
    const fill = (a: number, b: number, oa: number): void => {
      const ob = timeline.offset(to[b]!);
      if (oa === ob && to[b]! - from[a]! <= 7 * DAY_MINUTES) {
        for (let d = a; d <= b; d++) dayOffset[d] = oa;
        return;
      }
      if (a === b) return;
      const m = (a + b) >> 1;
      fill(a, m, oa);
      fill(m + 1, b, timeline.offset(from[m + 1]!));
    };
    fill(0, D - 1, timeline.offset(from[0]!));
    for (let d = 0; d < D; d++) {
      const off = dayOffset[d]!;
      for (let b = 0; b < B; b++) {
        const inst = meeting.instances[d * B + b]!;
        const base = zi * nPoints + instPoint0[inst.index]!;
        const steps = instSteps[inst.index]!;
        cum[base] = 0;
        if (!Number.isNaN(off)) {
          const at0 = local(inst.start + off);
          for (let k = 1; k <= steps; k++) cum[base + k] = local(inst.start + k * grid + off) - at0;
        } else {
          let acc = 0;
          for (let k = 0; k < steps; k++) {
            acc += meeting.comfort.pain(zone, inst.start + k * grid, grid);
            cum[base + k + 1] = acc;
          }
        }
      }
    }
  });
  return cum;
}
