/**
 * The readonly domain of a validated meeting. Instants are epoch minutes
 * (whole minutes since 1970-01-01T00:00Z); indices are positions in the
 * meeting's arrays. Built once by `buildMeeting`, never changed.
 */
import type { Comfort } from './comfort.js';
import type { MeetingSpec } from '../spec/meeting-schema.js';

/**
 * A meeting day.
 *
 * @example
 * const day: Day = meeting.days[0]; // { index: 0, number: 1, date: '2021-05-04', weekday: 2 }
 */
export interface Day {
  /** 0-based position. */
  readonly index: number;
  /** 1-based number, as in `days` lists. */
  readonly number: number;
  /** `YYYY-MM-DD` in the meeting's zone. */
  readonly date: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
}

/**
 * A daily window of the meeting.
 *
 * @example
 * const core = meeting.blocks.filter((b: Block) => b.core).map((b) => `${b.start}–${b.end}`); // ['11:30–13:00', '13:30–15:00']
 */
export interface Block {
  readonly index: number;
  readonly id: string;
  /** `HH:MM` */
  readonly start: string;
  /** `HH:MM` (`24:00` allowed) */
  readonly end: string;
  /** Minutes after midnight, wall time. */
  readonly startWall: number;
  readonly endWall: number;
  readonly core: boolean;
}

/**
 * One block on one meeting day, as instants.
 *
 * @example
 * const inst: BlockInstance = meeting.instances[day * meeting.blocks.length + block];
 * formatInstant(inst.start, meeting.timeZone) // '2021-05-04T11:30:00+02:00'
 */
export interface BlockInstance {
  /** Position in `Meeting.instances` (= day.index * blocks.length + block.index). */
  readonly index: number;
  /** Index of the day. */
  readonly day: number;
  /** Index of the block. */
  readonly block: number;
  /** Start instant, epoch minutes. */
  readonly start: number;
  /** End instant, epoch minutes. */
  readonly end: number;
}

/**
 * A group with its place in the forest.
 *
 * @example
 * const q5: Group = meeting.groups[meeting.groupIndex.get('Q5/12')!];
 * q5.ancestors.map((g) => meeting.groups[g].id) // ['Q5/12', 'WP1/12', 'SG12']
 */
export interface Group {
  readonly index: number;
  readonly id: string;
  readonly title: string | undefined;
  /** Index of the parent group. */
  readonly parent: number | undefined;
  /** The group itself, then its parent, up to the root. */
  readonly ancestors: readonly number[];
  /** Anonymous attendees of this group's own sessions, by zone (sorted by zone). */
  readonly delegates: readonly { readonly zone: string; readonly count: number }[];
  /** Bounds on the number of this group's sessions placed in core blocks. */
  readonly core: { readonly min: number; readonly max: number | undefined } | undefined;
  /** Indices of this group's own sessions, in spec order. */
  readonly sessions: readonly number[];
}

/**
 * A person who leads or attends groups.
 *
 * @example
 * const kwame: Person = meeting.people[meeting.personIndex.get('kwame')!];
 * kwame.sessions.length // every session of SG12 (led) and of the groups attended
 */
export interface Person {
  readonly index: number;
  readonly id: string;
  readonly name: string | undefined;
  readonly email: string | undefined;
  readonly timeZone: string;
  /** Groups led (indices). */
  readonly leads: readonly number[];
  /** Groups attended as written (indices). */
  readonly attends: readonly number[];
  /** Every group whose sessions this person attends: leads ∪ attends and their ancestors. */
  readonly attendedGroups: ReadonlySet<number>;
  /** Sessions this person attends (indices, ascending). */
  readonly sessions: readonly number[];
}

/**
 * A possible placement of a session: a start inside a block instance.
 *
 * @example
 * const first: Candidate = meeting.sessions[0].candidates[0];
 * formatInstant(first.start, meeting.timeZone) // the earliest legal start of the first session
 */
export interface Candidate {
  /** Index of the block instance. */
  readonly instance: number;
  /** Start instant, epoch minutes. */
  readonly start: number;
}

/**
 * A session to place.
 *
 * @example
 * const s: Session = meeting.sessions[meeting.sessionIndex.get('q5-12-2')!];
 * `${meeting.groups[s.group].id} session ${s.ordinal} of ${s.ofGroup}, ${s.candidates.length} possible starts`
 */
export interface Session {
  readonly index: number;
  readonly id: string;
  /** Index of its group. */
  readonly group: number;
  readonly title: string | undefined;
  readonly minutes: number;
  readonly exclusive: boolean;
  readonly core: boolean;
  /** Allowed block indices (after `core` and `blocks`). */
  readonly allowedBlocks: readonly number[];
  /** Allowed day indices (after `days`). */
  readonly allowedDays: readonly number[];
  /** Fixed start wall time (minutes after midnight), if `at` is set. */
  readonly at: number | undefined;
  /** Every place the session may start, in time order. */
  readonly candidates: readonly Candidate[];
  /** People attending (indices, ascending). */
  readonly attendees: readonly number[];
  /** People required (leads of its group; indices, ascending). */
  readonly required: readonly number[];
  /** 1-based position among its group's sessions, and their count. */
  readonly ordinal: number;
  readonly ofGroup: number;
}

/**
 * A `sequence` rule over session indices.
 *
 * @example
 * for (const seq of meeting.sequences) console.log(seq.sessions.map((s) => meeting.sessions[s].id).join(' → '), seq.sameDay ? '(same day)' : '');
 */
export interface Sequence {
  readonly rule: number;
  readonly sessions: readonly number[];
  readonly sameDay: boolean;
}

/**
 * An `apart` rule over session indices.
 *
 * @example
 * const pairs = meeting.aparts.flatMap((a: Apart) => a.sessions.map((s) => meeting.sessions[s].id));
 */
export interface Apart {
  readonly rule: number;
  readonly sessions: readonly number[];
}

/**
 * An `avoid` rule over session indices.
 *
 * @example
 * const weights = meeting.avoids.map((a: Avoid) => a.weight);
 */
export interface Avoid {
  readonly rule: number;
  readonly sessions: readonly number[];
  readonly weight: number;
}

/**
 * An all-day event such as a contribution deadline.
 *
 * @example
 * const deadline: Milestone = meeting.milestones[0]; // { id: 'contributions-translation', title: 'Deadline: …', date: '2021-03-04', … }
 */
export interface Milestone {
  readonly id: string;
  readonly title: string;
  readonly date: string;
  readonly description: string | undefined;
}

/**
 * Weights of the objective terms.
 *
 * @example
 * const w: Weights = meeting.weights;
 * const total = w.comfort * score.comfort + w.conflict * score.conflict + w.fairness * score.fairness + w.stability * score.stability;
 */
export interface Weights {
  readonly comfort: number;
  readonly conflict: number;
  readonly fairness: number;
  readonly stability: number;
}

/**
 * A validated meeting: everything the solver, `check` and the exports need,
 * with times resolved to instants in the meeting's zone.
 *
 * @example
 * const meeting: Meeting = loadMeeting(JSON.parse(readFileSync('meeting.json', 'utf8')));
 * meeting.days.length       // 8 meeting days for SG12, 4–13 May 2021
 * meeting.sessions.length   // 48, plenaries included
 * meeting.zones             // every zone with delegates or people
 */
export interface Meeting {
  /** The spec it was built from, with every default applied. */
  readonly spec: MeetingSpec;
  readonly id: string;
  readonly title: string;
  readonly timeZone: string;
  readonly days: readonly Day[];
  readonly blocks: readonly Block[];
  /** Every block on every day: `instances[day * blocks.length + block]`. */
  readonly instances: readonly BlockInstance[];
  readonly tracks: number;
  readonly grid: number;
  readonly weights: Weights;
  /** The comfort profile with its per-zone timelines. */
  readonly comfort: Comfort;
  readonly groups: readonly Group[];
  readonly people: readonly Person[];
  readonly sessions: readonly Session[];
  readonly sequences: readonly Sequence[];
  readonly aparts: readonly Apart[];
  readonly avoids: readonly Avoid[];
  readonly milestones: readonly Milestone[];
  /** Every zone with delegates or people, sorted. */
  readonly zones: readonly string[];
  readonly sessionIndex: ReadonlyMap<string, number>;
  readonly groupIndex: ReadonlyMap<string, number>;
  readonly personIndex: ReadonlyMap<string, number>;
}
