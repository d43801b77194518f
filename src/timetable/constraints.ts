/**
 * The rules, once: every hard rule of SPEC §3 and every objective term of §4,
 * each with its id, how it is counted, and how a breach is explained. `check`
 * evaluates them in full here; the solver's incremental deltas are tested
 * against this evaluation.
 */
import type { Meeting } from '../model/types.js';
import { commonAttendees, derive, pairKey } from '../model/derived.js';
import { formatWallTime, formatWallTimeAt, localTime, wallToInstant } from '../model/time.js';
import type { CheckResult, ConstraintId, HardConstraintId, Score, Starts, Violation } from './types.js';

/**
 * One entry of the catalogue.
 *
 * @example
 * const tracks: ConstraintInfo | undefined = CONSTRAINTS.find((c) => c.id === 'tracks');
 */
export interface ConstraintInfo {
  readonly id: ConstraintId;
  readonly kind: 'hard' | 'soft';
  /** The rule or term, as SPEC.md states it. */
  readonly rule: string;
  /** How breaches are counted (hard) or how the term is summed (soft). */
  readonly counting: string;
}

/**
 * The catalogue, in SPEC order.
 *
 * @example
 * for (const c of CONSTRAINTS) console.log(`${c.id} (${c.kind}): ${c.rule}; counted ${c.counting}`);
 */
export const CONSTRAINTS: readonly ConstraintInfo[] = Object.freeze([
  { id: 'placement', kind: 'hard', rule: "every session is placed once, on a meeting day, inside one block, on the grid, ending by the block's end, honouring its core, blocks, days and at", counting: 'one per misplaced session' },
  { id: 'tracks', kind: 'hard', rule: 'at no instant do more than `tracks` sessions run', counting: 'one per day, block and grid step at which more than `tracks` sessions run' },
  { id: 'exclusive', kind: 'hard', rule: 'an exclusive session overlaps no other session', counting: 'one per overlapping unordered pair' },
  { id: 'group', kind: 'hard', rule: 'two sessions of the same group never overlap', counting: 'one per overlapping unordered pair' },
  { id: 'lead', kind: 'hard', rule: 'two sessions that share a required person never overlap', counting: 'one per overlapping unordered pair' },
  { id: 'sequence', kind: 'hard', rule: 'each session of a sequence ends no later than the next one starts (and on the same day where sameDay)', counting: 'one per consecutive pair out of order or not on the same day' },
  { id: 'apart', kind: 'hard', rule: 'no two sessions of an apart list overlap', counting: 'one per overlapping unordered pair (a pair named by two lists counts once)' },
  { id: 'quota', kind: 'hard', rule: "each group's count of core-block sessions is within its core.min..core.max", counting: 'one per group outside its bounds' },
  { id: 'comfort', kind: 'soft', rule: 'delegates and attendees in each zone × pain of the session in that zone', counting: 'Σ sessions, zones: (delegates of its group in z + people attending it in z) × pain(s, z)' },
  { id: 'conflict', kind: 'soft', rule: 'overlapping sessions that share attendees or an avoid rule', counting: 'Σ overlapping pairs: overlap minutes × (people attending both + Σ weight of avoid rules naming both)' },
  { id: 'fairness', kind: 'soft', rule: 'the worst-off person', counting: 'max over people of Σ pain(s, their zone) over the sessions they attend' },
  { id: 'stability', kind: 'soft', rule: 'sessions that moved since the previous timetable', counting: 'number of sessions present in both whose start changed' },
] satisfies ConstraintInfo[]);

/** Where a placed session sits. */
export interface Location {
  readonly start: number;
  readonly end: number;
  /** The block instance holding [start, end), if any. */
  readonly instance: number | undefined;
  /** Local date in the meeting's zone. */
  readonly date: string;
  /** Local wall minutes of the start. */
  readonly wall: number;
}

/** Where each session sits (undefined when not placed). */
export function locate(meeting: Meeting, starts: Starts): (Location | undefined)[] {
  const d = derive(meeting);
  return meeting.sessions.map((s, i) => {
    const t = starts[i];
    if (t === undefined) return undefined;
    const end = t + s.minutes;
    let instance: number | undefined;
    for (const k of d.instancesByStart) {
      const inst = meeting.instances[k]!;
      if (inst.start > t) break;
      if (t < inst.end && end <= inst.end) {
        instance = k;
        break;
      }
    }
    const lt = localTime(meeting.timeZone, t);
    return { start: t, end, instance, date: lt.date, wall: lt.minutes };
  });
}

/** `q5-12-1 (2021-05-05 11:30–13:00)`; a time in the repeated hour of a fall-back day carries its offset (`02:00 (UTC+02:00)–02:00 (UTC+01:00)`). */
export function describeSession(meeting: Meeting, s: number, loc: Location | undefined): string {
  const id = meeting.sessions[s]!.id;
  if (!loc) return id;
  return `${id} (${loc.date} ${formatWallTimeAt(meeting.timeZone, loc.start)}–${formatWallTimeAt(meeting.timeZone, loc.end)})`;
}

/**
 * Why a placed session breaks `placement`, or undefined when it does not:
 * every fault in one message (outside its block, a day or block it may not
 * use, off the grid, not at its fixed time).
 */
export function placementProblem(meeting: Meeting, s: number, loc: Location): string | undefined {
  const sess = meeting.sessions[s]!;
  const problems: string[] = [];
  const dayIndex = meeting.days.findIndex((d) => d.date === loc.date);
  if (dayIndex < 0) return `${describeSession(meeting, s, loc)} is not on a meeting day`;
  // the block instance it lies in, or the one it starts in and runs past the end of
  const inst = loc.instance !== undefined ? meeting.instances[loc.instance]! : meeting.instances.find((i) => i.day === dayIndex && i.start <= loc.start && loc.start < i.end);
  const block = inst ? meeting.blocks[inst.block]! : undefined;
  if (loc.instance === undefined) problems.push(block ? `runs past the end of block ${block.id} (${block.start}–${block.end})` : 'starts outside every block');
  if (!sess.allowedDays.includes(dayIndex)) {
    problems.push(`day ${dayIndex + 1} is not one of its days (${sess.allowedDays.map((d) => d + 1).join(', ')})`);
  }
  if (inst && block && !sess.allowedBlocks.includes(inst.block)) {
    problems.push(sess.core && !block.core ? `block ${block.id} is not a core block` : `block ${block.id} is not one of its blocks (${sess.allowedBlocks.map((b) => meeting.blocks[b]!.id).join(', ')})`);
  }
  if (inst && block && (loc.start - inst.start) % meeting.grid !== 0) {
    problems.push(`its start is off the ${meeting.grid}-minute grid of block ${block.id} (from ${block.start})`);
  }
  if (sess.at !== undefined) {
    // a wall time that occurs twice (fall-back) means its first occurrence (SPEC §1)
    const at = wallToInstant(meeting.timeZone, loc.date, sess.at);
    if (loc.wall !== sess.at) problems.push(`it must start at ${formatWallTime(sess.at)}`);
    else if (at.kind === 'ok' && at.min !== loc.start) problems.push(`it must start at the first ${formatWallTime(sess.at)} of ${loc.date} (the clocks fall back: that wall time occurs twice)`);
  }
  if (problems.length === 0) return undefined;
  // outside every block: "… runs past the end of block core1 (…)", then the other faults
  return loc.instance === undefined ? `${describeSession(meeting, s, loc)} ${problems.join('; ')}` : `${describeSession(meeting, s, loc)}: ${problems.join('; ')}`;
}

/**
 * Options of {@link evaluate}.
 *
 * @example
 * evaluate(meeting, starts, { previous: new Map([['q5-12-1', previousStart]]) }) // stability counts q5-12-1 if it moved
 */
export interface EvaluateOptions {
  /** Start instants of the previous timetable by session id (for `stability`). */
  readonly previous?: ReadonlyMap<string, number>;
  /** Leave out the violation messages (the counts stay exact): faster. */
  readonly countOnly?: boolean;
}

/**
 * Full evaluation of a placement: every hard rule counted as SPEC §3 says and
 * every objective term of §4, with the violations explained.
 *
 * @example
 * const r = evaluate(meeting, starts);
 * r.status            // 'feasible'
 * r.score.total       // weights · terms
 */
export function evaluate(meeting: Meeting, starts: Starts, options: EvaluateOptions = {}): CheckResult {
  const d = derive(meeting);
  const n = meeting.sessions.length;
  const locs = locate(meeting, starts);
  const violations: Violation[] = [];
  const add = (constraint: HardConstraintId, sessions: number[], message: () => string) => {
    violations.push({ constraint, sessions: sessions.map((s) => meeting.sessions[s]!.id), message: options.countOnly ? '' : message() });
  };
  const desc = (s: number) => describeSession(meeting, s, locs[s]);

  // placement
  for (let s = 0; s < n; s++) {
    const loc = locs[s];
    if (!loc) {
      add('placement', [s], () => `${meeting.sessions[s]!.id} is not placed`);
      continue;
    }
    const why = placementProblem(meeting, s, loc);
    if (why) add('placement', [s], () => why);
  }

  // tracks: per block instance and grid step
  const placed = [];
  for (let s = 0; s < n; s++) if (locs[s]) placed.push(s);
  placed.sort((a, b) => locs[a]!.start - locs[b]!.start || a - b);
  for (const k of d.instancesByStart) {
    const inst = meeting.instances[k]!;
    const inside = placed.filter((s) => locs[s]!.start < inst.end && locs[s]!.end > inst.start);
    if (inside.length <= meeting.tracks) continue;
    for (let t = inst.start; t < inst.end; t += meeting.grid) {
      const running = inside.filter((s) => locs[s]!.start <= t && t < locs[s]!.end);
      if (running.length > meeting.tracks) {
        const b = meeting.blocks[inst.block]!;
        add('tracks', running, () => `${running.length} sessions run at ${meeting.days[inst.day]!.date} ${formatWallTimeAt(meeting.timeZone, t)} in block ${b.id}, more than the ${meeting.tracks} tracks: ${running.map(desc).join(', ')}`);
      }
    }
  }

  // pairs that overlap
  let conflict = 0;
  for (let i = 0; i < placed.length; i++) {
    const a = placed[i]!;
    const la = locs[a]!;
    for (let j = i + 1; j < placed.length; j++) {
      const b = placed[j]!;
      const lb = locs[b]!;
      if (lb.start >= la.end) break; // sorted by start: no later one overlaps a
      const overlap = Math.min(la.end, lb.end) - lb.start;
      if (overlap <= 0) continue;
      const [x, y] = a < b ? [a, b] : [b, a];
      const sx = meeting.sessions[x]!;
      const sy = meeting.sessions[y]!;
      if (sx.exclusive || sy.exclusive) {
        add('exclusive', [x, y], () => `${desc(sx.exclusive ? x : y)} is exclusive but overlaps ${desc(sx.exclusive ? y : x)}`);
      }
      if (sx.group === sy.group) {
        add('group', [x, y], () => `${desc(x)} and ${desc(y)} are both sessions of ${meeting.groups[sx.group]!.id} and overlap`);
      }
      const shared = sx.required.filter((p) => sy.required.includes(p));
      if (shared.length > 0) {
        add('lead', [x, y], () => `${desc(x)} and ${desc(y)} overlap but both need ${shared.map((p) => meeting.people[p]!.name ?? meeting.people[p]!.id).join(', ')}`);
      }
      const key = pairKey(meeting, x, y);
      if (d.apartPairs.has(key)) add('apart', [x, y], () => `${desc(x)} and ${desc(y)} must be apart but overlap`);
      const w = commonAttendees(d, x, y) + (d.avoidWeights.get(key) ?? 0);
      conflict += overlap * w;
    }
  }

  // sequences
  for (const seq of meeting.sequences) {
    for (let i = 0; i + 1 < seq.sessions.length; i++) {
      const a = seq.sessions[i]!;
      const b = seq.sessions[i + 1]!;
      const la = locs[a];
      const lb = locs[b];
      if (!la || !lb) continue;
      const order = la.end > lb.start;
      const day = seq.sameDay && la.date !== lb.date;
      if (order || day) {
        add('sequence', [a, b], () =>
          order
            ? `${desc(a)} must end before ${desc(b)} starts (rules[${seq.rule}])`
            : `${desc(a)} and ${desc(b)} must be on the same day (rules[${seq.rule}])`,
        );
      }
    }
  }

  // quota
  for (const g of meeting.groups) {
    if (!g.core) continue;
    let inCore = 0;
    for (const s of g.sessions) {
      const loc = locs[s];
      if (loc && loc.instance !== undefined && meeting.blocks[meeting.instances[loc.instance]!.block]!.core) inCore++;
    }
    const { min, max } = g.core;
    if (inCore < min || (max !== undefined && inCore > max)) {
      add('quota', [...g.sessions], () => `${g.id} has ${inCore} session${inCore === 1 ? '' : 's'} in core blocks; expected ${max === undefined ? `at least ${min}` : min === max ? `exactly ${min}` : `${min} to ${max}`}`);
    }
  }

  // comfort and fairness
  let comfort = 0;
  const personPain = new Float64Array(meeting.people.length);
  for (const s of placed) {
    const sess = meeting.sessions[s]!;
    const t = locs[s]!.start;
    for (const zw of d.zoneWeights[s]!) comfort += zw.weight * meeting.comfort.pain(zw.zone, t, sess.minutes);
    for (const p of sess.attendees) personPain[p]! += meeting.comfort.pain(meeting.people[p]!.timeZone, t, sess.minutes);
  }
  let fairness = 0;
  for (const v of personPain) if (v > fairness) fairness = v;

  // stability
  let stability = 0;
  if (options.previous) {
    for (const s of placed) {
      const before = options.previous.get(meeting.sessions[s]!.id);
      if (before !== undefined && before !== locs[s]!.start) stability++;
    }
  }

  const hard = violations.length;
  const w = meeting.weights;
  const score: Score = {
    hard,
    comfort,
    conflict,
    fairness,
    stability,
    total: w.comfort * comfort + w.conflict * conflict + w.fairness * fairness + w.stability * stability,
  };
  violations.sort((x, y) => order(x.constraint) - order(y.constraint));
  return { status: hard === 0 ? 'feasible' : 'infeasible', score, violations };
}

const ORDER = new Map(CONSTRAINTS.map((c, i) => [c.id, i]));
function order(id: ConstraintId): number {
  return ORDER.get(id) ?? 99;
}
