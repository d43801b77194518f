/**
 * An oversized meeting for the hardening test of the solver: by default
 * 10,000 sessions and 50 tracks over twelve weeks, 5,000 people in ten zones
 * attending three working groups each. Deterministic (one integer seeds it);
 * roomy enough to be feasible (the sessions fill about 60 % of the tracks).
 */
import type { MeetingSpecInput } from '../src/spec/meeting-schema.js';
import { prng } from './solver-gen.js';

/** Size of a large meeting. */
export interface LargeShape {
  readonly sessions: number;
  readonly tracks: number;
  readonly people: number;
  /** Inclusive date range (weekdays only are meeting days). */
  readonly from: string;
  readonly to: string;
}

/** 10,000 sessions, 50 tracks, 5,000 people, 60 meeting days × 4 blocks of 2 hours. */
export const OVERSIZED: LargeShape = { sessions: 10_000, tracks: 50, people: 5_000, from: '2030-01-07', to: '2030-03-29' };

/** 40,000 sessions over a year: more possible starts than plenary takes on (refused as it is read). */
export const TOO_LARGE: LargeShape = { ...OVERSIZED, sessions: 40_000, from: '2030-01-07', to: '2030-12-20' };

const ZONES = ['America/Los_Angeles', 'America/New_York', 'America/Sao_Paulo', 'Europe/London', 'Europe/Berlin', 'Africa/Nairobi', 'Asia/Kolkata', 'Asia/Shanghai', 'Asia/Tokyo', 'Australia/Sydney'];

/**
 * The spec of a large meeting (plenary.meeting/1).
 *
 * @example
 * const meeting = loadMeeting(largeSpec(OVERSIZED, 1));
 */
export function largeSpec(shape: LargeShape, seed: number): MeetingSpecInput {
  const { next } = prng(seed);
  const int = (n: number) => Math.floor(next() * n);
  const areas = 40;
  const groups: { id: string; parent?: string; delegates?: Record<string, number> }[] = [{ id: 'all' }];
  for (let i = 0; i < areas; i++) groups.push({ id: `a${i}`, parent: 'all' });
  const sessions: { id: string; group: string; minutes: number }[] = [];
  const wgs: string[] = [];
  for (let g = 0; sessions.length < shape.sessions; g++) {
    const id = `wg${g}`;
    wgs.push(id);
    groups.push({ id, parent: `a${g % areas}`, delegates: { [ZONES[int(ZONES.length)]!]: 1 + int(5) } });
    const count = Math.min(1 + int(3), shape.sessions - sessions.length);
    const minutes = next() < 0.5 ? 60 : 120;
    for (let k = 0; k < count; k++) sessions.push({ id: `${id}-${k + 1}`, group: id, minutes });
  }
  const people = Array.from({ length: shape.people }, (_, i) => {
    const attends = new Set<string>();
    while (attends.size < 3) attends.add(wgs[int(wgs.length)]!);
    return { id: `p${i}`, timeZone: ZONES[int(ZONES.length)]!, leads: [] as string[], attends: [...attends] };
  });
  // one chair per working group among the first people
  wgs.forEach((wg, i) => {
    const p = people[i % people.length]!;
    if (p.leads.length === 0) p.leads.push(wg);
  });
  return {
    format: 'plenary.meeting/1',
    id: `large-${seed}`,
    title: `A large meeting: ${shape.sessions} sessions, ${shape.tracks} tracks`,
    timeZone: 'Europe/Berlin',
    days: { from: shape.from, to: shape.to },
    blocks: [
      { id: 'b1', start: '08:00', end: '10:00' },
      { id: 'b2', start: '10:30', end: '12:30', core: true },
      { id: 'b3', start: '13:30', end: '15:30', core: true },
      { id: 'b4', start: '16:00', end: '18:00' },
    ],
    tracks: shape.tracks,
    grid: 60,
    groups,
    people,
    sessions,
    rules: [],
  } as MeetingSpecInput;
}
