/**
 * Size S: an ITU-T study group meeting shaped like SG12's (SPEC §7, the SG12
 * letter): eight meeting days, two core and two rapporteur blocks a day, an
 * opening plenary and working-party openings on day 1, Question sessions in
 * between (1–2 of them in core hours each), working-party closings on the
 * second-to-last day and the closing plenary on the last; rapporteurs who lead
 * two Questions, experts who attend several, apart and avoid rules, and
 * delegates over 25–40 zones.
 */
import { prng } from './prng.js';
import { Layout, addDays, weekdays } from './layout.js';
import type { Slot } from './layout.js';
import { ITU_ZONES } from './zones.js';
import { drawDelegates, drawZones } from './gen-common.js';
import type { Generated, GroupOut, PersonOut, RuleOut, SessionOut } from './gen-common.js';

/** First days (Tuesdays) of the S meetings, by seed; one crosses Europe's spring DST change, one its autumn one. */
const FIRST_DAYS = ['2021-09-14', '2022-03-22', '2022-10-25', '2023-01-17', '2023-06-13', '2024-11-19'];

const BLOCKS = [
  { id: 'rapporteur1', start: '09:30', end: '11:00', core: false },
  { id: 'core1', start: '11:30', end: '13:00', core: true },
  { id: 'core2', start: '13:30', end: '15:00', core: true },
  { id: 'rapporteur2', start: '15:30', end: '17:00', core: false },
];
const CORE1 = 1;
const CORE2 = 2;

/**
 * An SG12-like study group meeting (~45 sessions, 3 or 4 tracks) for `seed`
 * (1, 2, 3, …), with its hidden feasible placement.
 *
 * @example
 * const { spec, hidden } = studyGroup(1);
 * loadMeeting(spec).sessions.length // ≈ 45
 */
export function studyGroup(seed: number): Generated {
  const rng = prng(0x51000 + seed);
  const from = FIRST_DAYS[(seed - 1 + FIRST_DAYS.length) % FIRST_DAYS.length]!;
  const to = addDays(from, 9);
  const D = weekdays(from, to).length; // 8
  const tracks = seed % 3 === 2 ? 4 : 3;
  const sg = `SG${10 + seed}`;
  const layout = new Layout(D, BLOCKS.map(() => 90), tracks, 15);
  const hidden: Record<string, Slot> = {};
  const groups: GroupOut[] = [];
  const sessions: SessionOut[] = [];
  const rules: RuleOut[] = [];
  const put = (id: string, slot: Slot, exclusive = false) => {
    if (!layout.fits(slot, exclusive)) throw new Error(`generator: ${id} does not fit`);
    layout.add(slot, exclusive);
    hidden[id] = slot;
  };

  const sgZones = drawZones(rng, ITU_ZONES, rng.int(25, 40));
  groups.push({ id: sg, title: `Study Group ${10 + seed}`, delegates: drawDelegates(rng, sgZones, sgZones.length, 14) });
  const open = `${sg.toLowerCase()}-opening`;
  const close = `${sg.toLowerCase()}-closing`;
  sessions.push({ id: open, group: sg, title: 'Opening plenary', minutes: 90, exclusive: true, core: true, days: [1], at: '11:30' });
  put(open, { day: 0, block: CORE1, offset: 0, minutes: 90 }, true);

  // working parties and their Questions
  const W = 3;
  const qPerWp = tracks === 3 ? [5, 5] : [5, 6];
  const qDays = Array.from({ length: D - 2 }, (_, i) => i + 2); // days 2 … D-1
  const wps: { id: string; open: string; close: string; questions: { id: string; sessions: string[] }[] }[] = [];
  let qNumber = 1;
  for (let w = 1; w <= W; w++) {
    const id = `WP${w}/${10 + seed}`;
    const wpZones = drawZones(rng, sgZones, rng.int(8, 13));
    groups.push({ id, parent: sg, title: `Working Party ${w}`, delegates: drawDelegates(rng, wpZones, wpZones.length, 6) });
    const wpOpen = `wp${w}-opening`;
    const wpClose = `wp${w}-closing`;
    sessions.push({ id: wpOpen, group: id, title: `WP${w} opening plenary`, minutes: 30, exclusive: true, core: true, days: [1] });
    put(wpOpen, { day: 0, block: CORE2, offset: 30 * (w - 1), minutes: 30 }, true);
    const wp = { id, open: wpOpen, close: wpClose, questions: [] as { id: string; sessions: string[] }[] };
    const nq = rng.int(qPerWp[0]!, qPerWp[1]!);
    for (let k = 0; k < nq; k++, qNumber++) {
      const qid = `Q${qNumber}/${10 + seed}`;
      const qZones = drawZones(rng, wpZones, rng.int(4, 8));
      groups.push({ id: qid, parent: id, title: `Question ${qNumber}`, delegates: drawDelegates(rng, qZones, qZones.length, 5), core: { min: 1, max: 2 } });
      wp.questions.push({ id: qid, sessions: [] });
    }
    wps.push(wp);
  }
  // Question sessions: hidden on days 2 … D-2, 1–2 of them in core blocks, in time order
  const allQuestions = wps.flatMap((wp) => wp.questions);
  for (const q of rng.shuffle(allQuestions)) {
    const n = rng.chance(0.5) ? 2 : 3;
    const minutes = rng.chance(0.2) ? 60 : 90;
    const nCore = rng.int(1, 2);
    const slots: Slot[] = [];
    const free = (core: boolean) => {
      const out: Slot[] = [];
      for (let d = 1; d <= D - 3; d++) {
        for (let b = 0; b < BLOCKS.length; b++) {
          if (BLOCKS[b]!.core !== core || slots.some((s) => s.day === d && s.block === b)) continue;
          for (let off = 0; off + minutes <= 90; off += 30) {
            const slot = { day: d, block: b, offset: off, minutes };
            if (layout.fits(slot)) out.push(slot);
          }
        }
      }
      return out;
    };
    for (let i = 0; i < n; i++) {
      const options = free(i < nCore);
      if (options.length === 0) throw new Error(`generator: no room for ${q.id}`);
      const slot = rng.pick(options);
      layout.add(slot);
      slots.push(slot);
    }
    slots.sort((a, b) => a.day - b.day || a.block - b.block || a.offset - b.offset);
    slots.forEach((slot, i) => {
      const id = `q${q.id.split('/')[0]!.slice(1)}-${i + 1}`;
      q.sessions.push(id);
      hidden[id] = slot;
    });
  }
  for (const wp of wps) {
    for (const q of wp.questions) {
      q.sessions.forEach((id) => sessions.push({ id, group: q.id, minutes: hidden[id]!.minutes, days: qDays }));
      rules.push({ sequence: [wp.open, ...q.sessions, wp.close] });
    }
  }
  wps.forEach((wp, w) => {
    sessions.push({ id: wp.close, group: wp.id, title: `WP${w + 1} closing plenary`, minutes: 30, exclusive: true, core: true, days: [-2] });
    put(wp.close, { day: D - 2, block: CORE1, offset: 30 * w, minutes: 30 }, true);
  });
  sessions.push({ id: close, group: sg, title: 'Closing plenary', minutes: 90, exclusive: true, core: true, days: [-1] });
  put(close, { day: D - 1, block: CORE1, offset: 0, minutes: 90 }, true);
  rules.push({ sequence: [open, ...wps.map((wp) => wp.open)], sameDay: true });
  rules.push({ sequence: wps.map((wp) => wp.close), sameDay: true });

  // people: chairs, rapporteurs (some lead two Questions whose sessions never meet), experts
  const zone = () => rng.weighted(sgZones, (z) => z.weight).zone;
  const people: PersonOut[] = [{ id: 'chair', timeZone: zone(), leads: [sg], attends: [] }];
  wps.forEach((wp, w) => people.push({ id: `wp${w + 1}-chair`, timeZone: zone(), leads: [wp.id], attends: [] }));
  const clash = (a: readonly string[], b: readonly string[]) => a.some((x) => b.some((y) => hiddenOverlap(hidden, x, y)));
  const rapporteurs: { person: PersonOut; sessions: string[] }[] = [];
  for (const q of allQuestions) {
    const twin = rapporteurs.find((r) => r.person.leads.length === 1 && rng.chance(0.35) && !clash(r.sessions, q.sessions));
    if (twin) {
      twin.person.leads.push(q.id);
      twin.sessions.push(...q.sessions);
    } else {
      const person: PersonOut = { id: `rapporteur-q${q.id.split('/')[0]!.slice(1)}`, timeZone: zone(), leads: [q.id], attends: [] };
      people.push(person);
      rapporteurs.push({ person, sessions: [...q.sessions] });
    }
  }
  // a working-party chair who is also a rapporteur (plenaries are exclusive, so this never clashes)
  people[1]!.leads.push(rng.pick(wps[0]!.questions).id);
  people[1]!.leads = [...new Set(people[1]!.leads)];
  const experts = 30 - people.length;
  for (let i = 1; i <= experts; i++) {
    const attends = rng.sample(allQuestions, rng.int(1, 3)).map((q) => q.id);
    if (rng.chance(0.2)) attends.push(rng.pick(wps).id);
    people.push({ id: `expert${i}`, timeZone: zone(), leads: [], attends });
  }
  for (const r of rapporteurs) if (rng.chance(0.4)) r.person.attends.push(rng.pick(allQuestions.filter((q) => !r.person.leads.includes(q.id))).id);

  // apart and avoid rules between Questions
  const qSessions = allQuestions.flatMap((q) => q.sessions);
  for (let made = 0, tries = 0; made < 2 && tries < 1000; tries++) {
    const pair = rng.sample(qSessions, made === 0 ? 3 : 2);
    const groupsOf = new Set(pair.map((s) => sessions.find((x) => x.id === s)!.group));
    if (groupsOf.size < pair.length || pair.some((a, i) => pair.some((b, j) => i < j && hiddenOverlap(hidden, a, b)))) continue;
    rules.push({ apart: pair });
    made++;
  }
  for (let i = 0; i < 3; i++) {
    const [a, b] = rng.sample(allQuestions, 2);
    rules.push({ avoid: [a!.sessions[0]!, b!.sessions[0]!], weight: rng.int(2, 8) });
  }

  const spec = {
    format: 'plenary.meeting/1',
    id: `bench-s${seed}`,
    title: `Benchmark S${seed}: ITU-T ${sg}-like study group meeting`,
    timeZone: 'Europe/Zurich',
    days: { from, to },
    blocks: BLOCKS,
    tracks,
    grid: 15,
    groups,
    people,
    sessions,
    rules,
  };
  return { spec, hidden };
}

function hiddenOverlap(hidden: Record<string, Slot>, a: string, b: string): boolean {
  const x = hidden[a]!;
  const y = hidden[b]!;
  return x.day === y.day && x.block === y.block && x.offset < y.offset + y.minutes && y.offset < x.offset + x.minutes;
}
