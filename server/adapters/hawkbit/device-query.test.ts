// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DeviceListQuery } from '../../../src/api/devices';
import { hawkbitDocument } from '../../../mocks/hawkbit/document';
import { requestChecker } from '../../../mocks/hawkbit/validate';
import { deviceFilter, targetQuery, unsortable, type DeviceQueryContext } from './device-query';

const context: DeviceQueryContext = {
  currentVersions: { 'AXIS P3227-LV': '11.11.141', 'AXIS M3086-V': '12.7.61' },
  windowed: ['ACCC8EF37A0E'],
  now: Date.UTC(2026, 11, 3, 12),
  overdueMs: 2 * 60 * 60_000,
};

const query = (given: Record<string, unknown>) => DeviceListQuery.parse(given);

describe('the device list as a query of hawkBit targets', () => {
  it('searches every column hawkBit holds, and pages with offset and limit', () => {
    const target = targetQuery(query({ q: 'lobby', page: 3, pageSize: 50, sort: 'ip' }), context);
    expect(target).toEqual({
      q: '(name==*lobby*,targetType.key==*lobby*,address==*lobby*,controllerId==*lobby*,installedDistributionSet.version==*lobby*)',
      sort: 'IPADDRESS:ASC',
      offset: 100,
      limit: 50,
    });
    // hawkBit itself would take it: the stand-in checks it against hawkBit's document.
    const check = requestChecker(hawkbitDocument());
    const params = new URLSearchParams(
      Object.entries(target).map(([key, value]) => [key, String(value)]),
    );
    expect(
      check({
        method: 'GET',
        path: '/rest/v1/targets',
        query: params,
        contentType: null,
        body: undefined,
      }),
    ).toMatchObject({ ok: true });
  });

  it('says "unreachable" with the last poll, and "update available" per model', () => {
    expect(deviceFilter({ status: 'unreachable' }, context)).toBe(
      `lastTargetQuery=lt=${context.now - context.overdueMs}`,
    );
    expect(deviceFilter({ updateAvailable: true, model: ['AXIS P3227-LV'] }, context)).toBe(
      '(targetType.key=in=("AXIS P3227-LV");' +
        '((targetType.key=="AXIS P3227-LV";installedDistributionSet.version!=11.11.141),' +
        '(targetType.key=="AXIS M3086-V";installedDistributionSet.version!=12.7.61)))',
    );
  });

  it('reads schedules from the console’s own store, and matches nothing for an empty choice', () => {
    expect(deviceFilter({ schedule: 'window' }, context)).toBe('controllerId=in=(ACCC8EF37A0E)');
    expect(deviceFilter({ schedule: 'asap' }, context)).toBe(
      '(controllerAttributes.scheduling!=unsupported;controllerId=out=(ACCC8EF37A0E))',
    );
    expect(deviceFilter({ schedule: 'window' }, { ...context, windowed: [] })).toBe(
      'controllerId==""',
    );
    expect(deviceFilter({}, context)).toBeUndefined();
  });

  it('sorts only by what hawkBit can sort', () => {
    expect(unsortable('name')).toBe(false);
    expect(unsortable('version')).toBe(true);
    expect(targetQuery(query({ sort: 'status', order: 'desc' }), context).sort).toBe(
      'LASTCONTROLLERREQUESTAT:DESC',
    );
  });
});
