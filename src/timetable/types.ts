/**
 * The result types of SPEC §3–§5: scores, violations and the
 * `plenary.timetable/1` document.
 */

/**
 * The hard rules of SPEC §3.
 *
 * @example
 * const broken: HardConstraintId[] = result.violations.map((v) => v.constraint); // e.g. ['tracks', 'sequence']
 */
export type HardConstraintId = 'placement' | 'tracks' | 'exclusive' | 'group' | 'lead' | 'sequence' | 'apart' | 'quota';
/**
 * The objective terms of SPEC §4.
 *
 * @example
 * const terms: SoftConstraintId[] = ['comfort', 'conflict', 'fairness', 'stability'];
 */
export type SoftConstraintId = 'comfort' | 'conflict' | 'fairness' | 'stability';
/**
 * Any rule or term of the catalogue.
 *
 * @example
 * const ids: ConstraintId[] = CONSTRAINTS.map((c) => c.id);
 */
export type ConstraintId = HardConstraintId | SoftConstraintId;

/**
 * The score of a timetable: hard violations first, then the weighted objective.
 *
 * @example
 * const { hard, total } = result.score; // fewer hard violations first, then a lower total
 */
export interface Score {
  /** Number of hard violations (SPEC §3 counting). */
  readonly hard: number;
  readonly comfort: number;
  readonly conflict: number;
  readonly fairness: number;
  readonly stability: number;
  /** weights.comfort·comfort + weights.conflict·conflict + weights.fairness·fairness + weights.stability·stability */
  readonly total: number;
}

/**
 * One broken hard rule, counted as SPEC §3 says.
 *
 * @example
 * for (const v of result.violations) console.log(`${v.constraint}: ${v.message}`);
 * // sequence: wp2-12-opening (2021-05-04 11:30–12:00) must end before wp3-12-opening … starts (rules[1])
 */
export interface Violation {
  readonly constraint: HardConstraintId;
  /** The sessions involved, by id. */
  readonly sessions: readonly string[];
  /** What is wrong, in words, with times in the meeting's zone. */
  readonly message: string;
}

/**
 * `feasible` when no hard rule breaks.
 *
 * @example
 * process.exitCode = result.status === 'feasible' ? 0 : 3;
 */
export type Status = 'feasible' | 'infeasible';

/**
 * One placed session of a timetable.
 *
 * @example
 * const s: TimetableSession = timetable.sessions[0];
 * // { id: 'sg12-opening', group: 'SG12', title: 'Opening plenary', day: 1, date: '2021-05-04', block: 'core1',
 * //   core: true, track: 1, start: '2021-05-04T11:30:00+02:00', end: '2021-05-04T13:00:00+02:00', sequence: 0 }
 */
export interface TimetableSession {
  readonly id: string;
  readonly group: string;
  readonly title: string;
  /** Meeting day number (1-based), or null outside the meeting days. */
  readonly day: number | null;
  /** Local date `YYYY-MM-DD` in the meeting's zone. */
  readonly date: string;
  /** The block holding the session, or null outside every block. */
  readonly block: string | null;
  /** Whether that block is a core block. */
  readonly core: boolean;
  /** Virtual room, 1..tracks (overlapping sessions never share one). */
  readonly track: number;
  /** ISO 8601 with the meeting zone's offset in force. */
  readonly start: string;
  readonly end: string;
  /** iCalendar SEQUENCE: +1 each time this session's time changes. */
  readonly sequence: number;
}

/**
 * How a solve went.
 *
 * @example
 * timetable.solver // { seed: 1, ms: 84, iterations: 120000 }
 */
export interface SolverInfo {
  readonly seed: number;
  readonly ms: number;
  readonly iterations: number;
}

/**
 * A session a re-planning cancelled: its id and the SEQUENCE its CANCEL carried.
 *
 * @example
 * const c: CancelledSession = { id: 'q5-12-3', sequence: 1 };
 */
export interface CancelledSession {
  readonly id: string;
  readonly sequence: number;
}

/**
 * A `plenary.timetable/1` document (SPEC §5).
 *
 * @example
 * const timetable: Timetable = JSON.parse(readFileSync('out/timetable.json', 'utf8'));
 * timetable.status       // 'feasible'
 * timetable.score.total  // exactly what check() recomputes
 */
export interface Timetable {
  readonly format: 'plenary.timetable/1';
  readonly meeting: string;
  readonly timeZone: string;
  readonly status: Status;
  readonly score: Score;
  /** By start, then track. */
  readonly sessions: readonly TimetableSession[];
  /**
   * Sessions that a re-planning cancelled (this one or an earlier one) and
   * that are still gone, by id: each with the SEQUENCE of its CANCEL, so that
   * a session brought back later is sent with a higher one (a calendar keeps
   * a cancellation over a request with a lower SEQUENCE). Absent when none.
   */
  readonly cancelled?: readonly CancelledSession[];
  readonly violations: readonly Violation[];
  /** When infeasible: what cannot hold together. */
  readonly diagnosis?: readonly string[];
  readonly solver?: SolverInfo;
}

/**
 * What `check` answers.
 *
 * @example
 * const { status, score, violations }: CheckResult = check(meeting, timetable);
 */
export interface CheckResult {
  readonly status: Status;
  readonly score: Score;
  readonly violations: readonly Violation[];
}

/**
 * Start instants (epoch minutes) by session index; `undefined` for a session
 * that is not placed.
 *
 * @example
 * const starts: Starts = meeting.sessions.map((s) => s.candidates[0].start); // every session at its earliest start
 * evaluate(meeting, starts).score
 */
export type Starts = readonly (number | undefined)[];
