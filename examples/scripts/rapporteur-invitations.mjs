#!/usr/bin/env node
// A rapporteur generating invitations for their Question: the Question's public
// calendar and one invitation per expert, from the published timetable.
//
//   npm run build && node examples/scripts/rapporteur-invitations.mjs [GROUP] [OUT-DIR]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calendarStamp, loadMeeting, parseText, timetableFromDocument } from 'plenary';
import { fileStem, icalContext, renderGroupCalendar, renderPersonCalendar } from 'plenary/ical';

const here = new URL('../sg12-2021-05/', import.meta.url).pathname;
const group = process.argv[2] ?? 'Q5/12';
const out = process.argv[3] ?? 'out/invitations';

const meeting = loadMeeting(parseText(readFileSync(join(here, 'meeting.json'), 'utf8'), 'meeting.json'));
// the published timetable, checked against the meeting (a hand edit that does not add up throws SpecError) and scored afresh
const timetable = timetableFromDocument(meeting, parseText(readFileSync(join(here, 'draft-timetable.json'), 'utf8'), 'draft-timetable.json'), { source: 'draft-timetable.json' });
if (timetable.status !== 'feasible') throw new Error(`the timetable is ${timetable.status}: fix it before sending invitations`); // never send invitations for one that breaks rules

const g = meeting.groupIndex.get(group);
if (g === undefined) throw new Error(`no group ${group} in ${meeting.id}`);
// DTSTAMP: SOURCE_DATE_EPOCH when set (reproducible files), else now
const ctx = icalContext(meeting, timetable, { stamp: calendarStamp() });

mkdirSync(join(out, 'people'), { recursive: true });
const groupFile = join(out, `${fileStem(group)}.ics`);
writeFileSync(groupFile, renderGroupCalendar(ctx, g) ?? '');
console.log(`${groupFile}: the sessions of ${group} (publish it on the Question's page)`);

// everyone who attends the Question: its rapporteurs, associates, editors and members
for (const p of meeting.people.filter((p) => p.attendedGroups.has(g))) {
  const ics = renderPersonCalendar(ctx, p.index);
  if (!ics) continue;
  const file = join(out, 'people', `${fileStem(p.id)}.ics`);
  writeFileSync(file, ics);
  const role = p.leads.includes(g) ? 'required' : 'optional';
  const events = ics.split('BEGIN:VEVENT').length - 1;
  console.log(`${file}: ${p.name ?? p.id} (${p.timeZone}), ${role} at ${group}, ${events} events in their own time zone`);
}
