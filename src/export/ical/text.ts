/**
 * The words of the calendars: event summaries a delegate recognises at a
 * glance, times in a zone, and the group chain. English, built by hand (no
 * `Intl` locale data), so the output is the same on every machine.
 */
import type { Meeting } from '../../model/types.js';
import { formatOffset, formatWallTime, localTime, parseDate } from '../../model/time.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Titles up to this display width are kept whole in a summary. */
const KEEP_WHOLE = 40;
/** Longer titles are cut at a word boundary at most this wide, then `…`. */
const CUT_AT = 32;
/** Words a cut title should not end on. */
const DANGLING = new Set(['a', 'an', 'and', 'for', 'in', 'including', 'of', 'on', 'or', 'the', 'to', 'with', 'their', 'its', 'by', 'at', 'from']);

/**
 * `Wed 5 May 2021` for a `YYYY-MM-DD` date.
 *
 * @example
 * formatDay('2021-05-05') // 'Wed 5 May 2021'
 */
export function formatDay(date: string): string {
  const ymd = parseDate(date);
  if (!ymd) return date;
  const wd = new Date(Date.UTC(ymd.year, ymd.month - 1, ymd.day)).getUTCDay();
  return `${WEEKDAYS[(wd + 6) % 7]} ${ymd.day} ${MONTHS[ymd.month - 1]} ${ymd.year}`;
}

/**
 * A session's time in a zone: `Wed 5 May 2021, 17:30–19:00 (UTC+08:00)`; the
 * end's date is repeated when it differs, and both offsets are given when a
 * DST change falls inside.
 *
 * @example
 * formatRange('Asia/Shanghai', start, start + 90) // 'Wed 5 May 2021, 17:30–19:00 (UTC+08:00)'
 */
export function formatRange(zone: string, start: number, end: number): string {
  const a = localTime(zone, start);
  const b = localTime(zone, end);
  const offsets = a.offset === b.offset ? `UTC${formatOffset(a.offset)}` : `UTC${formatOffset(a.offset)} → UTC${formatOffset(b.offset)}`;
  const endText = a.date === b.date ? formatWallTime(b.minutes) : ` ${formatDay(b.date)}, ${formatWallTime(b.minutes)}`;
  const sep = a.date === b.date ? '–' : ' –';
  return `${formatDay(a.date)}, ${formatWallTime(a.minutes)}${sep}${endText} (${offsets})`;
}

/**
 * A short time in a zone for a list of zones: `Wed 5 May 17:30–19:00`.
 *
 * @example
 * formatShortRange('America/Los_Angeles', start, start + 90) // 'Wed 5 May 02:30–04:00'
 */
export function formatShortRange(zone: string, start: number, end: number): string {
  const a = localTime(zone, start);
  const b = localTime(zone, end);
  const day = formatDay(a.date).replace(/ \d{4}$/, '');
  const endText = a.date === b.date ? formatWallTime(b.minutes) : `${formatDay(b.date).replace(/ \d{4}$/, '')} ${formatWallTime(b.minutes)}`;
  return `${day} ${formatWallTime(a.minutes)}–${endText}`;
}

/**
 * Display width of a text: East Asian wide characters and emoji count 2,
 * combining marks 0, the rest 1 (enough to keep a summary short on screen).
 *
 * @example
 * displayWidth('Q5/12') // 5
 * displayWidth('李娜')  // 4
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x300 && c <= 0x36f) || c === 0x200d || (c >= 0xfe00 && c <= 0xfe0f)) continue;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1f300 && c <= 0x1faff) ||
      c >= 0x20000;
    w += wide ? 2 : 1;
  }
  return w;
}

/**
 * A title short enough for a crowded calendar: kept whole up to a display
 * width of 40, else cut at a word boundary (width at most 32, not ending on
 * "for", "and", …; inside the first word when it alone is too wide, as in
 * Chinese or Japanese) and ended with `…`.
 *
 * @example
 * shortTitle('Telephonometric methodologies for handset and headset terminals') // 'Telephonometric methodologies…'
 */
export function shortTitle(title: string): string {
  if (displayWidth(title) <= KEEP_WHOLE) return title;
  const words = title.split(/\s+/);
  const kept: string[] = [];
  let width = 0;
  for (const w of words) {
    const add = displayWidth(w) + (kept.length ? 1 : 0);
    if (width + add > CUT_AT) break;
    kept.push(w);
    width += add;
  }
  while (kept.length > 1 && DANGLING.has(kept[kept.length - 1]!.toLowerCase())) kept.pop();
  let cut = kept.join(' ').replace(/[\s,;:.\-–—(/]+$/u, '');
  if (cut === '') {
    width = 0;
    for (const ch of title) {
      width += displayWidth(ch);
      if (width > CUT_AT) break;
      cut += ch;
    }
  }
  return `${cut}…`;
}

/** A title with a leading repetition of the group id removed ("WP1/12 opening plenary" → "Opening plenary"). */
function withoutGroupPrefix(title: string, groupId: string): string {
  if (title.length > groupId.length + 1 && title.startsWith(`${groupId} `)) {
    const rest = title.slice(groupId.length + 1).trimStart();
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  return title;
}

/**
 * The title a session is known by: its own, else its group's title, else the group id.
 *
 * @example
 * fullTitle(meeting, meeting.sessionIndex.get('q5-12-1')!) // 'Telephonometric methodologies for handset and headset terminals'
 */
export function fullTitle(meeting: Meeting, s: number): string {
  const sess = meeting.sessions[s]!;
  const g = meeting.groups[sess.group]!;
  return sess.title ?? g.title ?? g.id;
}

/**
 * Whether "(session k of n)" is needed to tell the session from its group's
 * others: the group has several sessions and they share one title.
 */
function needsOrdinal(meeting: Meeting, s: number): boolean {
  const sess = meeting.sessions[s]!;
  if (sess.ofGroup <= 1) return false;
  const own = fullTitle(meeting, s);
  return meeting.groups[sess.group]!.sessions.some((o) => o !== s && fullTitle(meeting, o) === own);
}

/**
 * The SUMMARY of a session: `Q5/12 — Telephonometric methodologies… (session 2 of 3)`,
 * `SG12 — Opening plenary`, `WP1/12 — Opening plenary`.
 *
 * @example
 * sessionSummary(meeting, meeting.sessionIndex.get('q5-12-2')!) // 'Q5/12 — Telephonometric methodologies… (session 2 of 3)'
 */
export function sessionSummary(meeting: Meeting, s: number): string {
  return headline(meeting, s, shortTitle);
}

/**
 * The first line of a session's description: as {@link sessionSummary} with
 * the title in full.
 *
 * @example
 * sessionHeadline(meeting, meeting.sessionIndex.get('q5-12-2')!) // 'Q5/12 — Telephonometric methodologies for handset and headset terminals (session 2 of 3)'
 */
export function sessionHeadline(meeting: Meeting, s: number): string {
  return headline(meeting, s, (t) => t);
}

function headline(meeting: Meeting, s: number, shorten: (title: string) => string): string {
  const sess = meeting.sessions[s]!;
  const g = meeting.groups[sess.group]!;
  const title = withoutGroupPrefix(fullTitle(meeting, s), g.id);
  const head = title === g.id ? g.id : `${g.id} — ${shorten(title)}`;
  return needsOrdinal(meeting, s) ? `${head} (session ${sess.ordinal} of ${sess.ofGroup})` : head;
}

/**
 * The SUMMARY of a session known only from a previous timetable (it is gone
 * from the spec).
 *
 * @example
 * rowSummary('Q5/12', 'Telephonometric methodologies for handset and headset terminals') // 'Q5/12 — Telephonometric methodologies…'
 */
export function rowSummary(group: string, title: string): string {
  if (group === '') return shortTitle(title);
  const t = withoutGroupPrefix(title, group);
  return t === group ? group : `${group} — ${shortTitle(t)}`;
}

/**
 * What a session belongs to, from its group up to the root:
 * `Q5/12 (Telephonometric …) › WP1/12 (Terminals …) › SG12 (Performance, QoS and QoE)`.
 *
 * @example
 * groupChain(meeting, groupIndex) // 'Q5/12 (…) › WP1/12 (…) › SG12 (…)'
 */
export function groupChain(meeting: Meeting, group: number): string {
  return meeting.groups[group]!.ancestors
    .map((a) => {
      const g = meeting.groups[a]!;
      return g.title ? `${g.id} (${g.title})` : g.id;
    })
    .join(' › ');
}
