/** Small builders for hand-made meetings in tests. */
import { loadMeeting } from '../src/spec/read.js';
import type { MeetingSpec, MeetingSpecInput } from '../src/spec/meeting-schema.js';
import type { Meeting } from '../src/model/types.js';
import { wallToInstant } from '../src/model/time.js';
import { evaluate } from '../src/timetable/constraints.js';
import type { Rng } from '../bench/prng.js';

/** A one-week meeting in Geneva time with two core blocks and a late block; override anything. */
export function spec(over: Partial<MeetingSpecInput> | Omit<Partial<MeetingSpec>, 'sessions'> & Pick<Partial<MeetingSpecInput>, 'sessions'> = {}): MeetingSpecInput {
  return {
    format: 'plenary.meeting/1',
    id: 'test-meeting',
    title: 'Test meeting',
    timeZone: 'Europe/Zurich',
    days: { from: '2021-05-04', to: '2021-05-07' },
    blocks: [
      { id: 'core1', start: '11:30', end: '13:00', core: true },
      { id: 'core2', start: '13:30', end: '15:00', core: true },
      { id: 'late', start: '15:30', end: '17:00' },
    ],
    tracks: 2,
    grid: 15,
    groups: [{ id: 'G' }],
    sessions: [{ id: 's1', group: 'G', minutes: 60 }],
    ...(over as Partial<MeetingSpecInput>),
  };
}

/** Loads a spec made by {@link spec}. */
export function meeting(over: Partial<MeetingSpecInput> | Omit<Partial<MeetingSpec>, 'sessions'> & Pick<Partial<MeetingSpecInput>, 'sessions'> = {}): Meeting {
  return loadMeeting(spec(over));
}

/** Epoch minutes of a wall time `HH:MM` on `date` in the meeting's zone. */
export function at(m: Meeting, date: string, hhmm: string): number {
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  const w = wallToInstant(m.timeZone, date, h * 60 + mi);
  if (w.kind !== 'ok') throw new Error(`no such time ${date} ${hhmm}`);
  return w.min;
}

/** Starts by session index from `{ id: 'YYYY-MM-DD HH:MM' }`; sessions left out are unplaced. */
export function place(m: Meeting, where: Record<string, string>): (number | undefined)[] {
  const starts: (number | undefined)[] = m.sessions.map(() => undefined);
  for (const [id, when] of Object.entries(where)) {
    const s = m.sessionIndex.get(id);
    if (s === undefined) throw new Error(`unknown session ${id}`);
    const [date, hhmm] = when.split(' ') as [string, string];
    starts[s] = at(m, date, hhmm);
  }
  return starts;
}

/** Sessions `prefix1..prefixN` of a group, each `minutes` long. */
export function sessions(group: string, prefix: string, n: number, minutes = 60, extra: Record<string, unknown> = {}) {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, group, minutes, ...extra }));
}

/**
 * Moves random sessions of a feasible placement to random candidate starts,
 * in place, keeping only moves that leave it feasible, until `count` moved
 * (or 2,000 tries).
 */
export function feasibleMoves(m: Meeting, starts: (number | undefined)[], rng: Rng, count: number): void {
  for (let moved = 0, tries = 0; moved < count && tries < 2000; tries++) {
    const s = rng.int(0, starts.length - 1);
    const cands = m.sessions[s]!.candidates;
    const before = starts[s];
    starts[s] = cands[rng.int(0, cands.length - 1)]!.start;
    if (evaluate(m, starts, { countOnly: true }).status === 'feasible') moved++;
    else starts[s] = before;
  }
}
