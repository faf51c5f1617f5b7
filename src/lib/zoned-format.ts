/**
 * Instants in words, in a given IANA zone and locale: the one place the console formats
 * time. Formatters are cached per zone, locale and shape (building one costs far more than
 * using it).
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(
  shape: string,
  timeZone: string,
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${shape}|${timeZone}|${locale}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formats.set(key, format);
  }
  return format;
}

/** ICU puts narrow no-break spaces before AM/PM; operators and test suites expect spaces. */
const plainSpaces = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

/** "November 9, 2024" in the zone (en-US); "9 november 2024" (sv-SE). */
export function formatZonedDate(instant: Date, timeZone: string, locale = 'en-US'): string {
  return plainSpaces(
    formatter('date', timeZone, locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(
      instant,
    ),
  );
}

/** "Nov 24" in the zone: a recent day, where the year goes without saying. */
export function formatZonedDay(instant: Date, timeZone: string, locale = 'en-US'): string {
  return plainSpaces(
    formatter('day', timeZone, locale, { month: 'short', day: 'numeric' }).format(instant),
  );
}

const clocks = new Map<string, boolean>();

/** Whether the locale writes a 24-hour clock (sv-SE: 08:00), which pads its hours. */
function uses24Hours(locale: string): boolean {
  let answer = clocks.get(locale);
  if (answer === undefined) {
    const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
    answer = cycle === 'h23' || cycle === 'h24';
    clocks.set(locale, answer);
  }
  return answer;
}

/** "8:00 AM" in the zone (en-US); "08:00" (sv-SE). */
export function formatZonedTime(instant: Date, timeZone: string, locale = 'en-US'): string {
  return plainSpaces(
    formatter('time', timeZone, locale, {
      hour: uses24Hours(locale) ? '2-digit' : 'numeric',
      minute: '2-digit',
    }).format(instant),
  );
}

/** "UTC", "EST", "GMT+5:45": the zone's short name at that instant. */
export function zoneAbbreviation(instant: Date, timeZone: string, locale = 'en-US'): string {
  const parts = formatter('zone', timeZone, locale, { timeZoneName: 'short' }).formatToParts(
    instant,
  );
  return plainSpaces(parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone);
}

/** The zone's short name, with the IANA name where the short name is not UTC or the name. */
export function zoneLabel(abbreviation: string, timeZone: string): string {
  return abbreviation === 'UTC' || abbreviation === timeZone
    ? abbreviation
    : `${abbreviation} (${timeZone})`;
}

/** "November 9, 2024, 8:00 AM UTC" (with the IANA name where the short name is not UTC). */
export function formatZonedInstant(instant: Date, timeZone: string, locale = 'en-US'): string {
  return `${formatZonedDate(instant, timeZone, locale)}, ${formatZonedTime(
    instant,
    timeZone,
    locale,
  )} ${zoneLabel(zoneAbbreviation(instant, timeZone, locale), timeZone)}`;
}
