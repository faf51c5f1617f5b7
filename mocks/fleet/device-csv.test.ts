// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEVICE_CSV_COLUMNS, DeviceExportQuery } from '../../src/api/devices';
import { Fleet } from './fleet';

const at = () => Date.UTC(2024, 10, 8, 10, 0);

describe('the devices CSV', () => {
  it('holds every matching device in the list’s order, after a header row', () => {
    const fleet = new Fleet({ scenario: 'demo', now: at });
    const csv = fleet
      .exportDevices(DeviceExportQuery.parse({ status: 'unreachable', sort: 'ip' }))
      .text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(DEVICE_CSV_COLUMNS.join(','));
    const listed = fleet.listDevices({
      status: 'unreachable',
      sort: 'ip',
      order: 'asc',
      page: 1,
      pageSize: 200,
    });
    expect(lines).toHaveLength(listed.total + 1);
    expect(lines.slice(1).map((line) => line.split(',')[3])).toEqual(
      listed.items.map((device) => device.ip),
    );
  });

  it('exports all 100,000 devices of the large fleet', () => {
    const fleet = new Fleet({ scenario: 'large', now: at });
    const csv = fleet.exportDevices(DeviceExportQuery.parse({})).text();
    expect(csv.trimEnd().split('\r\n')).toHaveLength(100_001);
  });
});
