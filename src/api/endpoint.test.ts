import { describe, expect, it } from 'vitest';
import { DeviceListQuery } from './devices';
import { fillPath, readQuery, serializeQuery, toColonPath } from './endpoint';

describe('query strings', () => {
  it('round-trip typed values through the contract', () => {
    const values = {
      q: 'lobby cam',
      model: ['AXIS M1075-L', 'AXIS Q1656'],
      updateAvailable: false,
      page: 3,
      pageSize: 25,
      sort: 'ip' as const,
      order: 'desc' as const,
    };
    const search = serializeQuery(values);
    expect(search.getAll('model')).toEqual(['AXIS M1075-L', 'AXIS Q1656']);
    expect(DeviceListQuery.parse(readQuery(DeviceListQuery, search))).toEqual(values);
  });

  it('reads a single repeated key as an array', () => {
    const search = new URLSearchParams('model=AXIS+S3008');
    expect(readQuery(DeviceListQuery, search)).toEqual({ model: ['AXIS S3008'] });
  });
});

describe('paths', () => {
  it('fills and encodes parameters', () => {
    expect(fillPath('/firmware/{deviceType}', { deviceType: 'Nord GSM' })).toBe(
      '/firmware/Nord%20GSM',
    );
    expect(() => fillPath('/devices/{deviceId}', {})).toThrow(/deviceId/);
  });

  it('converts to the colon form MSW matches', () => {
    expect(toColonPath('/servers/{serverId}/modules')).toBe('/servers/:serverId/modules');
  });
});
