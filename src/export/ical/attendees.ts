/**
 * Who sends the invitations and who receives them: the `ORGANIZER` of a
 * group's events and the `ATTENDEE` of a person's own calendar.
 *
 * The organizer of a session is a lead of its group (SPEC §6): the first in
 * spec order with an e-mail address, else the first, at the undeliverable
 * address a person without one is invited at (see {@link inviteeOf}). Only a
 * group without any lead takes a lead of the nearest ancestor group with an
 * e-mail address (the working-party chair, then the study-group chair);
 * failing that the secretariat address given in the options; failing that
 * `secretariat@<meeting id>.invalid` (RFC 2606: never delivered), named after
 * the meeting. RFC 5546 wants an ORGANIZER in PUBLISH, REQUEST and CANCEL
 * alike (libical's iTIP check counts exactly one), so every event has one.
 */
import type { Meeting, Person } from '../../model/types.js';

/**
 * A calendar user: a display name and an e-mail address.
 *
 * @example
 * const secretariat: Address = { name: 'TSB SG12', email: 'tsbsg12@itu.int' };
 */
export interface Address {
  readonly name: string;
  readonly email: string;
}

/**
 * The role of a person at a session (RFC 5545 `ROLE`).
 *
 * @example
 * const role: AttendeeRole = person.leads.includes(session.group) ? 'REQ-PARTICIPANT' : 'OPT-PARTICIPANT';
 */
export type AttendeeRole = 'REQ-PARTICIPANT' | 'OPT-PARTICIPANT' | 'NON-PARTICIPANT';

/**
 * A display name safe inside a quoted parameter value (`CN="…"`): RFC 5545
 * allows neither `"` nor control characters there and has no escape for them
 * (ical-generator writes `\"`, which parsers read differently), so `"`
 * becomes `'` and backslashes become `/`.
 *
 * @example
 * safeName('Li "Na" (李娜)') // "Li 'Na' (李娜)"
 */
export function safeName(name: string): string {
  return name.replace(/"/g, "'").replace(/\\/g, '/').replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/**
 * A person as a calendar user, when they have an e-mail address.
 *
 * @example
 * addressOf(meeting.people[0]) // { name: 'Kwame Baah-Acheamfuor', email: 'kwame.baah-acheamfuor@example.org' }
 */
export function addressOf(person: Person): Address | undefined {
  return person.email ? { name: safeName(person.name ?? person.id), email: person.email } : undefined;
}

/**
 * A person as the ATTENDEE of their own calendar (SPEC §6: every person's file
 * invites them): their e-mail address, or without one
 * `<person id>@<meeting id>.invalid` (RFC 2606: never delivered; the id
 * lower-cased, other characters than letters, digits, `.`, `_` and `-` as `-`).
 *
 * @example
 * inviteeOf(meeting, person).email // 'kwame.baah-acheamfuor@example.org', or 'li-na@itu-t-sg12-2021-05.invalid'
 */
export function inviteeOf(meeting: Meeting, person: Person): Address {
  const a = addressOf(person);
  if (a) return a;
  const local = person.id.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'person';
  return { name: safeName(person.name ?? person.id), email: `${local}@${meeting.id.toLowerCase()}.invalid` };
}

/**
 * The fallback organizer of a meeting: the secretariat address given, else an undeliverable one.
 *
 * @example
 * secretariatOf(meeting, undefined).email // 'secretariat@itu-t-sg12-2021-05.invalid'
 */
export function secretariatOf(meeting: Meeting, secretariat: Address | undefined): Address {
  if (secretariat) return { name: safeName(secretariat.name), email: secretariat.email };
  return { name: safeName(meeting.title), email: `secretariat@${meeting.id.toLowerCase()}.invalid` };
}

/**
 * The ORGANIZER of the events of `group` (or of meeting-wide events such as
 * milestones when `group` is undefined: a lead of the first root group).
 *
 * @example
 * organizerOf(meeting, meeting.groupIndex.get('Q5/12')!) // { name: 'Li Na (李娜)', email: 'li.na@example.org' }
 */
export function organizerOf(meeting: Meeting, group: number | undefined, secretariat?: Address): Address {
  const root = meeting.groups.find((g) => g.parent === undefined);
  const chain = group !== undefined ? meeting.groups[group]!.ancestors : root ? [root.index] : [];
  const leads = leadAddresses(meeting);
  // SPEC §6: a lead of the group, even one without an e-mail address
  const own = chain[0] === undefined ? undefined : leads.own.get(chain[0]);
  if (own) return own;
  for (const g of chain) {
    const a = leads.withEmail.get(g);
    if (a) return a;
  }
  return secretariatOf(meeting, secretariat);
}

/** Per group: its first lead (in spec order) with an e-mail address; and a lead of its own, that one or else its first at the address a person without one is invited at. */
interface LeadAddresses {
  readonly withEmail: ReadonlyMap<number, Address>;
  readonly own: ReadonlyMap<number, Address>;
}

const leadAddressCache = new WeakMap<Meeting, LeadAddresses>();

/** The {@link LeadAddresses} of a meeting, built once per meeting (every event asks). */
function leadAddresses(meeting: Meeting): LeadAddresses {
  let leads = leadAddressCache.get(meeting);
  if (!leads) {
    const withEmail = new Map<number, Address>();
    const first = new Map<number, Address>();
    for (const p of meeting.people) {
      const a = addressOf(p);
      for (const g of p.leads) {
        if (a && !withEmail.has(g)) withEmail.set(g, a);
        if (!first.has(g)) first.set(g, inviteeOf(meeting, p));
      }
    }
    const own = new Map(first);
    for (const [g, a] of withEmail) own.set(g, a);
    leads = { withEmail, own };
    leadAddressCache.set(meeting, leads);
  }
  return leads;
}

/**
 * The role of person `p` at session `s`: `REQ-PARTICIPANT` where they lead the
 * session's group, `OPT-PARTICIPANT` otherwise.
 *
 * @example
 * roleAt(meeting, rapporteur, sessionOfTheirQuestion) // 'REQ-PARTICIPANT'
 */
export function roleAt(meeting: Meeting, p: number, s: number): AttendeeRole {
  return meeting.sessions[s]!.required.includes(p) ? 'REQ-PARTICIPANT' : 'OPT-PARTICIPANT';
}
