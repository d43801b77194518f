import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMeeting } from '../src/spec/read.js';
import { defaultBudget, PROVEN_INFEASIBLE_ITERATIONS, solve } from '../src/solver/solve.js';
import { evaluate } from '../src/timetable/constraints.js';
import { compile, SIBLINGS_MAX } from '../src/solver/compile.js';
import { countingBounds, diagnose } from '../src/solver/diagnose.js';
import { construct } from '../src/solver/construct.js';
import { State } from '../src/solver/state.js';
import { createRng } from '../src/solver/rng.js';
import { meeting as helperMeeting, spec } from './helpers.js';
import { CORE_OVERFLOW, PINNED_RAPPORTEUR, SEQUENCE_AGAINST_DAYS } from './solver-fixtures.js';

describe('infeasible meetings', () => {
  /** The deletion filter's set: the lines after its heading. */
  const setOf = (lines: string[]) => lines.slice(lines.findIndex((d) => d.includes('cannot hold')) + 1).map((d) => d.trim());

  it('a time limit that runs out before the search starts says so first: the placement is the first one, never searched', () => {
    // a clock that jumps 100 ms at every reading: the limit has passed once the model is built
    let now = 0;
    const clock = () => (now += 100);
    const r = solve(loadMeeting(CORE_OVERFLOW), { seed: 1, timeLimitMs: 50, clock });
    expect(r.status).toBe('infeasible');
    expect(r.diagnosis[0]).toMatch(/^the time limit \(50 ms\) ran out before the search could start: building the model and a first placement took \d+ ms, so this is that first placement, never searched, and says nothing of whether the meeting can be solved; give a time limit well above \d+ ms, or none$/);
    // with time to search, no such line
    const searched = solve(loadMeeting(CORE_OVERFLOW), { seed: 1, timeLimitMs: 500 });
    expect(searched.iterations).toBeGreaterThan(0);
    expect(searched.diagnosis.some((d) => d.includes('before the search could start'))).toBe(false);
  });

  it('(a) core sessions beyond core capacity: counting bound and the core restrictions at fault', () => {
    const r = solve(loadMeeting(CORE_OVERFLOW), { seed: 1 });
    expect(r.status).toBe('infeasible');
    expect(r.result.score.hard).toBeGreaterThan(0);
    expect(r.timetable.status).toBe('infeasible');
    expect(r.timetable.diagnosis).toEqual(r.diagnosis);
    const core = r.diagnosis.find((d) => d.startsWith('core capacity'));
    expect(core).toMatch(/3 sessions may only run in core blocks \(g1, g2, h1\): 270 track-minutes .* core blocks offer 180/);
    // the deletion filter keeps exactly the three core restrictions and the track limit
    const set = r.diagnosis.slice(r.diagnosis.findIndex((d) => d.includes('cannot hold')) + 1).map((d) => d.trim());
    expect(set.sort()).toEqual(['sessions[0] g1: core', 'sessions[1] g2: core', 'sessions[2] h1: core', 'tracks: 1']);
  });

  it('(b) a sequence that contradicts day restrictions names the rule and both sessions', () => {
    const r = solve(loadMeeting(SEQUENCE_AGAINST_DAYS), { seed: 1 });
    expect(r.status).toBe('infeasible');
    expect(r.result.violations.map((v) => v.constraint)).toEqual(['sequence']);
    expect(r.diagnosis[0]).toMatch(/^rules\[1\] \(sequence intro → deep\): deep must start after intro ends \(at the earliest 2021-05-06 10:00\).*\(it may only run on day 1, 2\)$/);
    const set = r.diagnosis.slice(r.diagnosis.findIndex((d) => d.includes('cannot hold')) + 1).map((d) => d.trim());
    expect(set).toEqual(['sessions[0] intro: days [3]', 'sessions[1] deep: days [1, 2]', 'rules[1] (sequence intro → deep)']);
    expect(set.join(' ')).not.toContain('apart');
  });

  it('(c) two sessions of one rapporteur pinned to the same time name the person and both sessions', () => {
    const r = solve(loadMeeting(PINNED_RAPPORTEUR), { seed: 1 });
    expect(r.status).toBe('infeasible');
    expect(r.result.violations.map((v) => v.constraint)).toEqual(['lead']);
    expect(r.diagnosis).toContain(
      'sessions[0] q1-1 and sessions[1] q2-1 are pinned (at + days) to overlapping times (2021-05-04 11:30 and 2021-05-04 11:30) but must not overlap: both need people[0] Ana Rapporteur (lead)',
    );
    const set = r.diagnosis.slice(r.diagnosis.findIndex((d) => d.includes('cannot hold')) + 1).map((d) => d.trim());
    expect(set).toEqual(['people[0] Ana Rapporteur leads Q1, Q2 (their sessions must not overlap)', 'sessions[0] q1-1: days [1]', 'sessions[0] q1-1: at 11:30', 'sessions[1] q2-1: days [1]', 'sessions[1] q2-1: at 11:30']);
  });

  it('names only the restriction of a session that is at fault, not all of them', () => {
    // one meeting day: `days [1]` restricts nothing, so only the two `at` and the lead are at fault;
    // `core` on q1-1 is true of 11:30 anyway, and `blocks` on q3-1 has nothing to do with it
    const oneDay = loadMeeting({
      ...PINNED_RAPPORTEUR,
      days: { from: '2021-05-04', to: '2021-05-04' },
      sessions: [
        { id: 'q1-1', group: 'Q1', minutes: 90, core: true, days: [1], at: '11:30' },
        { id: 'q2-1', group: 'Q2', minutes: 60, days: [1], at: '11:30' },
        { id: 'q3-1', group: 'Q3', minutes: 90, blocks: ['core2'] },
      ],
    });
    const r = solve(oneDay, { seed: 1 });
    expect(r.status).toBe('infeasible');
    expect(setOf(r.diagnosis)).toEqual(['people[0] Ana Rapporteur leads Q1, Q2 (their sessions must not overlap)', 'sessions[0] q1-1: at 11:30', 'sessions[1] q2-1: at 11:30']);
    // over two days, each session's day and time together are at fault (either alone can move)
    expect(setOf(solve(loadMeeting(PINNED_RAPPORTEUR), { seed: 1 }).diagnosis)).toEqual([
      'people[0] Ana Rapporteur leads Q1, Q2 (their sessions must not overlap)',
      'sessions[0] q1-1: days [1]',
      'sessions[0] q1-1: at 11:30',
      'sessions[1] q2-1: days [1]',
      'sessions[1] q2-1: at 11:30',
    ]);
  });

  it('a sameDay sequence whose sessions share no day', () => {
    const m = loadMeeting(
      spec({
        days: { from: '2021-05-04', to: '2021-05-06' },
        groups: [{ id: 'G' }],
        sessions: [
          { id: 'a', group: 'G', minutes: 30, days: [1] },
          { id: 'b', group: 'G', minutes: 30, days: [2] },
        ],
        rules: [{ sequence: ['a', 'b'], sameDay: true }],
      }),
    );
    expect(countingBounds(m, compile(m))).toEqual(['rules[0] (sequence a → b, same day): its sessions share no day they may run on (a: 1; b: 2)']);
  });

  // (c) among 24 more groups whose sessions are kept apart by 23 rules and have day restrictions:
  // 53 rules and restrictions the deletion filter may drop, 5 of which are at fault
  const crowded = (() => {
    const base = PINNED_RAPPORTEUR;
    const groups = [...base.groups];
    const sessions = [...base.sessions];
    const rules: NonNullable<typeof base.rules>[number][] = [];
    for (let k = 0; k < 24; k++) {
      groups.push({ id: `X${k}` });
      sessions.push({ id: `x${k}-a`, group: `X${k}`, minutes: 30, days: [1 + (k % 2)] }, { id: `x${k}-b`, group: `X${k}`, minutes: 30 });
      if (k > 0) rules.push({ apart: [`x${k - 1}-a`, `x${k}-a`] });
    }
    return loadMeeting({ ...base, tracks: 30, groups, sessions, rules });
  })();

  it('looks first at the sessions of the violations: a few searches find the set that many would need without', () => {
    const focus = [0, 1]; // q1-1, q2-1: the sessions of the lead violation
    const expected = ['people[0] Ana Rapporteur leads Q1, Q2 (their sessions must not overlap)', 'sessions[0] q1-1: days [1]', 'sessions[0] q1-1: at 11:30', 'sessions[1] q2-1: days [1]', 'sessions[1] q2-1: at 11:30'];
    const withFocus = diagnose(crowded, compile(crowded), { seed: 1, maxProbes: 16, focus });
    expect(setOf(withFocus)).toEqual(expected);
    expect(withFocus.join('\n')).not.toContain('stopped early');
    // without the focus the same 16 searches are not enough to narrow the 53 down
    const without = diagnose(crowded, compile(crowded), { seed: 1, maxProbes: 16 });
    expect(without.join('\n')).toContain('the deletion filter stopped early');
    // and with enough of them, the same set
    expect(setOf(diagnose(crowded, compile(crowded), { seed: 1 }))).toEqual(expected);
  });

  it('solve hands the violated sessions to the diagnosis', () => {
    const r = solve(crowded, { seed: 1 });
    expect(r.status).toBe('infeasible');
    expect(setOf(r.diagnosis)).toEqual(['people[0] Ana Rapporteur leads Q1, Q2 (their sessions must not overlap)', 'sessions[0] q1-1: days [1]', 'sessions[0] q1-1: at 11:30', 'sessions[1] q2-1: days [1]', 'sessions[1] q2-1: at 11:30']);
  });

  it("the diagnosis's searches start with sequence chains in order: a pinned opening, the openings after it that day, the Questions after them", () => {
    // every cost is 0 in the deletion filter's searches, so nearly every start ties; drawn at random, the opening
    // (pinned to 11:30, any day) often landed on a late day and its followers found no room after it: searches of
    // feasible meetings failed twice and the filter kept sets that hold together (SG12 with one core block, seed 9:
    // 8 sequences; with the pull move in the mix, seeds 3, 5, 11, 12: 13 rules and restrictions)
    const m = helperMeeting({
      days: { from: '2021-05-03', to: '2021-05-07' },
      groups: [{ id: 'SG' }, { id: 'WP', parent: 'SG' }, { id: 'Q1', parent: 'WP' }, { id: 'Q2', parent: 'WP' }],
      sessions: [
        { id: 'open', group: 'SG', minutes: 90, at: '11:30' },
        { id: 'wp-open', group: 'WP', minutes: 30 },
        { id: 'q1-1', group: 'Q1', minutes: 90 },
        { id: 'q1-2', group: 'Q1', minutes: 90 },
        { id: 'q2-1', group: 'Q2', minutes: 90 },
        { id: 'q2-2', group: 'Q2', minutes: 90 },
        { id: 'wp-close', group: 'WP', minutes: 30 },
      ],
      rules: [
        { sequence: ['open', 'wp-open'], sameDay: true },
        { sequence: ['wp-open', 'q1-1', 'q1-2', 'wp-close'] },
        { sequence: ['wp-open', 'q2-1', 'q2-2', 'wp-close'] },
      ],
    });
    const p = compile(m, { feasibilityOnly: true });
    for (let seed = 1; seed <= 20; seed++) {
      const state = new State(p);
      construct(state, createRng(seed));
      expect(state.hard, `seed ${seed}`).toBe(0);
    }
  });

  it('names no set that a longer search can place: the set rests on searches that found nothing, and one more must find nothing too', () => {
    // searches cut down to their first placement (probeIterations 0) find none for many parts of SG12 that do hold
    // together; the filter then keeps such a part, and the confirming search (twice a probe of its size) places it
    const m = loadMeeting(JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8')), 'meeting.json');
    const lines = diagnose(m, compile(m), { seed: 1, probeIterations: 0, maxProbes: 1000 });
    expect(lines.some((l) => l.includes('cannot hold'))).toBe(false);
    expect(lines.at(-1)).toMatch(/^the deletion filter found no set it could confirm: a longer search placed every session with only the \d+ rules and restrictions it had kept \(.*\), so a shorter one missed a placement on the way; the counting bounds are what is certain$/);
  });

  it('names a set that does not hold together in SG12 with one core block, with every seed (one failed search is not proof)', () => {
    // the SG12 letter's preset with only 11:30–13:00 as core hours: the opening plenary pinned at 11:30 and the
    // working-party openings after it on the same day (4 × 45 minutes) push WP3's opening past the only core block.
    // The filter used to trust one search per verdict, sized for the full meeting: in the relaxed meetings (many more
    // starts) it sometimes missed a placement and kept a set that holds together (a cross-day sequence instead of
    // WP3's `core`); each set below was also checked by solving it alone (README).
    const spec = JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8'));
    const m = loadMeeting({ ...spec, coreHours: [{ start: '11:30', end: '13:00' }] });
    const want = ['sessions[0] sg12-opening: at 11:30', 'sessions[3] wp3-12-opening: core', 'rules[17] (sequence sg12-opening → wp1-12-opening → wp2-12-opening → wp3-12-opening, same day)'];
    for (const seed of [1, 2, 3]) expect(setOf(solve(m, { seed, iterations: 3000 }).diagnosis).sort(), `seed ${seed}`).toEqual(want.sort());
  });

  it('with a time limit, the diagnosis stops when its time is up and says so; the counting bounds stay', () => {
    // a clock that jumps an hour at each reading after the search: the deletion filter gets no time
    let now = 0;
    let searching = true;
    const r = solve(crowded, {
      seed: 1,
      timeLimitMs: 1000,
      clock: () => (searching ? now++ : (now += 3_600_000)),
      onProgress: (p) => {
        if (p.iterations > 0 && !p.improved) searching = now < 900;
      },
    });
    expect(r.status).toBe('infeasible');
    expect(r.diagnosis.some((d) => d.startsWith('sessions[0] q1-1 and sessions[1] q2-1 are pinned'))).toBe(true);
    expect(r.diagnosis.at(-1)).toMatch(/^the time limit left no time for the deletion filter .*--time-limit/);
    // a filter stopped part-way keeps what it has not ruled out, and says that the set may not be the smallest
    // (searches shorter than a progress tick poll shouldStop once each, before they start: four run, two for each
    // verdict of infeasibility — the whole meeting, then everything away from the sessions in focus)
    let calls = 0;
    const cut = diagnose(crowded, compile(crowded), { seed: 1, focus: [0, 1], probeIterations: 4000, shouldStop: () => ++calls > 4 });
    expect(calls).toBe(5);
    const head = cut.find((d) => d.includes('cannot hold'))!;
    expect(head).toContain('stopped early, at the time limit; the set may not be the smallest');
    // a filter that ends just as the time is up names its set without the search that confirms it, and says so
    const headAt = (limit: number) => {
      let n = 0;
      const lines = diagnose(crowded, compile(crowded), { seed: 1, focus: [0, 1], probeIterations: 4000, shouldStop: () => ++n > limit });
      return lines.find((d) => d.includes('cannot hold'))!;
    };
    let limit = 5;
    while (headAt(limit).includes('stopped early')) limit++;
    expect(headAt(limit)).toMatch(/^these \d+ rules and restrictions cannot hold together \(without any one of them the search finds a placement; the time limit left no time to confirm it with a longer search\):$/);
    expect(headAt(1_000_000)).toMatch(/^these \d+ rules and restrictions cannot hold together \(without any one of them the search finds a placement\):$/);
    expect(setOf(cut)).toEqual(expect.arrayContaining(['sessions[0] q1-1: days [1]', 'sessions[0] q1-1: at 11:30', 'sessions[1] q2-1: days [1]', 'sessions[1] q2-1: at 11:30']));
    // without a time limit nothing is cut
    expect(solve(crowded, { seed: 1, iterations: 20_000 }).diagnosis.join('\n')).not.toContain('stopped early');
  });

  it('feasible meetings pass every counting bound', () => {
    const m = loadMeeting(JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8')));
    expect(countingBounds(m, compile(m))).toEqual([]);
  });
});

describe('tight but feasible meetings are solved, not diagnosed', () => {
  // found by an audit: each was reported infeasible, two with a diagnosis naming rules that hold together
  const week = (extra: Record<string, unknown>) =>
    loadMeeting({
      format: 'plenary.meeting/1',
      id: 'tight',
      title: 'tight',
      timeZone: 'Europe/Zurich',
      days: { from: '2024-05-06', to: '2024-05-10' },
      blocks: [
        { id: 'b1', start: '09:00', end: '12:00', core: true },
        { id: 'b2', start: '13:00', end: '16:00' },
      ],
      tracks: 2,
      grid: 15,
      ...extra,
    });
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  it('a quota that fills the core blocks exactly: ten 90-minute sessions of one group, two a day in the core block', () => {
    // a broken quota counted once gave the search nothing to go by (4 of 10 in core, every seed); it now counts
    // by how many sessions are missing, and every seed places all ten with a few thousand iterations
    const m = week({ groups: [{ id: 'Q', core: { min: 10 } }], sessions: ids('q', 10).map((id) => ({ id, group: 'Q', minutes: 90 })) });
    for (let seed = 1; seed <= 5; seed++) {
      const r = solve(m, { seed, iterations: 20_000, assert: seed === 1 });
      expect(r.status, `seed ${seed}`).toBe('feasible');
      expect(r.result.score.hard).toBe(0);
    }
  });

  it('a same-day chain that fills one day: the default budget finds it (searches for feasibility alone after the full search)', () => {
    const chain = ids('c', 8);
    const m = week({
      groups: [{ id: 'A' }, { id: 'B' }],
      people: [{ id: 'p', timeZone: 'America/Chicago', leads: ['A'] }],
      sessions: [...chain.map((id, i) => ({ id, group: i % 2 ? 'B' : 'A', minutes: 45 })), ...ids('o', 6).map((id) => ({ id, group: 'B', minutes: 60 }))],
      rules: [{ sequence: chain, sameDay: true }],
    });
    for (let seed = 1; seed <= 3; seed++) {
      const r = solve(m, { seed });
      expect(r.status, `seed ${seed}`).toBe('feasible');
      expect(r.result).toEqual(evaluate(m, r.starts));
      expect(r.timetable.solver!.iterations).toBe(r.iterations);
    }
    // an explicit number of iterations is what the run does: then the diagnosis says a short search placed it,
    // never that a set of rules cannot hold
    const short = solve(m, { seed: 3, iterations: 2_000 });
    if (short.status === 'infeasible') expect(short.diagnosis.join('\n')).toMatch(/a short search found placements without any hard violation/);
  });

  it('five same-day chains, each filling one day: the default budget, seed 1', () => {
    const chains = [0, 1, 2, 3, 4].map((k) => ids(`c${k}-`, 4));
    const zones = ['Asia/Tokyo', 'America/Denver', 'Europe/London', 'Africa/Lagos', 'Asia/Kolkata'];
    const m = week({
      groups: chains.map((_, k) => ({ id: `G${k}` })),
      people: zones.map((timeZone, k) => ({ id: `l${k}`, timeZone, leads: [`G${k}`] })),
      sessions: chains.flatMap((c, k) => c.map((id) => ({ id, group: `G${k}`, minutes: 90 }))),
      rules: chains.map((c) => ({ sequence: c, sameDay: true })),
    });
    const r = solve(m, { seed: 1 });
    expect(r.status).toBe('feasible');
    expect(r.result.score.hard).toBe(0);
  });
});

it('names sessions left a single start by their restrictions as such, not as pinned by `at`', () => {
  // a 90-minute block on one day, two 90-minute sessions of one group: neither has an `at`
  const m = loadMeeting({
    format: 'plenary.meeting/1',
    id: 'single',
    title: 'single',
    timeZone: 'Europe/Zurich',
    days: { from: '2021-05-04', to: '2021-05-04' },
    blocks: [{ id: 'b', start: '11:30', end: '13:00', core: true }],
    tracks: 2,
    grid: 15,
    groups: [{ id: 'G' }],
    sessions: [
      { id: 'a', group: 'G', minutes: 90 },
      { id: 'b', group: 'G', minutes: 90 },
    ],
  });
  expect(countingBounds(m, compile(m))).toContain(
    'sessions[0] a and sessions[1] b are pinned (each has a single possible start) to overlapping times (2021-05-04 11:30 and 2021-05-04 11:30) but must not overlap: both are sessions of G',
  );
});

describe('meetings whose moves are slow, and meetings proven infeasible by counting', () => {
  // a Question of 400 one-hour sessions in one sequence (a typo for 4) in five days of eight hours
  const question = (count: number) =>
    loadMeeting({
      format: 'plenary.meeting/1',
      id: 'typo',
      title: 'Typo',
      timeZone: 'Europe/Zurich',
      days: { from: '2021-05-03', to: '2021-05-07' },
      blocks: [{ id: 'day', start: '09:00', end: '17:00' }],
      tracks: 2,
      grid: 60,
      groups: [{ id: 'G', delegates: { 'Asia/Tokyo': 2 } }, { id: 'H' }],
      sessions: [...Array.from({ length: count }, (_, i) => ({ id: `g${i}`, group: 'G', minutes: 60 })), { id: 'h1', group: 'H', minutes: 60 }],
      rules: [{ sequence: Array.from({ length: count }, (_, i) => `g${i}`) }],
    });

  it('cuts a large class of interchangeable sessions into runs of consecutive members', () => {
    const p = compile(question(400));
    const classes = Array.from({ length: p.sibOff.length - 1 }, (_, k) => Array.from(p.sibList.subarray(p.sibOff[k]!, p.sibOff[k + 1]!)));
    expect(classes.length).toBe(50);
    for (const c of classes) {
      expect(c.length).toBe(SIBLINGS_MAX);
      // consecutive in the sequence (session g_i is index i)
      c.forEach((s, i) => expect(s).toBe(c[0]! + i));
    }
  });

  it('keeps a time limit on such a meeting: search, rescue and diagnosis within twice the limit and a little', () => {
    const m = question(400);
    const t0 = performance.now();
    const r = solve(m, { seed: 1, timeLimitMs: 400 });
    const ms = performance.now() - t0;
    expect(r.status).toBe('infeasible');
    // 400 ms of search, then at most as long again for the diagnosis; compiling and checking 401 sessions besides
    expect(ms).toBeLessThan(2500);
  });

  it('gives a meeting that counting proves infeasible a short default run and no rescue', () => {
    const m = question(60);
    expect(countingBounds(m, compile(m)).length).toBeGreaterThan(0);
    const r = solve(m, { seed: 1 });
    expect(r.status).toBe('infeasible');
    expect(r.iterations).toBeLessThanOrEqual(PROVEN_INFEASIBLE_ITERATIONS);
    expect(r.iterations).toBeLessThan(defaultBudget(compile(m)).maxIterations);
    expect(r.diagnosis[0]).toMatch(/groups\[0\] G: its sessions .* must not overlap and need 3600 minutes, but the starts they may take cover only 2400 minutes/);
  });
});
