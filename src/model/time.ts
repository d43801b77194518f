/**
 * Zoned time without the process time zone.
 *
 * Instants are whole minutes since 1970-01-01T00:00Z ("epoch minutes"). Zones are
 * IANA names, always passed in. Nothing here reads `TZ`, `Date.now()` or luxon's
 * default zone.
 */
import { IANAZone } from 'luxon';

/** Minutes in a day. */
export const DAY_MINUTES = 1440;

const zoneCache = new Map<string, IANAZone>();

function zoneOf(name: string): IANAZone {
  let z = zoneCache.get(name);
  if (!z) {
    z = IANAZone.create(name);
    zoneCache.set(name, z);
  }
  return z;
}

/**
 * Whether `name` is an IANA time zone name this runtime knows, spelled exactly
 * (`Europe/Zurich`, not `europe/zurich`; links such as `Asia/Calcutta` count).
 *
 * @example
 * isValidZone('Asia/Kathmandu') // true
 * isValidZone('Europe/Geneva')  // false: Geneva time is Europe/Zurich
 * isValidZone('+02:00')         // false: a fixed offset is not a zone
 */
export function isValidZone(name: string): boolean {
  const resolved = resolveZone(name);
  return resolved !== undefined && (resolved === name || resolved.toLowerCase() !== name.toLowerCase());
}

/** The zone name as the runtime spells it, for a name it knows (used to suggest a fix for a mis-cased name). */
export function canonicalCase(name: string): string | undefined {
  const resolved = resolveZone(name);
  if (resolved === undefined) return undefined;
  // Intl may resolve links (Asia/Calcutta -> Asia/Kolkata); only a pure case difference is a misspelling.
  return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
}

const resolved = new Map<string, string | undefined>();

/** What Intl makes of a zone name (one DateTimeFormat per name, cached); undefined when it is not a zone. */
function resolveZone(name: string): string | undefined {
  if (resolved.has(name)) return resolved.get(name);
  let zone: string | undefined;
  // IANA names only: fixed offsets such as "+02:00", which newer runtimes accept, are refused
  if (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) {
    try {
      zone = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      zone = undefined;
    }
  }
  resolved.set(name, zone);
  return zone;
}

const offsetCache = new Map<string, Map<number, number>>();
/** Entries kept per zone before its cache starts afresh (a long-running process sees many instants). */
const OFFSET_CACHE_MAX = 1 << 16;

/**
 * Offset from UTC in minutes of `zone` at the instant `min` (epoch minutes).
 * Remembered per zone and instant: luxon asks `Intl` for every call, and
 * calendars ask for the same few instants thousands of times.
 */
export function offsetAt(zone: string, min: number): number {
  let byMin = offsetCache.get(zone);
  if (!byMin) {
    byMin = new Map();
    offsetCache.set(zone, byMin);
  }
  let off = byMin.get(min);
  if (off === undefined) {
    off = zoneOf(zone).offset(min * 60000);
    if (byMin.size >= OFFSET_CACHE_MAX) byMin.clear();
    byMin.set(min, off);
  }
  return off;
}

/** A calendar date as numbers. */
export interface YMD {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Parses `YYYY-MM-DD`; undefined when it is not a real date. */
export function parseDate(text: string): YMD | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const t = Date.UTC(year, month - 1, day);
  const d = new Date(t);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/** Days since 1970-01-01 of a calendar date (no zone involved). */
export function dateToDayNumber(date: string): number {
  const ymd = parseDate(date);
  if (!ymd) throw new RangeError(`not a date: ${date}`);
  return Math.floor(Date.UTC(ymd.year, ymd.month - 1, ymd.day) / 86400000);
}

/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
export function dayNumberToDate(n: number): string {
  const d = new Date(n * 86400000);
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
  const wd = new Date(dateToDayNumber(date) * 86400000).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** Parses `HH:MM` (00:00–23:59, and `24:00` where `allow24`) to minutes after midnight. */
export function parseWallTime(text: string, allow24 = false): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (mi > 59) return undefined;
  if (h < 24) return h * 60 + mi;
  if (allow24 && h === 24 && mi === 0) return DAY_MINUTES;
  return undefined;
}

/** `HH:MM` of minutes after midnight. */
export function formatWallTime(minutes: number): string {
  const m = ((minutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

/** The outcome of placing a wall time on a date in a zone. */
export type WallInstant =
  | { readonly kind: 'ok'; readonly min: number; readonly ambiguous: boolean }
  | { readonly kind: 'gap' };

/**
 * The instant (epoch minutes) of the wall time `minutes` after midnight of `date`
 * in `zone`. A wall time in a spring-forward gap does not exist (`gap`); one that
 * occurs twice (fall-back) is its first occurrence, as RFC 5545 says.
 *
 * @example
 * wallToInstant('Europe/Zurich', '2021-05-04', 11 * 60 + 30) // { kind: 'ok', min: 27000570, ... } = 09:30Z
 */
export function wallToInstant(zone: string, date: string, minutes: number): WallInstant {
  const local = dateToDayNumber(date) * DAY_MINUTES + minutes; // the wall time read as if UTC
  const candidates = new Set<number>();
  for (const probe of [local - DAY_MINUTES, local, local + DAY_MINUTES]) candidates.add(offsetAt(zone, probe));
  const valid: number[] = [];
  for (const off of candidates) {
    const t = local - off;
    if (offsetAt(zone, t) === off) valid.push(t);
  }
  if (valid.length === 0) return { kind: 'gap' };
  valid.sort((a, b) => a - b);
  return { kind: 'ok', min: valid[0]!, ambiguous: valid.length > 1 };
}

/**
 * The wall time of an instant in a zone, `HH:MM`, with its UTC offset when
 * that wall time occurs twice on its date (the hour the clocks fall back):
 * otherwise `02:00–02:00` would name both a session and its hour.
 *
 * @example
 * formatWallTimeAt('Europe/Zurich', parseInstant('2024-10-27T02:30:00+01:00').min) // '02:30 (UTC+01:00)'
 * formatWallTimeAt('Europe/Zurich', parseInstant('2024-10-27T11:30:00+01:00').min) // '11:30'
 */
export function formatWallTimeAt(zone: string, min: number): string {
  const lt = localTime(zone, min);
  const w = wallToInstant(zone, lt.date, lt.minutes);
  const base = formatWallTime(lt.minutes);
  return w.kind === 'ok' && w.ambiguous ? `${base} (UTC${formatOffset(lt.offset)})` : base;
}

/** Local wall clock of an instant in a zone. */
export interface LocalTime {
  /** `YYYY-MM-DD` */
  readonly date: string;
  /** minutes after local midnight */
  readonly minutes: number;
  /** offset from UTC in minutes */
  readonly offset: number;
}

/**
 * The local date and time of the instant `min` in `zone`.
 *
 * @example
 * localTime('Asia/Kathmandu', parseInstant('2021-05-04T11:30:00+02:00').min)
 * // { date: '2021-05-04', minutes: 915 (15:15), offset: 345 }
 */
export function localTime(zone: string, min: number): LocalTime {
  const offset = offsetAt(zone, min);
  const local = min + offset;
  const day = Math.floor(local / DAY_MINUTES);
  return { date: dayNumberToDate(day), minutes: local - day * DAY_MINUTES, offset };
}

/** `+02:00`, `-03:30`, `+05:45`, `+00:00` */
export function formatOffset(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return `${sign}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
}

/**
 * ISO 8601 with the offset in force in `zone` (`2021-05-04T11:30:00+02:00`).
 *
 * @example
 * formatInstant(27000570, 'Europe/Zurich') // '2021-05-04T11:30:00+02:00'
 */
export function formatInstant(min: number, zone: string): string {
  const lt = localTime(zone, min);
  return `${lt.date}T${formatWallTime(lt.minutes)}:00${formatOffset(lt.offset)}`;
}

/** ISO 8601 in UTC with `Z` (`2021-05-04T09:30:00Z`). */
export function formatUtc(min: number): string {
  const day = Math.floor(min / DAY_MINUTES);
  return `${dayNumberToDate(day)}T${formatWallTime(min - day * DAY_MINUTES)}:00Z`;
}

/** The result of reading an ISO 8601 instant with an explicit offset. */
export type ParsedInstant =
  | { readonly kind: 'ok'; readonly min: number; readonly offset: number }
  | { readonly kind: 'error'; readonly expected: string };

/**
 * Reads `YYYY-MM-DDTHH:MM[:SS][.sss](Z|±HH:MM)` to epoch minutes. The offset is
 * required (a time without one has no meaning here); seconds must be zero.
 *
 * @example
 * parseInstant('2021-05-04T11:30:00+02:00') // { kind: 'ok', min: 27000570, offset: 120 }
 * parseInstant('2021-05-04T11:30')          // { kind: 'error', expected: 'an ISO 8601 instant with its offset, …' }
 */
export function parseInstant(text: string): ParsedInstant {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return { kind: 'error', expected: 'an ISO 8601 instant with its offset, like 2021-05-04T11:30:00+02:00' };
  const date = m[1]!;
  if (!parseDate(date)) return { kind: 'error', expected: `a real calendar date, not ${date}` };
  const hh = Number(m[2]);
  const mm = Number(m[3]);
  if (hh > 23 || mm > 59) return { kind: 'error', expected: 'a time of day 00:00–23:59' };
  if ((m[4] !== undefined && Number(m[4]) !== 0) || (m[5] !== undefined && Number(m[5]) !== 0)) {
    return { kind: 'error', expected: 'a whole minute (seconds :00)' };
  }
  let offset = 0;
  const o = m[6]!;
  if (o !== 'Z') {
    const oh = Number(o.slice(1, 3));
    const om = Number(o.slice(4, 6));
    if (oh > 18 || om > 59) return { kind: 'error', expected: 'an offset between -18:00 and +18:00' };
    offset = (o[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return { kind: 'ok', min: dateToDayNumber(date) * DAY_MINUTES + hh * 60 + mm - offset, offset };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}
