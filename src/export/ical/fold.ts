/**
 * Content lines as RFC 5545 §3.1 wants them: CRLF after every line (the last
 * one too), folded so that no line is longer than 75 octets, and never folded
 * inside a multi-byte UTF-8 character. ical-generator folds already; this
 * post-pass makes the result independent of how it does (unfold, then fold
 * again by code points) and adds the final CRLF it leaves out.
 */

/**
 * Longest content line, in octets, CRLF excluded (RFC 5545 §3.1).
 *
 * @example
 * new TextEncoder().encode(line).length <= MAX_LINE_OCTETS // every physical line of our files
 */
export const MAX_LINE_OCTETS = 75;

/** UTF-8 length of one code point. */
function octets(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/**
 * Joins folded lines back into logical content lines (CRLF or LF, then one space or tab).
 *
 * @example
 * unfoldLines('SUMMARY:a\r\n b\r\n') // ['SUMMARY:ab']
 */
export function unfoldLines(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && out.length > 0) out[out.length - 1] += line.slice(1);
    else out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/**
 * Folds one logical line: the first physical line holds at most 75 octets,
 * each continuation a space and at most 74 more, cut only between code points.
 *
 * @example
 * foldLine('DESCRIPTION:' + '長'.repeat(30)) // 'DESCRIPTION:長…長\r\n 長…'
 */
export function foldLine(line: string): string {
  // A UTF-16 unit is at most 3 octets (an astral character: 2 units, 4 octets).
  if (line.length * 3 <= MAX_LINE_OCTETS) return line;
  let out = '';
  let used = 0;
  let limit = MAX_LINE_OCTETS;
  for (const ch of line) {
    const n = octets(ch.codePointAt(0)!);
    if (used + n > limit) {
      out += '\r\n ';
      used = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    out += ch;
    used += n;
  }
  return out;
}

/**
 * A whole iCalendar text, refolded: every content line folded by
 * {@link foldLine}, CRLF-terminated, the last one included.
 *
 * @example
 * normalizeIcs('BEGIN:VCALENDAR\nEND:VCALENDAR') // 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'
 */
export function normalizeIcs(text: string): string {
  return unfoldLines(text)
    .map((l) => `${foldLine(l)}\r\n`)
    .join('');
}

/**
 * A problem with the physical lines of an iCalendar text.
 *
 * @example
 * for (const p of lineProblems(bytes)) console.error(`line ${p.line}: ${p.message}`);
 */
export interface LineProblem {
  /** 1-based physical line number. */
  readonly line: number;
  readonly message: string;
}

/**
 * Checks the physical form of an iCalendar text: CRLF line endings only (the
 * last line too), no empty line, no line over 75 octets, no line starting or
 * ending in the middle of a UTF-8 character (which cannot happen in a JS
 * string, but does in bytes cut by a careless writer: the check works on
 * bytes). A string (a rendered file's `content`) is checked as its UTF-8 bytes.
 *
 * @example
 * lineProblems(Buffer.from('BEGIN:VCALENDAR\n')) // [{ line: 1, message: 'ends with LF, expected CRLF' }]
 * lineProblems(renderCalendars(meeting, timetable, { stamp })[0].content) // []
 */
export function lineProblems(input: Uint8Array | string): LineProblem[] {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const problems: LineProblem[] = [];
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length) {
      if (start < bytes.length) problems.push({ line, message: 'the last line does not end with CRLF' });
      break;
    }
    const b = bytes[i]!;
    if (b === 0x0d && bytes[i + 1] !== 0x0a) problems.push({ line, message: 'bare CR' });
    if (b !== 0x0a) continue;
    const crlf = i > start && bytes[i - 1] === 0x0d;
    if (!crlf) problems.push({ line, message: 'ends with LF, expected CRLF' });
    const end = crlf ? i - 1 : i;
    if (end - start > MAX_LINE_OCTETS) problems.push({ line, message: `${end - start} octets, expected at most ${MAX_LINE_OCTETS}` });
    if (end === start) problems.push({ line, message: 'empty line' });
    const first = bytes[start];
    const second = bytes[start + 1];
    // A line may not start with a UTF-8 continuation byte (10xxxxxx), nor may a folded line's text after the space.
    if (first !== undefined && (first & 0xc0) === 0x80) problems.push({ line, message: 'starts inside a UTF-8 character' });
    if (first === 0x20 && second !== undefined && (second & 0xc0) === 0x80) problems.push({ line, message: 'continuation starts inside a UTF-8 character' });
    // …and a line may not end with an incomplete UTF-8 sequence.
    let k = end - 1;
    let cont = 0;
    while (k >= start && (bytes[k]! & 0xc0) === 0x80) {
      cont++;
      k--;
    }
    if (k >= start) {
      const lead = bytes[k]!;
      const need = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
      if (need !== cont) problems.push({ line, message: 'ends inside a UTF-8 character' });
    }
    line++;
    start = i + 1;
  }
  return problems;
}
