/**
 * Meeting days from `days.from`, `days.to`, `days.rrule` and `days.except`.
 *
 * The rule is expanded in floating time (rrule's "UTC dates that mean local
 * dates" stay inside this file) and the results are plain `YYYY-MM-DD` dates of
 * the meeting's zone; the process `TZ` plays no part.
 */
import * as rruleModule from 'rrule';
import { dateToDayNumber, dayNumberToDate, parseDate } from './time.js';

type RRuleNs = typeof import('rrule');
const rrule: RRuleNs = ((rruleModule as unknown as { default?: RRuleNs }).default ?? rruleModule) as RRuleNs;

/** The longest meeting plenary plans for, in days. */
export const MAX_MEETING_SPAN = 366;

/** Meeting dates, or why there are none. */
export type MeetingDates = { readonly ok: true; readonly dates: readonly string[] } | { readonly ok: false; readonly field: 'rrule' | 'to'; readonly message: string };

/**
 * The dates from `from` to `to` (inclusive) that `rule` yields, minus `except`.
 *
 * @example
 * meetingDates('2021-05-04', '2021-05-13', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', [])
 * // { ok: true, dates: ['2021-05-04', …, '2021-05-07', '2021-05-10', …, '2021-05-13'] }
 */
export function meetingDates(from: string, to: string, rule: string, except: readonly string[]): MeetingDates {
  const a = dateToDayNumber(from);
  const b = dateToDayNumber(to);
  if (b < a) return { ok: false, field: 'to', message: `expected a date on or after days.from (${from}), got ${to}` };
  if (b - a + 1 > MAX_MEETING_SPAN) {
    return { ok: false, field: 'to', message: `expected a meeting of at most ${MAX_MEETING_SPAN} days, got ${b - a + 1} (${from} to ${to})` };
  }
  const body = rule.trim().replace(/^RRULE:/i, '');
  if (/(^|[;\n])\s*(DTSTART|TZID)\b/i.test(body) || body.includes('\n')) {
    return { ok: false, field: 'rrule', message: `expected only an RRULE such as "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" (the days start at days.from; no DTSTART or TZID), got ${JSON.stringify(rule)}` };
  }
  if (!/(^|;)FREQ=(YEARLY|MONTHLY|WEEKLY|DAILY)(;|$)/i.test(body)) {
    return { ok: false, field: 'rrule', message: `expected an RRULE with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY, got ${JSON.stringify(rule)}` };
  }
  // "FREQ=DAILY;" as written by hand: empty parts go (rrule.js refuses them)
  const parts = body.split(';').filter((x) => x.trim() !== '');
  const bad = rrulePartProblem(parts);
  if (bad) return { ok: false, field: 'rrule', message: `expected a valid RRULE such as "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" (${bad}), got ${JSON.stringify(rule)}` };
  let dates: string[];
  try {
    const options = rrule.RRule.parseString(parts.join(';'));
    const ymd = parseDate(from)!;
    const start = new Date(Date.UTC(ymd.year, ymd.month - 1, ymd.day));
    const end = new Date(b * 86400000);
    const r = new rrule.RRule({ ...options, dtstart: start, tzid: null });
    const seen = new Set<string>();
    dates = [];
    for (const d of r.between(start, end, true)) {
      const day = Math.floor(d.getTime() / 86400000);
      const iso = dayNumberToDate(day);
      if (!seen.has(iso)) {
        seen.add(iso);
        dates.push(iso);
      }
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, field: 'rrule', message: `expected a valid RRULE such as "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", got ${JSON.stringify(rule)} (${why})` };
  }
  const removed = new Set(except);
  return { ok: true, dates: dates.filter((d) => !removed.has(d)).sort() };
}

const WEEKDAY = '(?:MO|TU|WE|TH|FR|SA|SU)';
const intList = (lo: number, hi: number, signed: boolean) => (v: string) =>
  v.split(',').every((x) => {
    if (!/^[+-]?\d+$/.test(x) || (!signed && /^[+-]/.test(x))) return false;
    const n = Math.abs(Number(x));
    return n >= lo && n <= hi && (signed || Number(x) >= lo);
  });
/** The parts of an RRULE that name dates, each with a check of its value (RFC 5545 §3.3.10). */
const RRULE_PARTS: Record<string, [(v: string) => boolean, string]> = {
  FREQ: [(v) => /^(YEARLY|MONTHLY|WEEKLY|DAILY)$/i.test(v), 'DAILY, WEEKLY, MONTHLY or YEARLY'],
  INTERVAL: [(v) => /^\d+$/.test(v) && Number(v) >= 1, 'a positive integer'],
  COUNT: [(v) => /^\d+$/.test(v) && Number(v) >= 1, 'a positive integer'],
  UNTIL: [(v) => /^\d{8}(T\d{6}Z?)?$/.test(v), 'a date YYYYMMDD or date-time YYYYMMDDTHHMMSSZ'],
  BYDAY: [(v) => new RegExp(`^[+-]?(?:[1-9]|[1-4]\\d|5[0-3])?${WEEKDAY}(?:,[+-]?(?:[1-9]|[1-4]\\d|5[0-3])?${WEEKDAY})*$`, 'i').test(v), 'weekdays such as MO,TU or 1MO,-1FR'],
  BYMONTHDAY: [intList(1, 31, true), 'days of the month 1..31 or -31..-1'],
  BYYEARDAY: [intList(1, 366, true), 'days of the year 1..366 or -366..-1'],
  BYWEEKNO: [intList(1, 53, true), 'weeks 1..53 or -53..-1'],
  BYMONTH: [intList(1, 12, false), 'months 1..12'],
  BYSETPOS: [intList(1, 366, true), 'positions 1..366 or -366..-1'],
  WKST: [(v) => new RegExp(`^${WEEKDAY}$`, 'i').test(v), 'a weekday MO..SU'],
};

/** What is wrong with the parts of an RRULE, or undefined (unknown, repeated, time-of-day or malformed parts). */
function rrulePartProblem(parts: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const part of parts) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toUpperCase();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (/^BY(HOUR|MINUTE|SECOND)$/.test(name)) return `meeting days are dates: ${name} does not apply`;
    const spec = RRULE_PARTS[name];
    if (!spec) return `unknown part ${JSON.stringify(part)}: expected FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS or WKST`;
    if (seen.has(name)) return `${name} given twice`;
    seen.add(name);
    if (!spec[0](value)) return `${name} must be ${spec[1]}, got ${JSON.stringify(value)}`;
  }
  if (seen.has('COUNT') && seen.has('UNTIL')) return 'COUNT and UNTIL together';
  return undefined;
}
