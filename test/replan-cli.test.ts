/** `plenary solve --previous`: re-planning after publication, end to end. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempFile } from './cli.js';

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

  it('a restored session comes back with a SEQUENCE above its cancellation, through the files of three runs', async () => {
    const r1 = mkdtempSync(join(tmpdir(), 'plenary-replan-'));
    const a = await runCli(['solve', 'examples/sg12-2021-05/replan/meeting.json', '--previous', 'examples/sg12-2021-05/draft-timetable.json', '--out', r1, '--iterations', '20000']);
    expect(a.code, a.stderr).toBe(0);
    expect(readFileSync(join(r1, 'ics/cancelled.ics'), 'utf8')).toMatch(/SEQUENCE:1\r\n/);
    expect(JSON.parse(readFileSync(join(r1, 'timetable.json'), 'utf8')).cancelled).toEqual([{ id: 'q5-12-3', sequence: 1 }]);
    const r2 = mkdtempSync(join(tmpdir(), 'plenary-replan-'));
    const b = await runCli(['solve', 'examples/sg12-2021-05/meeting.json', '--previous', join(r1, 'timetable.json'), '--out', r2, '--iterations', '20000']);
    expect(b.code, b.stderr).toBe(0);
    const tt = JSON.parse(readFileSync(join(r2, 'timetable.json'), 'utf8')) as { sessions: { id: string; sequence: number }[]; cancelled?: unknown };
    expect(tt.sessions.find((s) => s.id === 'q5-12-3')!.sequence).toBeGreaterThanOrEqual(2);
    expect(tt.cancelled).toBeUndefined();
    const event = readFileSync(join(r2, 'ics/groups/Q5-12.ics'), 'utf8').split('BEGIN:VEVENT').find((e) => e.includes('UID:q5-12-3@'))!;
    expect(Number(/SEQUENCE:(\d+)/.exec(event)![1])).toBeGreaterThanOrEqual(2);
  });

  it('refuses a previous timetable of another meeting (exit 2, one line naming the file and the path), in solve, ics and check', async () => {
    const draft = JSON.parse(readFileSync('examples/sg12-2021-05/draft-timetable.json', 'utf8')) as Record<string, unknown>;
    const other = tempFile({ ...draft, meeting: 'other-meeting' }, 'other.json');
    const spec = 'examples/sg12-2021-05/meeting.json';
    const out = mkdtempSync(join(tmpdir(), 'plenary-replan-'));
    for (const args of [
      ['solve', spec, '--previous', other, '--out', out, '--iterations', '1000'],
      ['ics', spec, 'examples/sg12-2021-05/draft-timetable.json', '--previous', other, '--out', out],
      ['check', spec, 'examples/sg12-2021-05/draft-timetable.json', '--previous', other],
    ]) {
      const r = await runCli(args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), args[0]).toEqual([
        `${other}: meeting: expected the id of the meeting being planned ("itu-t-sg12-2021-05"), got "other-meeting": a timetable of another meeting, whose calendar events (UID <session>@other-meeting) these calendars would neither update nor cancel`,
      ]);
    }
    expect(existsSync(join(out, 'timetable.json'))).toBe(false);
  });
});
