/**
 * The DTSTAMP of calendars (SPEC §6): the current time in UTC, or
 * `SOURCE_DATE_EPOCH` where set, so that builds can be reproducible. The
 * renderers never read the clock themselves: the caller passes the stamp,
 * and {@link calendarStamp} gives the one the command line uses.
 */

/**
 * DTSTAMP in epoch milliseconds: `SOURCE_DATE_EPOCH` (whole seconds since
 * 1970-01-01T00:00Z, the reproducible-builds convention) where `env` sets it,
 * else `now()`. Throws `RangeError` on a malformed `SOURCE_DATE_EPOCH`.
 *
 * @example
 * calendarStamp({ SOURCE_DATE_EPOCH: '1620000000' }) // 1620000000000
 * renderCalendars(meeting, timetable, { stamp: calendarStamp() })
 */
export function calendarStamp(env: Readonly<Record<string, string | undefined>> = process.env, now: () => number = Date.now): number {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return now();
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(Number(raw.trim()) * 1000)) {
    throw new RangeError(`SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01T00:00Z, got ${JSON.stringify(raw)}`);
  }
  return Number(raw.trim()) * 1000;
}

/**
 * `stamp` when it is a DTSTAMP the calendars can carry (finite epoch
 * milliseconds); otherwise a `RangeError` that says where to get one.
 *
 * @example
 * checkStamp(options.stamp) // throws on undefined: never a silent 1970
 */
export function checkStamp(stamp: unknown): number {
  if (typeof stamp === 'number' && Number.isFinite(stamp)) return stamp;
  throw new RangeError(
    `options.stamp: expected the calendars' DTSTAMP in epoch milliseconds (calendarStamp() gives SOURCE_DATE_EPOCH or the current time), got ${stamp === undefined ? 'nothing' : typeof stamp === 'number' ? String(stamp) : JSON.stringify(stamp) ?? typeof stamp}`,
  );
}
