/**
 * The words and dates of the time plan in English, French and Chinese. Dates
 * are formatted with `Intl` in UTC from the calendar date itself: the process
 * time zone plays no part.
 */
import { dateToDayNumber } from '../model/time.js';

/**
 * The languages of the time plan.
 *
 * @example
 * const l: TimeplanLocale = resolveLocale('zh-CN') ?? 'en'; // 'zh'
 */
export type TimeplanLocale = 'en' | 'fr' | 'zh';

/**
 * Every supported locale.
 *
 * @example
 * TIMEPLAN_LOCALES // ['en', 'fr', 'zh']: the languages of the time plan and the report
 */
export const TIMEPLAN_LOCALES: readonly TimeplanLocale[] = Object.freeze(['en', 'fr', 'zh']);

/** The words of one locale. */
export interface TimeplanWords {
  readonly title: string;
  readonly morning: string;
  readonly afternoon: string;
  readonly day: string;
  readonly inParallel: string;
  readonly then: string;
  readonly weekend: string;
  readonly pause: string;
  readonly core: string;
  readonly none: string;
  readonly outside: string;
  /** `Times are Europe/Zurich time (UTC+02:00).` */
  readonly times: (zone: string, offsets: string) => string;
  readonly status: (status: string, total: number, hard: number) => string;
  readonly milestones: string;
}

const WORDS: Record<TimeplanLocale, TimeplanWords> = {
  en: {
    title: 'Draft time plan',
    morning: 'Morning',
    afternoon: 'Afternoon',
    day: 'Day',
    inParallel: 'in parallel',
    then: 'then',
    weekend: 'Weekend',
    pause: 'No sessions',
    core: 'core',
    none: '—',
    outside: 'Outside the blocks of the meeting',
    times: (zone, offsets) => `Times are ${zone} time (${offsets}).`,
    status: (status, total, hard) => `Status: ${status}; score ${total}${hard ? `, ${hard} hard violation${hard === 1 ? '' : 's'}` : ''}.`,
    milestones: 'Deadlines and milestones',
  },
  fr: {
    title: 'Projet de plan horaire',
    morning: 'Matin',
    afternoon: 'Après-midi',
    day: 'Jour',
    inParallel: 'en parallèle',
    then: 'puis',
    weekend: 'Week-end',
    pause: 'Pas de séance',
    core: 'heures principales',
    none: '—',
    outside: 'Hors des créneaux de la réunion',
    times: (zone, offsets) => `Heure de référence : ${zone} (${offsets}).`,
    status: (status, total, hard) =>
      `État : ${status === 'feasible' ? 'réalisable' : 'irréalisable'} ; score ${total}${hard ? `, ${hard} violation${hard === 1 ? '' : 's'} de règle` : ''}.`,
    milestones: 'Échéances',
  },
  zh: {
    title: '时间计划草案',
    morning: '上午',
    afternoon: '下午',
    day: '日期',
    inParallel: '并行',
    then: '之后',
    weekend: '周末',
    pause: '休会',
    core: '核心时间',
    none: '—',
    outside: '会议时间段以外',
    times: (zone, offsets) => `时间为 ${zone} 时间（${offsets}）。`,
    status: (status, total, hard) => `状态：${status === 'feasible' ? '可行' : '不可行'}；得分 ${total}${hard ? `，${hard} 项硬性规则冲突` : ''}。`,
    milestones: '重要截止日期',
  },
};

/**
 * The supported locale a BCP 47 tag falls back to (`zh-CN` → `zh`,
 * `fr-CH` → `fr`), or undefined when none fits.
 *
 * @example
 * resolveLocale('zh-Hans-CN') // 'zh'
 * resolveLocale('de')         // undefined
 */
export function resolveLocale(tag: string | undefined): TimeplanLocale | undefined {
  if (tag === undefined) return 'en';
  const lang = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (TIMEPLAN_LOCALES as readonly string[]).includes(lang ?? '') ? (lang as TimeplanLocale) : undefined;
}

/**
 * The words of a locale.
 *
 * @example
 * wordsOf('zh').weekend // '周末'
 */
export function wordsOf(locale: TimeplanLocale): TimeplanWords {
  return WORDS[locale];
}

const INTL_TAG: Record<TimeplanLocale, string> = { en: 'en-GB', fr: 'fr-FR', zh: 'zh-CN' };

function utcDate(date: string): Date {
  return new Date(dateToDayNumber(date) * 86400000);
}

/**
 * A meeting date as the time plan's row header: `Tuesday 4 May`,
 * `mardi 4 mai`, `5月4日（星期二）`.
 *
 * @example
 * formatPlanDate('2021-05-04', 'zh') // '5月4日（星期二）'
 * formatPlanDate('2021-05-04', 'fr') // 'mardi 4 mai'
 */
export function formatPlanDate(date: string, locale: TimeplanLocale): string {
  const d = utcDate(date);
  const tag = INTL_TAG[locale];
  if (locale === 'zh') {
    const md = new Intl.DateTimeFormat(tag, { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d);
    const wd = new Intl.DateTimeFormat(tag, { weekday: 'long', timeZone: 'UTC' }).format(d);
    return `${md}（${wd}）`;
  }
  const text = new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(d);
  // French writes the first of the month as an ordinal: « samedi 1er mai »
  return locale === 'fr' ? text.replace(/(^|\s)1(\s)/, '$11er$2') : text;
}

/**
 * A date with its year, for milestones: `4 March 2021`, `4 mars 2021`, `2021年3月4日`.
 *
 * @example
 * formatLongDate('2021-03-04', 'en') // '4 March 2021'
 */
export function formatLongDate(date: string, locale: TimeplanLocale): string {
  const text = new Intl.DateTimeFormat(INTL_TAG[locale], { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(utcDate(date));
  return locale === 'fr' ? text.replace(/^1(\s)/, '1er$1') : text;
}

/**
 * The days of a pause, `8–9 May` style, for the pause row.
 *
 * @example
 * formatPauseDates('2021-05-08', '2021-05-09', 'en') // '8–9 May'
 * formatPauseDates('2021-05-08', '2021-05-09', 'zh') // '5月8日–5月9日'
 */
export function formatPauseDates(from: string, to: string, locale: TimeplanLocale): string {
  const f = new Intl.DateTimeFormat(INTL_TAG[locale], { day: 'numeric', month: 'long', timeZone: 'UTC' });
  if (from === to) return firstOrdinal(f.format(utcDate(from)), locale);
  // zh's formatRange falls back to 5/8 – 5/9: join the long forms instead
  if (locale === 'zh') return `${f.format(utcDate(from))}–${f.format(utcDate(to))}`;
  return firstOrdinal(f.formatRange(utcDate(from), utcDate(to)).replace(/\s–\s/g, '–'), locale);
}

/** French writes the first of the month as an ordinal (`1er–2 mai`, `31 mars–1er avril`); other locales as they are. */
function firstOrdinal(text: string, locale: TimeplanLocale): string {
  return locale === 'fr' ? text.replace(/(^|[\s–])1(?=[\s–])/g, '$11er') : text;
}
