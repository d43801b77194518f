import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check, loadMeeting } from '../src/index.js';

describe('the SG12 example', () => {
  it('loads, and its hand-written draft timetable is feasible', () => {
    const meeting = loadMeeting(JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8')));
    const draft = JSON.parse(readFileSync('examples/sg12-2021-05/draft-timetable.json', 'utf8'));
    const r = check(meeting, draft);
    expect(r.violations).toEqual([]);
    expect(r.status).toBe('feasible');
    expect(r.score).toEqual(draft.score);
  });
});
