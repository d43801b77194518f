/**
 * `plenary.itu-study-group/1`: an ITU-T study group meeting described in a page,
 * expanded into a plain `plenary.meeting/1` that follows the draft time plan of
 * the SG12 letter (SPEC §7):
 *
 * - day 1: the opening plenary at the start of the first core block, then the
 *   working-party openings in order, the same day;
 * - days 2 … D-1: the Questions' sessions, all working parties in parallel, each
 *   Question's sessions in order, after its working party's opening, and all of
 *   them before the closings ("[Question sessions in parallel]; then the
 *   closings of WP1/12, WP2/12 and WP3/12, in that order");
 * - day D-1: the working-party closings in order, the same day;
 * - day D: the closing plenary;
 * - plenaries (study group and working parties) exclusive and in core hours;
 * - each Question has a limited number of sessions in core hours (its core
 *   quota) and may hold the rest in the rapporteur hours around them.
 */
import { DateTime } from 'luxon';
import * as z from 'zod';
import { distinct, identifier, integer, isoDate, text, wallTime, wallTimeEnd, zoneName } from '../common.js';
import { DEFAULT_RRULE } from '../meeting-schema.js';
import type { MeetingSpecInput } from '../meeting-schema.js';
import { formatPath } from '../errors.js';
import type { IssueList, IssuePath } from '../errors.js';
import { meetingDates } from '../../model/days.js';
import { parseWallTime } from '../../model/time.js';

// the end after the start is checked here too, for each entry on its own, so that a list with an entry
// that does not parse still has its other entries checked in the same run (the expansion checks it again)
const hours = z.strictObject({ start: wallTime, end: wallTimeEnd }).superRefine((h, ctx) => {
  const a = parseWallTime(h.start);
  const b = parseWallTime(h.end, true);
  if (a !== undefined && b !== undefined && b <= a) ctx.addIssue({ code: 'custom', path: ['end'], message: `expected an end after the start ${h.start} on the same day, got ${h.end}` });
});

const delegates = z.record(zoneName, integer(0), { error: 'expected an object of IANA zone → number of delegates' });

const coreBounds = z.strictObject({ min: integer(0).optional(), max: integer(0).optional() }, { error: 'expected { "min": n, "max": m }' });

const questionSessions = z.strictObject({
  count: integer(1).optional(),
  minutes: integer(1).optional(),
  core: coreBounds.optional(),
});

const question = z.strictObject({
  id: identifier,
  title: text.optional(),
  delegates: delegates.optional(),
  sessions: questionSessions.optional(),
});

const workingParty = z.strictObject({
  id: identifier,
  title: text.optional(),
  delegates: delegates.optional(),
  questions: z.array(question, { error: 'expected a list of Questions' }).min(1, { error: 'expected at least one Question' }),
});

const groupList = distinct(z.array(identifier, { error: 'expected a list of group ids' }), 'groups');

const person = z.strictObject({
  id: identifier,
  name: text.optional(),
  email: z.email({ error: 'expected an e-mail address' }).optional(),
  timeZone: zoneName.optional(),
  chair: groupList.optional(),
  viceChair: groupList.optional(),
  rapporteur: groupList.optional(),
  associateRapporteur: groupList.optional(),
  editor: groupList.optional(),
  attends: groupList.optional(),
});

const offset = z
  .strictObject({ months: integer(0).optional(), days: integer(0).optional() }, { error: 'expected { "months": n } and/or { "days": n }' })
  .refine((o) => (o.months ?? 0) + (o.days ?? 0) > 0, { error: 'expected a positive offset in months and/or days' });

const milestone = z
  .strictObject({
    id: identifier,
    title: text,
    description: text.optional(),
    before: offset.optional(),
    date: isoDate.optional(),
  })
  .refine((m) => (m.before === undefined) !== (m.date === undefined), { error: 'expected either "before" (an offset from the first meeting day) or "date"' });

const plenaryMinutes = z.strictObject({
  opening: integer(1).optional(),
  closing: integer(1).optional(),
  workingPartyOpening: integer(1).optional(),
  workingPartyClosing: integer(1).optional(),
});

/**
 * The schema of a `plenary.itu-study-group/1` preset.
 *
 * @example
 * const r = ituStudyGroupSchema.safeParse(json); // the preset's structure; expandSpec(json) expands it
 */
export const ituStudyGroupSchema = z.strictObject({
  format: z.literal('plenary.itu-study-group/1'),
  id: z.string({ error: 'expected a meeting id matching [A-Za-z0-9._-]+' }).regex(/^[A-Za-z0-9._-]+$/, { error: 'expected a meeting id matching [A-Za-z0-9._-]+ (it is used in iCalendar UIDs)' }),
  title: text.optional(),
  studyGroup: z.strictObject({ id: identifier, title: text.optional(), delegates: delegates.optional() }),
  timeZone: zoneName,
  days: z.strictObject({ from: isoDate, to: isoDate, rrule: z.string().optional(), except: distinct(z.array(isoDate), 'dates').optional() }),
  coreHours: z.array(hours, { error: 'expected a list of { "start": "HH:MM", "end": "HH:MM" }' }).min(1, { error: 'expected at least one core block' }),
  rapporteurHours: z.array(hours, { error: 'expected a list of { "start": "HH:MM", "end": "HH:MM" }' }).default([]),
  tracks: integer(1),
  grid: integer(1, 1440).default(15),
  comfort: z.array(integer(0)).length(24, { error: 'expected 24 hourly penalties (hours 0..23)' }).optional(),
  weights: z.strictObject({ comfort: integer(0).optional(), conflict: integer(0).optional(), fairness: integer(0).optional(), stability: integer(0).optional() }).optional(),
  plenaries: plenaryMinutes.default({}),
  questionSessions: questionSessions.default({}),
  workingParties: z.array(workingParty, { error: 'expected a list of working parties' }).default([]),
  questions: z.array(question, { error: 'expected a list of Questions' }).default([]),
  people: z.array(person, { error: 'expected a list of people' }).default([]),
  milestones: z.array(milestone, { error: 'expected a list of milestones' }).optional(),
  sessions: z.array(z.unknown(), { error: 'expected a list of extra sessions in plenary.meeting/1 form' }).default([]),
  rules: z.array(z.unknown(), { error: 'expected a list of extra rules in plenary.meeting/1 form' }).default([]),
});

/**
 * A `plenary.itu-study-group/1` preset as written.
 *
 * @example
 * const preset: ItuStudyGroupInput = {
 *   format: 'plenary.itu-study-group/1', id: 'sg12', studyGroup: { id: 'SG12' }, timeZone: 'Europe/Zurich',
 *   days: { from: '2021-05-04', to: '2021-05-13' },
 *   coreHours: [{ start: '11:30', end: '13:00' }, { start: '13:30', end: '15:00' }],
 *   tracks: 3,
 *   workingParties: [{ id: 'WP1/12', questions: [{ id: 'Q5/12' }] }],
 * };
 * expandSpec(preset).sessions.map((s) => s.id) // ['sg12-opening', 'wp1-12-opening', 'q5-12-1', …, 'sg12-closing']
 */
export type ItuStudyGroupInput = z.input<typeof ituStudyGroupSchema>;
type Preset = z.output<typeof ituStudyGroupSchema>;

/**
 * Defaults of the preset, as ITU-T meetings usually run.
 *
 * @example
 * ITU_DEFAULTS.questionSessions // { count: 3, minutes: 90, core: { min: 1, max: 2 } } per Question unless given
 */
export const ITU_DEFAULTS = Object.freeze({
  opening: 90,
  closing: 90,
  workingPartyOpening: 30,
  workingPartyClosing: 30,
  questionSessions: { count: 3, minutes: 90, core: { min: 1, max: 2 } },
});

/**
 * The deadlines of ITU-T Resolution 1 and the study group's letters: 2 months, 1 month, 12 calendar days before the meeting.
 *
 * @example
 * ITU_MILESTONES.map((m) => m.before) // [{ months: 2 }, { months: 1 }, { days: 12 }]: for a meeting from 2021-05-04, 2021-03-04, 2021-04-04 and 2021-04-22
 */
export const ITU_MILESTONES = Object.freeze([
  { id: 'contributions-translation', title: 'Deadline: contributions requiring translation', before: { months: 2 } },
  { id: 'registration', title: 'Deadline: registration', before: { months: 1 } },
  { id: 'contributions', title: 'Deadline: contributions', before: { days: 12 } },
]);

/** The expansion, and where each expanded item came from (for error paths). */
export interface Expansion {
  readonly spec: MeetingSpecInput;
  /** `origins.sessions[i]` is the preset path of expanded `sessions[i]`; same for blocks, groups, people, rules. */
  readonly origins: Readonly<Record<string, readonly IssuePath[]>>;
  /** Preset paths of single expanded fields set from one preset field, by expanded path (`sessions[4].minutes` → `questionSessions.minutes`). */
  readonly fieldOrigins: Readonly<Record<string, IssuePath>>;
  /** False when the meeting days could not be worked out: the expansion stands in for the rest of the checks only. */
  readonly daysKnown: boolean;
}

/** Lower-case slug of a group id for session ids: `WP1/12` → `wp1-12`. */
export function slug(id: string): string {
  return id
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The first meeting day minus an offset in months and days (months clamp to the month's end). */
export function dateBefore(first: string, before: { months?: number | undefined; days?: number | undefined }): string {
  return DateTime.fromISO(first, { zone: 'UTC' })
    .minus({ months: before.months ?? 0 })
    .minus({ days: before.days ?? 0 })
    .toISODate()!;
}

/**
 * Expands a schema-valid preset. Problems that only the preset can name (unknown
 * groups in roles, duplicate ids) go to `issues` with preset paths.
 */
export function expandItuStudyGroup(p: Preset, issues: IssueList): Expansion {
  // Question days run from the second meeting day to the second-to-last. Without known days the
  // expansion goes on (with stand-in days) so that the preset's other problems are found in the same run.
  const md = meetingDates(p.days.from, p.days.to, p.days.rrule ?? DEFAULT_RRULE, p.days.except ?? []);
  const daysKnown = md.ok && md.dates.length >= 3;
  if (!md.ok) issues.add('invalid_value', ['days', md.field], md.message);
  else if (md.dates.length < 3) issues.add('out_of_range', ['days'], `expected at least 3 meeting days (opening, Question sessions, closing), got ${md.dates.length}`);
  const dates = md.ok ? md.dates : [];
  const qDays = daysKnown ? dates.slice(1, -1).map((_, i) => i + 2) : [2];
  const firstDay = dates[0] ?? p.days.from;
  const origins: Record<string, IssuePath[]> = { blocks: [], groups: [], people: [], sessions: [], rules: [], milestones: [] };
  const fieldOrigins: Record<string, IssuePath> = {};
  const sg = p.studyGroup;

  // blocks, each kind in time order whatever the order written (core1 is the earliest core block: the opening's)
  const blocks: NonNullable<MeetingSpecInput['blocks']> = [];
  const byStart = <H extends { start: string }>(hs: readonly H[]) => hs.map((h, i) => ({ h, i })).sort((a, b) => (a.h.start < b.h.start ? -1 : a.h.start > b.h.start ? 1 : a.i - b.i));
  const core = byStart(p.coreHours);
  core.forEach(({ h, i }, k) => {
    blocks.push({ id: `core${k + 1}`, start: h.start, end: h.end, core: true });
    origins.blocks!.push(['coreHours', i]);
  });
  byStart(p.rapporteurHours).forEach(({ h, i }, k) => {
    blocks.push({ id: `rapporteur${k + 1}`, start: h.start, end: h.end });
    origins.blocks!.push(['rapporteurHours', i]);
  });

  // groups
  const groups: NonNullable<MeetingSpecInput['groups']> = [];
  const known = new Map<string, IssuePath>();
  const addGroup = (g: { id: string; title?: string | undefined; delegates?: Record<string, number> | undefined }, parent: string | undefined, path: IssuePath, core?: { min: number; max: number | undefined }) => {
    const prev = known.get(g.id);
    if (prev) issues.add('duplicate_id', [...path, 'id'], `duplicate group id ${JSON.stringify(g.id)} (also at ${formatPath(prev)})`);
    known.set(g.id, path);
    groups.push({
      id: g.id,
      ...(g.title !== undefined ? { title: g.title } : {}),
      ...(parent !== undefined ? { parent } : {}),
      ...(g.delegates ? { delegates: g.delegates } : {}),
      ...(core ? { core: core.max === undefined ? { min: core.min } : { min: core.min, max: core.max } } : {}),
    });
    origins.groups!.push(path);
  };

  const sessions: NonNullable<MeetingSpecInput['sessions']> = [];
  const rules: NonNullable<MeetingSpecInput['rules']> = [];
  const firstCore = core[0]!.h;
  const min = { ...ITU_DEFAULTS, ...stripUndefined(p.plenaries) };
  /** Adds an expanded session and where it came from (the item, and the preset field that set its minutes). */
  const addSession = (x: (typeof sessions)[number], origin: IssuePath, minutesFrom?: IssuePath) => {
    if (minutesFrom) fieldOrigins[formatPath(['sessions', sessions.length, 'minutes'])] = minutesFrom;
    sessions.push(x);
    origins.sessions!.push(origin);
  };

  addGroup(sg, undefined, ['studyGroup']);
  const sgSlug = slug(sg.id);
  const openId = `${sgSlug}-opening`;
  addSession({ id: openId, group: sg.id, title: 'Opening plenary', minutes: min.opening, exclusive: true, core: true, days: [1], at: firstCore.start }, ['plenaries', 'opening'], ['plenaries', 'opening']);

  const wpOpenings: string[] = [];
  const wpClosings: string[] = [];
  const questionEntries: { q: z.output<typeof question>; path: IssuePath; open?: string }[] = [];
  p.workingParties.forEach((wp, i) => {
    addGroup(wp, sg.id, ['workingParties', i]);
    const s = slug(wp.id);
    const open = `${s}-opening`;
    const close = `${s}-closing`;
    addSession({ id: open, group: wp.id, title: `${wp.id} opening plenary`, minutes: min.workingPartyOpening, exclusive: true, core: true, days: [1] }, ['workingParties', i], ['plenaries', 'workingPartyOpening']);
    wpOpenings.push(open);
    wpClosings.push(close);
    wp.questions.forEach((q, k) => questionEntries.push({ q, path: ['workingParties', i, 'questions', k], open }));
  });
  p.questions.forEach((q, k) => questionEntries.push({ q, path: ['questions', k] }));

  // every Question session ends before the first closing (the closings follow one another, on day D-1)
  const firstClosing = wpClosings[0];
  // a value set once (questionSessions) is reported once, at its own path
  const reported = new Set<string>();
  const report = (at: IssuePath, message: string) => {
    const key = formatPath(at);
    if (reported.has(key)) return;
    reported.add(key);
    issues.add('out_of_range', at, message);
  };
  for (const { q, path, open } of questionEntries) {
    const count = q.sessions?.count ?? p.questionSessions.count ?? ITU_DEFAULTS.questionSessions.count;
    const minutes = q.sessions?.minutes ?? p.questionSessions.minutes ?? ITU_DEFAULTS.questionSessions.minutes;
    const minFrom: IssuePath | undefined = q.sessions?.core?.min !== undefined ? [...path, 'sessions', 'core', 'min'] : p.questionSessions.core?.min !== undefined ? ['questionSessions', 'core', 'min'] : undefined;
    const maxGiven = q.sessions?.core?.max ?? p.questionSessions.core?.max;
    // without rapporteur hours every session runs in core hours: the default maximum is then all of them
    const max = Math.min(maxGiven ?? (p.rapporteurHours.length === 0 ? count : ITU_DEFAULTS.questionSessions.core.max), count);
    // a maximum given below the default minimum lowers it (core.max 0: no Question session in core hours)
    const min = q.sessions?.core?.min ?? p.questionSessions.core?.min ?? Math.min(ITU_DEFAULTS.questionSessions.core.min, max);
    const minutesFrom: IssuePath = q.sessions?.minutes !== undefined ? [...path, 'sessions', 'minutes'] : p.questionSessions.minutes !== undefined ? ['questionSessions', 'minutes'] : ['questionSessions'];
    // a minimum above the maximum was given (a default one follows the maximum): reported once, at its own path,
    // and not again in the expansion. (A maximum given below the sessions without rapporteur hours stands: a
    // meeting that cannot be planned, not a malformed spec; solve's diagnosis names the quota.)
    if (min > max) report(minFrom!, `expected core.min <= ${max} (core.max and the number of sessions), got ${min}`);
    addGroup(q, open ? groupOfSession(open, p) : sg.id, path, { min: Math.min(min, max), max });
    const ids: string[] = [];
    for (let k = 1; k <= count; k++) {
      const id = `${slug(q.id)}-${k}`;
      ids.push(id);
      addSession({ id, group: q.id, ...(q.title !== undefined ? { title: q.title } : {}), minutes, days: qDays }, path, minutesFrom);
    }
    // each Question's sessions in order, after its working party opens and before the closings
    const seq = [...(open ? [open] : []), ...ids, ...(firstClosing ? [firstClosing] : [])];
    if (seq.length >= 2) {
      rules.push({ sequence: seq });
      origins.rules!.push(path);
    }
  }

  p.workingParties.forEach((wp, i) => {
    addSession({ id: wpClosings[i]!, group: wp.id, title: `${wp.id} closing plenary`, minutes: min.workingPartyClosing, exclusive: true, core: true, days: [-2] }, ['workingParties', i], ['plenaries', 'workingPartyClosing']);
  });
  addSession({ id: `${sgSlug}-closing`, group: sg.id, title: 'Closing plenary', minutes: min.closing, exclusive: true, core: true, days: [-1] }, ['plenaries', 'closing'], ['plenaries', 'closing']);

  if (wpOpenings.length > 0) {
    rules.push({ sequence: [openId, ...wpOpenings], sameDay: true });
    origins.rules!.push(['workingParties']);
  }
  if (wpClosings.length > 1) {
    rules.push({ sequence: wpClosings, sameDay: true });
    origins.rules!.push(['workingParties']);
  }

  // extra sessions and rules, as written
  p.sessions.forEach((s, i) => addSession(s as (typeof sessions)[number], ['sessions', i]));
  p.rules.forEach((r, i) => {
    rules.push(r as (typeof rules)[number]);
    origins.rules!.push(['rules', i]);
  });

  // people
  const people: NonNullable<MeetingSpecInput['people']> = p.people.map((x, i) => {
    const leads: string[] = [];
    const attends: string[] = [];
    const roles = ['chair', 'rapporteur', 'viceChair', 'associateRapporteur', 'editor', 'attends'] as const;
    for (const role of roles) {
      (x[role] ?? []).forEach((g, k) => {
        if (!known.has(g)) issues.add('unknown_reference', ['people', i, role, k], `unknown group ${JSON.stringify(g)}: expected one of ${[...known.keys()].join(', ')}`);
        const target = role === 'chair' || role === 'rapporteur' ? leads : attends;
        if (!target.includes(g)) target.push(g);
      });
    }
    origins.people!.push(['people', i]);
    return {
      id: x.id,
      ...(x.name !== undefined ? { name: x.name } : {}),
      ...(x.email !== undefined ? { email: x.email } : {}),
      ...(x.timeZone !== undefined ? { timeZone: x.timeZone } : {}),
      leads,
      attends: attends.filter((g) => !leads.includes(g)),
    };
  });

  // milestones
  const ms = p.milestones ?? ITU_MILESTONES;
  const milestones = ms.map((m, i) => {
    origins.milestones!.push(p.milestones ? ['milestones', i] : ['days', 'from']);
    const date = 'date' in m && m.date !== undefined ? m.date : dateBefore(firstDay, m.before!);
    return { id: m.id, title: m.title, date, ...('description' in m && m.description !== undefined ? { description: m.description } : {}) };
  });

  const spec: MeetingSpecInput = {
    format: 'plenary.meeting/1',
    id: p.id,
    title: p.title ?? `ITU-T ${sg.id} meeting`,
    timeZone: p.timeZone,
    days: { from: p.days.from, to: p.days.to, rrule: p.days.rrule ?? DEFAULT_RRULE, except: p.days.except ?? [] },
    blocks,
    tracks: p.tracks,
    grid: p.grid,
    ...(p.comfort ? { comfort: p.comfort } : {}),
    ...(p.weights ? { weights: stripUndefined(p.weights) } : {}),
    groups,
    people,
    sessions,
    rules,
    milestones,
  };
  return { spec, origins, fieldOrigins, daysKnown };
}

function groupOfSession(openId: string, p: Preset): string {
  const wp = p.workingParties.find((w) => `${slug(w.id)}-opening` === openId);
  return wp!.id;
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
