/**
 * Rapporteur slots: where one more session of a group could go around a
 * published timetable, every other session staying where it is.
 *
 * The extra session is added to a copy of the spec (any block and day the
 * group's sessions may use; no `at`, not exclusive; in the order all of the
 * group's sessions keep, see {@link inheritedOrder}), the meeting is rebuilt,
 * and each of its legal starts is scored with {@link evaluate}: a start is a
 * slot when it breaks no hard rule the timetable did not already break (a
 * free track, no overlap with an exclusive session, with the group's other
 * sessions or with its leads' sessions, that order, the group's core quota —
 * one already broken only not made worse), and when a
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
  /** The timetable's own score (`hard` > 0: it already breaks rules, which a slot may leave broken). */
  readonly baseline: Score;
  /** Sessions the extra one must follow, as every session of the group does (sequence rules; ids, the nearest only). */
  readonly after: readonly string[];
  /** Sessions it must precede, as every session of the group does. */
  readonly before: readonly string[];
  /** Legal starts (block, day, grid) tried. */
  readonly tried: number;
  /** Starts refused, by the first new hard rule each would break. */
  readonly refused: Partial<Record<HardConstraintId, number>>;
  /** Every slot, best first. */
  readonly slots: readonly Slot[];
}

/**
 * What is wrong with the group and minutes asked of {@link findSlots}, each
 * with the option it concerns (empty when nothing is).
 *
 * @example
 * slotOptionProblems(meeting, { group: 'Q99/12', minutes: 20 })
 * // [{ option: 'group', message: 'unknown group "Q99/12": expected one of …' }, { option: 'minutes', message: 'expected minutes that are a positive multiple of the grid (15), got 20' }]
 */
export function slotOptionProblems(meeting: Meeting, options: { readonly group?: string | undefined; readonly minutes: number }): { readonly option: 'group' | 'minutes'; readonly message: string }[] {
  const out: { option: 'group' | 'minutes'; message: string }[] = [];
  const gi = options.group === undefined ? undefined : meeting.groupIndex.get(options.group);
  if (options.group !== undefined && gi === undefined) out.push({ option: 'group', message: `unknown group ${JSON.stringify(options.group)}: expected one of ${meeting.groups.map((g) => g.id).join(', ')}` });
  const M = options.minutes;
  if (!Number.isInteger(M) || M <= 0 || M % meeting.grid !== 0) {
    out.push({ option: 'minutes', message: `expected minutes that are a positive multiple of the grid (${meeting.grid}), got ${M}` });
  } else if (gi !== undefined) {
    const group = meeting.groups[gi]!;
    const { blocks, days } = extraAllowances(meeting, group);
    // in real minutes, as the spec's check: a block lasts an hour more or less on the night the clocks change
    let longest = 0;
    for (const inst of meeting.instances) if (blocks.includes(inst.block) && days.includes(inst.day)) longest = Math.max(longest, inst.end - inst.start);
    if (M > longest) out.push({ option: 'minutes', message: `expected at most ${longest} minutes (the longest block ${group.id}'s sessions may use), got ${M}` });
  }
  return out;
}

/**
 * The sessions of other groups that must end before every one of `sessions`
 * starts (`after`: the extra session comes after them) and those that must
 * start after every one of them ends (`before`), by the meeting's sequence
 * rules followed transitively; only the nearest (none that another one of the
 * list already follows, or precedes).
 *
 * @example
 * inheritedOrder(meeting, meeting.groups[meeting.groupIndex.get('Q5/12')!].sessions) // { after: [wp1's opening], before: [the first closing] }
 */
export function inheritedOrder(meeting: Meeting, sessions: readonly number[]): { readonly after: number[]; readonly before: number[] } {
  if (sessions.length === 0) return { after: [], before: [] };
  const n = meeting.sessions.length;
  const next: number[][] = Array.from({ length: n }, () => []);
  const prev: number[][] = Array.from({ length: n }, () => []);
  for (const q of meeting.sequences) {
    for (let i = 0; i + 1 < q.sessions.length; i++) {
      next[q.sessions[i]!]!.push(q.sessions[i + 1]!);
      prev[q.sessions[i + 1]!]!.push(q.sessions[i]!);
    }
  }
  const reach = (from: number, edges: number[][]): Set<number> => {
    const seen = new Set<number>();
    const stack = [...edges[from]!];
    while (stack.length) {
      const v = stack.pop()!;
      if (seen.has(v)) continue;
      seen.add(v);
      stack.push(...edges[v]!);
    }
    return seen;
  };
  const own = new Set(sessions);
  const common = (edges: number[][]): number[] => {
    let acc: Set<number> | undefined;
    for (const s of sessions) {
      const r = reach(s, edges);
      acc = acc === undefined ? r : new Set([...acc].filter((v) => r.has(v)));
    }
    return [...acc!].filter((v) => !own.has(v)).sort((a, b) => a - b);
  };
  const after = common(prev);
  const before = common(next);
  // the nearest: an earlier session that another of the list follows adds nothing (nor a later one that another precedes)
  const nearest = (list: number[], edges: number[][]) => list.filter((v) => !list.some((w) => w !== v && reach(w, edges).has(v)));
  return { after: nearest(after, prev), before: nearest(before, next) };
}

/** The blocks and days an extra session of the group may use: those its sessions may (every one when it has none). */
function extraAllowances(meeting: Meeting, group: Meeting['groups'][number]): { readonly blocks: number[]; readonly days: number[] } {
  const own = group.sessions.map((s) => meeting.sessions[s]!);
  const blocks = own.length ? [...new Set(own.flatMap((s) => s.allowedBlocks))].sort((a, b) => a - b) : meeting.blocks.map((b) => b.index);
  const days = own.length ? [...new Set(own.flatMap((s) => s.allowedDays))].sort((a, b) => a - b) : meeting.days.map((d) => d.index);
  return { blocks, days };
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
  const problems = slotOptionProblems(meeting, options);
  if (problems.length > 0) throw new RangeError(problems.map((p) => p.message).join('; '));
  const group = meeting.groups[meeting.groupIndex.get(options.group)!]!;
  const M = options.minutes;
  const { blocks, days } = extraAllowances(meeting, group);

  let id = `${group.id}+extra`;
  for (let k = 2; meeting.sessionIndex.has(id); k++) id = `${group.id}+extra${k}`;
  // the order the group's sessions keep (a Question's sessions between its working party's opening and the closings)
  const order = inheritedOrder(meeting, group.sessions);
  const sid = (s: number) => meeting.sessions[s]!.id;
  const spec: MeetingSpec = {
    ...meeting.spec,
    rules: [...meeting.spec.rules, ...order.after.map((b) => ({ sequence: [sid(b), id], sameDay: false })), ...order.before.map((a) => ({ sequence: [id, sid(a)], sameDay: false }))],
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
  // the group's core quota, already broken or not: a start in core is refused when it takes the count above the
  // maximum or further above it; a start outside core leaves the count as it is (SPEC §3 counts a broken quota once)
  const inCore = (at: number | undefined, s: number) => {
    if (at === undefined) return false;
    const inst = meeting.sessions[s]!.candidates.find((c) => c.start === at)?.instance;
    return inst !== undefined && meeting.blocks[meeting.instances[inst]!.block]!.core;
  };
  const coreNow = group.sessions.filter((s) => inCore(starts[s], s)).length;
  const quotaFull = group.core?.max !== undefined && coreNow >= group.core.max;
  for (const c of m2.sessions[x]!.candidates) {
    trial[x] = c.start;
    const r = evaluate(m2, trial, { countOnly: true });
    const addsToQuota = quotaFull && m2.blocks[m2.instances[c.instance]!.block]!.core;
    const mine = r.violations.find((v) => v.sessions.includes(id) && (v.constraint !== 'quota' || addsToQuota));
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
    after: order.after.map(sid),
    before: order.before.map(sid),
    tried: m2.sessions[x]!.candidates.length,
    refused,
    slots: found.map(({ at, ...s }, i) => ({ rank: i + 1, ...s })),
  };
}
