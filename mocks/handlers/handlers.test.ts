// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { csrfHeader, setFaults, testApiRoot } from '../node';

const get = (path: string) => fetch(new URL(path, testApiRoot));

describe('the built-in API', () => {
  it('answers 400 in the error shape when the query does not fit the contract', async () => {
    const response = await get('devices?pageSize=5000&sort=colour');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; details: { path: string }[] };
    expect(body.code).toBe('validation_failed');
    expect(body.details.map((detail) => detail.path).sort()).toEqual(['pageSize', 'sort']);
  });

  it('takes a bulk selection by filter in a JSON body, booleans as booleans', async () => {
    const response = await fetch(new URL('devices/selection-summary', testApiRoot), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(await csrfHeader()) },
      body: JSON.stringify({ mode: 'filter', filter: { onboarded: false }, except: [] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ total: 3, notOnboarded: { count: 3 } });
  });

  it('refuses a schedule that does not fit the contract, saying which field', async () => {
    const response = await fetch(new URL('devices/schedule', testApiRoot), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...(await csrfHeader()) },
      body: JSON.stringify({
        selection: { mode: 'ids', ids: ['dev-0001'] },
        schedule: {
          mode: 'window',
          window: { repeat: 'weekly', startTime: '25:00', timeZone: 'Mars/Olympus' },
        },
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { details: { path: string }[] };
    expect(body.details.map((detail) => detail.path).sort()).toEqual([
      'schedule.window.startTime',
      'schedule.window.timeZone',
      'schedule.window.weekday',
    ]);
  });

  it('answers 404 in the error shape for an operation it does not have', async () => {
    const response = await get('nothing-here');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'not_found' });
  });

  it('fails every call when faults=1, as 503s or dropped connections', async () => {
    setFaults({ faults: 1, latency: 0 });
    const outcomes = new Set<string>();
    for (let attempt = 0; attempt < 20; attempt += 1) {
      try {
        const response = await get('devices');
        expect(response.status).toBe(503);
        outcomes.add('503');
      } catch {
        outcomes.add('dropped');
      }
    }
    expect(outcomes).toEqual(new Set(['503', 'dropped']));
  });

  it('lets every call through when faults=0', async () => {
    setFaults({ faults: 0, latency: 0 });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await get('devices/facets')).status).toBe(200);
    }
  });
});
