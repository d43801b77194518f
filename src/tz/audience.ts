/**
 * Who the spread is about: head counts by zone.
 *
 * The whole meeting's audience counts, in each zone, the delegates of every
 * group that has delegates while none of its ancestors has any (in the SG12
 * example only the study group: its 120 delegates attend the plenaries, and
 * the delegates listed under a Question are taken to be among them), plus
 * every person of the spec once, in their own zone. A group's audience is
 * what SPEC §4 weighs that group's sessions by: its own delegates plus the
 * people attending its sessions.
 */
import type { Meeting } from '../model/types.js';

/**
 * The heads of one zone.
 *
 * @example
 * const tokyo: ZoneHeads | undefined = audienceOf(meeting).zones.find((z) => z.zone === 'Asia/Tokyo'); // { zone, delegates: 6, people: 2 }
 */
export interface ZoneHeads {
  readonly zone: string;
  readonly delegates: number;
  readonly people: number;
}

/**
 * The zones a spread is about, with their head counts (zones with nobody are left out).
 *
 * @example
 * audienceOf(meeting) // { group: undefined, zones: [...], delegates: 120, people: 29 }
 */
export interface Audience {
  /** The group whose sessions' audience this is; undefined for the whole meeting. */
  readonly group: string | undefined;
  /** Sorted by zone name. */
  readonly zones: readonly ZoneHeads[];
  readonly delegates: number;
  readonly people: number;
}

/**
 * The audience of the whole meeting, or of one group's sessions.
 * Throws a `RangeError` for an unknown group id.
 *
 * @example
 * const a = audienceOf(meeting);          // SG12: 120 delegates + 29 people
 * const q = audienceOf(meeting, 'Q5/12'); // Q5/12's delegates and the people attending Q5/12
 */
export function audienceOf(meeting: Meeting, group?: string): Audience {
  const delegates = new Map<string, number>();
  const people = new Map<string, number>();
  const add = (m: Map<string, number>, zone: string, n: number) => m.set(zone, (m.get(zone) ?? 0) + n);
  if (group === undefined) {
    const has = meeting.groups.map((g) => g.delegates.length > 0);
    for (const g of meeting.groups) {
      if (!has[g.index] || g.ancestors.slice(1).some((a) => has[a])) continue;
      for (const d of g.delegates) add(delegates, d.zone, d.count);
    }
    for (const p of meeting.people) add(people, p.timeZone, 1);
  } else {
    const gi = meeting.groupIndex.get(group);
    if (gi === undefined) throw new RangeError(`unknown group ${JSON.stringify(group)}`);
    for (const d of meeting.groups[gi]!.delegates) add(delegates, d.zone, d.count);
    for (const p of meeting.people) if (p.attendedGroups.has(gi)) add(people, p.timeZone, 1);
  }
  const zones = [...new Set([...delegates.keys(), ...people.keys()])]
    .sort()
    .map((zone) => ({ zone, delegates: delegates.get(zone) ?? 0, people: people.get(zone) ?? 0 }))
    .filter((z) => z.delegates + z.people > 0);
  return {
    group,
    zones,
    delegates: zones.reduce((s, z) => s + z.delegates, 0),
    people: zones.reduce((s, z) => s + z.people, 0),
  };
}
