/**
 * A time-indexed MIP of exactly the rules and objective of SPEC §3–§4, the
 * exact reference the benchmark compares plenary with.
 *
 * - `x[s,c]` ∈ {0,1}: session `s` starts at its candidate `c`
 *   (`meeting.sessions[s].candidates`, which already honour `placement`);
 *   Σ_c x[s,c] = 1.
 * - Occupancy `r[s,t]` = Σ of the x[s,c] whose candidate runs at grid step
 *   `t` (an instant on its block's grid). Sessions overlap exactly when they
 *   share a step, since every start and length is on the block's grid and
 *   blocks never overlap.
 * - tracks: Σ_s r[s,t] ≤ tracks; exclusive: U·r[e,t] + Σ_{s≠e} r[s,t] ≤ U;
 *   group, lead (one clique per set of sessions a person leads) and apart:
 *   Σ r[s,t] ≤ 1 over the clique.
 * - sequence a→b: for every start τ of b, Σ_{c of b, start ≤ τ} x[b,c] ≤
 *   Σ_{c of a, end ≤ τ} x[a,c] (b cannot start before a has ended); sameDay:
 *   Σ_{c of a on day d} x = Σ_{c of b on day d} x for every day d.
 * - quota: min ≤ Σ_{s of g} Σ_{c in a core block} x[s,c] ≤ max.
 * - comfort: a cost per x from the zones' head counts and pains.
 * - conflict: for each pair with a positive weight w (people attending both +
 *   avoid weights) that the hard rules allow to overlap, and each step both
 *   can run at: y ≥ r[a,t] + r[b,t] − 1, cost grid·w·weights.conflict. Where
 *   one of the two fills the whole block, one y per block instance does
 *   (y ≥ u[a,i] + u[b,i] − 1, cost min(minutes)·w·weights.conflict).
 * - pigeonhole cuts (valid inequalities that leave the model exact): the y of
 *   a person's sessions at one block and offset, over all days, are at least
 *   the collisions that so many sessions on so few days must have.
 * - fairness: F ≥ Σ pain of each person's sessions (one row per distinct zone
 *   and set of sessions), cost weights.fairness.
 * - stability (with a previous timetable): weights.stability on every
 *   candidate of a session that starts elsewhere than before.
 *
 * When the conflict cells (pairs × shared steps) exceed a budget, only the
 * heaviest pairs keep their `y`: the model is then a relaxation whose bound is
 * still a valid lower bound of the true optimum (`relaxed: true`).
 */
import type { Meeting } from '../src/model/types.js';
import { commonAttendees, derive, pairKey } from '../src/model/derived.js';
import type { Starts } from '../src/timetable/types.js';
import { SparseModel } from './sparse.js';

/** Options of {@link buildMip}. */
export interface MipOptions {
  /**
   * Most conflict cells to model (pairs: y variables; people: avoid pairs'
   * y and one cell per person set and step); beyond, the lightest pairs and
   * the sets fewest people share are dropped (a relaxation, whose optimum is
   * a lower bound).
   */
  readonly maxConflictCells?: number;
  /** Previous start instants by session id (stability). */
  readonly previous?: ReadonlyMap<string, number>;
  /** Add the pigeonhole cuts (default true; pairs and both formulations). */
  readonly pigeonhole?: boolean;
  /**
   * How people's conflicts are modelled (avoid rules are always pairs):
   * `pairs`, one y per pair of sessions and shared step; `people`, one z per
   * set of sessions that people attend and step, with the convex hull of
   * C(n,2); `both`, pairs plus the per-person rows written on their y.
   * Default: {@link DEFAULT_FORMULATION}.
   */
  readonly formulation?: ConflictFormulation;
  /**
   * People formulation: how the hull of C(n,2) is written: `increments` (one
   * row n − 1 ≤ Σ δ_k and a δ_k ∈ [0,1] of cost k−1 per k; default) or `rows`
   * (z ≥ j·n − j(j+1)/2 for each j). The same LP, but increments are far
   * smaller.
   */
  readonly hull?: 'increments' | 'rows';
  /** People formulation: leave exclusive sessions out of the people's sets (default false: they only make the rows stronger). */
  readonly dropExclusive?: boolean;
  /** People formulation: add the block-instance rows for sessions that fill a block (default false: they tighten little and slow the LP down). */
  readonly instanceRows?: boolean;
  /** Order interchangeable sessions of one group by start (symmetry breaking; default true). */
  readonly symmetry?: boolean;
  /**
   * A price added to the cost of a session's start (session index, start
   * instant): the multipliers of relaxed rows in a Lagrangian bound
   * (`bench/bound.ts`).
   */
  readonly startPrice?: (session: number, start: number) => number;
  /**
   * Write `tracks` and `exclusive` as one row per grid step, `tracks ·
   * Σ_{exclusive} r + Σ_{others} r ≤ tracks` (the same integer points; these
   * are the `trackRows`): the rows `bench/bound.ts` prices. Default false.
   */
  readonly combinedTracks?: boolean;
}

/** The ways of modelling conflicts, see {@link MipOptions.formulation}. */
export type ConflictFormulation = 'pairs' | 'people' | 'both';

/** The conflict formulation used unless asked otherwise. */
export const DEFAULT_FORMULATION: ConflictFormulation = 'people';

/** The built MIP and how to map placements to and from its columns. */
export interface Mip {
  readonly model: SparseModel;
  /** True when some conflict pairs were dropped: the optimum of this model is only a lower bound. */
  readonly relaxed: boolean;
  readonly stats: MipStats;
  /**
   * Column values of a placement (x, y, z, F), for a warm start or to check
   * the model. With symmetry breaking, siblings are first put in their order
   * ({@link Mip.canonical}): same cost, same rules.
   */
  encode(starts: Starts): Float64Array;
  /** The placement with each class of siblings re-sorted by start (the identity without symmetry breaking). */
  canonical(starts: Starts): Starts;
  /** The classes of siblings ordered by start (session indices, in their order). */
  readonly siblings: readonly (readonly number[])[];
  /** Placement from column values (the candidate with the largest x of each session). */
  decode(values: ArrayLike<number>): (number | undefined)[];
  /** The `tracks` rows: row index and the instant of their grid step. */
  readonly trackRows: readonly { readonly row: number; readonly step: number }[];
}

/** Size of the MIP. */
export interface MipStats {
  readonly binaries: number;
  readonly continuous: number;
  readonly rows: number;
  readonly nonzeros: number;
  readonly conflictPairs: number;
  readonly droppedPairs: number;
  readonly conflictCells: number;
  /** Conflict formulation. */
  readonly formulation: ConflictFormulation;
  /** Per-person conflict cells (one per set of sessions and step, or steps with the same sessions running) of the people formulation. */
  readonly personCells: number;
  /** Sets of sessions (people) left out for the cell budget: the model is then a relaxation. */
  readonly droppedSets: number;
  /** Classes of interchangeable sessions ordered by start (symmetry breaking). */
  readonly siblingClasses: number;
  readonly rowsByKind: Readonly<Record<string, number>>;
}

interface Cand {
  readonly col: number;
  readonly inst: number;
  readonly start: number;
  readonly end: number;
  readonly day: number;
  readonly core: boolean;
}

/**
 * Builds the time-indexed MIP of a meeting.
 *
 * @example
 * const mip = buildMip(meeting);
 * const lp = mip.model.toLp(meeting.id); // CPLEX LP text
 */
export function buildMip(meeting: Meeting, options: MipOptions = {}): Mip {
  const d = derive(meeting);
  const n = meeting.sessions.length;
  const grid = meeting.grid;
  const W = meeting.weights;
  const formulation = options.formulation ?? DEFAULT_FORMULATION;
  const model = new SparseModel();
  const painCache = new Map<string, Map<number, number>>();
  const pain = (zone: string, start: number, minutes: number): number => {
    const key = `${zone}|${minutes}`;
    let m = painCache.get(key);
    if (!m) painCache.set(key, (m = new Map()));
    let v = m.get(start);
    if (v === undefined) m.set(start, (v = meeting.comfort.pain(zone, start, minutes)));
    return v;
  };

  // ---- x and comfort (+ stability) costs
  const cands: Cand[][] = meeting.sessions.map((s) =>
    s.candidates.map((c, k) => {
      let cost = 0;
      for (const zw of d.zoneWeights[s.index]!) cost += zw.weight * pain(zw.zone, c.start, s.minutes);
      cost *= W.comfort;
      const before = options.previous?.get(s.id);
      if (before !== undefined && before !== c.start) cost += W.stability;
      if (options.startPrice) cost += options.startPrice(s.index, c.start);
      const inst = meeting.instances[c.instance]!;
      const col = model.addCol(`x${s.index}_${k}`, cost, 0, 1, true);
      return { col, inst: c.instance, start: c.start, end: c.start + s.minutes, day: inst.day, core: meeting.blocks[inst.block]!.core };
    }),
  );
  const binaries = model.numCols;
  for (let s = 0; s < n; s++) {
    const cs = cands[s]!;
    model.addRow('assign', cs.map((c) => c.col), cs.map(() => 1), 1, 1);
  }

  // ---- occupancy: step instant → session → columns running then
  const steps = new Map<number, Map<number, number[]>>();
  for (let s = 0; s < n; s++) {
    for (const c of cands[s]!) {
      for (let t = c.start; t < c.end; t += grid) {
        let at = steps.get(t);
        if (!at) steps.set(t, (at = new Map()));
        let cols = at.get(s);
        if (!cols) at.set(s, (cols = []));
        cols.push(c.col);
      }
    }
  }
  const stepList = [...steps.keys()].sort((a, b) => a - b);
  /** Σ over a set of sessions of r[s,t] ≤ 1 at every step where two of them can run. */
  const clique = (kind: string, members: readonly number[]) => {
    if (members.length < 2) return;
    for (const t of stepList) {
      const at = steps.get(t)!;
      const cols: number[] = [];
      let k = 0;
      for (const s of members) {
        const c = at.get(s);
        if (c) {
          cols.push(...c);
          k++;
        }
      }
      if (k >= 2) model.addRow(kind, cols, cols.map(() => 1), -Infinity, 1);
    }
  };

  // tracks and exclusive
  const trackRows: { row: number; step: number }[] = [];
  for (const t of stepList) {
    const at = steps.get(t)!;
    if (options.combinedTracks) {
      const exclusiveHere = [...at.keys()].some((s) => meeting.sessions[s]!.exclusive);
      if (at.size <= meeting.tracks && (!exclusiveHere || at.size < 2)) continue;
      const cols: number[] = [];
      const vals: number[] = [];
      for (const [s, scols] of at) for (const c of scols) (cols.push(c), vals.push(meeting.sessions[s]!.exclusive ? meeting.tracks : 1));
      trackRows.push({ row: model.numRows, step: t });
      model.addRow('tracks', cols, vals, -Infinity, meeting.tracks);
      continue;
    }
    if (at.size > meeting.tracks) {
      const cols = [...at.values()].flat();
      trackRows.push({ row: model.numRows, step: t });
      model.addRow('tracks', cols, cols.map(() => 1), -Infinity, meeting.tracks);
    }
    for (const [e, ecols] of at) {
      if (!meeting.sessions[e]!.exclusive || at.size < 2) continue;
      const U = Math.min(meeting.tracks, at.size - 1);
      const cols = [...ecols];
      const vals = ecols.map(() => U);
      for (const [s, scols] of at) {
        if (s === e) continue;
        cols.push(...scols);
        for (let i = 0; i < scols.length; i++) vals.push(1);
      }
      model.addRow('exclusive', cols, vals, -Infinity, U);
    }
  }
  // group, lead, apart cliques
  for (const g of meeting.groups) clique('group', g.sessions);
  const leadSets = new Map<string, number[]>();
  for (const p of meeting.people) {
    const led = meeting.sessions.filter((s) => s.required.includes(p.index)).map((s) => s.index);
    if (led.length >= 2) leadSets.set(led.join(','), led);
  }
  for (const set of leadSets.values()) clique('lead', set);
  for (const a of meeting.aparts) clique('apart', a.sessions);

  /** b cannot start before a has ended: for every start τ of b, Σ_{c of b, start ≤ τ} x ≤ Σ_{c of a, end ≤ τ} x. */
  const precedes = (kind: string, sa: number, sb: number) => {
    const a = cands[sa]!;
    const b = cands[sb]!;
    const taus = [...new Set(b.map((c) => c.start))].sort((x, y) => x - y);
    for (const tau of taus) {
      const cols: number[] = [];
      const vals: number[] = [];
      for (const c of b) if (c.start <= tau) (cols.push(c.col), vals.push(1));
      for (const c of a) if (c.end <= tau) (cols.push(c.col), vals.push(-1));
      model.addRow(kind, cols, vals, -Infinity, 0);
    }
  };
  // sequences
  const ordered = new Set<string>();
  for (const seq of meeting.sequences) {
    for (let i = 0; i + 1 < seq.sessions.length; i++) {
      const a = cands[seq.sessions[i]!]!;
      const b = cands[seq.sessions[i + 1]!]!;
      precedes('sequence', seq.sessions[i]!, seq.sessions[i + 1]!);
      ordered.add(`${seq.sessions[i]}>${seq.sessions[i + 1]}`);
      if (seq.sameDay) {
        const days = new Set([...a, ...b].map((c) => c.day));
        for (const day of [...days].sort((x, y) => x - y)) {
          const cols: number[] = [];
          const vals: number[] = [];
          for (const c of a) if (c.day === day) (cols.push(c.col), vals.push(1));
          for (const c of b) if (c.day === day) (cols.push(c.col), vals.push(-1));
          model.addRow('sameday', cols, vals, 0, 0);
        }
      }
    }
  }
  // symmetry breaking: siblings start in their class's order (any timetable
  // becomes one of the same cost and rules by re-sorting them, see canonical)
  const sibs = options.symmetry === false ? [] : siblingClasses(meeting, cands.map((cs) => cs.map((c) => `${c.start}:${model.costOf(c.col)}`).join(',')));
  for (const cls of sibs) for (let i = 0; i + 1 < cls.length; i++) if (!ordered.has(`${cls[i]}>${cls[i + 1]}`)) precedes('symmetry', cls[i]!, cls[i + 1]!);
  // quotas
  for (const g of meeting.groups) {
    if (!g.core) continue;
    const cols = g.sessions.flatMap((s) => cands[s]!.filter((c) => c.core).map((c) => c.col));
    model.addRow('quota', cols, cols.map(() => 1), g.core.min, g.core.max ?? Infinity);
  }

  // ---- conflict
  const apart = new Set<number>();
  const forbid = (a: number, b: number) => apart.add(pairKey(meeting, a, b));
  for (const g of meeting.groups) for (const a of g.sessions) for (const b of g.sessions) if (a < b) forbid(a, b);
  for (const set of leadSets.values()) for (const a of set) for (const b of set) if (a < b) forbid(a, b);
  for (const k of d.apartPairs) apart.add(k);
  for (const seq of meeting.sequences) for (const a of seq.sessions) for (const b of seq.sessions) if (a !== b) forbid(a, b);
  const exclusive = (s: number) => meeting.sessions[s]!.exclusive;
  // people's conflicts as pairs (pairs mode, both) or per person (people mode); avoid rules always as pairs
  const peopleMode = formulation === 'people';
  const pairs = new Map<number, number>();
  if (!peopleMode) {
    for (const p of meeting.people) {
      const ss = p.sessions;
      for (let i = 0; i < ss.length; i++) for (let j = i + 1; j < ss.length; j++) pairs.set(pairKey(meeting, ss[i]!, ss[j]!), 0);
    }
  }
  for (const k of d.avoidWeights.keys()) pairs.set(k, 0);
  /**
   * A conflict cell: one y of a pair. Where one of the two fills its whole
   * block instance (the other overlaps it entirely when both are there), one y
   * per instance: y ≥ u[a,i] + u[b,i] − 1 at min(minutes) per minute of
   * weight; otherwise one y per shared grid step: y ≥ r[a,t] + r[b,t] − 1.
   */
  interface Cell {
    readonly steps: readonly number[];
    readonly inst: number | undefined;
  }
  interface Pair {
    a: number;
    b: number;
    w: number;
    cells: Cell[];
  }
  const live: Pair[] = [];
  for (const k of pairs.keys()) {
    if (apart.has(k)) continue;
    const a = Math.floor(k / n);
    const b = k % n;
    if (exclusive(a) || exclusive(b)) continue;
    const w = (peopleMode ? 0 : commonAttendees(d, a, b)) + (d.avoidWeights.get(k) ?? 0);
    if (w <= 0) continue;
    live.push({ a, b, w, cells: [] });
  }
  // shared steps, by walking each session's steps, grouped by block instance
  const stepInst = new Map<number, number>();
  for (const inst of meeting.instances) for (let t = inst.start; t < inst.end; t += grid) stepInst.set(t, inst.index);
  const fills = (s: number, i: number) => {
    const inst = meeting.instances[i]!;
    return meeting.sessions[s]!.minutes >= inst.end - inst.start;
  };
  const stepsOf = new Map<number, number[]>();
  for (const t of stepList) for (const s of steps.get(t)!.keys()) (stepsOf.get(s) ?? stepsOf.set(s, []).get(s)!).push(t);
  for (const p of live) {
    const sb = new Set(stepsOf.get(p.b) ?? []);
    const byInst = new Map<number, number[]>();
    for (const t of stepsOf.get(p.a) ?? []) if (sb.has(t)) (byInst.get(stepInst.get(t)!) ?? byInst.set(stepInst.get(t)!, []).get(stepInst.get(t)!)!).push(t);
    for (const [i, ts] of byInst) {
      if (fills(p.a, i) || fills(p.b, i)) p.cells.push({ steps: ts, inst: i });
      else for (const t of ts) p.cells.push({ steps: [t], inst: undefined });
    }
  }
  live.sort((x, y) => y.w - x.w || x.a - y.a || x.b - y.b);
  const budget = options.maxConflictCells ?? Infinity;
  const kept: Pair[] = [];
  let used = 0;
  for (const p of live) {
    if (p.cells.length === 0) continue;
    if (used + p.cells.length > budget) continue;
    kept.push(p);
    used += p.cells.length;
  }
  const yCols: { a: number; b: number; cell: Cell; col: number }[] = [];
  const minutesOf = (s: number) => meeting.sessions[s]!.minutes;
  for (const p of kept) {
    for (const cell of p.cells) {
      let cols: number[];
      let minutes: number;
      if (cell.inst !== undefined) {
        const i = cell.inst;
        cols = [...cands[p.a]!.filter((c) => c.inst === i).map((c) => c.col), ...cands[p.b]!.filter((c) => c.inst === i).map((c) => c.col)];
        minutes = Math.min(minutesOf(p.a), minutesOf(p.b));
      } else {
        const at = steps.get(cell.steps[0]!)!;
        cols = [...at.get(p.a)!, ...at.get(p.b)!];
        minutes = grid;
      }
      const col = model.addCol(`y${p.a}_${p.b}_${cell.inst !== undefined ? `i${cell.inst}` : `t${cell.steps[0]}`}`, minutes * p.w * W.conflict, 0, Infinity, false);
      yCols.push({ a: p.a, b: p.b, cell, col });
      model.addRow('conflict', [...cols, col], [...cols.map(() => 1), -1], -Infinity, 1);
    }
  }
  let relaxed = kept.length < live.filter((p) => p.cells.length > 0).length;

  // The people's session sets (exclusive sessions left out: they overlap
  // nothing), with how many people share each.
  const setsOf = (filter: (s: number) => boolean) => {
    const sets = new Map<string, { sessions: readonly number[]; count: number }>();
    for (const p of meeting.people) {
      const S = p.sessions.filter(filter);
      if (S.length < 2) continue;
      const key = S.join(',');
      const e = sets.get(key);
      if (e) e.count++;
      else sets.set(key, { sessions: S, count: 1 });
    }
    return sets;
  };
  const personSets = setsOf(options.dropExclusive ? (s) => !exclusive(s) : () => true);
  /** Most of a person's sessions that can run at once among `members`: one per group at most. */
  const concurrency = (members: readonly number[]) => new Set(members.map((s) => meeting.sessions[s]!.group)).size;

  // ---- per-person conflict (people mode): for each set of sessions S that
  // `count` people attend and each step t, n = Σ_{s∈S} r[s,t] of them run,
  // costing C(n,2)·grid per person; z ≥ j·n − j(j+1)/2 for j = 1..K−1 is the
  // convex hull of C(n,2) over n = 0..K (K: most that can run at once).
  // Steps of one block instance where the same columns run (sessions that
  // fill the block) share one z.
  const zCols: { sessions: readonly number[]; steps: readonly number[]; col: number; deltas: readonly number[] }[] = [];
  const increments = options.hull !== 'rows';
  let droppedSets = 0;
  if (peopleMode) {
    type Cells = Map<number, Map<string, { steps: number[]; cols: number[]; members: number[] }>>;
    const all: { index: number; count: number; byInst: Cells; cells: number }[] = [];
    let setIndex = 0;
    for (const { sessions: S, count } of personSets.values()) {
      setIndex++;
      const byInst: Cells = new Map();
      let cells = 0;
      for (const t of stepList) {
        const at = steps.get(t)!;
        const members = S.filter((s) => at.has(s));
        if (members.length < 2 || concurrency(members) < 2) continue;
        const cols = members.flatMap((s) => at.get(s)!);
        const i = stepInst.get(t)!;
        const m = byInst.get(i) ?? byInst.set(i, new Map()).get(i)!;
        const key = cols.join(',');
        const e = m.get(key);
        if (e) e.steps.push(t);
        else (m.set(key, { steps: [t], cols, members }), cells++);
      }
      if (cells > 0) all.push({ index: setIndex, count, byInst, cells });
    }
    // within the cell budget (after the avoid pairs): the sets most people share first; dropping any leaves a relaxation
    const order = [...all].sort((a, b) => b.count - a.count || b.cells - a.cells || a.index - b.index);
    const keep = new Set<number>();
    for (const e of order) {
      if (used + e.cells > budget) continue;
      keep.add(e.index);
      used += e.cells;
    }
    droppedSets = all.length - keep.size;
    if (droppedSets > 0) relaxed = true;
    for (const { index, count, byInst } of all) {
      if (!keep.has(index)) continue;
      const setIndex = index;
      for (const [i, m] of byInst) {
        const zs: { col: number; steps: number }[] = [];
        const here = new Set<number>();
        for (const { steps: ts, cols, members } of m.values()) {
          for (const s of members) here.add(s);
          const K = concurrency(members);
          const unit = grid * ts.length * count * W.conflict;
          if (increments) {
            // n − 1 ≤ Σ_{k=2..K} δ_k, δ_k ∈ [0,1] at cost (k−1): the cheapest
            // δ fill in order, so Σ (k−1)·δ_k is the same hull of C(n,2)
            const ds: number[] = [];
            for (let k = 2; k <= K; k++) ds.push(model.addCol(`d${setIndex}_t${ts[0]}_${k}`, (k - 1) * unit, 0, 1, false));
            zCols.push({ sessions: members, steps: ts, col: -1, deltas: ds });
            model.addRow('conflict', [...cols, ...ds], [...cols.map(() => 1), ...ds.map(() => -1)], -Infinity, 1);
            continue;
          }
          const col = model.addCol(`z${setIndex}_t${ts[0]}`, unit, 0, Infinity, false);
          zCols.push({ sessions: members, steps: ts, col, deltas: [] });
          zs.push({ col, steps: ts.length });
          for (let j = 1; j < K; j++) model.addRow('conflict', [...cols, col], [...cols.map(() => j), -1], -Infinity, (j * (j + 1)) / 2);
        }
        // A session that fills the block collides with each other one there
        // for at least a step, wherever in the block that one starts: with
        // u = "is in this block instance", the fillers F and one partial p
        // give Σ_t z_t ≥ conv C(Σ_F u + u_p, 2) (the per-step rows miss it
        // when p is split over its starts in the block).
        if (options.instanceRows !== true || increments) continue;
        const fillers = [...here].filter((s) => fills(s, i));
        if (fillers.length === 0) continue;
        const uCols = (s: number) => cands[s]!.filter((c) => c.inst === i).map((c) => c.col);
        const fCols = fillers.flatMap(uCols);
        for (const p of [...here].filter((s) => !fills(s, i))) {
          const K = concurrency([...fillers, p]);
          const cols = [...fCols, ...uCols(p)];
          for (let j = 1; j < K; j++) model.addRow('conflict-block', [...cols, ...zs.map((z) => z.col)], [...cols.map(() => j), ...zs.map((z) => -z.steps)], -Infinity, (j * (j + 1)) / 2);
        }
      }
    }
  }

  // ---- pigeonhole cuts (valid inequalities; the model stays exact): a person's
  // sessions that fall on the same block and offset, summed over the days (m
  // steps), collide at least g(N) = max_j (j·N − m·j(j+1)/2) times, N being
  // how many of them fall there (excl. sessions left in: they only make it more). Each collision is one y of a pair of theirs.
  // With formulation 'both', the same per step (m = 1): the per-person rows
  // of the people mode, written on the pairs' y.
  if (!peopleMode && options.pigeonhole !== false && !relaxed && yCols.length > 0) {
    const yAt = new Map<number, Map<number, number>>();
    for (const y of yCols) {
      const k = pairKey(meeting, y.a, y.b);
      const m = yAt.get(k) ?? yAt.set(k, new Map()).get(k)!;
      for (const t of y.cell.steps) m.set(t, y.col); // an instance's y is ≥ every step's collision
    }
    const classes = new Map<string, number[]>();
    for (const inst of meeting.instances) {
      for (let t = inst.start; t < inst.end; t += grid) {
        if (!steps.has(t)) continue;
        const key = `${inst.block}:${t - inst.start}`;
        (classes.get(key) ?? classes.set(key, []).get(key)!).push(t);
        if (formulation === 'both') classes.set(`t${t}`, [t]);
      }
    }
    for (const { sessions: S } of setsOf(() => true).values()) {
      for (const T of classes.values()) {
        const m = T.length;
        const cols: number[] = [];
        const ones: number[] = [];
        const here: number[] = [];
        for (const s of S) {
          let found = false;
          for (const t of T) {
            const c = steps.get(t)!.get(s);
            if (c) {
              cols.push(...c);
              for (let i = 0; i < c.length; i++) ones.push(1);
              found = true;
            }
          }
          if (found) here.push(s);
        }
        const count = here.length;
        if (count <= m) continue;
        const K = m === 1 ? concurrency(here) : count;
        const ys: number[] = [];
        for (let i = 0; i < S.length; i++) {
          for (let j = i + 1; j < S.length; j++) {
            const at = yAt.get(pairKey(meeting, S[i]!, S[j]!));
            if (!at) continue;
            for (const t of T) {
              const c = at.get(t);
              if (c !== undefined) ys.push(c);
            }
          }
        }
        for (let j = 1; j * m < K; j++) {
          model.addRow('pigeonhole', [...cols, ...ys], [...ones.map(() => j), ...ys.map(() => -1)], -Infinity, (m * j * (j + 1)) / 2);
        }
      }
    }
  }

  // ---- fairness
  let fCol = -1;
  const fairRows: { zone: string; sessions: readonly number[] }[] = [];
  if (meeting.people.length > 0 && W.fairness > 0) {
    const seen = new Set<string>();
    for (const p of meeting.people) {
      if (p.sessions.length === 0) continue;
      const key = `${p.timeZone}|${p.sessions.join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      fairRows.push({ zone: p.timeZone, sessions: p.sessions });
    }
    // F is at least every person's least possible pain (each session at its least painful start)
    let least = 0;
    for (const r of fairRows) {
      let sum = 0;
      for (const s of r.sessions) sum += Math.min(...cands[s]!.map((c) => pain(r.zone, c.start, meeting.sessions[s]!.minutes)));
      least = Math.max(least, sum);
    }
    fCol = model.addCol('F', W.fairness, least, Infinity, false);
    for (const { zone, sessions } of fairRows) {
      const p = { timeZone: zone, sessions };
      const cols: number[] = [];
      const vals: number[] = [];
      for (const s of p.sessions) {
        const sess = meeting.sessions[s]!;
        for (const c of cands[s]!) {
          const v = pain(p.timeZone, c.start, sess.minutes);
          if (v !== 0) (cols.push(c.col), vals.push(v));
        }
      }
      cols.push(fCol);
      vals.push(-1);
      model.addRow('fairness', cols, vals, -Infinity, 0);
    }
  }

  const colOf = (s: number, start: number | undefined): number | undefined => cands[s]!.find((c) => c.start === start)?.col;
  const canonical = (starts: Starts): Starts => {
    if (sibs.length === 0) return starts;
    const out = [...starts];
    for (const cls of sibs) {
      const sorted = cls.map((s) => starts[s]!).sort((a, b) => a - b);
      cls.forEach((s, i) => (out[s] = sorted[i]));
    }
    return out;
  };
  return {
    model,
    relaxed,
    stats: {
      binaries,
      continuous: model.numCols - binaries,
      rows: model.numRows,
      nonzeros: model.nonzeros,
      conflictPairs: kept.length,
      droppedPairs: live.filter((p) => p.cells.length > 0).length - kept.length,
      droppedSets,
      conflictCells: used,
      formulation,
      personCells: zCols.length,
      siblingClasses: sibs.length,
      rowsByKind: Object.fromEntries(model.rowKinds),
    },
    canonical,
    siblings: sibs,
    trackRows,
    encode(given) {
      const starts = canonical(given);
      const v = new Float64Array(model.numCols);
      for (let s = 0; s < n; s++) {
        const col = colOf(s, starts[s]);
        if (col === undefined) throw new Error(`encode: ${meeting.sessions[s]!.id} is not at one of its candidates`);
        v[col] = 1;
      }
      const runs = (s: number, t: number) => {
        const st = starts[s]!;
        return st <= t && t < st + meeting.sessions[s]!.minutes ? 1 : 0;
      };
      const inInst = (s: number, i: number) => (cands[s]!.find((c) => c.start === starts[s])?.inst === i ? 1 : 0);
      for (const y of yCols) {
        v[y.col] = y.cell.inst !== undefined ? Math.max(0, inInst(y.a, y.cell.inst) + inInst(y.b, y.cell.inst) - 1) : Math.max(0, runs(y.a, y.cell.steps[0]!) + runs(y.b, y.cell.steps[0]!) - 1);
      }
      for (const z of zCols) {
        let k = 0;
        for (const s of z.sessions) k += runs(s, z.steps[0]!);
        if (z.col >= 0) v[z.col] = (k * (k - 1)) / 2;
        z.deltas.forEach((col, i) => (v[col] = i + 2 <= k ? 1 : 0));
      }
      if (fCol >= 0) {
        let worst = 0;
        for (const r of fairRows) {
          let sum = 0;
          for (const s of r.sessions) sum += pain(r.zone, starts[s]!, meeting.sessions[s]!.minutes);
          worst = Math.max(worst, sum);
        }
        v[fCol] = worst;
      }
      return v;
    },
    decode(values) {
      return cands.map((cs) => {
        let best: Cand | undefined;
        let bv = -1;
        for (const c of cs) {
          const x = values[c.col]!;
          if (x > bv) {
            bv = x;
            best = c;
          }
        }
        return best && bv > 0.5 ? best.start : undefined;
      });
    },
  };
}

/**
 * Classes of interchangeable sessions (the solver calls them siblings): one
 * group, the same length and exclusivity, the same candidate starts at the
 * same costs (`shape[s]`), named by no apart or avoid rule, and named by every
 * sequence either all together, consecutively and in one order, or not at
 * all. Each class in that order (sequence order, else spec order). Swapping
 * two of them changes neither the cost nor any rule, so a timetable with the
 * class sorted by start is as good as any.
 *
 * @example
 * siblingClasses(meeting, shapes) // [[12, 13, 14], [40, 41]]
 */
export function siblingClasses(meeting: Meeting, shape: readonly string[]): number[][] {
  const named = new Set<number>();
  for (const r of meeting.aparts) for (const s of r.sessions) named.add(s);
  for (const r of meeting.avoids) for (const s of r.sessions) named.add(s);
  const byKey = new Map<string, number[]>();
  for (const sess of meeting.sessions) {
    if (named.has(sess.index)) continue;
    const key = `${sess.group}|${sess.minutes}|${sess.exclusive ? 1 : 0}|${shape[sess.index]}`;
    (byKey.get(key) ?? byKey.set(key, []).get(key)!).push(sess.index);
  }
  const classes: number[][] = [];
  for (const members of byKey.values()) {
    if (members.length < 2) continue;
    const set = new Set(members);
    let order: number[] | undefined;
    let ok = true;
    for (const seq of meeting.sequences) {
      const pos = seq.sessions.map((x, i) => (set.has(x) ? i : -1)).filter((i) => i >= 0);
      if (pos.length === 0) continue;
      const o = pos.map((i) => seq.sessions[i]!);
      if (pos.length !== members.length || pos[pos.length - 1]! - pos[0]! !== pos.length - 1 || (order && order.some((x, i) => x !== o[i]))) {
        ok = false;
        break;
      }
      order = o;
    }
    if (ok) classes.push(order ?? members);
  }
  return classes;
}
