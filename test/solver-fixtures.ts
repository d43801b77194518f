/** The three infeasible meetings of issue 3, shared by the solver tests. */
import type { MeetingSpecInput } from '../src/spec/meeting-schema.js';
import { spec } from './helpers.js';

/** (a) Three sessions that may only run in core hours, but one track and one core block on two days. */
export const CORE_OVERFLOW: MeetingSpecInput = spec({
  id: 'core-overflow',
  days: { from: '2021-05-04', to: '2021-05-05' },
  blocks: [
    { id: 'core1', start: '11:30', end: '13:00', core: true },
    { id: 'late', start: '15:30', end: '17:00' },
  ],
  tracks: 1,
  groups: [{ id: 'G', delegates: { 'Asia/Tokyo': 3 } }, { id: 'H' }],
  sessions: [
    { id: 'g1', group: 'G', minutes: 90, core: true },
    { id: 'g2', group: 'G', minutes: 90, core: true },
    { id: 'h1', group: 'H', minutes: 90, core: true },
    { id: 'h2', group: 'H', minutes: 60 },
  ],
});

/** (b) intro must come before deep, but intro may only run on day 3 and deep on days 1–2. */
export const SEQUENCE_AGAINST_DAYS: MeetingSpecInput = spec({
  id: 'sequence-against-days',
  days: { from: '2021-05-04', to: '2021-05-06' },
  blocks: [
    { id: 'am', start: '09:00', end: '10:30' },
    { id: 'pm', start: '14:00', end: '15:30' },
  ],
  groups: [{ id: 'G' }, { id: 'H' }],
  sessions: [
    { id: 'intro', group: 'G', minutes: 60, days: [3] },
    { id: 'deep', group: 'G', minutes: 60, days: [1, 2] },
    { id: 'h1', group: 'H', minutes: 90 },
  ],
  rules: [{ apart: ['h1', 'intro'] }, { sequence: ['intro', 'deep'] }],
});

/** (c) Ana leads Q1 and Q2, whose sessions are both pinned to day 1 at 11:30. */
export const PINNED_RAPPORTEUR: MeetingSpecInput = spec({
  id: 'pinned-rapporteur',
  days: { from: '2021-05-04', to: '2021-05-05' },
  tracks: 3,
  groups: [{ id: 'Q1' }, { id: 'Q2' }, { id: 'Q3' }],
  people: [{ id: 'ana', name: 'Ana Rapporteur', timeZone: 'America/Sao_Paulo', leads: ['Q1', 'Q2'] }],
  sessions: [
    { id: 'q1-1', group: 'Q1', minutes: 90, days: [1], at: '11:30' },
    { id: 'q2-1', group: 'Q2', minutes: 60, days: [1], at: '11:30' },
    { id: 'q3-1', group: 'Q3', minutes: 90 },
  ],
});
