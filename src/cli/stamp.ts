/**
 * The DTSTAMP of the calendars a command writes: `SOURCE_DATE_EPOCH` (seconds
 * since the epoch, the reproducible-builds convention) where it is set, else
 * the current time. The only place that reads the clock for the calendars.
 */
import { UsageError } from './io.js';

/**
 * DTSTAMP in epoch milliseconds from the environment, or `now`.
 *
 * @example
 * calendarStamp({ SOURCE_DATE_EPOCH: '1620000000' }) // 1620000000000
 */
export function calendarStamp(env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): number {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return now();
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(Number(raw.trim()) * 1000)) {
    throw new UsageError(`SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01T00:00Z, got ${JSON.stringify(raw)}`);
  }
  return Number(raw.trim()) * 1000;
}
