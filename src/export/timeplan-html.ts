/**
 * The time plan as HTML: a table with the blocks grouped under morning and
 * afternoon, a row per meeting day and a pause row where the meeting pauses.
 * Every session is an element with `data-session="<id>"`.
 */
import { escapeHtml } from './html.js';
import type { PlanCell, PlanModel } from './timeplan-model.js';
import { formatPauseDates, wordsOf } from './timeplan-locale.js';
import type { TimeplanLocale } from './timeplan-locale.js';
import { columnLabel, rowLabel } from './timeplan-text.js';

/** The CSS the plan table needs (scoped to `.timeplan`). */
export const TIMEPLAN_CSS = `
.timeplan{border-collapse:collapse;width:100%;font-size:.9rem}
.timeplan th,.timeplan td{border:1px solid #c8ccd2;padding:.35rem .45rem;vertical-align:top;text-align:left}
.timeplan thead th{background:#eef1f5}
.timeplan th.core,.timeplan td.core{background:#f6f9ff}
.timeplan thead th.core{background:#dde8fb}
.timeplan tbody th{white-space:nowrap;background:#fafbfc}
.timeplan tr.pause th,.timeplan tr.pause td{background:#f0f0f0;color:#555;font-style:italic}
.timeplan .item{margin:0 0 .3rem}
.timeplan .item:last-child{margin-bottom:0}
.timeplan .item+.item::before{content:"→ ";color:#888}
.timeplan .time{color:#555;font-variant-numeric:tabular-nums;margin-right:.25rem}
.timeplan .par{display:inline-block;font-size:.75rem;background:#fff1c2;border-radius:.2rem;padding:0 .25rem;margin-right:.25rem}
.timeplan .session{display:inline}
.timeplan .parallel .session+.session::before{content:" ∥ ";color:#b07a00}
.timeplan .none{color:#999}
@media (max-width:640px){
.timeplan thead{display:none}
.timeplan,.timeplan tbody,.timeplan tr,.timeplan th,.timeplan td{display:block;width:100%}
.timeplan tr{margin:0 0 .6rem;border:1px solid #c8ccd2}
.timeplan th,.timeplan td{border:none}
.timeplan td{border-top:1px solid #e3e6ea}
.timeplan td[data-label]::before{content:attr(data-label);display:block;font-size:.75rem;color:#555}
}
@media print{.timeplan thead{display:table-header-group}}
`;

function cellHtml(cell: PlanCell, locale: TimeplanLocale): string {
  const w = wordsOf(locale);
  if (cell.items.length === 0) return `<span class="none">${escapeHtml(w.none)}</span>`;
  return cell.items
    .map((item) => {
      const time = cell.fills ? '' : `<span class="time">${escapeHtml(`${item.start}–${item.end}`)}</span>`;
      const par = item.parallel ? `<span class="par">${escapeHtml(w.inParallel)}</span>` : '';
      const sessions = item.sessions
        .map((s) => {
          const own = item.parallel && (s.start !== item.start || s.end !== item.end) ? ` (${s.start}–${s.end})` : '';
          return `<span class="session" data-session="${escapeHtml(s.id)}" title="${escapeHtml(`${s.id} ${s.start}–${s.end}`)}">${escapeHtml(s.label + own)}</span>`;
        })
        .join('');
      return `<div class="item${item.parallel ? ' parallel' : ''}">${time}${par}${sessions}</div>`;
    })
    .join('');
}

/**
 * The plan table as an HTML fragment (no `<html>`; style with
 * {@link TIMEPLAN_CSS}).
 *
 * @example
 * renderPlanTable(timeplanModel(meeting, timetable), 'en') // '<table class="timeplan">…'
 */
export function renderPlanTable(plan: PlanModel, locale: TimeplanLocale): string {
  const w = wordsOf(locale);
  const halves: { label: string; span: number }[] = [];
  for (const c of plan.columns) {
    const label = c.half === 'morning' ? w.morning : w.afternoon;
    const last = halves[halves.length - 1];
    if (last && last.label === label) last.span++;
    else halves.push({ label, span: 1 });
  }
  const out: string[] = ['<table class="timeplan">', '<thead>'];
  out.push(`<tr><th rowspan="2" scope="col">${escapeHtml(w.day)}</th>${halves.map((h) => `<th colspan="${h.span}" scope="colgroup">${escapeHtml(h.label)}</th>`).join('')}</tr>`);
  out.push(
    `<tr>${plan.columns
      .map((c) => `<th scope="col"${c.core ? ' class="core"' : ''} data-block="${escapeHtml(c.block)}">${escapeHtml(`${c.start}–${c.end}`)}${c.core ? `<br><small>${escapeHtml(w.core)}</small>` : ''}</th>`)
      .join('')}</tr>`,
  );
  out.push('</thead>', '<tbody>');
  for (const r of plan.rows) {
    if (r.kind === 'pause') {
      out.push(`<tr class="pause"><th scope="row">${escapeHtml(rowLabel(r, locale))}</th><td colspan="${plan.columns.length}">${escapeHtml(formatPauseDates(r.from, r.to, locale))}</td></tr>`);
      continue;
    }
    const cells = r.cells
      .map((cell, i) => {
        const c = plan.columns[i]!;
        return `<td${c.core ? ' class="core"' : ''} data-label="${escapeHtml(columnLabel(c, w))}">${cellHtml(cell, locale)}</td>`;
      })
      .join('');
    out.push(`<tr class="day" data-date="${r.date}"><th scope="row">${escapeHtml(rowLabel(r, locale))}</th>${cells}</tr>`);
  }
  out.push('</tbody>', '</table>');
  if (plan.outside.length) {
    out.push(`<p>${escapeHtml(w.outside)}:</p><ul class="outside">`);
    for (const s of plan.outside) out.push(`<li><span class="session" data-session="${escapeHtml(s.id)}">${escapeHtml(`${s.date} ${s.start}–${s.end} ${s.label}`)}</span></li>`);
    out.push('</ul>');
  }
  return out.join('\n');
}

/**
 * `<html lang>` value of a locale.
 *
 * @example
 * htmlLang('zh') // 'zh-CN'
 */
export function htmlLang(locale: TimeplanLocale): string {
  return locale === 'zh' ? 'zh-CN' : locale;
}

/**
 * The plan as a complete, self-contained HTML page.
 *
 * @example
 * writeFileSync('timeplan.html', renderPlanHtml(timeplanModel(meeting, timetable), 'fr'));
 */
export function renderPlanHtml(plan: PlanModel, locale: TimeplanLocale): string {
  const w = wordsOf(locale);
  const title = `${w.title} — ${plan.title}`;
  return `<!DOCTYPE html>
<html lang="${htmlLang(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:1rem;color:#1d2330}
.scroll{overflow-x:auto}
${TIMEPLAN_CSS}
@media print{.timeplan{font-size:9pt}.timeplan tr{break-inside:avoid}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(`${w.times(plan.timeZone, plan.offsets.join(', '))} ${w.status(plan.status, plan.score.total, plan.score.hard)}`)}</p>
<div class="scroll">
${renderPlanTable(plan, locale)}
</div>
</body>
</html>
`;
}
