/**
 * Small zod building blocks with messages that say what was expected, and the
 * translation of zod's issues into {@link SpecIssue}s.
 */
import * as z from 'zod';
import { canonicalCase, isValidZone, parseDate, parseWallTime } from '../model/time.js';
import type { IssuePath, SpecIssue } from './errors.js';

/** An integer >= `min` (and <= `max`). */
export function integer(min: number, max?: number) {
  const range = max === undefined ? `>= ${min}` : `between ${min} and ${max}`;
  const msg = `expected an integer ${range}`;
  let s = z.int({ error: msg }).min(min, { error: msg });
  if (max !== undefined) s = s.max(max, { error: msg });
  return s;
}

/** A non-empty string without control characters. */
export const text = z
  .string({ error: 'expected a string' })
  .min(1, { error: 'expected a non-empty string' })
  .regex(/^[^\u0000-\u001f\u007f]*$/, { error: 'expected text without control characters' });

/** An identifier for sessions, groups, blocks and people: printable, no spaces at the ends. */
export const identifier = z
  .string({ error: 'expected an id (a string)' })
  .min(1, { error: 'expected a non-empty id' })
  .regex(/^[^\u0000-\u001f\u007f\s](?:[^\u0000-\u001f\u007f]*[^\u0000-\u001f\u007f\s])?$/, {
    error: 'expected an id without control characters or spaces at either end',
  });

/** A calendar date `YYYY-MM-DD`. */
export const isoDate = z
  .string({ error: 'expected a date YYYY-MM-DD' })
  .refine((s) => parseDate(s) !== undefined, { error: (iss) => `expected a real date YYYY-MM-DD, got ${JSON.stringify(iss.input)}` });

/** A wall time `HH:MM`. */
export const wallTime = z
  .string({ error: 'expected a wall time HH:MM' })
  .refine((s) => parseWallTime(s) !== undefined, { error: (iss) => `expected a wall time HH:MM (00:00–23:59), got ${JSON.stringify(iss.input)}` });

/** A wall time `HH:MM`, or `24:00` for the end of the day. */
export const wallTimeEnd = z
  .string({ error: 'expected a wall time HH:MM' })
  .refine((s) => parseWallTime(s, true) !== undefined, {
    error: (iss) => `expected a wall time HH:MM (00:00–24:00), got ${JSON.stringify(iss.input)}`,
  });

/**
 * Names the time zone database keeps for old software that read like a
 * region's time but are no place's (tzdata's `backward`): a planner writing
 * `EST` for New York's delegates would have them at UTC−05:00 all summer,
 * an hour off. Each with what it is and the place meant.
 */
const LEGACY_ZONES: Readonly<Record<string, string>> = {
  EST: 'a fixed UTC−05:00 all year: New York is "America/New_York" (UTC−04:00 in summer), Panama "America/Panama"',
  MST: 'a fixed UTC−07:00 all year: Denver is "America/Denver" (UTC−06:00 in summer), Phoenix "America/Phoenix"',
  HST: 'a fixed UTC−10:00: Honolulu is "Pacific/Honolulu"',
  EST5EDT: 'US Eastern time by an old POSIX rule: New York is "America/New_York"',
  CST6CDT: 'US Central time by an old POSIX rule: Chicago is "America/Chicago"',
  MST7MDT: 'US Mountain time by an old POSIX rule: Denver is "America/Denver"',
  PST8PDT: 'US Pacific time by an old POSIX rule: Los Angeles is "America/Los_Angeles"',
  CET: 'Central European time by an old rule: name the place, e.g. "Europe/Paris" or "Europe/Berlin"',
  MET: 'Central European time by an old rule: name the place, e.g. "Europe/Paris" or "Europe/Berlin"',
  WET: 'Western European time by an old rule: Lisbon is "Europe/Lisbon"',
  EET: 'Eastern European time by an old rule: name the place, e.g. "Europe/Athens" or "Europe/Helsinki"',
};

/**
 * Explains why a zone name is refused: not a zone, mis-cased, a fixed offset
 * (`+02:00`, `UTC+2`, `Etc/GMT-2`), or a legacy abbreviation (`EST`, `CET`).
 * `UTC` (and its aliases) is a zone: a meeting may be planned in it.
 *
 * @example
 * zoneProblem('Asia/Tokyo') // undefined
 * zoneProblem('EST')        // 'expected the IANA name of a place (Area/City), got "EST", a legacy abbreviation: a fixed UTC−05:00 all year: …'
 */
export function zoneProblem(name: string): string | undefined {
  const legacy = LEGACY_ZONES[name];
  if (legacy) return `expected the IANA name of a place (Area/City), got ${JSON.stringify(name)}, a legacy abbreviation: ${legacy}`;
  const etc = /^Etc\/GMT([+-])(\d{1,2})$/.exec(name);
  if (etc && Number(etc[2]) !== 0 && isValidZone(name)) {
    const utc = `UTC${etc[1] === '+' ? '−' : '+'}${etc[2]!.padStart(2, '0')}:00`;
    return `expected the IANA name of a place like "Europe/Zurich", got the fixed offset ${JSON.stringify(name)}, which is ${utc} all year (the sign of these names is inverted) and never changes with DST`;
  }
  if (isValidZone(name)) return undefined;
  const fixed = canonicalCase(name);
  if (fixed && fixed !== name) return `expected an IANA time zone name, got ${JSON.stringify(name)} (did you mean ${JSON.stringify(fixed)}?)`;
  if (/^[+-]\d|^(UTC|GMT)[+-]/i.test(name)) {
    return `expected an IANA time zone name like "Europe/Zurich", got the fixed offset ${JSON.stringify(name)} (offsets change with DST)`;
  }
  if (name === 'Europe/Geneva') return 'expected an IANA time zone name; Geneva time is "Europe/Zurich"';
  return `expected an IANA time zone name like "Europe/Zurich", got ${JSON.stringify(name)}`;
}

/** An IANA time zone name, spelled as the time zone database spells it. */
export const zoneName = z
  .string({ error: 'expected an IANA time zone name like "Europe/Zurich"' })
  .check((ctx) => {
    const p = zoneProblem(ctx.value);
    if (p) ctx.issues.push({ code: 'custom', message: p, input: ctx.value });
  });

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return String(typeof value === 'boolean' ? value : typeof value);
}

const article: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k as string];
  }
  return v;
}

/**
 * The keys an object of `schema` may have at `path` (through optional,
 * default and array wrappers), for the "unknown key" message; undefined where
 * the path does not lead to an object.
 *
 * @example
 * keysAt(z.strictObject({ people: z.array(z.strictObject({ id: z.string() })) }), ['people', 3]) // ['id']
 */
export function keysAt(schema: z.ZodType, path: IssuePath): string[] | undefined {
  type Def = { type: string; innerType?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType>; in?: z.ZodType };
  const def = (t: z.ZodType): Def => (t as unknown as { _zod: { def: Def } })._zod.def;
  const unwrap = (t: z.ZodType): z.ZodType => {
    const d = def(t);
    if ((d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'prefault') && d.innerType) return unwrap(d.innerType);
    if (d.type === 'pipe' && d.in) return unwrap(d.in);
    return t;
  };
  let t: z.ZodType | undefined = unwrap(schema);
  for (const key of path) {
    const d: Def = def(t);
    if (typeof key === 'number') t = d.type === 'array' && d.element ? unwrap(d.element) : undefined;
    else t = d.type === 'object' && d.shape?.[key] ? unwrap(d.shape[key]!) : undefined;
    if (!t) return undefined;
  }
  const d = def(t);
  return d.type === 'object' && d.shape ? Object.keys(d.shape) : undefined;
}

/** Turns zod's issues into ours: one per problem, each with its path and what was expected. */
export function fromZod(error: z.ZodError, input: unknown, prefix: IssuePath = [], allowed?: (path: IssuePath) => string[] | undefined): SpecIssue[] {
  const out: SpecIssue[] = [];
  for (const iss of error.issues) {
    const path = [...prefix, ...(iss.path as (string | number)[])];
    const value = valueAt(input, iss.path);
    switch (iss.code) {
      case 'unrecognized_keys': {
        const known = allowed?.(iss.path as (string | number)[]);
        for (const key of iss.keys) {
          out.push({
            code: 'unknown_key',
            path: [...path, key],
            message: known ? `unknown key (expected one of: ${known.join(', ')})` : 'unknown key',
          });
        }
        break;
      }
      case 'invalid_type': {
        const expected = article[iss.expected] ?? iss.expected;
        if (value === undefined) {
          out.push({ code: 'missing', path, message: `required: ${iss.message.startsWith('expected') ? iss.message : `expected ${expected}`}` });
        } else {
          const custom = iss.message.startsWith('Invalid input') ? `expected ${expected}` : iss.message;
          out.push({ code: 'invalid_type', path, message: `${custom}, got ${describe(value)}` });
        }
        break;
      }
      case 'invalid_key': {
        const inner = (iss as unknown as { issues?: { message: string }[] }).issues?.[0]?.message;
        const key = iss.path[iss.path.length - 1];
        out.push({ code: 'invalid_value', path, message: `${inner ?? 'invalid key'}${typeof key === 'string' && !(inner ?? '').includes(JSON.stringify(key)) ? `, got ${JSON.stringify(key)}` : ''}` });
        break;
      }
      case 'invalid_value': {
        const values = iss.values.map((v) => JSON.stringify(v)).join(' or ');
        out.push({ code: 'invalid_value', path, message: `expected ${values}, got ${describe(value)}` });
        break;
      }
      default: {
        const msg = iss.message.startsWith('expected') || !/^(Too|Invalid)/.test(iss.message) ? iss.message : iss.message.replace(/^[^:]*:\s*/, '');
        out.push({ code: 'invalid_value', path, message: value !== undefined && !msg.includes(', got') ? `${msg}, got ${describe(value)}` : msg });
      }
    }
  }
  return out;
}

/**
 * A list whose items must differ: each repeat is an issue at its index,
 * naming the first (a repeat is a typo for another item more often than not).
 *
 * @example
 * distinct(z.array(isoDate), 'dates') // ["2021-05-05", "2021-05-05"]: "expected distinct dates, got … a second time (first at [0])"
 */
export function distinct<T extends z.ZodArray<z.ZodType>>(list: T, what: string): T {
  return list.check((ctx) => {
    const first = new Map<unknown, number>();
    (ctx.value as unknown[]).forEach((v, i) => {
      const j = first.get(v);
      if (j === undefined) first.set(v, i);
      else ctx.issues.push({ code: 'custom', path: [i], input: v, message: `expected distinct ${what}, got ${JSON.stringify(v)} a second time (first at [${j}])` });
    });
  }) as T;
}
