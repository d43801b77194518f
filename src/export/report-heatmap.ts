/**
 * The heat map of the report: one row per zone of the meeting's audience, one
 * column per hour of the meeting day (meeting time), each cell coloured by
 * the comfort penalty that hour costs in that zone, the blocks drawn over it.
 * One map per stretch of days with the same local clocks (one without a DST
 * change inside the meeting).
 */
import type { Meeting } from '../model/types.js';
import { DAY_MINUTES, formatOffset, formatWallTime, localTime, wallToInstant } from '../model/time.js';
import { audienceOf } from '../tz/audience.js';
import type { Audience } from '../tz/audience.js';
import { orderZones } from '../tz/spread.js';
import { escapeHtml } from './html.js';

/** One map: the dates it holds and, per zone, the instant of each meeting hour. */
export interface HeatPeriod {
  readonly dates: readonly string[];
  /**
   * Instant (epoch minutes) of each meeting hour 0..23 on the first of the
   * dates; an hour that the clocks skip (spring forward) starts where the
   * next one does, so its cell lasts no time.
   */
  readonly hours: readonly number[];
}

const STOPS: readonly [number, [number, number, number]][] = [
  [0, [217, 240, 211]],
  [1, [255, 243, 176]],
  [3, [253, 212, 158]],
  [6, [244, 165, 130]],
  [10, [178, 24, 43]],
];

/**
 * The colour of a penalty (0 light green … 10 deep red), as `#rrggbb`.
 *
 * @example
 * penaltyColour(0)  // '#d9f0d3'
 * penaltyColour(10) // '#b2182b'
 */
export function penaltyColour(p: number): string {
  let lo = STOPS[0]!;
  let hi = STOPS[STOPS.length - 1]!;
  for (let i = 0; i + 1 < STOPS.length; i++) {
    if (p >= STOPS[i]![0] && p <= STOPS[i + 1]![0]) {
      lo = STOPS[i]!;
      hi = STOPS[i + 1]!;
      break;
    }
  }
  if (p >= hi[0]) lo = hi;
  const f = hi[0] === lo[0] ? 0 : (p - lo[0]) / (hi[0] - lo[0]);
  const c = lo[1].map((v, k) => Math.round(v + (hi[1][k]! - v) * f));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The meeting hours of each day, grouped into stretches of days with equal local clocks.
 *
 * @example
 * heatPeriods(meeting, audienceOf(meeting)).map((p) => p.dates.length) // [8] for SG12
 */
export function heatPeriods(meeting: Meeting, audience: Audience): HeatPeriod[] {
  const out: { dates: string[]; hours: number[]; sig: string }[] = [];
  for (const d of meeting.days) {
    const hours: number[] = [];
    for (let h = 0; h < 24; h++) hours.push(hourStart(meeting.timeZone, d.date, h));
    const sig = audience.zones.map((z) => hours.map((t) => localTime(z.zone, t).minutes).join(',')).join(';');
    const last = out[out.length - 1];
    if (last && last.sig === sig) last.dates.push(d.date);
    else out.push({ dates: [d.date], hours, sig });
  }
  return out.map(({ dates, hours }) => ({ dates, hours }));
}

/**
 * The instant of wall time h:00 on `date` in `zone`; in a spring-forward gap,
 * the instant the clocks jump (the first wall minute after it that exists).
 *
 * @example
 * hourStart('Europe/London', '2021-03-28', 1) // 01:00Z, as 02:00 BST (01:00 is skipped)
 */
function hourStart(zone: string, date: string, h: number): number {
  // a day can lose at most a whole day (Pacific/Apia, 30 December 2011)
  for (let m = h * 60; m <= h * 60 + 2 * DAY_MINUTES; m++) {
    const w = wallToInstant(zone, date, m);
    if (w.kind === 'ok') return w.min;
  }
  throw new Error(`no wall time after ${date} ${formatWallTime(h * 60)} in ${zone}`);
}

/**
 * The heat map(s) of a meeting as inline SVG. Every cell is a
 * `<rect class="cell" data-zone="…" data-hour="h">` with a `<title>`.
 *
 * @example
 * renderHeatmaps(meeting) // '<figure class="heatmap">…<svg …>…</svg>…</figure>'
 */
export function renderHeatmaps(meeting: Meeting, caption: (dates: readonly string[]) => string = (d) => (d.length === 1 ? d[0]! : `${d[0]} … ${d[d.length - 1]}`)): string {
  const audience = audienceOf(meeting);
  return heatPeriods(meeting, audience)
    .map((p) => renderHeatmap(meeting, audience, p, caption(p.dates)))
    .join('\n');
}

/**
 * One heat map.
 *
 * @example
 * renderHeatmap(meeting, audience, heatPeriods(meeting, audience)[0], '4–13 May') // '<figure class="heatmap">…'
 */
export function renderHeatmap(meeting: Meeting, audience: Audience, period: HeatPeriod, caption: string): string {
  const zones = orderZones(meeting, audience.zones, period.hours[12]!);
  const labelW = 200;
  const cw = 30;
  const rh = 20;
  const top = 58;
  const width = labelW + 24 * cw + 8;
  const legendY = top + zones.length * rh + 14;
  const height = legendY + 34;
  const profile = meeting.comfort.profile;
  const out: string[] = [];
  out.push(
    `<svg class="heatmap-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(`comfort by zone and hour, ${caption}`)}" font-family="system-ui,sans-serif" font-size="11">`,
  );
  // hour header (meeting time)
  for (let h = 0; h < 24; h++) {
    out.push(`<text x="${labelW + h * cw + cw / 2}" y="${top - 6}" text-anchor="middle" fill="#333">${String(h).padStart(2, '0')}</text>`);
  }
  out.push(`<text x="${labelW - 6}" y="${top - 6}" text-anchor="end" fill="#333" font-weight="600">${escapeHtml(meeting.timeZone)}</text>`);
  // rows
  zones.forEach((z, r) => {
    const y = top + r * rh;
    const off = formatOffset(localTime(z.zone, period.hours[12]!).offset);
    out.push(`<g class="zone-row" data-zone="${escapeHtml(z.zone)}">`);
    out.push(`<text x="${labelW - 6}" y="${y + rh / 2 + 4}" text-anchor="end" fill="#222">${escapeHtml(`${z.zone} ${off} · ${z.delegates + z.people}`)}</text>`);
    for (let h = 0; h < 24; h++) {
      const t = period.hours[h]!;
      const next = period.hours[h + 1] ?? t + 60;
      const x = labelW + h * cw;
      if (next <= t) {
        // the clocks skip this hour of the meeting zone on these dates
        out.push(
          `<rect class="cell" data-zone="${escapeHtml(z.zone)}" data-hour="${h}" data-skipped="true" x="${x}" y="${y}" width="${cw - 1}" height="${rh - 1}" fill="#e0e0e0"><title>${escapeHtml(`${String(h).padStart(2, '0')}:00 ${meeting.timeZone} does not exist on ${period.dates[0]} (the clocks go forward)`)}</title></rect>`,
        );
        out.push(`<text x="${x + (cw - 1) / 2}" y="${y + rh / 2 + 3.5}" text-anchor="middle" font-size="10" fill="#666" pointer-events="none">–</text>`);
        continue;
      }
      const pain = meeting.comfort.pain(z.zone, t, next - t);
      const avg = pain / Math.max(1, next - t);
      const lt = localTime(z.zone, t);
      const local = formatWallTime(lt.minutes);
      out.push(
        `<rect class="cell" data-zone="${escapeHtml(z.zone)}" data-hour="${h}" data-penalty="${profile[Math.floor(lt.minutes / 60)]}" x="${x}" y="${y}" width="${cw - 1}" height="${rh - 1}" fill="${penaltyColour(avg)}"><title>${escapeHtml(`${z.zone}: ${local} local at ${String(h).padStart(2, '0')}:00 ${meeting.timeZone} · penalty ${Math.round(avg * 10) / 10}/min · ${z.delegates} delegates, ${z.people} people`)}</title></rect>`,
      );
      const label = lt.minutes % 60 === 0 ? local.slice(0, 2) : local;
      out.push(`<text x="${x + (cw - 1) / 2}" y="${y + rh / 2 + 3.5}" text-anchor="middle" font-size="${label.length > 2 ? 7.5 : 10}" fill="${avg >= 6 ? '#fff' : '#333'}" pointer-events="none">${label}</text>`);
    }
    out.push('</g>');
  });
  // blocks over the map; labels of close blocks alternate between two lines
  let lastX = -Infinity;
  let lastLine = 1;
  for (const b of [...meeting.blocks].sort((p, q) => p.startWall - q.startWall)) {
    const x0 = labelW + (b.startWall / 60) * cw;
    const x1 = labelW + (b.endWall / 60) * cw;
    const y1 = top + zones.length * rh;
    const line = (x0 + x1) / 2 - lastX < 7 * Math.max(b.id.length, 8) ? 1 - lastLine : 0;
    lastX = (x0 + x1) / 2;
    lastLine = line;
    out.push(
      `<g class="block" data-block="${escapeHtml(b.id)}"><rect x="${x0}" y="${top - 1}" width="${x1 - x0 - 1}" height="${y1 - top + 1}" fill="none" stroke="${b.core ? '#1f3c88' : '#4a6fa5'}" stroke-width="${b.core ? 2.5 : 1.5}"${b.core ? '' : ' stroke-dasharray="5 3"'}/><text x="${(x0 + x1) / 2}" y="${top - 22 - line * 12}" text-anchor="middle" font-size="10" fill="#1f3c88" font-weight="${b.core ? 700 : 400}">${escapeHtml(b.id)}</text></g>`,
    );
  }
  // legend
  const legend: [number, string][] = [
    [0, 'working (0)'],
    [1, 'early/late (1)'],
    [3, 'early/late (3)'],
    [6, 'night (6)'],
    [10, 'night (10)'],
  ];
  legend.forEach(([p, text], i) => {
    const x = labelW + i * 130;
    out.push(`<rect x="${x}" y="${legendY}" width="16" height="12" fill="${penaltyColour(p)}" stroke="#999" stroke-width="0.5"/><text x="${x + 22}" y="${legendY + 10}" fill="#333">${escapeHtml(text)}</text>`);
  });
  out.push(`<text x="8" y="${legendY + 28}" fill="#555" font-size="10">${escapeHtml('penalty per attendee-minute of the comfort profile; cells show the local time; framed: blocks (solid = core)')}</text>`);
  out.push('</svg>');
  return `<figure class="heatmap"><div class="scroll">${out.join('')}</div><figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}
