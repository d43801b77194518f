/**
 * Pieces shared by the instance generators: the spec types they write and
 * drawing delegates and people's zones.
 */
import type { Rng } from './prng.js';
import type { ZoneShare } from './zones.js';
import type { Slot } from './layout.js';

/** A session as the generators write it (`plenary.meeting/1`). */
export interface SessionOut {
  id: string;
  group: string;
  title?: string;
  minutes: number;
  exclusive?: boolean;
  core?: boolean;
  blocks?: string[];
  days?: (number | string)[];
  at?: string;
}

/** A group as the generators write it. */
export interface GroupOut {
  id: string;
  title?: string;
  parent?: string;
  delegates?: Record<string, number>;
  core?: { min: number; max?: number };
}

/** A person as the generators write it. */
export interface PersonOut {
  id: string;
  timeZone: string;
  leads: string[];
  attends: string[];
}

/** A rule as the generators write it. */
export type RuleOut = { sequence: string[]; sameDay?: boolean } | { apart: string[] } | { avoid: string[]; weight: number };

/** A generated meeting: its spec and the hidden placement that proves it feasible. */
export interface Generated {
  readonly spec: Record<string, unknown>;
  /** Session id → slot of the hidden feasible placement. */
  readonly hidden: Readonly<Record<string, Slot>>;
}

/**
 * `k` distinct zones drawn by weight, without replacement.
 *
 * @example
 * drawZones(prng(1), ITU_ZONES, 30).length // 30
 */
export function drawZones(rng: Rng, pool: readonly ZoneShare[], k: number): ZoneShare[] {
  const left = [...pool];
  const out: ZoneShare[] = [];
  while (out.length < k && left.length > 0) {
    const z = rng.weighted(left, (x) => x.weight);
    out.push(z);
    left.splice(left.indexOf(z), 1);
  }
  return out;
}

/**
 * Anonymous delegates over `k` zones, at most `max` per zone, more where the zone weighs more.
 *
 * @example
 * drawDelegates(prng(1), ITU_ZONES, 8, 5) // { 'Asia/Shanghai': 4, … }
 */
export function drawDelegates(rng: Rng, pool: readonly ZoneShare[], k: number, max: number): Record<string, number> {
  const zones = drawZones(rng, pool, k);
  const top = Math.max(...pool.map((z) => z.weight));
  const out: Record<string, number> = {};
  for (const z of zones.sort((a, b) => (a.zone < b.zone ? -1 : 1))) {
    out[z.zone] = Math.max(1, Math.min(max, Math.round(rng.int(1, max) * (0.35 + (0.65 * z.weight) / top))));
  }
  return out;
}

/**
 * `HH:MM` of minutes after midnight.
 *
 * @example
 * wall(570) // '09:30'
 */
export function wall(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Minutes after midnight of `HH:MM`.
 *
 * @example
 * minutesOf('09:30') // 570
 */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
