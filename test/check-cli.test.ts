/**
 * `plenary check` and `plenary expand` on the SG12 meeting, hand-edited
 * timetables, and timetables that do not add up.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, tempFile } from './cli.js';

const SPEC = 'examples/sg12-2021-05/meeting.json';
const DRAFT = 'examples/sg12-2021-05/draft-timetable.json';
const draft = () => JSON.parse(readFileSync(DRAFT, 'utf8')) as { sessions: Record<string, unknown>[]; score: Record<string, number> };

describe('plenary check', () => {
  it('accepts the SG12 draft time plan: exit 0 and the score', async () => {
    const r = await runCli(['check', SPEC, DRAFT]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^feasible: hard 0 · comfort \d+ · conflict \d+ · fairness \d+ · stability 0 · total \d+\n$/);
  });

  it('prints status, score and violations as JSON', async () => {
    const r = await runCli(['check', SPEC, DRAFT, '--json']);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['status', 'score', 'violations']);
    expect(out.score).toEqual(draft().score);
  });

  it('exits 3 with the violations of a hand-edited timetable that breaks rules', async () => {
    const d = draft();
    // move the WP2 opening before the opening plenary: a sequence violation and an exclusive overlap
    const wp2 = d.sessions.find((s) => s.id === 'wp2-12-opening')!;
    wp2.start = '2021-05-04T11:30:00+02:00';
    wp2.end = '2021-05-04T12:00:00+02:00';
    delete wp2.block;
    const r = await runCli(['check', SPEC, tempFile(d), '--json']);
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('infeasible');
    const kinds = out.violations.map((v: { constraint: string }) => v.constraint).sort();
    expect(kinds).toEqual(['exclusive', 'sequence']);
    expect(out.score.hard).toBe(2);
  });

  it('counts sessions left out of the timetable as misplaced', async () => {
    const d = draft();
    d.sessions = d.sessions.filter((s) => s.id !== 'q5-12-2');
    const r = await runCli(['check', SPEC, tempFile(d), '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).violations).toEqual([{ constraint: 'placement', sessions: ['q5-12-2'], message: 'q5-12-2 is not placed' }]);
  });

  it('computes stability against a previous timetable', async () => {
    const d = draft();
    const moved = d.sessions.find((s) => s.id === 'q9-12-1')!;
    // q9-12-1 from 11:30 to 09:30 on 5 May (rapporteur block 1, still inside the rules)
    moved.start = '2021-05-05T09:30:00+02:00';
    moved.end = '2021-05-05T11:00:00+02:00';
    moved.block = 'rapporteur1';
    moved.core = false;
    const r = await runCli(['check', SPEC, tempFile(d), '--previous', DRAFT, '--json']);
    const out = JSON.parse(r.stdout);
    expect(out.score.stability).toBe(1);
  });

  it('names the problems of the timetable and of the previous one together, one line each', async () => {
    const d = draft();
    d.sessions[0]!.start = 'tomorrow';
    const tt = tempFile(d);
    const prev = tempFile({ ...draft(), meeting: 'another-meeting' });
    const r = await runCli(['check', SPEC, tt, '--previous', prev]);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${tt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: sessions\\[0\\]\\.start: `));
    expect(lines[1]).toMatch(/: meeting: expected the id of the meeting being planned \("itu-t-sg12-2021-05"\), got "another-meeting"/);
  });

  it('accepts instants written in UTC with Z', async () => {
    const d = draft();
    d.sessions[0]!.start = '2021-05-04T09:30:00Z';
    d.sessions[0]!.end = '2021-05-04T11:00:00Z';
    const r = await runCli(['check', SPEC, tempFile(d), '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).score).toEqual(draft().score);
  });

  const broken: [string, (d: ReturnType<typeof draft>) => void, string, string][] = [
    ['an unknown session id', (d) => (d.sessions[3]!.id = 'q99-1'), 'sessions[3].id', 'unknown session "q99-1"'],
    ['a session listed twice', (d) => d.sessions.push({ ...d.sessions[5]! }), `sessions[48].id`, 'listed twice'],
    ['a start that is not an instant', (d) => (d.sessions[2]!.start = 'Tuesday noon'), 'sessions[2].start', 'expected an ISO 8601 instant'],
    ['a start without an offset', (d) => (d.sessions[2]!.start = '2021-05-04T14:00:00'), 'sessions[2].start', 'with its offset'],
    ['an offset that lies about the zone', (d) => (d.sessions[0]!.start = '2021-05-04T11:30:00+01:00'), 'sessions[0].start', 'is not Europe/Zurich\'s offset'],
    ['an end that does not match the minutes', (d) => (d.sessions[0]!.end = '2021-05-04T12:30:00+02:00'), 'sessions[0].end', 'start + 90 minutes'],
    ['a block that does not hold the start', (d) => (d.sessions[0]!.block = 'core2'), 'sessions[0].block', 'expected "core1"'],
    ['a date that is not the start’s', (d) => (d.sessions[0]!.date = '2021-05-05'), 'sessions[0].date', 'expected 2021-05-04'],
    ['another meeting’s timetable', (d) => ((d as Record<string, unknown>).meeting = 'itu-t-sg13'), 'meeting', 'expected the id of the meeting'],
    ['a misspelt key', (d) => (d.sessions[1]!.strat = 'x'), 'sessions[1].strat', 'unknown key'],
  ];
  for (const [what, edit, path, words] of broken) {
    it(`refuses ${what} with exit 2, naming ${path}`, async () => {
      const d = draft();
      edit(d);
      const file = tempFile(d);
      const r = await runCli(['check', SPEC, file]);
      expect(r.code).toBe(2);
      const line = r.stderr.split('\n').find((l) => l.startsWith(`${file}: ${path}: `));
      expect(line, r.stderr).toBeDefined();
      expect(line).toContain(words);
    });
  }
});

describe('plenary expand', () => {
  it('prints the SG12 meeting as a valid plenary.meeting/1 that expands to itself', async () => {
    const r = await runCli(['expand', SPEC]);
    expect(r.code).toBe(0);
    const spec = JSON.parse(r.stdout);
    expect(spec.format).toBe('plenary.meeting/1');
    const again = await runCli(['expand', tempFile(spec)]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual(spec);
  });
});
