/**
 * Where the participants of the benchmark meetings live: IANA zones with
 * relative weights per kind of meeting. Half-hour (Kolkata, Tehran, Adelaide,
 * St John's) and 45-minute (Kathmandu) zones and both hemispheres' DST rules
 * are in, so that comfort is exact only if it is computed per minute.
 */

/** A zone and how likely a participant lives there. */
export interface ZoneShare {
  readonly zone: string;
  readonly weight: number;
}

/** An ITU-T study group: Europe, Asia and Africa first. */
export const ITU_ZONES: readonly ZoneShare[] = [
  { zone: 'Europe/Zurich', weight: 8 },
  { zone: 'Europe/Berlin', weight: 9 },
  { zone: 'Europe/Paris', weight: 6 },
  { zone: 'Europe/London', weight: 5 },
  { zone: 'Europe/Stockholm', weight: 4 },
  { zone: 'Europe/Helsinki', weight: 3 },
  { zone: 'Europe/Rome', weight: 2 },
  { zone: 'Europe/Madrid', weight: 2 },
  { zone: 'Europe/Warsaw', weight: 2 },
  { zone: 'Europe/Moscow', weight: 5 },
  { zone: 'Europe/Istanbul', weight: 2 },
  { zone: 'Africa/Accra', weight: 3 },
  { zone: 'Africa/Lagos', weight: 4 },
  { zone: 'Africa/Abidjan', weight: 2 },
  { zone: 'Africa/Dakar', weight: 2 },
  { zone: 'Africa/Tunis', weight: 2 },
  { zone: 'Africa/Cairo', weight: 4 },
  { zone: 'Africa/Nairobi', weight: 3 },
  { zone: 'Africa/Johannesburg', weight: 2 },
  { zone: 'Africa/Casablanca', weight: 1 },
  { zone: 'Asia/Riyadh', weight: 3 },
  { zone: 'Asia/Dubai', weight: 2 },
  { zone: 'Asia/Tehran', weight: 2 },
  { zone: 'Asia/Kolkata', weight: 4 },
  { zone: 'Asia/Kathmandu', weight: 1 },
  { zone: 'Asia/Dhaka', weight: 1 },
  { zone: 'Asia/Bangkok', weight: 1 },
  { zone: 'Asia/Jakarta', weight: 1 },
  { zone: 'Asia/Shanghai', weight: 12 },
  { zone: 'Asia/Seoul', weight: 4 },
  { zone: 'Asia/Tokyo', weight: 5 },
  { zone: 'Asia/Singapore', weight: 1 },
  { zone: 'Australia/Sydney', weight: 1 },
  { zone: 'Australia/Adelaide', weight: 1 },
  { zone: 'America/New_York', weight: 4 },
  { zone: 'America/Chicago', weight: 1 },
  { zone: 'America/Los_Angeles', weight: 3 },
  { zone: 'America/Toronto', weight: 2 },
  { zone: 'America/Sao_Paulo', weight: 1 },
  { zone: 'America/Mexico_City', weight: 1 },
  { zone: 'America/Bogota', weight: 1 },
  { zone: 'America/St_Johns', weight: 1 },
];

/** An IETF-like engineering meeting: North America, Europe and East Asia first. */
export const IETF_ZONES: readonly ZoneShare[] = [
  { zone: 'America/Los_Angeles', weight: 14 },
  { zone: 'America/New_York', weight: 12 },
  { zone: 'America/Chicago', weight: 5 },
  { zone: 'America/Denver', weight: 3 },
  { zone: 'America/Toronto', weight: 3 },
  { zone: 'America/Vancouver', weight: 2 },
  { zone: 'America/Sao_Paulo', weight: 2 },
  { zone: 'America/Halifax', weight: 1 },
  { zone: 'America/St_Johns', weight: 1 },
  { zone: 'Pacific/Honolulu', weight: 1 },
  { zone: 'Europe/London', weight: 8 },
  { zone: 'Europe/Paris', weight: 5 },
  { zone: 'Europe/Berlin', weight: 7 },
  { zone: 'Europe/Amsterdam', weight: 4 },
  { zone: 'Europe/Stockholm', weight: 3 },
  { zone: 'Europe/Helsinki', weight: 3 },
  { zone: 'Europe/Madrid', weight: 2 },
  { zone: 'Europe/Prague', weight: 2 },
  { zone: 'Europe/Zurich', weight: 2 },
  { zone: 'Europe/Moscow', weight: 1 },
  { zone: 'Asia/Jerusalem', weight: 1 },
  { zone: 'Asia/Tehran', weight: 1 },
  { zone: 'Asia/Kolkata', weight: 4 },
  { zone: 'Asia/Kathmandu', weight: 1 },
  { zone: 'Asia/Shanghai', weight: 10 },
  { zone: 'Asia/Tokyo', weight: 4 },
  { zone: 'Asia/Seoul', weight: 2 },
  { zone: 'Asia/Taipei', weight: 1 },
  { zone: 'Asia/Singapore', weight: 1 },
  { zone: 'Australia/Sydney', weight: 2 },
  { zone: 'Australia/Adelaide', weight: 1 },
  { zone: 'Pacific/Auckland', weight: 1 },
  { zone: 'Africa/Johannesburg', weight: 1 },
  { zone: 'Africa/Nairobi', weight: 1 },
];
