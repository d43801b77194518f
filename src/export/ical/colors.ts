/**
 * One colour and one category per working party (a top-level child of a
 * root group), so that a crowded calendar groups visually: `CATEGORIES` (read
 * by Outlook, Thunderbird, Apple Calendar, which let the user colour a
 * category), `COLOR` (RFC 7986, a CSS colour name, on events and on group
 * calendars) and `X-APPLE-CALENDAR-COLOR` (calendar-level, Apple).
 */
import type { Meeting } from '../../model/types.js';

/**
 * The look of a branch of the group forest.
 *
 * @example
 * const style: BranchStyle = { category: 'WP1/12', color: 'steelblue', hex: '#4682B4' };
 */
export interface BranchStyle {
  /** The working party (or root group) id, used as the first category. */
  readonly category: string;
  /** A CSS3 colour name (RFC 7986 `COLOR`). */
  readonly color: string;
  /** The same colour as `#rrggbb` (`X-APPLE-CALENDAR-COLOR`). */
  readonly hex: string;
}

/**
 * Distinct, readable CSS3 colours, in the order working parties get them.
 *
 * @example
 * PALETTE[0] // { name: 'steelblue', hex: '#4682B4' }: the first working party's colour
 */
export const PALETTE: readonly { readonly name: string; readonly hex: string }[] = Object.freeze([
  { name: 'steelblue', hex: '#4682B4' },
  { name: 'seagreen', hex: '#2E8B57' },
  { name: 'darkorange', hex: '#FF8C00' },
  { name: 'mediumpurple', hex: '#9370DB' },
  { name: 'firebrick', hex: '#B22222' },
  { name: 'teal', hex: '#008080' },
  { name: 'goldenrod', hex: '#DAA520' },
  { name: 'palevioletred', hex: '#DB7093' },
  { name: 'olivedrab', hex: '#6B8E23' },
  { name: 'sienna', hex: '#A0522D' },
]);

/**
 * The colour of root groups (plenaries).
 *
 * @example
 * ROOT_COLOR.hex // '#696969': plenaries of the root group are grey
 */
export const ROOT_COLOR = Object.freeze({ name: 'dimgray', hex: '#696969' });

/**
 * The branch a group belongs to: the child of its root on the way up (the
 * group itself when it is such a child), or the root itself.
 *
 * @example
 * branchOf(meeting, meeting.groupIndex.get('Q5/12')!) // index of WP1/12
 */
export function branchOf(meeting: Meeting, group: number): number {
  const chain = meeting.groups[group]!.ancestors; // group … root
  return chain.length >= 2 ? chain[chain.length - 2]! : chain[0]!;
}

/**
 * Category and colour of a group's sessions: its working party's. Working
 * parties take the palette in spec order (cycling after ten); root groups are
 * grey.
 *
 * @example
 * branchStyle(meeting, meeting.groupIndex.get('Q5/12')!) // { category: 'WP1/12', color: 'steelblue', hex: '#4682B4' }
 */
export function branchStyle(meeting: Meeting, group: number): BranchStyle {
  const b = branchOf(meeting, group);
  const g = meeting.groups[b]!;
  if (g.parent === undefined) return { category: g.id, color: ROOT_COLOR.name, hex: ROOT_COLOR.hex };
  const branches = meeting.groups.filter((x) => x.parent !== undefined && meeting.groups[x.parent]!.parent === undefined);
  const k = branches.findIndex((x) => x.index === b);
  const c = PALETTE[k % PALETTE.length]!;
  return { category: g.id, color: c.name, hex: c.hex };
}

/**
 * The categories of a group's sessions: the working party, then the group
 * itself when it is a different one.
 *
 * @example
 * categoriesOf(meeting, meeting.groupIndex.get('Q5/12')!) // ['WP1/12', 'Q5/12']
 */
export function categoriesOf(meeting: Meeting, group: number): string[] {
  const style = branchStyle(meeting, group);
  const own = meeting.groups[group]!.id;
  return own === style.category ? [own] : [style.category, own];
}
