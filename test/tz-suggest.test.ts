import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { loadMeeting } from '../src/index.js';
import { audienceOf, formatSuggestion, suggestCore } from '../src/tz/index.js';
import type { CorePosition } from '../src/tz/index.js';

const sg12 = loadMeeting(JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8')));

const hourFormats = new Map<string, Intl.DateTimeFormat>();
function intlHour(zone: string, epochMinutes: number): number {
  let f = hourFormats.get(zone);
  if (!f) hourFormats.set(zone, (f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' })));
  return Number(f.format(new Date(epochMinutes * 60000)));
}

/** Per-head pain of each audience zone for a position, minute by minute with Intl, over the given dates. */
function bruteForce(p: CorePosition, dates: readonly string[]): { total: number; perZone: Map<string, number> } {
  const audience = audienceOf(sg12);
  const P = sg12.comfort.profile;
  const perZone = new Map<string, number>();
  for (const date of dates) {
    for (const b of p.blocks) {
      const t0 = DateTime.fromISO(`${date}T${b.start}`, { zone: sg12.timeZone }).toMillis() / 60000;
      const t1 = DateTime.fromISO(`${date}T${b.end}`, { zone: sg12.timeZone }).toMillis() / 60000;
      for (const z of audience.zones) {
        let pain = 0;
        for (let t = t0; t < t1; t++) pain += P[intlHour(z.zone, t)]!;
        perZone.set(z.zone, (perZone.get(z.zone) ?? 0) + pain);
      }
    }
  }
  let total = 0;
  for (const z of audience.zones) total += (z.delegates + z.people) * perZone.get(z.zone)!;
  return { total, perZone };
}

describe('suggest: the core blocks of SG12 moved over the day', () => {
  const s = suggestCore(sg12);

  it('keeps the lengths and the break, tries every grid position that fits in the day', () => {
    expect(s.blocks).toEqual(['core1', 'core2']);
    expect(s.current.shift).toBe(0);
    expect(s.current.blocks).toEqual([
      { id: 'core1', start: '11:30', end: '13:00' },
      { id: 'core2', start: '13:30', end: '15:00' },
    ]);
    // 11:30–15:00 spans 210 minutes: starts 00:00 … 20:30 every 15 minutes
    expect(s.tried).toBe((20 * 60 + 30) / 15 + 1);
    expect(s.skipped).toBe(0);
    for (const p of [...s.byTotal, ...s.byWorst]) {
      const [a, b] = p.blocks;
      const min = (x: string) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3));
      expect(min(a!.end) - min(a!.start)).toBe(90);
      expect(min(b!.start) - min(a!.end)).toBe(30);
      expect(min(b!.end) - min(b!.start)).toBe(90);
      expect(Math.abs(p.shift % 15)).toBe(0);
    }
  });

  it('returns positions whose total pain is no higher than now, lowest first, and the lowest of all', () => {
    expect(s.byTotal.length).toBeGreaterThan(0);
    expect(s.byTotal.length).toBeLessThanOrEqual(5);
    for (const p of s.byTotal) expect(p.total).toBeLessThanOrEqual(s.current.total);
    const totals = s.byTotal.map((p) => p.total);
    expect([...totals].sort((a, b) => a - b)).toEqual(totals);
    // exhaustive check with the closed-form pain: no position beats the first one
    const audience = audienceOf(sg12);
    let best = Infinity;
    for (let start = 0; start + 210 <= 1440; start += 15) {
      let total = 0;
      for (const d of sg12.days) {
        for (const [a, b] of [[start, start + 90], [start + 120, start + 210]] as const) {
          const t0 = DateTime.fromISO(d.date, { zone: sg12.timeZone }).plus({ minutes: a }).toMillis() / 60000;
          for (const z of audience.zones) total += (z.delegates + z.people) * sg12.comfort.pain(z.zone, t0, b - a);
        }
      }
      best = Math.min(best, total);
    }
    expect(s.byTotal[0]!.total).toBe(best);
  });

  it('computes totals and the worst-off zone exactly (checked minute by minute against Intl)', () => {
    const dates = sg12.days.map((d) => d.date);
    for (const p of [s.current, s.byTotal[0]!, s.byWorst[0]!]) {
      const bf = bruteForce(p, dates);
      expect(p.total).toBe(bf.total);
      const max = Math.max(...bf.perZone.values());
      expect(p.worst.pain).toBe(max);
      expect(bf.perZone.get(p.worst.zone)).toBe(max);
    }
  });

  it('says by how much each is better or worse for the worst-off zone', () => {
    for (const p of [...s.byTotal, ...s.byWorst]) {
      expect(p.vsCurrent.total).toBe(p.total - s.current.total);
      expect(p.vsCurrent.worst).toBe(p.worst.pain - s.current.worst.pain);
      expect(p.spread.length).toBe(1);
      expect(p.spread[0]!.dates).toHaveLength(8);
      expect(p.spread[0]!.blocks.map((b) => b.block)).toEqual(['core1', 'core2']);
    }
    for (const p of s.byWorst) expect(p.worst.pain).toBeLessThanOrEqual(s.current.worst.pain);
    const w = s.byWorst.map((p) => p.worst.pain);
    expect([...w].sort((a, b) => a - b)).toEqual(w);
    // Los Angeles is worst off at 11:30 (02:30–04:00 and 04:30–06:00 local): 8 days × (900 + 660)
    expect(s.current.worst).toEqual({ zone: 'America/Los_Angeles', pain: 8 * (900 + 660) });
    const text = formatSuggestion(s);
    expect(text).toContain('current   11:30–15:00');
    expect(text).toMatch(/for the worst off/);
  });

  it('names the blocks left in place that a position overlaps (rapporteur hours that would have to move)', () => {
    const all = suggestCore(sg12, { top: 1000 });
    const min = (x: string) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3));
    // SG12's rapporteur hours, which stay where the spec has them: 09:30–11:00 and 15:30–17:00
    const fixed = [
      { id: 'rapporteur1', start: '09:30', end: '11:00' },
      { id: 'rapporteur2', start: '15:30', end: '17:00' },
    ];
    expect(all.current.overlaps).toEqual([]);
    let flagged = 0;
    for (const p of [...all.byTotal, ...all.byWorst]) {
      const expected = fixed.filter((f) => p.blocks.some((b) => min(b.start) < min(f.end) && min(f.start) < min(b.end)));
      expect(p.overlaps).toEqual(expected);
      if (expected.length) flagged++;
    }
    expect(flagged).toBeGreaterThan(0);
    const p = all.byWorst.find((x) => x.start === '12:45')!;
    expect(p.overlaps.map((b) => b.id)).toEqual(['rapporteur2']);
    expect(formatSuggestion(all)).toContain('overlaps rapporteur2 (15:30–17:00): that block would have to move too');
  });

  it('for one date only, sums over that date', () => {
    const one = suggestCore(sg12, { date: '2021-05-05', top: 3 });
    expect(one.dates).toEqual(['2021-05-05']);
    expect(one.current.total * 8).toBe(s.current.total);
    expect(one.byTotal.length).toBeLessThanOrEqual(3);
  });
});
