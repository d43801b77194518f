/**
 * The DTSTAMP of the calendars a command writes: `SOURCE_DATE_EPOCH` where it
 * is set, else the current time (see `calendarStamp` in the library); a
 * malformed `SOURCE_DATE_EPOCH` is a usage error. The only place the command
 * line reads the clock for the calendars.
 */
import { calendarStamp as stampOf } from '../export/ical/stamp.js';
import { UsageError } from './io.js';

/**
 * DTSTAMP in epoch milliseconds from the environment, or `now`.
 *
 * @example
 * calendarStamp({ SOURCE_DATE_EPOCH: '1620000000' }) // 1620000000000
 */
export function calendarStamp(env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): number {
  try {
    return stampOf(env, now);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}
