/**
 * The VTIMEZONE that goes with `DTSTART;TZID=<meeting zone>`.
 *
 * The block comes from `timezones-ical-library` (one DAYLIGHT/STANDARD pair
 * with yearly rules). That library knows only a zone's *current* rules, so a
 * meeting in a year when the zone's rules differed (Mexico City before 2022,
 * Moscow before 2014) would be read an hour off by clients that use the
 * VTIMEZONE (libical, ical.js, Outlook) while clients that use the IANA name
 * (python icalendar, Google) read it right. So the block is checked against
 * the runtime's IANA data at every event boundary and around every
 * transition near the events; when it disagrees (or the library does not know
 * the zone) an exact block is generated instead from the IANA data: one
 * observance per offset change in the years of the events.
 */
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { DAY_MINUTES, dateToDayNumber, formatWallTime, localTime, offsetAt } from '../../model/time.js';

/**
 * Where the VTIMEZONE came from.
 *
 * @example
 * const source: VtimezoneSource = vtimezoneFor('America/Mexico_City', instants).source; // 'generated' where the library's rules are out of date
 */
export type VtimezoneSource = 'library' | 'generated';

/**
 * A VTIMEZONE block (CRLF-separated lines, no final CRLF) and its source.
 *
 * @example
 * const v: Vtimezone = vtimezoneFor('Europe/Zurich', instants); // { zone, text: 'BEGIN:VTIMEZONE\r\n…', source: 'library' }
 */
export interface Vtimezone {
  readonly zone: string;
  readonly text: string;
  readonly source: VtimezoneSource;
}

/** One onset of an observance: from this instant on, `offset` (minutes) applies. */
interface Onset {
  readonly at: number;
  readonly offset: number;
}

const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

function parseOffset(text: string | undefined): number | undefined {
  const m = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(text ?? '');
  if (!m) return undefined;
  if (m[4] !== undefined && m[4] !== '00') return undefined;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** `YYYYMMDDTHHMMSS` (local) → minutes since the epoch as if UTC. */
function parseLocal(text: string | undefined): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(text ?? '');
  if (!m || m[6] !== '00') return undefined;
  return dateToDayNumber(`${m[1]}-${m[2]}-${m[3]}`) * DAY_MINUTES + Number(m[4]) * 60 + Number(m[5]);
}

function formatLocal(localMinutes: number): string {
  const day = Math.floor(localMinutes / DAY_MINUTES);
  const lt = localTime('UTC', day * DAY_MINUTES);
  return `${lt.date.replace(/-/g, '')}T${formatWallTime(localMinutes - day * DAY_MINUTES).replace(':', '')}00`;
}

function formatTzOffset(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

/** Day numbers of the dates in `month` of `year` matching a BYDAY/BYMONTHDAY pair. */
function ruleDays(year: number, month: number, byDay: string, byMonthDay: number[] | undefined): number[] | undefined {
  const m = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(byDay);
  if (!m) return undefined;
  const weekday = WEEKDAY_CODES.indexOf(m[2]!);
  const first = dateToDayNumber(`${year}-${String(month).padStart(2, '0')}-01`);
  const next = month === 12 ? dateToDayNumber(`${year + 1}-01-01`) : dateToDayNumber(`${year}-${String(month + 1).padStart(2, '0')}-01`);
  const matching: number[] = [];
  for (let d = first; d < next; d++) {
    // 1970-01-01 (day 0) was a Thursday: ISO weekday index 3.
    if ((((d + 3) % 7) + 7) % 7 !== weekday) continue;
    if (byMonthDay && !byMonthDay.includes(d - first + 1)) continue;
    matching.push(d);
  }
  if (m[1] === undefined) return byMonthDay ? matching : undefined;
  if (byMonthDay) return undefined;
  const n = Number(m[1]);
  const pick = n > 0 ? matching[n - 1] : matching[matching.length + n];
  return pick === undefined ? [] : [pick];
}

/**
 * The onsets of a VTIMEZONE's observances in the years `fromYear..toYear`, or
 * undefined when the block uses something this reader does not follow (then
 * it is not trusted).
 */
function readOnsets(block: string, zone: string, fromYear: number, toYear: number): Onset[] | undefined {
  const lines = block.split(/\r?\n/).filter((l) => l !== '');
  if (lines[0] !== 'BEGIN:VTIMEZONE' || lines[lines.length - 1] !== 'END:VTIMEZONE') return undefined;
  if (!lines.includes(`TZID:${zone}`)) return undefined;
  const onsets: Onset[] = [];
  let current: Map<string, string[]> | undefined;
  for (const line of lines.slice(1, -1)) {
    if (line === 'BEGIN:STANDARD' || line === 'BEGIN:DAYLIGHT') {
      current = new Map();
      continue;
    }
    if (line === 'END:STANDARD' || line === 'END:DAYLIGHT') {
      if (!current) return undefined;
      const from = parseOffset(current.get('TZOFFSETFROM')?.[0]);
      const to = parseOffset(current.get('TZOFFSETTO')?.[0]);
      const start = parseLocal(current.get('DTSTART')?.[0]);
      if (from === undefined || to === undefined || start === undefined) return undefined;
      onsets.push({ at: start - from, offset: to });
      for (const rdate of current.get('RDATE') ?? []) {
        for (const v of rdate.split(',')) {
          const t = parseLocal(v);
          if (t === undefined) return undefined;
          onsets.push({ at: t - from, offset: to });
        }
      }
      const rrule = current.get('RRULE')?.[0];
      if (rrule !== undefined) {
        const parts = new Map(rrule.split(';').map((p) => p.split('=') as [string, string]));
        if (parts.get('FREQ') !== 'YEARLY') return undefined;
        for (const k of parts.keys()) if (!['FREQ', 'BYMONTH', 'BYDAY', 'BYMONTHDAY', 'UNTIL', 'INTERVAL'].includes(k)) return undefined;
        if (parts.has('INTERVAL') && parts.get('INTERVAL') !== '1') return undefined;
        const month = Number(parts.get('BYMONTH'));
        const byDay = parts.get('BYDAY');
        if (!Number.isInteger(month) || month < 1 || month > 12 || byDay === undefined) return undefined;
        const byMonthDay = parts.has('BYMONTHDAY') ? parts.get('BYMONTHDAY')!.split(',').map(Number) : undefined;
        let until = Infinity;
        const u = parts.get('UNTIL');
        if (u !== undefined) {
          const utc = /Z$/.test(u) ? parseLocal(u.slice(0, -1)) : parseLocal(u);
          if (utc === undefined) return undefined;
          until = /Z$/.test(u) ? utc : utc - from;
        }
        const timeOfDay = ((start % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
        const startYear = Number(localTime('UTC', start).date.slice(0, 4));
        for (let y = Math.max(fromYear, startYear); y <= toYear; y++) {
          const days = ruleDays(y, month, byDay, byMonthDay);
          if (days === undefined) return undefined;
          for (const d of days) {
            const at = d * DAY_MINUTES + timeOfDay - from;
            if (at >= start - from && at <= until) onsets.push({ at, offset: to });
          }
        }
      }
      current = undefined;
      continue;
    }
    if (!current) {
      if (/^(TZID|X-LIC-LOCATION|LAST-MODIFIED|TZURL)[:;]/.test(line)) continue;
      return undefined;
    }
    const i = line.indexOf(':');
    if (i < 0) return undefined;
    const name = line.slice(0, i);
    if (!['DTSTART', 'TZOFFSETFROM', 'TZOFFSETTO', 'TZNAME', 'RRULE', 'RDATE', 'COMMENT'].includes(name)) return undefined;
    current.set(name, [...(current.get(name) ?? []), line.slice(i + 1)]);
  }
  return onsets.sort((a, b) => a.at - b.at);
}

/** The offset the onsets give at an instant (undefined before the first onset). */
function offsetFromOnsets(onsets: readonly Onset[], min: number): number | undefined {
  let found: number | undefined;
  for (const o of onsets) {
    if (o.at <= min) found = o.offset;
    else break;
  }
  return found;
}

/**
 * Instants in [from, to) at which the zone's offset changes (first minute of the new offset).
 *
 * @example
 * transitions('Europe/Zurich', jan1st2021, jan1st2022).length // 2 (28 March, 31 October)
 */
export function transitions(zone: string, from: number, to: number): number[] {
  const out: number[] = [];
  let t = from;
  let off = offsetAt(zone, t);
  while (t < to) {
    const next = Math.min(t + DAY_MINUTES, to);
    const o = offsetAt(zone, next);
    if (o !== off) {
      let lo = t;
      let hi = next; // offset(lo) = off, offset(hi) = o
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(zone, mid) === off) lo = mid;
        else hi = mid;
      }
      out.push(hi);
      off = offsetAt(zone, hi);
      t = hi;
      continue;
    }
    t = next;
  }
  return out;
}

function yearOf(min: number): number {
  return Number(localTime('UTC', min).date.slice(0, 4));
}

/**
 * An exact VTIMEZONE from the runtime's IANA data: one observance for the
 * offset at 1 January of the first year, then one per offset change until the
 * end of the last year.
 *
 * @example
 * generatedVtimezone('America/Mexico_City', 2021, 2021) // 'BEGIN:VTIMEZONE\r\nTZID:America/Mexico_City\r\n…'
 */
export function generatedVtimezone(zone: string, fromYear: number, toYear: number): string {
  const from = dateToDayNumber(`${fromYear}-01-01`) * DAY_MINUTES;
  const to = dateToDayNumber(`${toYear + 1}-01-01`) * DAY_MINUTES;
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`, `X-LIC-LOCATION:${zone}`];
  const o0 = offsetAt(zone, from);
  lines.push('BEGIN:STANDARD', `DTSTART:${formatLocal(from + o0)}`, `TZOFFSETFROM:${formatTzOffset(o0)}`, `TZOFFSETTO:${formatTzOffset(o0)}`, 'END:STANDARD');
  let prev = o0;
  for (const t of transitions(zone, from, to)) {
    const o = offsetAt(zone, t);
    const kind = o > prev ? 'DAYLIGHT' : 'STANDARD';
    lines.push(`BEGIN:${kind}`, `DTSTART:${formatLocal(t + prev)}`, `TZOFFSETFROM:${formatTzOffset(prev)}`, `TZOFFSETTO:${formatTzOffset(o)}`, `END:${kind}`);
    prev = o;
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/** The library's block for a zone, or undefined when it does not know it. */
function libraryBlock(zone: string): string | undefined {
  let b: unknown;
  try {
    b = tzlib_get_ical_block(zone);
  } catch {
    return undefined;
  }
  // An unknown zone gives a string (an error message or ""), a known one [block, "TZID=…"].
  if (!Array.isArray(b) || typeof b[0] !== 'string' || !b[0].startsWith('BEGIN:VTIMEZONE')) return undefined;
  return b[0].replace(/\r?\n/g, '\r\n').trim();
}

/**
 * The VTIMEZONE of `zone` for events at the instants `instants` (epoch
 * minutes): the library's block when it gives the runtime's offsets at every
 * one of them and around every offset change between them, else an exact
 * generated block.
 *
 * @example
 * vtimezoneFor('Europe/Zurich', [27000570, 27000660]).source // 'library'
 * vtimezoneFor('America/Mexico_City', [instantIn2021]).source // 'generated' (DST abolished in 2022)
 */
export function vtimezoneFor(zone: string, instants: readonly number[]): Vtimezone {
  if (instants.length === 0) {
    const lib = libraryBlock(zone);
    return lib ? { zone, text: lib, source: 'library' } : { zone, text: generatedVtimezone(zone, 1970, 1970), source: 'generated' };
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of instants) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const fromYear = yearOf(lo) - 1;
  const toYear = yearOf(hi) + 1;
  const lib = libraryBlock(zone);
  if (lib) {
    const onsets = readOnsets(lib, zone, fromYear, toYear);
    if (onsets) {
      const span0 = lo - 7 * DAY_MINUTES;
      const span1 = hi + 7 * DAY_MINUTES;
      const probes = new Set<number>(instants);
      for (const t of transitions(zone, span0, span1)) probes.add(t).add(t - 1);
      for (const o of onsets) if (o.at >= span0 && o.at <= span1) probes.add(o.at).add(o.at - 1);
      let agrees = true;
      for (const p of probes) {
        if (offsetFromOnsets(onsets, p) !== offsetAt(zone, p)) {
          agrees = false;
          break;
        }
      }
      if (agrees) return { zone, text: lib, source: 'library' };
    }
  }
  return { zone, text: generatedVtimezone(zone, fromYear, toYear), source: 'generated' };
}
