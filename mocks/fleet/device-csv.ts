import { DEVICE_CSV_COLUMNS, DEVICE_STATUS_LABELS, type Device } from '../../src/api/devices';

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break; a text that
 * a spreadsheet would run as a formula (= + - @ at its start) gets a leading apostrophe.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function scheduleWords(device: Device): string {
  if (!device.supportsScheduling) return 'Not supported';
  if (device.schedule.mode === 'asap') return 'As soon as available';
  const { repeat, weekday, startTime, timeZone } = device.schedule.window;
  const day =
    repeat === 'weekly' ? ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][weekday ?? 0] : 'Daily';
  return `${day} ${startTime} ${timeZone}`;
}

function row(device: Device): (string | number | boolean | null)[] {
  return [
    device.name,
    device.model,
    DEVICE_STATUS_LABELS[device.status],
    device.ip,
    device.serial,
    device.software.version,
    device.software.latestVersion,
    device.update.state,
    scheduleWords(device),
    device.onboarded ? 'Onboarded' : 'Not onboarded',
    device.warranty.status,
    device.warranty.expiresOn,
    device.apps.running,
    device.apps.stopped,
    device.lastSeenAt,
  ];
}

/** The devices CSV: the header, then a row per device, CRLF line ends as RFC 4180 has them. */
export function devicesCsv(devices: Iterable<Device>): string {
  const lines = [DEVICE_CSV_COLUMNS.map(csvCell).join(',')];
  for (const device of devices) lines.push(row(device).map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
