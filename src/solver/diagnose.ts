/**
 * Why a meeting has no feasible timetable, in terms a planner can act on.
 *
 * 1. Counting bounds, each a proof on its own: core sessions (and quota
 *    minimums) versus core capacity, exclusive minutes of a day versus the
 *    day's blocks, sessions that must not overlap (one lead's, one group's,
 *    an apart list, exclusive ones) versus the time they can use, pinned
 *    sessions that collide, sequences that the days or times forbid, sameDay
 *    sequences that share no day or do not fit in one.
 * 2. A deletion filter over the rules and restrictions of the spec (rules,
 *    each session restriction — core, blocks, days, at — on its own, quotas,
 *    exclusive flags, leads, tracks): drop
 *    whatever the rest stays infeasible without (as far as a short,
 *    deterministic search can tell), so that what remains is a small set that
 *    cannot hold together, each member needed.
 */
import { buildMeeting } from '../model/build.js';
import { formatWallTime, localTime } from '../model/time.js';
import type { Meeting } from '../model/types.js';
import type { MeetingSpec } from '../spec/meeting-schema.js';
import { IssueList } from '../spec/errors.js';
import { compile } from './compile.js';
import type { Problem } from './compile.js';
import { createRng } from './rng.js';
import { search } from './search.js';

/**
 * Options of {@link diagnose}.
 *
 * @example
 * diagnose(meeting, compile(meeting), { seed: 1, maxProbes: 16 })
 */
export interface DiagnoseOptions {
  /** Seed of the searches of the deletion filter. */
  readonly seed: number;
  /** Iterations of one feasibility search in the deletion filter (default: scales with the meeting). */
  readonly probeIterations?: number;
  /** Most feasibility searches the deletion filter may run (default 64; fewer above 1,000 sessions, at least 8). */
  readonly maxProbes?: number;
  /** Leave out the deletion filter (counting bounds only). */
  readonly countingOnly?: boolean;
  /** The counting bounds when the caller has them already (`solve` computes them before a default run). */
  readonly bounds?: readonly string[];
  /**
   * Polled before and during each feasibility search of the deletion filter:
   * true ends the filter early (a time limit). Its set then still cannot hold
   * together but may hold more than is needed, and says so.
   */
  readonly shouldStop?: () => boolean;
  /**
   * What `shouldStop` stands for, in the messages of a filter it stopped:
   * the run's time limit (default), or the cap of a run without one
   * (`solve`'s DIAGNOSIS_DEFAULT_MS, given here in milliseconds).
   */
  readonly capMs?: number;
  /**
   * Sessions to look at first (those of the best placement's violations): the
   * filter first tries to drop at once every rule and restriction that does
   * not concern them, which settles most meetings in a few searches.
   */
  readonly focus?: readonly number[];
}

/**
 * The diagnosis of an infeasible meeting: counting bounds first, then a small
 * set of rules and restrictions that cannot hold together.
 *
 * @example
 * const lines = diagnose(meeting, compile(meeting), { seed: 1 });
 * // ['core capacity: 4 sessions need 360 track-minutes in core blocks (…) but the core blocks offer 180 …', …]
 */
export function diagnose(meeting: Meeting, problem: Problem, options: DiagnoseOptions): string[] {
  const out = options.bounds ? [...options.bounds] : countingBounds(meeting, problem);
  if (!options.countingOnly) out.push(...deletionFilter(meeting, options));
  return out;
}

// ---------------------------------------------------------------- counting

const ids = (meeting: Meeting, list: readonly number[], max = 8): string => {
  const names = list.slice(0, max).map((s) => meeting.sessions[s]!.id);
  return list.length > max ? `${names.join(', ')}, … (${list.length} in all)` : names.join(', ');
};

function dayLabel(meeting: Meeting, d: number): string {
  return `day ${d + 1} (${meeting.days[d]!.date})`;
}

function when(meeting: Meeting, t: number): string {
  const lt = localTime(meeting.timeZone, t);
  return `${lt.date} ${formatWallTime(lt.minutes)}`;
}

/** Length of the union of intervals [a, b). */
function unionLength(iv: [number, number][]): number {
  iv.sort((x, y) => x[0] - y[0]);
  let total = 0;
  let cs = -Infinity;
  let ce = -Infinity;
  for (const [a, b] of iv) {
    if (a > ce) {
      if (ce > cs) total += ce - cs;
      cs = a;
      ce = b;
    } else if (b > ce) ce = b;
  }
  if (ce > cs) total += ce - cs;
  return total;
}

/**
 * Every counting bound that fails, as one message each.
 *
 * @example
 * countingBounds(meeting, compile(meeting))
 * // ['rules[1] (sequence intro → deep): deep must start after intro ends (…), but it starts at the latest …']
 */
export function countingBounds(meeting: Meeting, p: Problem): string[] {
  const out: string[] = [];
  const n = p.n;
  const T = p.tracks;
  const cands = (s: number) => meeting.sessions[s]!.candidates;
  const isCore = (inst: number) => meeting.blocks[meeting.instances[inst]!.block]!.core;
  const coreOnly = (s: number) => cands(s).every((c) => isCore(c.instance));
  const canCore = (s: number) => cands(s).some((c) => isCore(c.instance));
  const instLen = (i: number) => meeting.instances[i]!.end - meeting.instances[i]!.start;

  // all sessions versus all tracks
  {
    let demand = 0;
    for (let s = 0; s < n; s++) demand += p.minutes[s]! * (p.exclusive[s] ? T : 1);
    let cap = 0;
    for (let i = 0; i < p.nInst; i++) cap += T * instLen(i);
    const tracks = `${T} track${T === 1 ? '' : 's'}`;
    if (demand > cap) out.push(`capacity: the sessions need ${demand} track-minutes (exclusive ones take ${T === 1 ? 'the track' : `all ${tracks}`}) but the blocks of all meeting days offer ${cap} (${tracks} × ${cap / T} minutes)`);
  }

  // core sessions and quota minimums versus core capacity
  {
    const need: number[] = [];
    let demand = 0;
    for (let s = 0; s < n; s++) {
      if (!coreOnly(s)) continue;
      need.push(s);
      demand += p.minutes[s]! * (p.exclusive[s] ? T : 1);
    }
    const quotaNotes: string[] = [];
    for (const g of meeting.groups) {
      if (!g.core) continue;
      const fixed = g.sessions.filter(coreOnly).length;
      const more = g.core.min - fixed;
      if (more <= 0) continue;
      const extra = g.sessions.filter((s) => !coreOnly(s) && canCore(s)).map((s) => p.minutes[s]! * (p.exclusive[s] ? T : 1)).sort((a, b) => a - b);
      let m = 0;
      for (let k = 0; k < Math.min(more, extra.length); k++) m += extra[k]!;
      if (m > 0) {
        demand += m;
        quotaNotes.push(`${g.id} core.min ${g.core.min}`);
      }
    }
    let cap = 0;
    for (let i = 0; i < p.nInst; i++) if (isCore(i)) cap += T * instLen(i);
    if (demand > cap) {
      out.push(
        `core capacity: ${need.length} session${need.length === 1 ? '' : 's'} may only run in core blocks (${ids(meeting, need)})${quotaNotes.length ? ` and the quota minimums (${quotaNotes.join(', ')}) add more` : ''}: ${demand} track-minutes in all, but the core blocks offer ${cap} (${T} track${T === 1 ? '' : 's'} × ${cap / T} minutes over all days): move sessions out of core hours (core: false), lower core.min, add core blocks or tracks`,
      );
    }
  }

  // quotas that no placement can meet
  for (const g of meeting.groups) {
    if (!g.core) continue;
    const fixed = g.sessions.filter(coreOnly).length;
    const possible = g.sessions.filter(canCore).length;
    if (possible < g.core.min) out.push(`groups[${g.index}] ${g.id}: core.min is ${g.core.min} but only ${possible} of its sessions can run in a core block`);
    if (g.core.max !== undefined && fixed > g.core.max) out.push(`groups[${g.index}] ${g.id}: core.max is ${g.core.max} but ${fixed} of its sessions may only run in core blocks (${ids(meeting, g.sessions.filter(coreOnly))})`);
  }

  // exclusive minutes per day versus the day's blocks
  for (let d = 0; d < meeting.days.length; d++) {
    const pinned: number[] = [];
    for (let s = 0; s < n; s++) if (p.exclusive[s] && cands(s).every((c) => meeting.instances[c.instance]!.day === d)) pinned.push(s);
    if (pinned.length < 2) continue;
    const minutes = pinned.reduce((a, s) => a + p.minutes[s]!, 0);
    const iv: [number, number][] = [];
    for (const s of pinned) for (const c of cands(s)) iv.push([c.start, c.start + p.minutes[s]!]);
    const room = unionLength(iv);
    if (minutes > room) out.push(`${dayLabel(meeting, d)}: the exclusive sessions ${ids(meeting, pinned)} need ${minutes} minutes one after the other but the blocks they may use that day hold only ${room}`);
  }

  // sets of sessions that must not overlap, versus the time they can use (naming a clock change that shortens a block)
  // (each set of sessions once: a rapporteur who leads one Question has the Question's sessions)
  const disjointSets: { label: string; sessions: number[] }[] = [];
  const seen = new Set<string>();
  const addSet = (label: string, sessions: number[]) => {
    const key = [...sessions].sort((a, b) => a - b).join(',');
    if (sessions.length < 2 || seen.has(key)) return;
    seen.add(key);
    disjointSets.push({ label, sessions });
  };
  for (const g of meeting.groups) addSet(`groups[${g.index}] ${g.id}: its sessions`, [...g.sessions]);
  for (const person of meeting.people) {
    const req: number[] = [];
    for (let s = 0; s < n; s++) if (meeting.sessions[s]!.required.includes(person.index)) req.push(s);
    addSet(`people[${person.index}] ${person.name ?? person.id} leads ${person.leads.map((g) => meeting.groups[g]!.id).join(', ')}: their sessions`, req);
  }
  for (const r of meeting.aparts) addSet(`rules[${r.rule}] (apart)`, [...r.sessions]);
  const excl: number[] = [];
  for (let s = 0; s < n; s++) if (p.exclusive[s]) excl.push(s);
  addSet('the exclusive sessions', excl);
  for (const set of disjointSets) {
    const minutes = set.sessions.reduce((a, s) => a + p.minutes[s]!, 0);
    const iv: [number, number][] = [];
    for (const s of set.sessions) for (const c of cands(s)) iv.push([c.start, c.start + p.minutes[s]!]);
    const room = unionLength(iv);
    if (minutes > room) out.push(`${set.label} (${ids(meeting, set.sessions)}) must not overlap and need ${minutes} minutes, but the starts they may take cover only ${room} minutes${clockChanges(meeting, set.sessions)}`);
  }

  // pinned sessions (one possible start) that collide
  const pinned: number[] = [];
  for (let s = 0; s < n; s++) if (cands(s).length === 1) pinned.push(s);
  const reasons = (a: number, b: number): string[] => {
    const sa = meeting.sessions[a]!;
    const sb = meeting.sessions[b]!;
    const r: string[] = [];
    if (sa.exclusive || sb.exclusive) r.push(`${sa.exclusive ? sa.id : sb.id} is exclusive`);
    if (sa.group === sb.group) r.push(`both are sessions of ${meeting.groups[sa.group]!.id}`);
    const shared = sa.required.filter((x) => sb.required.includes(x));
    if (shared.length) r.push(`both need ${shared.map((x) => `people[${x}] ${meeting.people[x]!.name ?? meeting.people[x]!.id}`).join(', ')} (lead)`);
    for (const ap of meeting.aparts) if (ap.sessions.includes(a) && ap.sessions.includes(b)) r.push(`rules[${ap.rule}] keeps them apart`);
    return r;
  };
  for (let i = 0; i < pinned.length; i++) {
    for (let j = i + 1; j < pinned.length; j++) {
      const a = pinned[i]!;
      const b = pinned[j]!;
      const ca = cands(a)[0]!;
      const cb = cands(b)[0]!;
      if (Math.min(ca.start + p.minutes[a]!, cb.start + p.minutes[b]!) <= Math.max(ca.start, cb.start)) continue;
      const why = reasons(a, b);
      if (why.length === 0) continue;
      // pinned by `at` and `days`, or by restrictions (days, blocks, the block's length) that leave one start
      const how = meeting.sessions[a]!.at !== undefined && meeting.sessions[b]!.at !== undefined ? 'pinned (at + days)' : 'pinned (each has a single possible start)';
      out.push(`sessions[${a}] ${meeting.sessions[a]!.id} and sessions[${b}] ${meeting.sessions[b]!.id} are ${how} to overlapping times (${when(meeting, ca.start)} and ${when(meeting, cb.start)}) but must not overlap: ${why.join('; ')}`);
    }
  }

  // sequences the days or times forbid; sameDay sequences that share no day or do not fit
  for (const seq of meeting.sequences) {
    const list = seq.sessions;
    let earliestEnd = -Infinity;
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      const ok = cands(s).filter((c) => c.start >= earliestEnd);
      if (ok.length === 0) {
        const prev = list[i - 1]!;
        const latest = Math.max(...cands(s).map((c) => c.start));
        out.push(
          `rules[${seq.rule}] (sequence ${list.map((x) => meeting.sessions[x]!.id).join(' → ')}): ${meeting.sessions[s]!.id} must start after ${i > 1 ? `the sessions before it end (${meeting.sessions[prev]!.id} at the earliest ${when(meeting, earliestEnd)})` : `${meeting.sessions[prev]!.id} ends (at the earliest ${when(meeting, earliestEnd)})`}, but it starts at the latest ${when(meeting, latest)}${describeDays(meeting, s)}`,
        );
        break;
      }
      earliestEnd = Math.min(...ok.map((c) => c.start + p.minutes[s]!));
    }
    if (!seq.sameDay) continue;
    const dayset = (s: number) => new Set(cands(s).map((c) => meeting.instances[c.instance]!.day));
    let common = dayset(list[0]!);
    for (const s of list.slice(1)) {
      const ds = dayset(s);
      common = new Set([...common].filter((d) => ds.has(d)));
    }
    if (common.size === 0) {
      out.push(`rules[${seq.rule}] (sequence ${list.map((x) => meeting.sessions[x]!.id).join(' → ')}, same day): its sessions share no day they may run on (${list.map((s) => `${meeting.sessions[s]!.id}: ${[...dayset(s)].map((d) => d + 1).join(', ')}`).join('; ')})`);
      continue;
    }
    const minutes = list.reduce((a, s) => a + p.minutes[s]!, 0);
    let fits = false;
    for (const d of common) {
      const iv: [number, number][] = [];
      for (const s of list) for (const c of cands(s)) if (meeting.instances[c.instance]!.day === d) iv.push([c.start, c.start + p.minutes[s]!]);
      if (unionLength(iv) >= minutes) fits = true;
    }
    if (!fits) out.push(`rules[${seq.rule}] (sequence ${list.map((x) => meeting.sessions[x]!.id).join(' → ')}, same day): its sessions need ${minutes} minutes one after the other on one day, but no day they share (${[...common].map((d) => d + 1).join(', ')}) has that much room in the blocks they may use`);
  }
  return out;
}

function describeDays(meeting: Meeting, s: number): string {
  const sess = meeting.sessions[s]!;
  if (sess.allowedDays.length === meeting.days.length) return '';
  return ` (it may only run on day ${sess.allowedDays.map((d) => d + 1).join(', ')})`;
}

// ---------------------------------------------------------------- deletion filter

interface Element {
  readonly label: string;
  readonly drop: (spec: MutableSpec) => void;
  /** The sessions it constrains (undefined: all of them, as tracks does). */
  readonly sessions: readonly number[] | undefined;
}

type MutableSpec = {
  -readonly [K in Exclude<keyof MeetingSpec, 'rules'>]: MeetingSpec[K];
} & { rules: (MeetingSpec['rules'][number] | null)[] };

/** The rules and restrictions of a spec that the deletion filter may drop, least actionable first. */
function elements(meeting: Meeting): Element[] {
  const spec = meeting.spec;
  const out: Element[] = [];
  out.push({ label: `tracks: ${spec.tracks}`, drop: (m) => void (m.tracks = Math.max(m.tracks, m.sessions.length)), sessions: undefined });
  spec.sessions.forEach((s, i) => {
    if (s.exclusive) out.push({ label: `sessions[${i}] ${s.id}: exclusive`, drop: (m) => void ((m.sessions[i] as { exclusive: boolean }).exclusive = false), sessions: [i] });
  });
  spec.people.forEach((p, i) => {
    if (p.leads.length > 0) {
      out.push({
        label: `people[${i}] ${p.name ?? p.id} leads ${p.leads.join(', ')} (their sessions must not overlap)`,
        drop: (m) => {
          const q = m.people[i] as { leads: string[]; attends: string[] };
          q.attends = [...q.attends, ...q.leads];
          q.leads = [];
        },
        sessions: meeting.sessions.filter((x) => x.required.includes(i)).map((x) => x.index),
      });
    }
  });
  spec.groups.forEach((g, i) => {
    if (g.core) out.push({ label: `groups[${i}] ${g.id}: core ${g.core.min}..${g.core.max ?? '∞'} sessions in core blocks`, drop: (m) => void delete (m.groups[i] as { core?: unknown }).core, sessions: meeting.groups[i]!.sessions });
  });
  // each restriction of a session on its own, so that the set names the one at fault (`days` or `at` of a pinned session)
  spec.sessions.forEach((s, i) => {
    const restriction = (what: string, drop: (x: { core: boolean; blocks?: unknown; days?: unknown; at?: unknown }) => void): void =>
      void out.push({ label: `sessions[${i}] ${s.id}: ${what}`, drop: (m) => drop(m.sessions[i] as { core: boolean }), sessions: [i] });
    if (s.core) restriction('core', (x) => void (x.core = false));
    if (s.blocks) restriction(`blocks [${s.blocks.join(', ')}]`, (x) => void delete x.blocks);
    if (s.days) restriction(`days [${s.days.join(', ')}]`, (x) => void delete x.days);
    if (s.at) restriction(`at ${s.at}`, (x) => void delete x.at);
  });
  spec.rules.forEach((r, i) => {
    if ('avoid' in r) return;
    const label = 'sequence' in r ? `rules[${i}] (sequence ${r.sequence.join(' → ')}${r.sameDay ? ', same day' : ''})` : `rules[${i}] (apart ${r.apart.join(', ')})`;
    const named = 'sequence' in r ? r.sequence : r.apart;
    out.push({ label, drop: (m) => void (m.rules[i] = null), sessions: named.map((id) => meeting.sessionIndex.get(id)!) });
  });
  return out;
}

/** A meeting without the dropped elements (undefined when that spec does not build). */
function relaxed(meeting: Meeting, all: readonly Element[], dropped: ReadonlySet<number>): Meeting | undefined {
  const spec = structuredClone(meeting.spec) as unknown as MutableSpec;
  // the Comfort instance and maps do not survive structuredClone; the spec is plain data
  all.forEach((e, i) => {
    if (dropped.has(i)) e.drop(spec);
  });
  const clean = { ...spec, rules: spec.rules.filter((r) => r !== null) } as unknown as MeetingSpec;
  const issues = new IssueList();
  const m = buildMeeting(clean, issues);
  return issues.length === 0 ? m : undefined;
}

/** A deletion filter cut short lists what it kept only up to this many. */
const LIST_CUT = 12;

/**
 * A search for any placement without a hard violation (`p` compiled with
 * `feasibilityOnly`, so every objective term is 0).
 *
 * @example
 * feasibilitySearch(compile(meeting, { feasibilityOnly: true }), 1, feasibilityBudget(meeting), () => false).bestHard // 0: it holds together
 */
export function feasibilitySearch(p: Problem, seed: number, iterations: number, shouldStop: () => boolean) {
  return search(p, {
    rng: createRng(seed),
    maxIterations: iterations,
    stagnationCycles: 0,
    cycleLength: iterations,
    bound: 0,
    shouldStop,
    onImprove: () => {},
    onTick: () => {},
    assert: false,
    previous: undefined,
  });
}

/**
 * Iterations of one {@link feasibilitySearch} of a meeting: 20,000 and 40 per
 * candidate start, at most 200,000.
 *
 * @example
 * feasibilityBudget(meeting) // 60,920 for SG12's 1,023 starts
 */
export function feasibilityBudget(m: Meeting): number {
  let nc = 0;
  for (const s of m.sessions) nc += s.candidates.length;
  return Math.min(200_000, 20_000 + 40 * nc);
}

function deletionFilter(meeting: Meeting, options: DiagnoseOptions): string[] {
  const all = elements(meeting);
  // the words for what stopped the filter early: the run's time limit, or the cap of a run without one
  const capS = options.capMs === undefined ? '' : `${Math.round(options.capMs / 1000)} s`;
  const limitWords =
    options.capMs === undefined
      ? { ran: 'the time limit', at: 'the time limit', advice: 'run without --time-limit, or with a longer one,' }
      : { ran: `its ${capS} (the cap of a run without --time-limit)`, at: `its ${capS} cap`, advice: `run with a --time-limit longer than ${capS}` };
  // a probe's budget scales with the relaxed meeting's candidate starts: dropping a session's core, blocks or
  // days multiplies its starts, and a budget sized for the full meeting then misses placements that exist
  const budgetOf = (m: Meeting): number => options.probeIterations ?? feasibilityBudget(m);
  // each probe compiles the meeting and searches it: fewer of them for large meetings. SG12 with a single
  // core block (122 rules and restrictions, a set of 3) takes 39–47 searches over seeds 1–12: 48 left no
  // margin (before the sequence-aware first placement of construct.ts, some seeds took 48 and more)
  const maxProbes = options.maxProbes ?? (meeting.sessions.length <= 1000 ? 64 : Math.max(8, Math.round(64_000 / meeting.sessions.length)));
  const shouldStop = options.shouldStop ?? (() => false);
  let probes = 0;
  /** Why the filter stopped before it was done (then every later probe keeps its elements). */
  let cut: 'probes' | 'time' | undefined;
  /** The relaxed problem of the last verdict of infeasibility (the kept set's: elements are dropped only on one) and its size's budget. */
  let settled: { readonly p: Problem; readonly budget: number } | undefined;
  /**
   * true when the search finds no feasible placement without the dropped
   * elements; false when it finds one or could not finish (so that an element
   * is dropped only on a finished search, and what is kept stays infeasible)
   */
  const infeasible = (dropped: ReadonlySet<number>): boolean => {
    // once cut, every later call keeps its elements without building anything
    if (cut) return false;
    if (probes >= maxProbes) {
      cut = 'probes';
      return false;
    }
    const m = relaxed(meeting, all, dropped);
    if (!m) return false;
    const p = compile(m, { feasibilityOnly: true });
    const probeIterations = budgetOf(m);
    // a search that finds a placement settles it; one that does not may have been unlucky: a second one, with
    // another seed, must fail too (a relaxed meeting has many more starts than the meeting, and a single
    // failed search let the filter keep sets that do hold together)
    for (let attempt = 0; attempt < 2; attempt++) {
      if (cut) return false;
      if (probes >= maxProbes) cut = 'probes';
      else if (shouldStop()) cut = 'time';
      if (cut) return false;
      probes++;
      const r = feasibilitySearch(p, options.seed + probes, probeIterations, shouldStop);
      if (r.bestHard > 0 && r.iterations < probeIterations && shouldStop()) {
        // stopped by the clock, not done: its answer cannot be trusted
        cut = 'time';
        return false;
      }
      if (r.bestHard === 0) return false;
    }
    settled = { p, budget: Math.max(probeIterations, feasibilityBudget(m)) };
    return true;
  };
  const dropped = new Set<number>();
  if (!infeasible(dropped)) {
    if (cut === 'time') return [`${limitWords.ran} left no time for the deletion filter (the search for a small set that cannot hold together): ${limitWords.advice} for it`];
    return ['a short search found placements without any hard violation for this meeting: the full search may need a larger budget (--iterations or --time-limit)'];
  }
  // first, everything that does not concern the sessions in focus, at once
  if (options.focus && options.focus.length > 0) {
    const focus = new Set(options.focus);
    const elsewhere: number[] = [];
    all.forEach((e, i) => {
      if (e.sessions && !e.sessions.some((x) => focus.has(x))) elsewhere.push(i);
    });
    if (elsewhere.length > 0 && infeasible(new Set(elsewhere))) for (const i of elsewhere) dropped.add(i);
  }
  // divide and conquer: drop a chunk when the rest stays infeasible, else split it
  const visit = (chunk: number[]): void => {
    if (chunk.length === 0) return;
    const trial = new Set(dropped);
    for (const i of chunk) trial.add(i);
    if (infeasible(trial)) {
      for (const i of chunk) dropped.add(i);
      return;
    }
    if (chunk.length === 1) return;
    const mid = chunk.length >> 1;
    visit(chunk.slice(0, mid));
    visit(chunk.slice(mid));
  };
  visit(all.map((_, i) => i).filter((i) => !dropped.has(i)));
  const kept = all.map((e, i) => (dropped.has(i) ? undefined : e.label)).filter((x): x is string => x !== undefined);
  // the set rests on searches that found nothing, which is no proof: one more, twice as long as a probe
  // of its own size and with a seed no probe had, must find nothing too before the set is named
  // (a time limit may leave no time for it: the set is then named, saying so)
  let unconfirmed = false;
  if (!cut && shouldStop()) unconfirmed = true;
  else if (!cut && settled) {
    const n = 2 * settled.budget;
    const r = feasibilitySearch(settled.p, options.seed + maxProbes + 1, n, shouldStop);
    if (r.bestHard > 0 && r.iterations < n && shouldStop()) unconfirmed = true;
    if (r.bestHard === 0) {
      const what = kept.length === 0 ? 'without any rule or restriction' : `with only ${kept.length === 1 ? 'the rule or restriction' : `the ${kept.length} rules and restrictions`} it had kept (${kept.slice(0, 3).join('; ')}${kept.length > 3 ? '; …' : ''})`;
      return [`the deletion filter found no set it could confirm: a longer search placed every session ${what}, so a shorter one missed a placement on the way; the counting bounds are what is certain`];
    }
  }
  if (kept.length === 0) {
    return ['even without its rules and restrictions the sessions find no placement: there are more sessions (or longer ones) than the blocks and tracks can hold, or one group has more sessions than can be kept apart'];
  }
  if (cut && kept.length > LIST_CUT) {
    return [
      `the deletion filter stopped early${cut === 'time' ? ` at ${limitWords.at}` : ''} with ${kept.length} rules and restrictions not yet ruled out, too many to list: ${cut === 'time' ? limitWords.advice : 'run it on a smaller part of the meeting'} for a small set that cannot hold together`,
    ];
  }
  const note = unconfirmed ? `; ${limitWords.ran} left no time to confirm it with a longer search` : '';
  const head = cut
    ? `these rules and restrictions cannot hold together (the deletion filter stopped early${cut === 'time' ? `, at ${limitWords.at}` : ''}; the set may not be the smallest):`
    : kept.length === 1
      ? `this rule or restriction cannot hold (without it the search finds a placement${note}):`
      : `these ${kept.length} rules and restrictions cannot hold together (without any one of them the search finds a placement${note}):`;
  return [head, ...kept.map((k) => `  ${k}`)];
}

/** `; on 2021-03-28 the clocks change: block night lasts 90 minutes instead of 150`, for the blocks these sessions may use, or ''. */
function clockChanges(meeting: Meeting, sessions: readonly number[]): string {
  const notes = new Set<string>();
  for (const s of sessions) {
    const sess = meeting.sessions[s]!;
    for (const d of sess.allowedDays) {
      for (const b of sess.allowedBlocks) {
        const inst = meeting.instances[d * meeting.blocks.length + b]!;
        const block = meeting.blocks[b]!;
        const nominal = block.endWall - block.startWall;
        const actual = inst.end - inst.start;
        if (actual !== nominal) notes.add(`on ${meeting.days[d]!.date} the clocks change: block ${block.id} lasts ${actual} minutes instead of ${nominal}`);
      }
    }
  }
  return notes.size ? `; ${[...notes].join('; ')}` : '';
}
