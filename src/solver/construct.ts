/**
 * The first placement: sessions most constrained first, each at its
 * lexicographically best start (fewest hard violations, then lowest total);
 * then a greedy repair of the sessions left in violation. Where every cost is
 * 0 (the diagnosis's searches), sessions in sequences come after those they
 * follow and take their earliest tied start.
 */
import type { Rng } from './rng.js';
import type { State } from './state.js';

/**
 * Places every session not yet placed greedily, most constrained first
 * (fewest candidates, most hard neighbours, longest). `diverse`: in random
 * order instead, each at a random start among those that break the fewest
 * rules, whatever they cost (the default budget's later rounds start so, to
 * land elsewhere than the greedy placement leads).
 *
 * @example
 * const state = new State(problem);
 * construct(state, createRng(1));
 * state.hard // hard violations left by the greedy placement
 */
export function construct(state: State, rng: Rng, diverse = false): void {
  const p = state.p;
  let order = Array.from({ length: p.n }, (_, s) => s);
  const hardDeg = new Int32Array(p.n);
  for (let s = 0; s < p.n; s++) for (let j = p.adjOff[s]!; j < p.adjOff[s + 1]!; j++) if (p.adjH[j]! > 0) hardDeg[s]!++;
  const ncand = (s: number) => p.candOff[s + 1]! - p.candOff[s]!;
  order.sort((a, b) => ncand(a) - ncand(b) || hardDeg[b]! - hardDeg[a]! || p.minutes[b]! - p.minutes[a]! || a - b);
  // where every cost is 0 (the diagnosis's feasibility searches) nearly every start ties: drawn at
  // random, a chain of sequences (an opening pinned to a time, the openings after it that day, the
  // Questions after them) is scattered over the days for the search to gather, and searches of feasible
  // meetings failed. There, sessions in sequences come first, each after the ones it follows, and take
  // their earliest tied start (list scheduling): a same-day chain that fills a day's blocks is laid out
  // before other sessions take its places
  const inSeq = p.feasibilityOnly ? new Uint8Array(p.n) : undefined;
  if (inSeq) {
    for (let q = 0; q < p.seqA.length; q++) inSeq[p.seqA[q]!] = inSeq[p.seqB[q]!] = 1;
    const topo = topological(p, order);
    order = [...topo.filter((s) => inSeq[s]), ...topo.filter((s) => !inSeq[s])];
  }
  if (diverse) shuffle(order, rng);
  for (const s of order) {
    if (state.cand[s]! >= 0) continue;
    let best = -1;
    let bh = Infinity;
    let bt = Infinity;
    let ties = 0;
    for (let c = p.candOff[s]!; c < p.candOff[s + 1]!; c++) {
      state.delta(s, c);
      const dh = state.dHard;
      const dt = diverse ? 0 : state.deltaTotal();
      if (dh < bh || (dh === bh && dt < bt)) {
        best = c;
        bh = dh;
        bt = dt;
        ties = 1;
      } else if (dh === bh && dt === bt) {
        ties++;
        if (!inSeq?.[s] && rng.int(ties) === 0) best = c;
      }
    }
    if (best >= 0) state.apply(s, best);
  }
}

/** Shuffles `list` in place (Fisher–Yates, from the end: the draws of the seeded generator decide). */
function shuffle(list: number[], rng: Rng): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = list[i]!;
    list[i] = list[j]!;
    list[j] = t;
  }
}

/** The sessions in `order`, each after every session it follows in a sequence, otherwise as early in `order` as it can be (sessions on a cycle last). */
function topological(p: State['p'], order: readonly number[]): number[] {
  const n = p.n;
  const rank = new Int32Array(n);
  order.forEach((s, i) => (rank[s] = i));
  const indeg = new Int32Array(n);
  const succOff = new Int32Array(n + 1);
  for (let q = 0; q < p.seqA.length; q++) {
    indeg[p.seqB[q]!]!++;
    succOff[p.seqA[q]! + 1]!++;
  }
  for (let s = 0; s < n; s++) succOff[s + 1]! += succOff[s]!;
  const fill = succOff.slice(0, n);
  const succ = new Int32Array(p.seqA.length);
  for (let q = 0; q < p.seqA.length; q++) succ[fill[p.seqA[q]!]!++] = p.seqB[q]!;
  const done = new Uint8Array(n);
  const out: number[] = [];
  for (let i = 0; i < n; ) {
    const s = order[i]!;
    if (done[s] || indeg[s]! > 0) {
      i++;
      continue;
    }
    done[s] = 1;
    out.push(s);
    for (let k = succOff[s]!; k < succOff[s + 1]!; k++) {
      const b = succ[k]!;
      if (--indeg[b]! === 0 && rank[b]! < i) i = rank[b]!;
    }
  }
  for (const s of order) if (!done[s]) out.push(s);
  return out;
}

/**
 * Sessions involved in some hard violation (unplaced, a full track, a hard pair, a broken sequence, a quota).
 *
 * @example
 * violatedSessions(state) // [] for a feasible placement
 */
export function violatedSessions(state: State): number[] {
  const p = state.p;
  const n = p.n;
  const bad = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    const c = state.cand[s]!;
    if (c < 0) {
      bad[s] = 1;
      continue;
    }
    for (let x = p.cSlot[c]!; x < p.cSlot[c]! + p.steps[s]!; x++) if (state.occ[x]! > p.tracks) bad[s] = 1;
    if (state.hardAt(s) > 0) bad[s] = 1;
  }
  for (let q = 0; q < p.seqA.length; q++) {
    const a = p.seqA[q]!;
    const b = p.seqB[q]!;
    if (state.cand[a]! < 0 || state.cand[b]! < 0) continue;
    if (state.seqBroken(q)) bad[a] = bad[b] = 1;
  }
  for (let s = 0; s < n; s++) {
    const q = p.quotaOf[s]!;
    if (q >= 0 && (state.qCount[q]! < p.quotaMin[q]! || state.qCount[q]! > p.quotaMax[q]!)) bad[s] = 1;
  }
  const out: number[] = [];
  for (let s = 0; s < n; s++) if (bad[s]) out.push(s);
  return out;
}

/**
 * Greedy repair of the hard violations a construction left: each session
 * involved, in random order, goes to its lexicographically best start
 * (fewest violations, then lowest total), for as long as a pass helps.
 *
 * @example
 * construct(state, rng);
 * if (state.hard > 0) repairHard(state, rng);
 */
export function repairHard(state: State, rng: Rng): void {
  const p = state.p;
  for (let pass = 0; pass < 20 && state.hard > 0; pass++) {
    const before = state.hard;
    const list = violatedSessions(state);
    shuffle(list, rng);
    for (const s of list) {
      const cur = state.cand[s]!;
      let bc = cur;
      let bh = 0;
      let bt = 0;
      for (let c = p.candOff[s]!; c < p.candOff[s + 1]!; c++) {
        if (c === cur) continue;
        state.delta(s, c);
        const dh = state.dHard;
        if (dh > bh) continue;
        const dt = state.deltaTotal();
        if (dh < bh || dt < bt) {
          bc = c;
          bh = dh;
          bt = dt;
        }
      }
      if (bc !== cur && bh < 0) state.apply(s, bc);
    }
    if (state.hard >= before) break;
  }
}
