import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTimetable, evaluate, loadMeeting, readTimetable } from '../src/index.js';
import type { Timetable } from '../src/index.js';
import { renderOutputs } from '../src/export/outputs.js';
import { spec as testSpec } from './helpers.js';
import {
  formatPauseDates,
  formatPlanDate,
  renderTimeplan,
  renderTimeplanMarkdown,
  resolveLocale,
  timeplanModel,
} from '../src/export/timeplan.js';

const sg12 = loadMeeting(JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8')));
const draft = JSON.parse(readFileSync('examples/sg12-2021-05/draft-timetable.json', 'utf8')) as Timetable;

const ZH_ROWS = ['5月4日（星期二）', '5月5日（星期三）', '5月6日（星期四）', '5月7日（星期五）', '周末', '5月10日（星期一）', '5月11日（星期二）', '5月12日（星期三）', '5月13日（星期四）'];

/** The first cell of each body row of a Markdown table. */
function markdownRows(md: string): string[] {
  const lines = md.split('\n').filter((l) => l.startsWith('| '));
  return lines.slice(1).map((l) => l.split(' | ')[0]!.slice(2).trim());
}

describe('the time plan of the SG12 draft', () => {
  it('has the Chinese rows of the letter: 5月4日（星期二） … 5月7日（星期五）, 周末, 5月10日（星期一） … 5月13日（星期四）', () => {
    expect(markdownRows(renderTimeplan(sg12, draft, 'markdown', { locale: 'zh' }))).toEqual(ZH_ROWS);
    const html = renderTimeplan(sg12, draft, 'html', { locale: 'zh' });
    const th = [...html.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(th).toEqual(ZH_ROWS);
    expect(html).toContain('<html lang="zh-CN">');
    const text = renderTimeplan(sg12, draft, 'text', { locale: 'zh' });
    const heads = text.split('\n').filter((l) => /^(\d+月\d+日（星期.）|周末)/.test(l)).map((l) => l.replace(/（5月8日–5月9日）$/, ''));
    expect(heads).toEqual(ZH_ROWS);
    expect(text).toContain('上午');
    expect(text).toContain('下午');
    expect(text).toContain('并行');
  });

  it('writes the dates in French and English', () => {
    const fr = markdownRows(renderTimeplan(sg12, draft, 'markdown', { locale: 'fr' }));
    expect(fr[0]).toBe('mardi 4 mai');
    expect(fr[4]).toBe('Week-end');
    expect(fr[8]).toBe('jeudi 13 mai');
    const en = markdownRows(renderTimeplan(sg12, draft, 'markdown', { locale: 'en' }));
    expect(en[0]).toBe('Tuesday 4 May');
    expect(en[4]).toBe('Weekend');
    expect(formatPlanDate('2021-05-01', 'fr')).toBe('samedi 1er mai');
    expect(formatPlanDate('2021-12-31', 'zh')).toBe('12月31日（星期五）');
  });

  it('groups the blocks into morning and afternoon, in meeting time', () => {
    const plan = timeplanModel(sg12, draft);
    expect(plan.columns.map((c) => `${c.block}:${c.half}`)).toEqual(['rapporteur1:morning', 'core1:morning', 'core2:afternoon', 'rapporteur2:afternoon']);
    const html = renderTimeplan(sg12, draft, 'html', { locale: 'en' });
    expect(html).toContain('<th colspan="2" scope="colgroup">Morning</th><th colspan="2" scope="colgroup">Afternoon</th>');
    expect(plan.offsets).toEqual(['UTC+02:00']);
  });

  it('names every session once, marks parallel ones, and keeps sequences in order', () => {
    const plan = timeplanModel(sg12, draft);
    const ids = plan.rows.flatMap((r) => (r.kind === 'day' ? r.cells.flatMap((c) => c.items.flatMap((i) => i.sessions.map((s) => s.id))) : []));
    expect([...ids].sort()).toEqual(draft.sessions.map((s) => s.id).sort());
    // day 1, core2: the working-party openings one after the other, not in parallel
    const day1 = plan.rows.find((r) => r.kind === 'day' && r.day === 1);
    if (day1?.kind !== 'day') throw new Error('no day 1');
    const openings = day1.cells.find((c) => c.block === 'core2')!;
    expect(openings.items.map((i) => [i.parallel, i.sessions.map((s) => s.id)])).toEqual([
      [false, ['wp1-12-opening']],
      [false, ['wp2-12-opening']],
      [false, ['wp3-12-opening']],
    ]);
    // parallel items hold sessions that really overlap in the timetable
    for (const r of plan.rows) {
      if (r.kind !== 'day') continue;
      for (const c of r.cells) {
        for (const i of c.items) {
          const rows = i.sessions.map((s) => draft.sessions.find((x) => x.id === s.id)!);
          if (i.parallel) {
            expect(rows.length).toBeGreaterThan(1);
            expect(rows.some((a) => rows.some((b) => a !== b && a.start < b.end && b.start < a.end))).toBe(true);
          }
        }
        for (let k = 1; k < c.items.length; k++) expect(c.items[k - 1]!.end <= c.items[k]!.start).toBe(true);
      }
    }
    const md = renderTimeplanMarkdown(sg12, draft);
    expect(md).toContain('13:30–14:00 WP1/12 opening plenary → 14:00–14:30 WP2/12 opening plenary → 14:30–15:00 WP3/12 opening plenary');
    expect(md).toMatch(/in parallel: Q\d+\/12 \(\d\/\d\) ∥ /);
    const html = renderTimeplan(sg12, draft, 'html', { locale: 'fr' });
    for (const s of draft.sessions) expect(html.match(new RegExp(`data-session="${s.id}"`, 'g'))).toHaveLength(1);
    expect(html).toContain('en parallèle');
  });

  it('shows a pause that is not a weekend, and sessions outside the blocks', () => {
    const spec = JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8'));
    const m = loadMeeting({ ...spec, days: { ...spec.days, except: ['2021-05-06'] } });
    const starts = readTimetable(m, { ...draft, sessions: draft.sessions.filter((s) => s.date !== '2021-05-06').map((s) => ({ id: s.id, start: s.start })) });
    const tt = buildTimetable(m, starts, evaluate(m, starts));
    const rows = markdownRows(renderTimeplanMarkdown(m, tt, { locale: 'en' }));
    expect(rows.slice(0, 4)).toEqual(['Tuesday 4 May', 'Wednesday 5 May', 'No sessions', 'Friday 7 May']);
    const zh = markdownRows(renderTimeplanMarkdown(m, tt, { locale: 'zh' }));
    expect(zh[2]).toBe('休会');
    // a session moved to 08:00 lies outside every block: it is still listed
    const moved = [...starts];
    moved[m.sessionIndex.get('q4-12-1')!] = starts[m.sessionIndex.get('q4-12-1')!]! - 90;
    const bad = buildTimetable(m, moved, evaluate(m, moved));
    const plan = timeplanModel(m, bad);
    expect(plan.outside.map((s) => s.id)).toContain('q4-12-1');
    expect(renderTimeplanMarkdown(m, bad)).toContain('## Outside the blocks of the meeting');
  });

  it('writes titles with < and > as text, not as HTML a Markdown renderer would take in', () => {
    const spec = JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8'));
    const title = '<img src=x onerror=alert(1)> and the <codec> | list';
    const m = loadMeeting({ ...spec, title, workingParties: spec.workingParties.map((w: { id: string }) => (w.id === 'WP1/12' ? { ...w, title } : w)) });
    const starts = readTimetable(m, { ...draft, sessions: draft.sessions.map((s) => ({ id: s.id, start: s.start })) });
    const md = renderTimeplanMarkdown(m, buildTimetable(m, starts, evaluate(m, starts)));
    expect(md).not.toMatch(/(^|[^\\])<(img|codec)/);
    expect(md).toContain('\\<img src=x onerror=alert(1)\\> and the \\<codec\\> \\| list');
  });

  it('writes titles with Markdown markup and entity references as text: code, emphasis, links, &amp; stay as written', () => {
    const spec = JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8'));
    const title = 'R&amp;D &lt;tag&gt; `code` *star* _u_ [link](http://x) ~~old~~ #1';
    const m = loadMeeting({ ...spec, title });
    const starts = readTimetable(m, { ...draft, sessions: draft.sessions.map((s) => ({ id: s.id, start: s.start })) });
    const md = renderTimeplanMarkdown(m, buildTimetable(m, starts, evaluate(m, starts)));
    const escaped = 'R\\&amp;D \\&lt;tag\\&gt; \\`code\\` \\*star\\* \\_u\\_ \\[link\\](http://x) \\~\\~old\\~\\~ \\#1';
    expect(md).toContain(escaped);
    // every markup character of the title preceded by a backslash: CommonMark shows each as itself
    expect(escaped.replace(/\\(.)/g, '$1')).toBe(title);
    expect(md).not.toMatch(/(^|[^\\])[*_`\[]/m);
  });

  it('across a DST change gives each day its offset, and a session ending at midnight ends at 24:00 as its block does', () => {
    // Zurich springs forward on Sunday 28 March 2021 (UTC+01:00 → UTC+02:00), over the meeting's weekend; it pauses on 1 April
    const m = loadMeeting(
      testSpec({
        days: { from: '2021-03-26', to: '2021-04-02', except: ['2021-04-01'] },
        blocks: [
          { id: 'day', start: '11:00', end: '13:00' },
          { id: 'night', start: '22:00', end: '24:00' },
        ],
        tracks: 1,
        groups: [{ id: 'G' }],
        sessions: [
          { id: 'g1', group: 'G', minutes: 120, days: [1], blocks: ['night'] },
          { id: 'g2', group: 'G', minutes: 60, days: ['2021-03-29'], at: '23:00' },
          { id: 'g3', group: 'G', minutes: 60, days: [1], at: '11:00' },
        ],
      }),
    );
    const starts = ['2021-03-26T22:00:00+01:00', '2021-03-29T23:00:00+02:00', '2021-03-26T11:00:00+01:00'].map((t) => Date.parse(t) / 60000);
    const tt = buildTimetable(m, starts, evaluate(m, starts));
    expect(tt.status).toBe('feasible');
    const plan = timeplanModel(m, tt);
    expect(plan.offsets).toEqual(['UTC+01:00', 'UTC+02:00']);
    const days = plan.rows.flatMap((r) => (r.kind === 'day' ? [[r.date, r.offset]] : []));
    expect(days).toEqual([
      ['2021-03-26', 'UTC+01:00'],
      ['2021-03-29', 'UTC+02:00'],
      ['2021-03-30', 'UTC+02:00'],
      ['2021-03-31', 'UTC+02:00'],
      ['2021-04-02', 'UTC+02:00'],
    ]);
    const md = renderTimeplanMarkdown(m, tt, { locale: 'en' });
    expect(markdownRows(md).slice(0, 3)).toEqual(['Friday 26 March (UTC+01:00)', 'Weekend', 'Monday 29 March (UTC+02:00)']);
    expect(renderTimeplan(m, tt, 'text', { locale: 'zh' })).toContain('3月29日（星期一）（UTC+02:00）');
    expect(renderTimeplan(m, tt, 'html', { locale: 'fr' })).toContain('<th scope="row">lundi 29 mars (UTC+02:00)</th>');
    // the first night's session fills its block, the other ends at midnight: 24:00, under a 22:00–24:00 column
    const cell = (date: string) => {
      const row = plan.rows.find((r) => r.kind === 'day' && r.date === date);
      return row?.kind === 'day' ? row.cells.find((c) => c.block === 'night') : undefined;
    };
    expect(cell('2021-03-26')?.fills).toBe(true);
    expect(cell('2021-03-29')?.items.map((i) => `${i.start}–${i.end}`)).toEqual(['23:00–24:00']);
    expect(md).toContain('23:00–24:00 G');
    expect(md).not.toContain('00:00');
    // French writes the first of the month as 1er in the pause too
    expect(markdownRows(renderTimeplanMarkdown(m, tt, { locale: 'fr' }))).toContain('Pas de séance');
    expect(renderTimeplanMarkdown(m, tt, { locale: 'fr' })).toContain('1er avril');
    expect(formatPauseDates('2021-03-31', '2021-04-01', 'fr')).toBe('31 mars–1er avril');
    expect(formatPauseDates('2021-04-11', '2021-04-21', 'fr')).toBe('11–21 avril');
    // a meeting on one offset names it once, in the header, not on every row
    const rows = markdownRows(renderTimeplanMarkdown(sg12, draft, { locale: 'en' }));
    expect(rows[0]).toBe('Tuesday 4 May');
  });

  it('resolves locales and refuses others', () => {
    expect(resolveLocale('zh-Hans-CN')).toBe('zh');
    expect(resolveLocale('fr_CH')).toBe('fr');
    expect(resolveLocale(undefined)).toBe('en');
    expect(resolveLocale('de')).toBeUndefined();
    expect(() => renderTimeplan(sg12, draft, 'markdown', { locale: 'de' })).toThrow(/expected en, fr or zh/);
  });

  it('is what renderOutputs writes, with report.html beside it', () => {
    const files = renderOutputs(sg12, draft, { stamp: 0, locale: 'zh' });
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['timeplan.md', 'report.html']));
    expect(markdownRows(files.find((f) => f.path === 'timeplan.md')!.content)).toEqual(ZH_ROWS);
  });
});
