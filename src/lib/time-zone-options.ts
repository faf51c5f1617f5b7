import { isValidTimeZone, timeZoneNames } from './time-zone';

/** Zones renamed in the IANA database that the platform may list under their old names. */
const currentNames = [
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Yangon',
  'Asia/Ho_Chi_Minh',
  'Europe/Kyiv',
  'America/Nuuk',
  'Pacific/Kanton',
  'Atlantic/Faroe',
];

let zones: string[] | undefined;

/** Every IANA zone, UTC first, current names included; computed once. */
export function timeZoneOptions(): string[] {
  if (!zones) {
    const listed = timeZoneNames();
    const extra = currentNames.filter((zone) => !listed.includes(zone) && isValidTimeZone(zone));
    zones = [listed[0] ?? 'UTC', ...[...listed.slice(1), ...extra].sort()];
  }
  return zones;
}
