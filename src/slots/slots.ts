/**
 * Rapporteur slots: where one more session of a group could go around a
 * published timetable, every other session staying where it is.
 *
 * The extra session is added to a copy of the spec (any block and day the
 * group's sessions may use; no `at`, not exclusive), the meeting is rebuilt,
 * and each of its legal starts is scored with {@link evaluate}: a start is a
 * slot when it breaks no hard rule the timetable did not already break (a
 * free track, no overlap with an exclusive session, with the group's other
 * sessions or with its leads' sessions, the group's core quota), and when a
 * track stays free for its whole length with the others' tracks as published
 * (else it counts as refused under `tracks`: a room would have to change). Slots
 * are ranked by what they add to the objective (comfort, conflicts and fairness
 * with the meeting's weights), then by start.
 */
import type { Meeting } from '../model/types.js';
import { commonAttendees, derive } from '../model/derived.js';
import { formatInstant } from '../model/time.js';
import type { MeetingSpec } from '../spec/meeting-schema.js';
import { loadMeeting } from '../spec/read.js';
import { evaluate } from '../timetable/constraints.js';
import { assignTracks } from '../timetable/timetable.js';
import type { HardConstraintId, Score, Starts } from '../timetable/types.js';
import { audienceOf } from '../tz/audience.js';
import type { ComfortClass } from '../tz/classes.js';
import type { LocalClock } from '../tz/local.js';
import { orderZones, zoneInWindow } from '../tz/spread.js';

/**
 * Options of {@link findSlots}.
 *
 * @example
 * findSlots(meeting, starts, { group: 'Q12/12', minutes: 60 })
 */
export interface SlotOptions {
  /** The group that wants one more session. */
  readonly group: string;
  /** Its length in minutes (a multiple of the grid). */
  readonly minutes: number;
  /** Title of the extra session (default: "extra session"). */
  readonly title?: string;
  /**
   * The published track of each session (by session index), when the timetable gives them;
   * default: the tracks plenary assigns to `starts` (those of the timetables it writes).
   */
  readonly tracks?: readonly (number | undefined)[];
}

/**
 * A session the extra one would overlap and share attendees with.
 *
 * @example
 * const c: SlotConflict = slot.conflicts[0]; // { session: 'q9-12-1', group: 'Q9/12', minutes: 60, people: ['q15-rapp'] }
 */
export interface SlotConflict {
  readonly session: string;
  readonly group: string;
  /** Overlap in minutes. */
  readonly minutes: number;
  /** People attending both (ids). */
  readonly people: readonly string[];
}

/**
 * The extra session seen from one zone of the group's audience.
 *
 * @example
 * for (const z of slot.zones) console.log(`${z.zone}: ${z.start.time}–${z.end.time} (${z.class})`);
 */
export interface SlotZone {
  readonly zone: string;
  readonly delegates: number;
  readonly people: number;
  readonly start: LocalClock;
  readonly end: LocalClock;
  readonly class: ComfortClass;
  /** SPEC §4 pain for one head in this zone. */
  readonly pain: number;
}

/**
 * One place the extra session could go.
 *
 * @example
 * const { slots } = findSlots(meeting, starts, { group: 'Q12/12', minutes: 60 });
 * const best: Slot = slots[0]; // { rank: 1, date: '2021-05-05', block: 'rapporteur1', start: '2021-05-05T10:00:00+02:00', track: 2, … }
 */
export interface Slot {
  /** 1 = best. */
  readonly rank: number;
  readonly day: number;
  readonly date: string;
  readonly block: string;
  readonly core: boolean;
  /** ISO 8601 in the meeting's zone. */
  readonly start: string;
  readonly end: string;
  /** The virtual room it would take (tracks of the others unchanged). */
  readonly track: number;
  /** Tracks still free while it runs (the fewest over its grid steps). */
  readonly freeTracks: number;
  /** What it adds to the score (SPEC §4 terms; `total` with the meeting's weights). */
  readonly cost: { readonly total: number; readonly comfort: number; readonly conflict: number; readonly fairness: number };
  readonly conflicts: readonly SlotConflict[];
  /** Local times for the group's delegates and the people attending it, west to east. */
  readonly local: readonly SlotZone[];
}

/**
 * What {@link findSlots} answers.
 *
 * @example
 * const r: SlotSearch = findSlots(meeting, starts, { group: 'Q12/12', minutes: 60 }); r.refused // { tracks: 18, group: 3, quota: 12, exclusive: 3 }
 */
export interface SlotSearch {
  readonly meeting: string;
  readonly timeZone: string;
  readonly group: string;
  readonly minutes: number;
  /** The id the extra session was given while scoring. */
  readonly session: string;
  /** The timetable's own score. */
  readonly baseline: Score;
  /** Legal starts (block, day, grid) tried. */
  readonly tried: number;
  /** Starts refused, by the first new hard rule each would break. */
  readonly refused: Partial<Record<HardConstraintId, number>>;
  /** Every slot, best first. */
  readonly slots: readonly Slot[];
}

/**
 * Ranks the places where one more session of `group` could go in the
 * timetable `starts` of `meeting` without breaking a hard rule.
 * Throws a `RangeError` for an unknown group or unusable minutes.
 *
 * @example
 * const starts = readTimetable(meeting, JSON.parse(draftText));
 * const r = findSlots(meeting, starts, { group: 'Q5/12', minutes: 90 });
 * r.slots[0].start  // '2021-05-06T13:30:00+02:00' (say)
 * r.slots[0].local  // the time for Q5/12's delegates in Shanghai, Berlin, Los Angeles…
 */
export function findSlots(meeting: Meeting, starts: Starts, options: SlotOptions): SlotSearch {
  const gi = meeting.groupIndex.get(options.group);
  if (gi === undefined) throw new RangeError(`unknown group ${JSON.stringify(options.group)}: expected one of ${meeting.groups.map((g) => g.id).join(', ')}`);
  const group = meeting.groups[gi]!;
  const M = options.minutes;
  if (!Number.isInteger(M) || M <= 0 || M % meeting.grid !== 0) {
    throw new RangeError(`expected minutes that are a positive multiple of the grid (${meeting.grid}), got ${M}`);
  }
  // the blocks and days the group's sessions may use
  const own = group.sessions.map((s) => meeting.sessions[s]!);
  const blocks = own.length ? [...new Set(own.flatMap((s) => s.allowedBlocks))].sort((a, b) => a - b) : meeting.blocks.map((b) => b.index);
  const days = own.length ? [...new Set(own.flatMap((s) => s.allowedDays))].sort((a, b) => a - b) : meeting.days.map((d) => d.index);
  // in real minutes, as the spec's check: a block lasts an hour more or less on the night the clocks change
  let longest = 0;
  for (const inst of meeting.instances) if (blocks.includes(inst.block) && days.includes(inst.day)) longest = Math.max(longest, inst.end - inst.start);
  if (M > longest) throw new RangeError(`expected at most ${longest} minutes (the longest block ${group.id}'s sessions may use), got ${M}`);

  let id = `${group.id}+extra`;
  for (let k = 2; meeting.sessionIndex.has(id); k++) id = `${group.id}+extra${k}`;
  const spec: MeetingSpec = {
    ...meeting.spec,
    sessions: [
      ...meeting.spec.sessions,
      {
        id,
        group: group.id,
        title: options.title ?? 'extra session',
        minutes: M,
        exclusive: false,
        core: false,
        ...(blocks.length < meeting.blocks.length ? { blocks: blocks.map((b) => meeting.blocks[b]!.id) } : {}),
        ...(days.length < meeting.days.length ? { days: days.map((d) => d + 1) } : {}),
      },
    ],
  };
  const m2 = loadMeeting(spec, 'spec with the extra session');
  const x = m2.sessionIndex.get(id)!;
  const base = evaluate(meeting, starts, { countOnly: true });
  const published = options.tracks ?? assignTracks(meeting, starts);
  const d2 = derive(m2);
  const audience = audienceOf(m2, group.id);

  const refused: Partial<Record<HardConstraintId, number>> = {};
  const found: (Omit<Slot, 'rank'> & { readonly at: number })[] = [];
  const trial: (number | undefined)[] = [...starts, undefined];
  for (const c of m2.sessions[x]!.candidates) {
    trial[x] = c.start;
    const r = evaluate(m2, trial, { countOnly: true });
    const mine = r.violations.find((v) => v.sessions.includes(id));
    if (mine || r.score.hard > base.score.hard) {
      const k = mine?.constraint ?? r.violations[0]!.constraint;
      refused[k] = (refused[k] ?? 0) + 1;
      continue;
    }
    const inst = m2.instances[c.instance]!;
    const end = c.start + M;
    // the lowest track that no session it overlaps holds, every track staying as published
    const taken = new Set<number>();
    for (let s = 0; s < x; s++) {
      const st = starts[s];
      if (st !== undefined && st < end && c.start < st + m2.sessions[s]!.minutes && published[s] !== undefined) taken.add(published[s]!);
    }
    let track = 1;
    while (taken.has(track)) track++;
    if (track > m2.tracks) {
      refused.tracks = (refused.tracks ?? 0) + 1;
      continue;
    }
    const conflicts: SlotConflict[] = [];
    let busiest = 0;
    for (let t = c.start; t < end; t += m2.grid) {
      let running = 1;
      for (let s = 0; s < x; s++) {
        const st = starts[s];
        if (st !== undefined && st <= t && t < st + m2.sessions[s]!.minutes) running++;
      }
      busiest = Math.max(busiest, running);
    }
    for (let s = 0; s < x; s++) {
      const st = starts[s];
      if (st === undefined) continue;
      const overlap = Math.min(end, st + m2.sessions[s]!.minutes) - Math.max(c.start, st);
      if (overlap <= 0 || commonAttendees(d2, s, x) === 0) continue;
      const sx = m2.sessions[x]!.attendees;
      conflicts.push({
        session: m2.sessions[s]!.id,
        group: m2.groups[m2.sessions[s]!.group]!.id,
        minutes: overlap,
        people: m2.sessions[s]!.attendees.filter((p) => sx.includes(p)).map((p) => m2.people[p]!.id),
      });
    }
    const zones = orderZones(m2, audience.zones, c.start);
    const date = m2.days[inst.day]!.date;
    found.push({
      at: c.start,
      day: inst.day + 1,
      date,
      block: m2.blocks[inst.block]!.id,
      core: m2.blocks[inst.block]!.core,
      start: formatInstant(c.start, m2.timeZone),
      end: formatInstant(end, m2.timeZone),
      track,
      freeTracks: m2.tracks - busiest,
      cost: {
        total: r.score.total - base.score.total,
        comfort: r.score.comfort - base.score.comfort,
        conflict: r.score.conflict - base.score.conflict,
        fairness: r.score.fairness - base.score.fairness,
      },
      conflicts,
      local: zones.map((z) => {
        const row = zoneInWindow(m2, z, date, c.start, end);
        return { zone: z.zone, delegates: z.delegates, people: z.people, start: row.start, end: row.end, class: row.class, pain: row.pain };
      }),
    });
  }
  found.sort((a, b) => a.cost.total - b.cost.total || a.cost.conflict - b.cost.conflict || a.at - b.at);
  return {
    meeting: meeting.id,
    timeZone: meeting.timeZone,
    group: group.id,
    minutes: M,
    session: id,
    baseline: base.score,
    tried: m2.sessions[x]!.candidates.length,
    refused,
    slots: found.map(({ at, ...s }, i) => ({ rank: i + 1, ...s })),
  };
}
