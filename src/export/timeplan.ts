/**
 * The time plan: the timetable as the SG12 letter's draft time plan, one row
 * per meeting day and one column per block, in meeting time.
 */
import type { Meeting } from '../model/types.js';
import type { Timetable } from '../timetable/types.js';

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * A plain Markdown time plan: days by blocks, each cell naming its sessions
 * (start times where a block holds several in a row, `∥` between parallel ones).
 *
 * @example
 * renderTimeplanMarkdown(meeting, timetable) // '# ITU-T SG12 … \n\n| Day | 09:30–11:00 | …'
 */
export function renderTimeplanMarkdown(meeting: Meeting, timetable: Timetable): string {
  const blocks = [...meeting.blocks].sort((a, b) => a.startWall - b.startWall);
  const lines: string[] = [];
  lines.push(`# ${meeting.title}`, '', `Time plan in ${meeting.timeZone} time. Status: ${timetable.status}; score ${timetable.score.total}.`, '');
  lines.push(`| Day | ${blocks.map((b) => `${b.id} ${b.start}–${b.end}`).join(' | ')} |`);
  lines.push(`|---|${blocks.map(() => '---').join('|')}|`);
  for (const day of meeting.days) {
    const cells = blocks.map((b) => {
      const inBlock = timetable.sessions.filter((s) => s.day === day.number && s.block === b.id);
      const byStart = new Map<string, string[]>();
      for (const s of inBlock) {
        const hhmm = s.start.slice(11, 16);
        const label = s.group === s.title || s.title.startsWith(s.group) ? s.title : `${s.group} ${s.title}`;
        byStart.set(hhmm, [...(byStart.get(hhmm) ?? []), `${label} (${s.id})`]);
      }
      const parts = [...byStart.entries()].map(([hhmm, names]) => (byStart.size > 1 || hhmm !== b.start ? `${hhmm} ` : '') + names.join(' ∥ '));
      return escapeCell(parts.join('; ') || '—');
    });
    lines.push(`| ${day.date} | ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
