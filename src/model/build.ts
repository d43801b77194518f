/**
 * From a schema-valid `plenary.meeting/1` spec to a readonly {@link Meeting}:
 * resolves every reference, places every wall time in the meeting's zone, and
 * reports every cross-reference problem with its path.
 */
import type { IssueList } from '../spec/errors.js';
import type { MeetingSpec, Rule } from '../spec/meeting-schema.js';
import { Comfort } from './comfort.js';
import { meetingDates } from './days.js';
import { DAY_MINUTES, dateToDayNumber, formatWallTime, isoWeekday, parseWallTime, wallToInstant } from './time.js';
import type {
  Apart,
  Avoid,
  Block,
  BlockInstance,
  Candidate,
  Day,
  Group,
  Meeting,
  Person,
  Sequence,
  Session,
} from './types.js';

/**
 * The largest meeting a model is built for: beyond this many candidate
 * starts of all sessions together (each a small object), building it would
 * take gigabytes; the spec is refused instead, before anything large is
 * allocated. The solver has limits of its own (src/solver/limits.ts).
 *
 * @example
 * MODEL_LIMITS.candidates // 6,000,000
 */
export const MODEL_LIMITS = { candidates: 6_000_000 };

function indexById<T extends { id: string }>(items: readonly T[], list: IssueList, key: string, what: string): Map<string, number> {
  const map = new Map<string, number>();
  items.forEach((item, i) => {
    const prev = map.get(item.id);
    if (prev !== undefined) list.add('duplicate_id', [key, i, 'id'], `duplicate ${what} id ${JSON.stringify(item.id)} (also ${key}[${prev}])`);
    else map.set(item.id, i);
  });
  return map;
}

function listIds(map: ReadonlyMap<string, number>, max = 12): string {
  const ids = [...map.keys()];
  const shown = ids.slice(0, max).map((s) => JSON.stringify(s));
  return ids.length > max ? `${shown.join(', ')}, … (${ids.length} in all)` : shown.join(', ');
}

/**
 * Builds the meeting. Problems go to `issues`; when there are any, the result
 * must not be used (it is `undefined` where building could not go on).
 */
export function buildMeeting(spec: MeetingSpec, issues: IssueList): Meeting | undefined {
  const start = issues.length;
  const zone = spec.timeZone;

  // ---- days
  const md = meetingDates(spec.days.from, spec.days.to, spec.days.rrule, spec.days.except);
  const lo = dateToDayNumber(spec.days.from);
  const hi = dateToDayNumber(spec.days.to);
  spec.days.except.forEach((d, i) => {
    const n = dateToDayNumber(d);
    if (n < lo || n > hi) issues.add('out_of_range', ['days', 'except', i], `expected a date between ${spec.days.from} and ${spec.days.to}, got ${d}`);
  });
  if (!md.ok) {
    issues.add(md.field === 'rrule' ? 'invalid_value' : 'out_of_range', ['days', md.field], md.message);
    return undefined;
  }
  if (md.dates.length === 0) {
    issues.add('out_of_range', ['days'], `expected at least one meeting day: the rrule yields none from ${spec.days.from} to ${spec.days.to} after except`);
    return undefined;
  }
  const days: Day[] = md.dates.map((date, index) => ({ index, number: index + 1, date, weekday: isoWeekday(date) }));
  const D = days.length;
  const dayByDate = new Map(days.map((d) => [d.date, d.index]));

  // ---- blocks
  const blockIndex = indexById(spec.blocks, issues, 'blocks', 'block');
  const blocks: Block[] = spec.blocks.map((b, index) => {
    const startWall = parseWallTime(b.start)!;
    const endWall = parseWallTime(b.end, true)!;
    if (endWall <= startWall) issues.add('invalid_time', ['blocks', index, 'end'], `expected an end after the start ${b.start} on the same day, got ${b.end}`);
    return { index, id: b.id, start: b.start, end: b.end, startWall, endWall, core: b.core };
  });
  const byStart = [...blocks].sort((a, b) => a.startWall - b.startWall);
  let reach: Block | undefined; // the block seen so far that ends last
  for (const c of byStart) {
    const p = reach;
    if (c.endWall > c.startWall && (!reach || c.endWall > reach.endWall)) reach = c;
    if (p && c.startWall < p.endWall) {
      issues.add('overlap', ['blocks', c.index], `expected blocks that do not overlap: ${c.id} (${c.start}–${c.end}) overlaps ${p.id} (${p.start}–${p.end})`);
    }
  }

  // block instants, day by day
  const instances: BlockInstance[] = [];
  for (const d of days) {
    for (const b of blocks) {
      const s = wallToInstant(zone, d.date, b.startWall);
      const endDate = b.endWall === DAY_MINUTES ? nextDate(d.date) : d.date;
      const e = wallToInstant(zone, endDate, b.endWall % DAY_MINUTES);
      if (s.kind === 'gap') issues.add('nonexistent_time', ['blocks', b.index, 'start'], `${b.start} does not exist on ${d.date} in ${zone} (the clocks spring forward): expected a wall time that exists on every meeting day`);
      if (e.kind === 'gap') issues.add('nonexistent_time', ['blocks', b.index, 'end'], `${b.end} does not exist on ${d.date} in ${zone} (the clocks spring forward): expected a wall time that exists on every meeting day`);
      instances.push({
        index: d.index * blocks.length + b.index,
        day: d.index,
        block: b.index,
        // a bound in a spring-forward gap (reported above): an empty instance, not one from 1970 (whose
        // millions of starts made a second, false "too large" problem)
        start: s.kind === 'ok' && e.kind === 'ok' ? s.min : 0,
        end: s.kind === 'ok' && e.kind === 'ok' ? e.min : 0,
      });
    }
  }

  // ---- groups
  const groupIndex = indexById(spec.groups, issues, 'groups', 'group');
  const parents: (number | undefined)[] = spec.groups.map((g, i) => {
    if (g.parent === undefined) return undefined;
    const p = groupIndex.get(g.parent);
    if (p === undefined) issues.add('unknown_reference', ['groups', i, 'parent'], `unknown group ${JSON.stringify(g.parent)}: expected one of ${listIds(groupIndex)}`);
    return p;
  });
  const ancestorsOf: number[][] = spec.groups.map((_, i) => {
    const chain = [i];
    const seen = new Set(chain);
    let p = parents[i];
    while (p !== undefined) {
      if (seen.has(p)) {
        issues.add('cycle', ['groups', i, 'parent'], `expected groups to form a tree: the parents of ${JSON.stringify(spec.groups[i]!.id)} form a cycle (${chain.map((c) => spec.groups[c]!.id).join(' → ')} → ${spec.groups[p]!.id})`);
        break;
      }
      chain.push(p);
      seen.add(p);
      p = parents[p];
    }
    return chain;
  });
  spec.groups.forEach((g, i) => {
    if (g.core && g.core.max !== undefined && g.core.max < g.core.min) {
      issues.add('out_of_range', ['groups', i, 'core', 'max'], `expected core.max >= core.min (${g.core.min}), got ${g.core.max}`);
    }
  });

  // ---- people
  const personIndex = indexById(spec.people, issues, 'people', 'person');
  const groupRefs = (ids: readonly string[], path: (string | number)[]): number[] => {
    const out: number[] = [];
    ids.forEach((id, k) => {
      const g = groupIndex.get(id);
      if (g === undefined) issues.add('unknown_reference', [...path, k], `unknown group ${JSON.stringify(id)}: expected one of ${listIds(groupIndex)}`);
      else if (!out.includes(g)) out.push(g);
    });
    return out;
  };
  const peopleBase = spec.people.map((p, i) => {
    const leads = groupRefs(p.leads, ['people', i, 'leads']);
    const attends = groupRefs(p.attends, ['people', i, 'attends']);
    const attended = new Set<number>();
    for (const g of [...leads, ...attends]) for (const a of ancestorsOf[g]!) attended.add(a);
    return { p, leads, attends, attended };
  });

  // ---- sessions
  const sessionIndex = indexById(spec.sessions, issues, 'sessions', 'session');
  const groupSessions: number[][] = spec.groups.map(() => []);
  const sessionGroup: number[] = spec.sessions.map((s, i) => {
    const g = groupIndex.get(s.group);
    if (g === undefined) {
      issues.add('unknown_reference', ['sessions', i, 'group'], `unknown group ${JSON.stringify(s.group)}: expected one of ${listIds(groupIndex)}`);
      return -1;
    }
    groupSessions[g]!.push(i);
    return g;
  });

  let candidateTotal = 0;
  let tooLarge = false;
  const sessions: Session[] = spec.sessions.map((s, i): Session => {
    const path = ['sessions', i];
    if (s.minutes % spec.grid !== 0) {
      issues.add('bad_minutes', [...path, 'minutes'], `expected a multiple of the grid (${spec.grid} minutes), got ${s.minutes}`);
    }
    // allowed blocks
    let allowed = blocks.map((b) => b.index);
    if (s.blocks) {
      const listed: number[] = [];
      s.blocks.forEach((id, k) => {
        const b = blockIndex.get(id);
        if (b === undefined) issues.add('unknown_reference', [...path, 'blocks', k], `unknown block ${JSON.stringify(id)}: expected one of ${listIds(blockIndex)}`);
        else if (!listed.includes(b)) listed.push(b);
      });
      allowed = listed.sort((a, b) => a - b);
    }
    if (s.core) {
      const before = allowed.length;
      allowed = allowed.filter((b) => blocks[b]!.core);
      if (allowed.length === 0 && before > 0) {
        issues.add('no_place', [...path, 'core'], s.blocks ? 'expected at least one core block among the listed blocks, got none' : 'expected at least one core block in the meeting ("core": true on a block), got none');
      }
    }
    // allowed days
    let allowedDays = days.map((d) => d.index);
    if (s.days) {
      const set = new Set<number>();
      s.days.forEach((ref, k) => {
        const d = resolveDay(ref, days, dayByDate);
        if (typeof d === 'string') issues.add('out_of_range', [...path, 'days', k], d);
        else set.add(d);
      });
      allowedDays = [...set].sort((a, b) => a - b);
    }
    // minutes versus blocks: in real minutes (a block lasts an hour more or less on the night the clocks
    // change), over the blocks that are valid (one that ends before it starts is reported above)
    let longest = 0;
    for (const b of allowed) {
      if (blocks[b]!.endWall <= blocks[b]!.startWall) continue;
      for (const d of allowedDays) {
        const inst = instances[d * blocks.length + b]!;
        longest = Math.max(longest, inst.end - inst.start);
      }
    }
    if (longest > 0 && s.minutes % spec.grid === 0) {
      if (s.minutes > longest) {
        issues.add('bad_minutes', [...path, 'minutes'], `expected at most ${longest} minutes (the longest block this session may use), got ${s.minutes}`);
      }
    }
    // at
    let at: number | undefined;
    if (s.at !== undefined) {
      at = parseWallTime(s.at)!;
      // room in real minutes on some allowed day (a block lasts an hour more or less on the night the clocks change)
      const fits = allowed.filter((b) => {
        const bl = blocks[b]!;
        if (allowedDays.length === 0) return at! >= bl.startWall && at! + s.minutes <= bl.endWall;
        if (at! < bl.startWall || at! >= bl.endWall) return false;
        return allowedDays.some((d) => {
          const w = wallToInstant(zone, days[d]!.date, at!);
          // a pin in the spring-forward gap is reported below as a time that does not exist, not here
          return w.kind === 'ok' ? w.min + s.minutes <= instances[d * blocks.length + b]!.end : at! + s.minutes <= bl.endWall;
        });
      });
      if (fits.length === 0 && allowed.length > 0) {
        issues.add('outside_blocks', [...path, 'at'], `expected a start inside an allowed block (${allowed.map((b) => `${blocks[b]!.id} ${blocks[b]!.start}–${blocks[b]!.end}`).join(', ')}) with room for ${s.minutes} minutes, got ${s.at}`);
      } else if (fits.length > 0 && !fits.some((b) => (at! - blocks[b]!.startWall) % spec.grid === 0)) {
        const b = blocks[fits[0]!]!;
        issues.add('off_grid', [...path, 'at'], `expected a start on the ${spec.grid}-minute grid of block ${b.id} (from ${b.start}: ${gridExamples(b.startWall, spec.grid, b.endWall - s.minutes)}), got ${s.at}`);
      }
      for (const d of allowedDays) {
        const w = wallToInstant(zone, days[d]!.date, at);
        if (w.kind === 'gap') issues.add('nonexistent_time', [...path, 'at'], `${s.at} does not exist on ${days[d]!.date} in ${zone} (the clocks spring forward): expected a wall time that exists on the session's days`);
      }
    }
    // candidates: counted first, so that a meeting too large to hold is refused before it is built
    let count = at === undefined ? 0 : allowedDays.length; // a pinned session: one start a day
    for (const d of at === undefined ? allowedDays : []) {
      for (const b of allowed) {
        const inst = instances[d * blocks.length + b]!;
        const room = inst.end - inst.start - s.minutes;
        if (room >= 0) count += Math.floor(room / spec.grid) + 1;
      }
    }
    candidateTotal += count;
    if (candidateTotal > MODEL_LIMITS.candidates) tooLarge = true;
    const candidates: Candidate[] = [];
    for (const d of tooLarge ? [] : allowedDays) {
      const atInstant = at === undefined ? undefined : wallToInstant(zone, days[d]!.date, at);
      for (const b of allowed) {
        const inst = instances[d * blocks.length + b]!;
        for (let t = inst.start; t + s.minutes <= inst.end; t += spec.grid) {
          if (atInstant !== undefined && (atInstant.kind !== 'ok' || atInstant.min !== t)) continue;
          candidates.push({ instance: inst.index, start: t });
        }
      }
    }
    candidates.sort((a, b) => a.start - b.start || a.instance - b.instance);
    const g = sessionGroup[i]!;
    const ordinal = g >= 0 ? groupSessions[g]!.indexOf(i) + 1 : 1;
    return {
      index: i,
      id: s.id,
      group: g,
      title: s.title,
      minutes: s.minutes,
      exclusive: s.exclusive,
      core: s.core,
      allowedBlocks: allowed,
      allowedDays,
      at,
      candidates,
      attendees: [],
      required: [],
      ordinal,
      ofGroup: g >= 0 ? groupSessions[g]!.length : 1,
    };
  });
  if (tooLarge) {
    const fmt = (v: number) => v.toLocaleString('en-US');
    issues.add(
      'out_of_range',
      ['sessions'],
      `the meeting is too large: its ${fmt(sessions.length)} sessions have ${fmt(candidateTotal)} possible starts in all, more than plenary takes on (${fmt(MODEL_LIMITS.candidates)}): restrict sessions with \`days\`, \`blocks\` or \`core\`, use a coarser \`grid\`, or plan fewer days at once`,
    );
  }
  const before = issues.length;
  if (before === start) {
    // only meaningful when everything else holds: a session with nowhere to go
    sessions.forEach((s, i) => {
      if (s.candidates.length === 0) {
        issues.add('no_place', ['sessions', i], `expected at least one possible start: no allowed block on an allowed day has room for ${s.minutes} minutes${s.at !== undefined ? ` starting at ${formatWallTime(s.at)}` : ''}`);
      }
    });
  }

  // ---- rules
  const sequences: Sequence[] = [];
  const aparts: Apart[] = [];
  const avoids: Avoid[] = [];
  spec.rules.forEach((r: Rule, i) => {
    const key = 'sequence' in r ? 'sequence' : 'apart' in r ? 'apart' : 'avoid';
    const ids = 'sequence' in r ? r.sequence : 'apart' in r ? r.apart : r.avoid;
    const idx: number[] = [];
    ids.forEach((id, k) => {
      const s = sessionIndex.get(id);
      if (s === undefined) issues.add('unknown_reference', ['rules', i, key, k], `unknown session ${JSON.stringify(id)}: expected one of ${listIds(sessionIndex)}`);
      else if (idx.includes(s)) issues.add('duplicate_id', ['rules', i, key, k], `session ${JSON.stringify(id)} is listed twice: expected distinct sessions`);
      else idx.push(s);
    });
    if ('sequence' in r) sequences.push({ rule: i, sessions: idx, sameDay: r.sameDay });
    else if ('apart' in r) aparts.push({ rule: i, sessions: idx });
    else avoids.push({ rule: i, sessions: idx, weight: r.weight });
  });

  // ---- milestones
  indexById(spec.milestones, issues, 'milestones', 'milestone');

  if (issues.length > start) return undefined;

  // ---- attendance (only once every reference is known to resolve)
  const attendees: number[][] = sessions.map(() => []);
  const required: number[][] = sessions.map(() => []);
  const personSessions: number[][] = peopleBase.map(() => []);
  sessions.forEach((s) => {
    peopleBase.forEach((pb, pi) => {
      if (pb.attended.has(s.group)) {
        attendees[s.index]!.push(pi);
        personSessions[pi]!.push(s.index);
      }
      if (pb.leads.includes(s.group)) required[s.index]!.push(pi);
    });
  });
  const finalSessions: Session[] = sessions.map((s) => ({ ...s, attendees: attendees[s.index]!, required: required[s.index]! }));

  const groups: Group[] = spec.groups.map((g, index) => ({
    index,
    id: g.id,
    title: g.title,
    parent: parents[index],
    ancestors: ancestorsOf[index]!,
    delegates: Object.entries(g.delegates)
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([z, count]) => ({ zone: z, count })),
    core: g.core ? { min: g.core.min, max: g.core.max } : undefined,
    sessions: groupSessions[index]!,
  }));

  const people: Person[] = peopleBase.map((pb, index) => ({
    index,
    id: pb.p.id,
    name: pb.p.name,
    email: pb.p.email,
    timeZone: pb.p.timeZone ?? zone,
    leads: pb.leads,
    attends: pb.attends,
    attendedGroups: pb.attended,
    sessions: personSessions[index]!,
  }));

  const zones = new Set<string>();
  for (const g of groups) for (const d of g.delegates) zones.add(d.zone);
  for (const p of people) zones.add(p.timeZone);

  const firstDay = dateToDayNumber(days[0]!.date);
  const lastDay = dateToDayNumber(days[D - 1]!.date);
  const comfort = new Comfort(spec.comfort, (firstDay - 2) * DAY_MINUTES, (lastDay + 3) * DAY_MINUTES);
  // every zone's UTC offsets over the meeting's days, tabulated once: solve, check and the exports read them
  for (const z of zones) comfort.timeline(z);
  comfort.timeline(zone);

  return {
    spec,
    id: spec.id,
    title: spec.title,
    timeZone: zone,
    days,
    blocks,
    instances,
    tracks: spec.tracks,
    grid: spec.grid,
    weights: spec.weights,
    comfort,
    groups,
    people,
    sessions: finalSessions,
    sequences,
    aparts,
    avoids,
    milestones: spec.milestones.map((m) => ({ id: m.id, title: m.title, date: m.date, description: m.description })),
    zones: [...zones].sort(),
    sessionIndex,
    groupIndex,
    personIndex,
  };
}

function nextDate(date: string): string {
  const n = dateToDayNumber(date) + 1;
  return new Date(n * 86400000).toISOString().slice(0, 10);
}

function gridExamples(from: number, grid: number, last: number): string {
  const out: string[] = [];
  for (let t = from; t <= last && out.length < 4; t += grid) out.push(formatWallTime(t));
  return out.length ? `${out.join(', ')}${from + 4 * grid <= last ? ', …' : ''}` : 'no start fits';
}

/** A `days` entry to a day index, or a message saying what was expected. */
function resolveDay(ref: number | string, days: readonly Day[], byDate: ReadonlyMap<string, number>): number | string {
  const D = days.length;
  if (typeof ref === 'number') {
    if (ref >= 1 && ref <= D) return ref - 1;
    if (ref <= -1 && ref >= -D) return D + ref;
    return `expected a meeting day 1..${D} or -${D}..-1 (this meeting has ${D} days), got ${ref}`;
  }
  const d = byDate.get(ref);
  if (d === undefined) return `expected one of the meeting days (${days[0]!.date} … ${days[D - 1]!.date}, ${D} days), got ${ref}, which is not one`;
  return d;
}
