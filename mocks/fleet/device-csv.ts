import { DEVICE_CSV_COLUMNS, DEVICE_STATUS_LABELS, type Device } from '../../src/api/devices';
import { CsvRows, csvLine } from './csv';

function scheduleWords(device: Device): string {
  if (!device.supportsScheduling) return 'Not supported';
  if (device.schedule.mode === 'asap') return 'As soon as available';
  const { repeat, weekday, startTime, timeZone } = device.schedule.window;
  const day =
    repeat === 'weekly' ? ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][weekday ?? 0] : 'Daily';
  return `${day} ${startTime} ${timeZone}`;
}

/** One device's cells, in the order of DEVICE_CSV_COLUMNS. */
export function deviceCsvRow(device: Device): (string | number | boolean | null)[] {
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

/** The devices CSV: the header, then a row per device, made as it is read. */
export function devicesCsv(devices: () => Iterable<Device>): CsvRows {
  return new CsvRows(function* () {
    yield csvLine(DEVICE_CSV_COLUMNS);
    for (const device of devices()) yield csvLine(deviceCsvRow(device));
  });
}
