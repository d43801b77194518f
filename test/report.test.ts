import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTimetable, evaluate, loadMeeting, readTimetable } from '../src/index.js';
import type { Timetable } from '../src/index.js';
import { heatPeriods, penaltyColour } from '../src/export/report-heatmap.js';
import { DateTime } from 'luxon';
import { renderReport } from '../src/export/report.js';
import { renderTimeplanMarkdown } from '../src/export/timeplan.js';
import { audienceOf } from '../src/tz/index.js';

const sg12 = loadMeeting(JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8')));
const draft = JSON.parse(readFileSync('examples/sg12-2021-05/draft-timetable.json', 'utf8')) as Timetable;

describe('report.html', () => {
  const html = renderReport(sg12, draft);

  it('is self-contained: no scripts, stylesheets, fonts, images or any URL to fetch', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|@font-face/i);
    expect(html).not.toMatch(/\b(src|href)="(?!#)/i);
    expect(html).toContain('<meta name="viewport"');
    expect(html).toContain('@media print');
    expect(html).toContain('@media (max-width:640px)');
  });

  it('holds the time plan, the heat map, the spread, the milestones and the score', () => {
    for (const s of draft.sessions) expect(html).toContain(`data-session="${s.id}"`);
    const zones = audienceOf(sg12).zones;
    const cells = [...html.matchAll(/<rect class="cell" data-zone="([^"]+)" data-hour="(\d+)"/g)].map((m) => `${m[1]}|${m[2]}`);
    expect(new Set(cells).size).toBe(cells.length);
    expect(cells.length).toBe(zones.length * 24);
    for (const z of zones) for (let h = 0; h < 24; h++) expect(cells).toContain(`${z.zone}|${h}`);
    for (const b of sg12.blocks) expect(html).toContain(`<g class="block" data-block="${b.id}">`);
    expect(html).toContain('<table class="spread">');
    for (const m of sg12.milestones) expect(html).toContain(`data-milestone="${m.id}"`);
    expect(html).toContain('4 March 2021');
    expect(html).toContain(`<th scope="row">total</th><td>${draft.score.total}</td>`);
    expect(html).toContain('No hard rule is broken.');
  });

  it('colours a cell by the comfort penalty of the local hour', () => {
    // 02:00 meeting time is 17:00 in Los Angeles the day before (penalty 0) and 09:00 in Tokyo (0); 11:00 is 02:00 in Los Angeles (10)
    const cell = (zone: string, h: number) => new RegExp(`data-zone="${zone}" data-hour="${h}" data-penalty="(\\d+)"[^>]*fill="(#[0-9a-f]{6})"`).exec(html)!;
    expect(cell('America/Los_Angeles', 11)[1]).toBe('10');
    expect(cell('America/Los_Angeles', 11)[2]).toBe(penaltyColour(10));
    expect(cell('Asia/Tokyo', 2)[1]).toBe('0');
    expect(cell('Asia/Tokyo', 2)[2]).toBe(penaltyColour(0));
  });

  it('lists the violations of an infeasible timetable', () => {
    const starts = readTimetable(sg12, draft);
    const moved = [...starts];
    moved[sg12.sessionIndex.get('q5-12-1')!] = starts[sg12.sessionIndex.get('sg12-closing')!];
    const bad = buildTimetable(sg12, moved, evaluate(sg12, moved), { diagnosis: ['q5-12-1 cannot be on the last day'] });
    const out = renderReport(sg12, bad, { locale: 'fr' });
    expect(out).toContain('<ul class="violations">');
    expect(out).toMatch(/<strong>exclusive<\/strong>/);
    expect(out).toContain('q5-12-1 cannot be on the last day');
    expect(out).toContain('<html lang="fr">');
    expect(out).toContain('mardi 4 mai');
  });

  it('is the same byte for byte under any process time zone (built package, other TZ)', () => {
    const script = [
      "import { readFileSync } from 'node:fs';",
      "import { loadMeeting, renderReport, renderTimeplanMarkdown } from './dist/index.js';",
      "const m = loadMeeting(JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8')));",
      "const t = JSON.parse(readFileSync('examples/sg12-2021-05/draft-timetable.json', 'utf8'));",
      "process.stdout.write(JSON.stringify([renderReport(m, t, { locale: 'zh' }), renderTimeplanMarkdown(m, t, { locale: 'fr' })]));",
    ].join('\n');
    const here = JSON.stringify([renderReport(sg12, draft, { locale: 'zh' }), renderTimeplanMarkdown(sg12, draft, { locale: 'fr' })]);
    for (const tz of ['Pacific/Apia', 'America/St_Johns', 'Asia/Kathmandu']) {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8', maxBuffer: 1 << 26 });
      expect(out).toBe(here);
    }
  });
});

describe('report.html on a day the meeting zone skips an hour', () => {
  // the clocks go forward at 01:00 in London and at 00:00 in Santiago (the meeting day starts at 01:00),
  // at 02:00 in Zurich; the report used to walk the skipped first hours minute by minute from 1970 (a hang)
  const cases = [
    { zone: 'Europe/London', date: '2021-03-28', skipped: 1 },
    { zone: 'America/Santiago', date: '2021-09-05', skipped: 0 },
    { zone: 'Europe/Zurich', date: '2021-03-28', skipped: 2 },
  ];
  for (const c of cases) {
    it(`${c.zone} on ${c.date}: hour ${c.skipped} drawn as skipped, every other cell at its local time`, () => {
      const m = loadMeeting({
        format: 'plenary.meeting/1',
        id: 'skip',
        title: 'A meeting on the night the clocks go forward',
        timeZone: c.zone,
        days: { from: c.date, to: c.date, rrule: 'FREQ=DAILY' },
        blocks: [{ id: 'b1', start: '13:00', end: '15:00' }],
        tracks: 1,
        grid: 15,
        groups: [{ id: 'G', delegates: { 'Asia/Shanghai': 1, 'America/Los_Angeles': 2 } }],
        people: [],
        sessions: [{ id: 's1', group: 'G', minutes: 60 }],
      });
      // each hour starts at its wall time; the skipped one where the next begins (checked first: fails fast)
      const [period] = heatPeriods(m, audienceOf(m));
      for (let h = 0; h < 24; h++) {
        const wall = DateTime.fromISO(`${c.date}T${String(h).padStart(2, '0')}:00`, { zone: c.zone });
        const next = DateTime.fromISO(`${c.date}T${String(h + 1).padStart(2, '0')}:00`, { zone: c.zone });
        expect(period!.hours[h], `${c.zone} ${c.date} ${h}:00`).toBe((h === c.skipped ? next : wall).toMillis() / 60000);
      }
      const starts = [m.sessions[0]!.candidates[0]!.start];
      const html = renderReport(m, buildTimetable(m, starts, evaluate(m, starts)));
      const cells = [...html.matchAll(/<rect class="cell" data-zone="([^"]+)" data-hour="(\d+)"( data-skipped="true")?[^>]*><title>([^<]*)<\/title>/g)];
      expect(cells.length).toBe(2 * 24);
      for (const [, zone, hs, skipped, title] of cells) {
        const h = Number(hs);
        expect(Boolean(skipped), `${zone} ${h}`).toBe(h === c.skipped);
        if (h === c.skipped) {
          expect(title).toContain('does not exist');
          continue;
        }
        const at = DateTime.fromISO(`${c.date}T${String(h).padStart(2, '0')}:00`, { zone: c.zone });
        expect(at.hour, `${c.zone} ${c.date} ${h}:00 exists`).toBe(h);
        expect(title).toContain(`${zone}: ${at.setZone(zone!).toFormat('HH:mm')} local at ${String(h).padStart(2, '0')}:00 ${c.zone}`);
      }
    });
  }
});
