import { describe, expect, it } from 'vitest';
import { DeviceListQuery } from '@/api/devices';
import { parseQueryState, writeQueryState } from '@/api/query-state';
import { nextSort } from '@/components/data-table/next-sort';

const parseListParams = (search: URLSearchParams) => parseQueryState(DeviceListQuery, search);
const writeListParams = (current: URLSearchParams, params: DeviceListQuery) =>
  writeQueryState(DeviceListQuery, current, params);

describe('device list URL state', () => {
  it('reads defaults from an empty query', () => {
    expect(parseListParams(new URLSearchParams())).toEqual({
      page: 1,
      pageSize: 50,
      sort: 'model',
      order: 'asc',
    });
  });

  it('reads every contract parameter, repeated models included', () => {
    const params = parseListParams(
      new URLSearchParams(
        'q=entrance&status=reachable&model=AXIS+Q1656&model=AXIS+S3008&updateAvailable=true&sort=ip&order=desc&page=3&pageSize=25',
      ),
    );
    expect(params).toEqual({
      q: 'entrance',
      status: 'reachable',
      model: ['AXIS Q1656', 'AXIS S3008'],
      updateAvailable: true,
      sort: 'ip',
      order: 'desc',
      page: 3,
      pageSize: 25,
    });
  });

  it('drops values that do not fit and keeps the rest', () => {
    const params = parseListParams(new URLSearchParams('sort=colour&page=-2&q=lobby'));
    expect(params).toMatchObject({ sort: 'model', page: 1, q: 'lobby' });
  });

  it('writes only what differs from the defaults and keeps unrelated parameters', () => {
    const current = new URLSearchParams('scenario=large&page=4');
    const next = writeListParams(current, {
      page: 1,
      pageSize: 50,
      sort: 'version',
      order: 'desc',
      model: ['AXIS Q1656'],
    });
    expect(next.toString()).toBe('scenario=large&model=AXIS+Q1656&sort=version&order=desc');
  });

  it('round-trips through the URL', () => {
    const state = {
      page: 2,
      pageSize: 100,
      sort: 'apps' as const,
      order: 'asc' as const,
      onboarded: false,
      schedule: 'window' as const,
    };
    expect(parseListParams(writeListParams(new URLSearchParams(), state))).toEqual(state);
  });

  it('flips the order on the same column and starts ascending on another', () => {
    const params = parseListParams(new URLSearchParams('sort=ip'));
    expect(nextSort(params, 'ip')).toEqual({ sort: 'ip', order: 'desc' });
    expect(nextSort(params, 'model')).toEqual({ sort: 'model', order: 'asc' });
  });
});
