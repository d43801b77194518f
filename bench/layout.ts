/**
 * The hidden placement a benchmark instance is built around: sessions are
 * put on a grid of days × blocks × tracks first, and only rules that this
 * placement keeps are written into the spec. Every instance is thus feasible
 * by construction, and the placement is its certificate.
 */

/** Where a session sits in the hidden placement: day and block indices, minutes after the block's start. */
export interface Slot {
  readonly day: number;
  readonly block: number;
  readonly offset: number;
  readonly minutes: number;
}

/**
 * Whether two slots share a minute.
 *
 * @example
 * slotsOverlap({ day: 0, block: 1, offset: 0, minutes: 60 }, { day: 0, block: 1, offset: 30, minutes: 60 }) // true
 */
export function slotsOverlap(a: Slot, b: Slot): boolean {
  return a.day === b.day && a.block === b.block && a.offset < b.offset + b.minutes && b.offset < a.offset + a.minutes;
}

/**
 * Track occupancy of a days × blocks grid, cut into grid steps.
 *
 * @example
 * const layout = new Layout(5, [120, 120], 9, 60);
 * if (layout.fits(slot)) layout.add(slot);
 */
export class Layout {
  readonly days: number;
  readonly blockMinutes: readonly number[];
  readonly tracks: number;
  readonly grid: number;
  private readonly used: Map<string, number> = new Map();
  private readonly closed: Set<string> = new Set();

  constructor(days: number, blockMinutes: readonly number[], tracks: number, grid: number) {
    this.days = days;
    this.blockMinutes = blockMinutes;
    this.tracks = tracks;
    this.grid = grid;
  }

  private *steps(slot: Slot): Generator<string> {
    for (let m = slot.offset; m < slot.offset + slot.minutes; m += this.grid) yield `${slot.day}:${slot.block}:${m}`;
  }

  /** Whether the slot is inside its block, has a free track at every step, and (for an exclusive session) nothing else runs. */
  fits(slot: Slot, exclusive = false): boolean {
    const len = this.blockMinutes[slot.block];
    if (len === undefined || slot.day < 0 || slot.day >= this.days) return false;
    if (slot.offset < 0 || slot.offset % this.grid !== 0 || slot.offset + slot.minutes > len) return false;
    for (const k of this.steps(slot)) {
      if (this.closed.has(k)) return false;
      const n = this.used.get(k) ?? 0;
      if (exclusive ? n > 0 : n >= this.tracks) return false;
    }
    return true;
  }

  /** Takes the slot (an exclusive session closes its steps to every other session). */
  add(slot: Slot, exclusive = false): void {
    for (const k of this.steps(slot)) {
      this.used.set(k, (this.used.get(k) ?? 0) + 1);
      if (exclusive) this.closed.add(k);
    }
  }
}

/**
 * The meeting days from `from` to `to` (inclusive) that fall on Monday to
 * Friday, minus `except`: what the default rrule of a spec yields.
 *
 * @example
 * weekdays('2021-05-04', '2021-05-13').length // 8
 */
export function weekdays(from: string, to: string, except: readonly string[] = []): string[] {
  const out: string[] = [];
  const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / 86400000;
  for (let n = day(from); n <= day(to); n++) {
    const date = new Date(n * 86400000).toISOString().slice(0, 10);
    const wd = new Date(n * 86400000).getUTCDay();
    if (wd >= 1 && wd <= 5 && !except.includes(date)) out.push(date);
  }
  return out;
}

/**
 * A date `n` days after `date`.
 *
 * @example
 * addDays('2021-05-04', 9) // '2021-05-13'
 */
export function addDays(date: string, n: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + n * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}
