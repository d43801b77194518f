/**
 * `report.html`: one self-contained page (no network, no external fonts,
 * scripts or images) with the time plan, a heat map of comfort by zone and
 * hour with the blocks over it, the time-zone spread, the milestones, and the
 * score with its violations. Readable on a phone (tables scroll sideways) and
 * printable.
 */
import type { Meeting } from '../model/types.js';
import { trustedTimetable } from '../timetable/document.js';
import type { Timetable } from '../timetable/types.js';
import { periodsOf, spreadOf } from '../tz/spread.js';
import { classLegend } from '../tz/text.js';
import { escapeHtml } from './html.js';
import { renderHeatmaps } from './report-heatmap.js';
import { renderSpreadTable } from './report-spread.js';
import { htmlLang, renderPlanTable, TIMEPLAN_CSS } from './timeplan-html.js';
import { formatLongDate, formatPlanDate, resolveLocale, wordsOf } from './timeplan-locale.js';
import type { TimeplanLocale } from './timeplan-locale.js';
import { timeplanModel } from './timeplan-model.js';

/**
 * Options of {@link renderReport}.
 *
 * @example
 * renderReport(meeting, timetable, { locale: 'zh' })
 */
export interface ReportOptions {
  /** Language of the time plan and headings: `en` (default), `fr` or `zh`. */
  readonly locale?: string;
}

interface ReportWords {
  readonly report: string;
  readonly plan: string;
  readonly heatmap: string;
  readonly spread: string;
  readonly milestones: string;
  readonly score: string;
  readonly violations: string;
  readonly diagnosis: string;
  readonly clean: string;
  readonly noMilestones: string;
  readonly sessions: (n: number, days: number, tracks: number) => string;
}

const WORDS: Record<TimeplanLocale, ReportWords> = {
  en: {
    report: 'Timetable report',
    plan: 'Time plan',
    heatmap: 'Comfort by zone and hour',
    spread: 'Time-zone spread',
    milestones: 'Milestones',
    score: 'Score',
    violations: 'Violations',
    diagnosis: 'Diagnosis',
    clean: 'No hard rule is broken.',
    noMilestones: 'No milestones.',
    sessions: (n, d, t) => `${n} sessions over ${d} days on ${t} tracks.`,
  },
  fr: {
    report: 'Rapport du programme',
    plan: 'Plan horaire',
    heatmap: 'Confort par fuseau et par heure',
    spread: 'Écart des fuseaux horaires',
    milestones: 'Échéances',
    score: 'Score',
    violations: 'Violations',
    diagnosis: 'Diagnostic',
    clean: 'Aucune règle stricte n’est enfreinte.',
    noMilestones: 'Aucune échéance.',
    sessions: (n, d, t) => `${n} séances sur ${d} jours et ${t} pistes.`,
  },
  zh: {
    report: '时间表报告',
    plan: '时间计划',
    heatmap: '各时区逐小时舒适度',
    spread: '时区分布',
    milestones: '重要截止日期',
    score: '得分',
    violations: '冲突',
    diagnosis: '诊断',
    clean: '没有违反任何硬性规则。',
    noMilestones: '无截止日期。',
    sessions: (n, d, t) => `共 ${n} 节会议，${d} 天，${t} 个并行会场。`,
  },
};

const CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1d2330;background:#fff;line-height:1.4}
main{max-width:1280px;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.2rem 0 .4rem}
h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:2px solid #1f3c88;padding-bottom:.2rem}
nav ul{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.3rem .9rem}
nav a{color:#1f3c88}
.meta{color:#444;margin:.2rem 0}
.status{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-weight:600}
.status.feasible{background:#d9f0d3;color:#1b5e20}
.status.infeasible{background:#f8d0d0;color:#8b0000}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
figure{margin:0 0 1rem}
figcaption{color:#555;font-size:.85rem}
.heatmap-svg{display:block;width:100%;min-width:760px;height:auto}
table.spread,table.score{border-collapse:collapse;font-size:.8rem}
table.spread th,table.spread td,table.score th,table.score td{border:1px solid #c8ccd2;padding:.2rem .35rem;text-align:left;white-space:nowrap}
table.spread caption{caption-side:top;text-align:left;color:#555;padding:.2rem 0}
table.spread thead th{background:#eef1f5}
table.spread thead th.core{background:#dde8fb}
table.spread td.num,table.score td{text-align:right;font-variant-numeric:tabular-nums}
table.spread tfoot th,table.spread tfoot td{background:#fafbfc}
ul.milestones{padding-left:1.2rem}
.violations li{color:#8b0000}
.legend{font-size:.85rem;color:#444}
@media (max-width:640px){main{padding:.6rem}h1{font-size:1.2rem}.timeplan{font-size:.8rem}.timeplan th,.timeplan td{padding:.25rem}}
@media print{
  @page{margin:12mm}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  nav{display:none}
  main{max-width:none;padding:0}
  .scroll{overflow:visible}
  .heatmap-svg{min-width:0;width:100%}
  h2{break-after:avoid}
  section{break-inside:auto}
  tr,figure{break-inside:avoid}
  .timeplan,table.spread{font-size:8pt}
  a{color:inherit;text-decoration:none}
}
`;

/**
 * The report page. Throws a `RangeError` for a locale other than en, fr or zh.
 *
 * @example
 * writeFileSync('report.html', renderReport(meeting, timetable, { locale: 'en' }));
 */
export function renderReport(meeting: Meeting, given: Timetable, options: ReportOptions = {}): string {
  const timetable = trustedTimetable(meeting, given);
  const locale = resolveLocale(options.locale);
  if (!locale) throw new RangeError(`unsupported locale ${JSON.stringify(options.locale)}: expected en, fr or zh`);
  const w = WORDS[locale];
  const pw = wordsOf(locale);
  const plan = timeplanModel(meeting, timetable);
  const spread = spreadOf(meeting);
  const span = (dates: readonly string[]) =>
    dates.length === 1 ? formatPlanDate(dates[0]!, locale) : `${formatPlanDate(dates[0]!, locale)} … ${formatPlanDate(dates[dates.length - 1]!, locale)} (${dates.length})`;
  const s = timetable.score;
  const days = meeting.days;

  const sections: string[] = [];
  sections.push(
    `<section id="plan"><h2>${escapeHtml(w.plan)}</h2><p class="meta">${escapeHtml(`${pw.times(plan.timeZone, plan.offsets.join(', '))}`)}</p><div class="scroll">${renderPlanTable(plan, locale)}</div></section>`,
  );
  sections.push(`<section id="heatmap"><h2>${escapeHtml(w.heatmap)}</h2>${renderHeatmaps(meeting, span)}</section>`);
  sections.push(
    `<section id="spread"><h2>${escapeHtml(w.spread)}</h2><p class="legend">${escapeHtml(`${spread.audience.delegates} delegates and ${spread.audience.people} people in ${spread.audience.zones.length} zones; ${classLegend()}.`)}</p>${periodsOf(spread.days)
      .map((p) => `<div class="scroll">${renderSpreadTable(p, span(p.dates))}</div>`)
      .join('')}</section>`,
  );
  const milestones = [...meeting.milestones].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  sections.push(
    `<section id="milestones"><h2>${escapeHtml(w.milestones)}</h2>${
      milestones.length
        ? `<ul class="milestones">${milestones
            .map((m) => `<li data-milestone="${escapeHtml(m.id)}"><strong>${escapeHtml(formatLongDate(m.date, locale))}</strong> — ${escapeHtml(m.title)}${m.description ? ` <small>${escapeHtml(m.description)}</small>` : ''}</li>`)
            .join('')}</ul>`
        : `<p>${escapeHtml(w.noMilestones)}</p>`
    }</section>`,
  );
  const scoreRows = (['hard', 'comfort', 'conflict', 'fairness', 'stability', 'total'] as const).map((k) => `<tr><th scope="row">${k}</th><td>${s[k]}</td></tr>`).join('');
  const violations = timetable.violations.length
    ? `<h3>${escapeHtml(w.violations)} (${timetable.violations.length})</h3><ul class="violations">${timetable.violations.map((v) => `<li><strong>${escapeHtml(v.constraint)}</strong>: ${escapeHtml(v.message)}</li>`).join('')}</ul>`
    : `<p>${escapeHtml(w.clean)}</p>`;
  const diagnosis = timetable.diagnosis?.length ? `<h3>${escapeHtml(w.diagnosis)}</h3><ul>${timetable.diagnosis.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>` : '';
  sections.push(`<section id="score"><h2>${escapeHtml(w.score)}</h2><table class="score"><tbody>${scoreRows}</tbody></table>${violations}${diagnosis}</section>`);

  const title = `${w.report} — ${meeting.title}`;
  const nav = [
    ['plan', w.plan],
    ['heatmap', w.heatmap],
    ['spread', w.spread],
    ['milestones', w.milestones],
    ['score', w.score],
  ]
    .map(([id, t]) => `<li><a href="#${id}">${escapeHtml(t!)}</a></li>`)
    .join('');
  const dayRange = days.length ? `${formatLongDate(days[0]!.date, locale)} – ${formatLongDate(days[days.length - 1]!.date, locale)}` : '';
  return `<!DOCTYPE html>
<html lang="${htmlLang(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="plenary">
<title>${escapeHtml(title)}</title>
<style>${CSS}${TIMEPLAN_CSS}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(meeting.title)}</h1>
<p class="meta">${escapeHtml(`${dayRange} · ${meeting.timeZone} · ${w.sessions(timetable.sessions.length, days.length, meeting.tracks)}`)} <span class="status ${timetable.status}">${escapeHtml(pw.status(timetable.status, s.total, s.hard))}</span></p>
<nav><ul>${nav}</ul></nav>
</header>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
