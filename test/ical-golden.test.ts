/**
 * Golden files: the calendars of the SG12 meeting (its hand-made draft
 * timetable) and of its re-planning, with a fixed DTSTAMP, byte for byte.
 * A change in them is a change in what delegates receive: review the diff.
 *
 * Regenerate after an intended change:
 *
 *     UPDATE_GOLDEN=1 npx vitest run --config test/vitest.config.ts test/ical-golden.test.ts
 *
 * (The VTIMEZONE comes from timezones-ical-library: its LAST-MODIFIED line
 * changes when that package is updated.)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderChangesMarkdown, timetableChanges } from '../src/export/changes.js';
import { renderCalendars } from '../src/export/ical/index.js';
import { fileText, sg12, sg12Replanned, STAMP } from './ical-helpers.js';

const GOLDEN = 'test/golden';
const update = process.env.UPDATE_GOLDEN === '1';

function golden(path: string, actual: string): void {
  const file = join(GOLDEN, path);
  if (update) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
  // Compared as bytes: CRLF and UTF-8 included.
  expect(Buffer.from(actual, 'utf8').equals(readFileSync(file)), `${file} differs (UPDATE_GOLDEN=1 regenerates it)`).toBe(true);
}

describe('golden calendars of the SG12 meeting', () => {
  const { meeting, timetable } = sg12();
  const files = renderCalendars(meeting, timetable, { stamp: STAMP });
  for (const path of [
    'calendar.ics',
    'ics/groups/SG12.ics',
    'ics/groups/Q5-12.ics',
    'ics/people/q5-rapp.ics',
    'ics/people/kwame.ics',
    'ics/people/delegate-ca.ics',
  ]) {
    it(path, () => golden(`sg12/${path}`, fileText(files, path)));
  }
});

describe('golden re-planning of the SG12 meeting (Q5/12 −1 session, 2 tracks)', () => {
  const { meeting, timetable, previous } = sg12Replanned();
  const files = renderCalendars(meeting, timetable, { stamp: STAMP, previous });
  for (const path of ['ics/cancelled.ics', 'ics/people/q12-rapp.ics']) {
    it(path, () => golden(`sg12-replan/${path}`, fileText(files, path)));
  }
  it('changes.md', () => golden('sg12-replan/changes.md', renderChangesMarkdown(timetableChanges(meeting, timetable, previous), meeting.title)));
});
