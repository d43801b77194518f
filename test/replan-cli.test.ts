/** `plenary solve --previous`: re-planning after publication, end to end. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';

describe('plenary solve --previous', () => {
  it('keeps UIDs, reports what moved on stdout and in changes.md, and cancels the removed session', async () => {
    const out = mkdtempSync(join(tmpdir(), 'plenary-replan-'));
    const r = await runCli(['solve', 'examples/sg12-2021-05/replan/meeting.json', '--previous', 'examples/sg12-2021-05/draft-timetable.json', '--out', out, '--iterations', '200000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Changes since the previous timetable/);
    expect(r.stdout).toMatch(/cancelled +.*q5-12-3/);
    const tt = JSON.parse(readFileSync(join(out, 'timetable.json'), 'utf8')) as { sessions: { id: string; start: string; sequence: number }[]; score: { stability: number } };
    const before = new Map((JSON.parse(readFileSync('examples/sg12-2021-05/draft-timetable.json', 'utf8')) as typeof tt).sessions.map((s) => [s.id, s]));
    const moved = tt.sessions.filter((s) => before.get(s.id)!.start !== s.start);
    expect(tt.score.stability).toBe(moved.length);
    for (const s of tt.sessions) expect(s.sequence).toBe(moved.includes(s) ? 1 : 0);
    expect(readFileSync(join(out, 'changes.md'), 'utf8')).toContain(`${moved.length} moved`);
    const cancelled = readFileSync(join(out, 'ics/cancelled.ics'), 'utf8');
    expect(cancelled).toContain('METHOD:CANCEL');
    expect(cancelled).toContain('UID:q5-12-3@itu-t-sg12-2021-05');
    expect(existsSync(join(out, 'calendar.ics'))).toBe(true);
  });
});
