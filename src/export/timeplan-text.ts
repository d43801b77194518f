/**
 * The time plan as Markdown (a table: days by blocks) and as plain text (a
 * section per day, a line per block), in English, French or Chinese.
 */
import { markdownText } from './markdown.js';
import type { PlanCell, PlanColumn, PlanItem, PlanModel, PlanRow } from './timeplan-model.js';
import { formatPauseDates, formatPlanDate, wordsOf } from './timeplan-locale.js';
import type { TimeplanLocale, TimeplanWords } from './timeplan-locale.js';
import { displayWidth, padDisplay } from './width.js';

/**
 * The header of a column: `Morning 11:30–13:00 (core)`.
 *
 * @example
 * columnLabel(plan.columns[1], wordsOf('en')) // 'Morning 11:30–13:00 (core)'
 */
export function columnLabel(c: PlanColumn, w: TimeplanWords, withHalf = true): string {
  const core = c.core ? (/[\u4e00-\u9fff]/.test(w.core) ? `（${w.core}）` : ` (${w.core})`) : '';
  return `${withHalf ? `${c.half === 'morning' ? w.morning : w.afternoon} ` : ''}${c.start}–${c.end}${core}`;
}

/**
 * The label of a row: the localized date (with the zone's offset that day
 * when the meeting crosses a DST change), or the pause word.
 *
 * @example
 * rowLabel(plan.rows[4], 'zh') // '周末'
 */
export function rowLabel(r: PlanRow, locale: TimeplanLocale): string {
  const w = wordsOf(locale);
  if (r.kind === 'day') {
    const date = formatPlanDate(r.date, locale);
    if (r.offset === undefined) return date;
    return locale === 'zh' ? `${date}（${r.offset}）` : `${date} (${r.offset})`;
  }
  return r.weekend ? w.weekend : w.pause;
}

function itemText(item: PlanItem, withTime: boolean, w: TimeplanWords, locale: TimeplanLocale): string {
  const time = withTime ? `${item.start}–${item.end} ` : '';
  if (!item.parallel) return `${time}${item.sessions[0]!.label}`;
  const names = item.sessions.map((s) => (s.start !== item.start || s.end !== item.end ? `${s.label} (${s.start}–${s.end})` : s.label));
  const colon = locale === 'zh' ? '：' : locale === 'fr' ? ' : ' : ': ';
  return `${time}${w.inParallel}${colon}${names.join(' ∥ ')}`;
}

/**
 * A cell as one line: items in time order joined by `→`, parallel ones marked.
 *
 * @example
 * cellText(cell, 'en') // '13:30–14:00 WP1/12 opening plenary → 14:00–14:30 WP2/12 opening plenary → …'
 */
export function cellText(cell: PlanCell, locale: TimeplanLocale): string {
  const w = wordsOf(locale);
  if (cell.items.length === 0) return w.none;
  return cell.items.map((i) => itemText(i, !cell.fills, w, locale)).join(' → ');
}

/** Text for a Markdown table cell or heading, shown as written (see markdownText). */
const mdEscape = markdownText;

function headerLines(plan: PlanModel, locale: TimeplanLocale): string[] {
  const w = wordsOf(locale);
  return [w.times(plan.timeZone, plan.offsets.join(', ')), w.status(plan.status, plan.score.total, plan.score.hard)];
}

/**
 * The plan as a Markdown table.
 *
 * @example
 * renderPlanMarkdown(timeplanModel(meeting, timetable), 'zh') // '# 时间计划草案 — …\n\n| 日期 | 上午 09:30–11:00 | …'
 */
export function renderPlanMarkdown(plan: PlanModel, locale: TimeplanLocale): string {
  const w = wordsOf(locale);
  const lines: string[] = [`# ${w.title} — ${mdEscape(plan.title)}`, '', headerLines(plan, locale).join(locale === 'zh' ? '' : ' '), ''];
  lines.push(`| ${w.day} | ${plan.columns.map((c) => mdEscape(columnLabel(c, w))).join(' | ')} |`);
  lines.push(`|---|${plan.columns.map(() => '---').join('|')}|`);
  for (const r of plan.rows) {
    if (r.kind === 'day') {
      lines.push(`| ${mdEscape(rowLabel(r, locale))} | ${r.cells.map((c) => mdEscape(cellText(c, locale))).join(' | ')} |`);
    } else {
      const rest = plan.columns.map((_, i) => (i === 0 ? formatPauseDates(r.from, r.to, locale) : ''));
      lines.push(`| ${rowLabel(r, locale)} | ${rest.join(' | ')} |`);
    }
  }
  if (plan.outside.length) {
    lines.push('', `## ${w.outside}`, '');
    for (const s of plan.outside) lines.push(`- ${s.date} ${s.start}–${s.end} ${mdEscape(s.label)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The plan as plain text: a section per day (or pause), a line per block,
 * the blocks grouped under morning and afternoon.
 *
 * @example
 * renderPlanText(timeplanModel(meeting, timetable), 'fr') // 'Projet de plan horaire — …\n\nmardi 4 mai\n  Matin  09:30–11:00  —\n…'
 */
export function renderPlanText(plan: PlanModel, locale: TimeplanLocale): string {
  const w = wordsOf(locale);
  const lines: string[] = [`${w.title} — ${plan.title}`, ...headerLines(plan, locale)];
  const halfWidth = Math.max(displayWidth(w.morning), displayWidth(w.afternoon));
  const colWidth = Math.max(...plan.columns.map((c) => displayWidth(columnLabel(c, w, false))));
  for (const r of plan.rows) {
    lines.push('');
    if (r.kind === 'pause') {
      const dates = formatPauseDates(r.from, r.to, locale);
      lines.push(locale === 'zh' ? `${rowLabel(r, locale)}（${dates}）` : `${rowLabel(r, locale)} (${dates})`);
      continue;
    }
    lines.push(rowLabel(r, locale));
    let half = '';
    r.cells.forEach((cell, i) => {
      const col = plan.columns[i]!;
      const h = col.half === 'morning' ? w.morning : w.afternoon;
      const shown = h === half ? '' : h;
      half = h;
      lines.push(`  ${padDisplay(shown, halfWidth)}  ${padDisplay(columnLabel(col, w, false), colWidth)}  ${cellText(cell, locale)}`.trimEnd());
    });
  }
  if (plan.outside.length) {
    lines.push('', w.outside);
    for (const s of plan.outside) lines.push(`  ${s.date} ${s.start}–${s.end} ${s.label}`);
  }
  return `${lines.join('\n')}\n`;
}
