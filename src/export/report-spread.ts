/**
 * The spread table of the report: zones by blocks, each cell the local time
 * and comfort class, then heads and shares per class.
 */
import { COMFORT_CLASSES } from '../tz/classes.js';
import type { ComfortClass } from '../tz/classes.js';
import { formatClock } from '../tz/local.js';
import type { SpreadPeriod } from '../tz/spread.js';
import { escapeHtml } from './html.js';

/** Background of each class in the table. */
export const CLASS_COLOUR: Record<ComfortClass, string> = { working: '#d9f0d3', early: '#fff3b0', late: '#fdd49e', night: '#f4a582' };

/**
 * One period of the spread as an HTML table.
 *
 * @example
 * renderSpreadTable(periodsOf(spreadOf(meeting).days)[0], '4 May … 13 May') // '<table class="spread">…'
 */
export function renderSpreadTable(period: SpreadPeriod, caption: string): string {
  const blocks = period.blocks;
  const zones = blocks[0]?.zones ?? [];
  const out: string[] = ['<table class="spread">', `<caption>${escapeHtml(caption)}</caption>`, '<thead><tr><th scope="col">zone</th><th scope="col" title="delegates">dlg</th><th scope="col" title="people">ppl</th>'];
  for (const b of blocks) out.push(`<th scope="col"${b.core ? ' class="core"' : ''}>${escapeHtml(b.block)}<br><small>${escapeHtml(`${b.start.slice(11, 16)}–${b.end.slice(11, 16)}`)}</small></th>`);
  out.push('</tr></thead><tbody>');
  zones.forEach((z, i) => {
    out.push(`<tr><th scope="row">${escapeHtml(z.zone)}</th><td class="num">${z.delegates}</td><td class="num">${z.people}</td>`);
    for (const b of blocks) {
      const r = b.zones[i]!;
      out.push(`<td class="cls ${r.class}" style="background:${CLASS_COLOUR[r.class]}">${escapeHtml(`${formatClock(r.start)}–${formatClock(r.end)}`)} <small>${r.class}</small></td>`);
    }
    out.push('</tr>');
  });
  out.push('</tbody><tfoot>');
  for (const c of COMFORT_CLASSES) {
    out.push(`<tr><th scope="row" colspan="3">${c} <small>heads · share</small></th>`);
    for (const b of blocks) {
      const t = b.classes[c];
      out.push(`<td class="num">${t.delegates}+${t.people} · ${(t.share * 100).toFixed(1)}%</td>`);
    }
    out.push('</tr>');
  }
  out.push('<tr><th scope="row" colspan="3">worst off <small>pain per head</small></th>');
  for (const b of blocks) out.push(`<td>${b.worstOff.map((w) => `${escapeHtml(w.zone)} ${w.pain}`).join('<br>') || '—'}</td>`);
  out.push('</tr></tfoot></table>');
  return out.join('');
}
