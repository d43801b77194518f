/**
 * A VCALENDAR: ical-generator's `ICalCalendar` holds the events (each
 * serialized by ical-generator), and the calendar around them is written
 * here: header, VTIMEZONE, folding, final CRLF, RFC 7986 `COLOR`.
 *
 * Traps avoided (see DESIGN.md): the calendar gets no time-zone name (that
 * would make ical-generator write DTSTAMP without `Z`); the zone is set on
 * each event; names are made to need no escaping ({@link calendarLabel}).
 */
import { ICalCalendar, escape } from 'ical-generator';
import type { BranchStyle } from './colors.js';
import { normalizeIcs } from './fold.js';
import type { Vtimezone } from './vtimezone.js';

/** `PRODID` of every file. */
export const PRODID = { company: 'plenary', product: 'plenary', language: 'EN' } as const;

/** A placeholder X-property turned into RFC 7986 `COLOR` by {@link serializeCalendar}. */
export const COLOR_PLACEHOLDER = 'X-PLENARY-COLOR';

/** iTIP methods used by plenary. */
export type Method = 'PUBLISH' | 'REQUEST' | 'CANCEL';

/** What a calendar says about itself. */
export interface CalendarHead {
  readonly method: Method;
  /** `NAME` / `X-WR-CALNAME`. */
  readonly name: string;
  /** `X-WR-CALDESC`. */
  readonly description?: string;
  /** Calendar colour (group calendars). */
  readonly style?: BranchStyle;
}

/**
 * Escapes a TEXT value (`\`, `;`, `,`, newlines) as RFC 5545 §3.3.11 says.
 *
 * @example
 * escapeText('a, b; c') // 'a\\, b\\; c'
 */
export function escapeText(text: string): string {
  return escape(text, false);
}

/**
 * A calendar name or description that needs no escaping. `X-WR-CALNAME` and
 * `X-WR-CALDESC` are X-properties: python icalendar unescapes them as TEXT,
 * but ical.js and vobject keep their value raw (`meeting\, 4–13 May`). So
 * the characters that TEXT escapes are left out instead: `,` and `;` become
 * ` – `, a backslash `/`, line breaks a space; every reader then shows the same.
 *
 * @example
 * calendarLabel('ITU-T SG12 virtual meeting, 4–13 May 2021') // 'ITU-T SG12 virtual meeting – 4–13 May 2021'
 */
export function calendarLabel(text: string): string {
  return text
    .replace(/\s*[,;]\s*/g, ' – ')
    .replace(/\\/g, '/')
    .replace(/[\r\n]+/g, ' ');
}

/**
 * A new, empty calendar of the meeting, to add events to. Its own header
 * fields are not used: {@link serializeCalendar} writes the header.
 *
 * @example
 * const cal = newCalendar();
 * cal.createEvent({ id: 'x@m', start, end, timezone: 'Europe/Zurich', summary: 'x' });
 */
export function newCalendar(): ICalCalendar {
  return new ICalCalendar({ prodId: PRODID });
}

/**
 * The text of a calendar: a header written here (method, names, colours),
 * the VTIMEZONE of the meeting zone when an event uses it, and
 * ical-generator's VEVENTs, with the `COLOR` placeholder renamed; every line
 * folded at 75 octets between characters, CRLF after every line.
 *
 * The header is not ical-generator's: it writes `NAME`/`X-WR-CALNAME`
 * unescaped and calendar X-properties after the components, and its folding
 * (a `TextEncoder` per character) took most of the export's time.
 *
 * @example
 * serializeCalendar(cal, head, ctx.vtimezone) // 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…END:VCALENDAR\r\n'
 */
export function serializeCalendar(cal: ICalCalendar, head: CalendarHead, vtimezone: Vtimezone): string {
  const events = cal.events();
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:-//${PRODID.company}//${PRODID.product}//${PRODID.language}`, 'CALSCALE:GREGORIAN', `METHOD:${head.method}`];
  const name = calendarLabel(head.name);
  lines.push(`NAME:${name}`, `X-WR-CALNAME:${name}`);
  if (head.description) lines.push(`X-WR-CALDESC:${calendarLabel(head.description)}`);
  if (head.style) lines.push(`COLOR:${head.style.color}`, `X-APPLE-CALENDAR-COLOR:${head.style.hex}`);
  // ical-generator writes the times of an event in the zone named "UTC" in UTC form (…Z, no TZID);
  // SPEC §6 wants every event in the meeting zone, TZID=<zone>, so those of a meeting in UTC are rewritten
  const utcMeeting = vtimezone.zone === 'UTC';
  const texts = events.map((e) => {
    const t = e.toString().replace(/\r\n$/, '');
    return utcMeeting ? t.replace(/^(DTSTART|DTEND):(\d{8}T\d{6})Z$/gm, '$1;TZID=UTC:$2') : t;
  });
  if (texts.some((t) => t.includes(`DTSTART;TZID=${vtimezone.zone}:`))) lines.push(vtimezone.text);
  lines.push(...texts);
  lines.push('END:VCALENDAR');
  const text = lines.join('\r\n').replace(new RegExp(`^${COLOR_PLACEHOLDER}:`, 'gm'), 'COLOR:');
  return normalizeIcs(text);
}
