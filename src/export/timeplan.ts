/**
 * The time plan: the timetable as the SG12 letter's draft time plan, one row
 * per meeting day (a weekend or pause row where the meeting pauses), one
 * column per block grouped into morning and afternoon in meeting time, the
 * sessions of each block in order with parallel ones marked. Markdown, plain
 * text or HTML; English, French or Chinese.
 */
import type { Meeting } from '../model/types.js';
import type { Timetable } from '../timetable/types.js';
import { renderPlanHtml } from './timeplan-html.js';
import { resolveLocale } from './timeplan-locale.js';
import type { TimeplanLocale } from './timeplan-locale.js';
import { timeplanModel } from './timeplan-model.js';
import { renderPlanMarkdown, renderPlanText } from './timeplan-text.js';

export { timeplanModel, sessionLabel } from './timeplan-model.js';
export type { PlanModel, PlanRow, PlanCell, PlanItem, PlanColumn, PlanSession } from './timeplan-model.js';
export { TIMEPLAN_LOCALES, resolveLocale, formatPlanDate, formatLongDate, formatPauseDates } from './timeplan-locale.js';
export type { TimeplanLocale } from './timeplan-locale.js';
export { renderPlanMarkdown, renderPlanText, cellText, rowLabel } from './timeplan-text.js';
export { renderPlanTable, renderPlanHtml, TIMEPLAN_CSS } from './timeplan-html.js';

/**
 * The formats of the time plan.
 *
 * @example
 * const html = renderTimeplan(meeting, timetable, 'html' satisfies TimeplanFormat, { locale: 'fr' });
 */
export type TimeplanFormat = 'markdown' | 'text' | 'html';

/**
 * Options of the time plan renderers.
 *
 * @example
 * renderTimeplanMarkdown(meeting, timetable, { locale: 'fr' })
 */
export interface TimeplanOptions {
  /** `en` (default), `fr` or `zh`; a longer tag (`zh-CN`, `fr-CH`) falls back to its language. */
  readonly locale?: string;
}

function localeOf(options: TimeplanOptions): TimeplanLocale {
  const l = resolveLocale(options.locale);
  if (!l) throw new RangeError(`unsupported locale ${JSON.stringify(options.locale)}: expected en, fr or zh`);
  return l;
}

/**
 * The time plan in a format and locale. Throws a `RangeError` for a locale
 * other than en, fr or zh (check first with `resolveLocale`).
 *
 * @example
 * renderTimeplan(meeting, timetable, 'html', { locale: 'zh' }) // '<!DOCTYPE html>…5月4日（星期二）…'
 */
export function renderTimeplan(meeting: Meeting, timetable: Timetable, format: TimeplanFormat, options: TimeplanOptions = {}): string {
  const plan = timeplanModel(meeting, timetable);
  const locale = localeOf(options);
  if (format === 'html') return renderPlanHtml(plan, locale);
  if (format === 'text') return renderPlanText(plan, locale);
  return renderPlanMarkdown(plan, locale);
}

/**
 * The time plan as a Markdown table: days by blocks, each cell naming its
 * sessions in order (`→`), parallel ones marked, a weekend row where the
 * meeting pauses.
 *
 * @example
 * renderTimeplanMarkdown(meeting, timetable) // '# Draft time plan — ITU-T … \n\n| Day | Morning 09:30–11:00 | …'
 * renderTimeplanMarkdown(meeting, timetable, { locale: 'zh' }) // '… | 5月4日（星期二） | …'
 */
export function renderTimeplanMarkdown(meeting: Meeting, timetable: Timetable, options: TimeplanOptions = {}): string {
  return renderTimeplan(meeting, timetable, 'markdown', options);
}

/**
 * The time plan as plain text: a section per day, a line per block.
 *
 * @example
 * renderTimeplanText(meeting, timetable, { locale: 'fr' }) // 'Projet de plan horaire — …\n\nmardi 4 mai\n…'
 */
export function renderTimeplanText(meeting: Meeting, timetable: Timetable, options: TimeplanOptions = {}): string {
  return renderTimeplan(meeting, timetable, 'text', options);
}

/**
 * The time plan as a self-contained HTML page.
 *
 * @example
 * renderTimeplanHtml(meeting, timetable, { locale: 'en' }) // '<!DOCTYPE html>…<table class="timeplan">…'
 */
export function renderTimeplanHtml(meeting: Meeting, timetable: Timetable, options: TimeplanOptions = {}): string {
  return renderTimeplan(meeting, timetable, 'html', options);
}
