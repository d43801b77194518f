/**
 * The zod schema of `plenary.meeting/1` (SPEC §2), with every default applied.
 * Cross-references (unknown ids, grids, days) are checked afterwards, in
 * `validate.ts`, where the whole spec is known.
 */
import * as z from 'zod';
import { DEFAULT_COMFORT } from '../model/comfort.js';
import { distinct, identifier, integer, isoDate, text, wallTime, wallTimeEnd, zoneName } from './common.js';

/**
 * The default meeting-day rule: Monday to Friday.
 *
 * @example
 * const days = { from: '2021-05-04', to: '2021-05-13', rrule: DEFAULT_RRULE }; // Monday to Friday
 */
export const DEFAULT_RRULE = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';

/**
 * The default weights of the objective terms (SPEC §4).
 *
 * @example
 * const total = DEFAULT_WEIGHTS.comfort * comfort + DEFAULT_WEIGHTS.conflict * conflict + DEFAULT_WEIGHTS.fairness * fairness;
 */
export const DEFAULT_WEIGHTS = Object.freeze({ comfort: 1, conflict: 10, fairness: 1, stability: 1000 });

const meetingId = z
  .string({ error: 'expected a meeting id matching [A-Za-z0-9._-]+' })
  .regex(/^[A-Za-z0-9._-]+$/, { error: 'expected a meeting id matching [A-Za-z0-9._-]+ (it is used in iCalendar UIDs)' });

const dayRef = z.union([z.int(), isoDate], {
  error: 'expected a meeting day: a number 1..D, a negative number counting from the end (-1 is the last day), or a date YYYY-MM-DD',
});

const daysSchema = z.strictObject({
  from: isoDate,
  to: isoDate,
  rrule: z.string({ error: 'expected an RRULE like "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"' }).default(DEFAULT_RRULE),
  except: distinct(z.array(isoDate, { error: 'expected a list of dates YYYY-MM-DD' }), 'dates').default([]),
});

const blockSchema = z.strictObject({
  id: identifier,
  start: wallTime,
  end: wallTimeEnd,
  core: z.boolean({ error: 'expected true or false' }).default(false),
});

const groupSchema = z.strictObject({
  id: identifier,
  title: text.optional(),
  parent: identifier.optional(),
  delegates: z.record(zoneName, integer(0), { error: 'expected an object of IANA zone → number of delegates' }).default({}),
  core: z
    .strictObject({ min: integer(0).default(0), max: integer(0).optional() }, { error: 'expected { "min": n, "max": m }' })
    .optional(),
});

const personSchema = z.strictObject({
  id: identifier,
  name: text.optional(),
  email: z.email({ error: 'expected an e-mail address' }).optional(),
  timeZone: zoneName.optional(),
  leads: distinct(z.array(identifier, { error: 'expected a list of group ids' }), 'groups').default([]),
  attends: distinct(z.array(identifier, { error: 'expected a list of group ids' }), 'groups').default([]),
});

const sessionSchema = z.strictObject({
  id: identifier,
  group: identifier,
  title: text.optional(),
  minutes: integer(1),
  exclusive: z.boolean({ error: 'expected true or false' }).default(false),
  core: z.boolean({ error: 'expected true or false' }).default(false),
  blocks: distinct(z.array(identifier, { error: 'expected a list of block ids' }).min(1, { error: 'expected at least one block id' }), 'blocks').optional(),
  days: distinct(z.array(dayRef, { error: 'expected a list of meeting days' }).min(1, { error: 'expected at least one day' }), 'days').optional(),
  at: wallTime.optional(),
});

const idList = (what: string) =>
  z.array(identifier, { error: `expected a list of at least two session ids` }).min(2, { error: `expected at least two session ids in ${what}` });

const ruleSchema = z
  .strictObject(
    {
      sequence: idList('a sequence').optional(),
      sameDay: z.boolean({ error: 'expected true or false' }).optional(),
      apart: idList('an apart list').optional(),
      avoid: idList('an avoid list').optional(),
      weight: integer(0).optional(),
    },
    { error: 'expected a rule: { "sequence": [...] }, { "apart": [...] } or { "avoid": [...], "weight": n }' },
  )
  .check((ctx) => {
    const r = ctx.value;
    const kinds = (['sequence', 'apart', 'avoid'] as const).filter((k) => r[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.issues.push({
        code: 'custom',
        input: r,
        message:
          kinds.length === 0
            ? 'expected a rule with one of "sequence", "apart" or "avoid"'
            : `expected one kind of rule, got ${kinds.map((k) => `"${k}"`).join(' and ')}`,
      });
      return;
    }
    if (r.sameDay !== undefined && kinds[0] !== 'sequence') {
      ctx.issues.push({ code: 'custom', input: r, path: ['sameDay'], message: '"sameDay" belongs to a "sequence" rule' });
    }
    if (r.weight !== undefined && kinds[0] !== 'avoid') {
      ctx.issues.push({ code: 'custom', input: r, path: ['weight'], message: '"weight" belongs to an "avoid" rule' });
    }
  })
  .transform((r): Rule => {
    if (r.sequence) return { sequence: r.sequence, sameDay: r.sameDay ?? false };
    if (r.apart) return { apart: r.apart };
    return { avoid: r.avoid!, weight: r.weight ?? 1 };
  });

const milestoneSchema = z.strictObject({
  id: identifier,
  title: text,
  date: isoDate,
  description: text.optional(),
});

const weightsSchema = z.strictObject({
  comfort: integer(0).default(DEFAULT_WEIGHTS.comfort),
  conflict: integer(0).default(DEFAULT_WEIGHTS.conflict),
  fairness: integer(0).default(DEFAULT_WEIGHTS.fairness),
  stability: integer(0).default(DEFAULT_WEIGHTS.stability),
});

/**
 * The schema of a `plenary.meeting/1` spec.
 *
 * @example
 * const r = meetingSchema.safeParse(json); // zod: structure and defaults only
 * if (r.success) r.data.weights // { comfort: 1, conflict: 10, fairness: 1, stability: 1000 } unless given
 * // loadMeeting(json) runs this schema and then checks every cross-reference
 */
export const meetingSchema = z.strictObject({
  format: z.literal('plenary.meeting/1'),
  id: meetingId,
  title: text,
  timeZone: zoneName,
  days: daysSchema,
  blocks: z.array(blockSchema, { error: 'expected a list of blocks' }).min(1, { error: 'expected at least one block' }),
  tracks: integer(1),
  grid: integer(1, 1440),
  comfort: z
    .array(integer(0), { error: 'expected 24 hourly penalties' })
    .length(24, { error: 'expected 24 hourly penalties (hours 0..23)' })
    .default([...DEFAULT_COMFORT]),
  weights: weightsSchema.default({ ...DEFAULT_WEIGHTS }),
  groups: z.array(groupSchema, { error: 'expected a list of groups' }).min(1, { error: 'expected at least one group' }),
  people: z.array(personSchema, { error: 'expected a list of people' }).default([]),
  sessions: z.array(sessionSchema, { error: 'expected a list of sessions' }).min(1, { error: 'expected at least one session' }),
  rules: z.array(ruleSchema, { error: 'expected a list of rules' }).default([]),
  milestones: z.array(milestoneSchema, { error: 'expected a list of milestones' }).default([]),
});

/**
 * A sequence rule: each session ends no later than the next one starts (and on the same day where `sameDay`).
 *
 * @example
 * const rule: SequenceRule = { sequence: ['sg12-opening', 'wp1-12-opening', 'wp2-12-opening'], sameDay: true };
 */
export interface SequenceRule {
  readonly sequence: readonly string[];
  readonly sameDay: boolean;
}
/**
 * An apart rule: no two of the sessions overlap.
 *
 * @example
 * const rule: ApartRule = { apart: ['q5-12-1', 'q9-12-1'] };
 */
export interface ApartRule {
  readonly apart: readonly string[];
}
/**
 * An avoid rule: overlaps of the sessions cost `weight` per minute in `conflict`.
 *
 * @example
 * const rule: AvoidRule = { avoid: ['q5-12-2', 'q14-12-2'], weight: 5 };
 */
export interface AvoidRule {
  readonly avoid: readonly string[];
  readonly weight: number;
}
/**
 * One of the rules of a meeting spec.
 *
 * @example
 * for (const r of spec.rules) {
 *   if ('sequence' in r) console.log('in order:', r.sequence.join(' → '));
 *   else if ('apart' in r) console.log('never together:', r.apart.join(', '));
 *   else console.log(`overlap costs ${r.weight}/minute:`, r.avoid.join(', '));
 * }
 */
export type Rule = SequenceRule | ApartRule | AvoidRule;

/**
 * What a user may write: a `plenary.meeting/1` spec before defaults.
 *
 * @example
 * const input: MeetingSpecInput = {
 *   format: 'plenary.meeting/1', id: 'demo', title: 'Demo', timeZone: 'Europe/Zurich',
 *   days: { from: '2021-05-04', to: '2021-05-07' },
 *   blocks: [{ id: 'core', start: '11:30', end: '13:00', core: true }],
 *   tracks: 2, grid: 15,
 *   groups: [{ id: 'G', delegates: { 'Asia/Tokyo': 3 } }],
 *   sessions: [{ id: 'g-1', group: 'G', minutes: 60 }],
 * };
 * const meeting = loadMeeting(input);
 */
export type MeetingSpecInput = z.input<typeof meetingSchema>;

/**
 * A `plenary.meeting/1` spec with every default applied.
 *
 * @example
 * const spec: MeetingSpec = expandSpec(json);
 * spec.days.rrule   // 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' unless given
 * spec.people[0].timeZone // the meeting's zone unless given
 */
export type MeetingSpec = z.output<typeof meetingSchema>;

