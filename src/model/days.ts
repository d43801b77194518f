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
  let dates: string[];
  try {
    const options = rrule.RRule.parseString(body);
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
