// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { targetQuery } from '../../server/adapters/hawkbit/device-query';
import { DeviceListQuery } from '../../src/api/devices';
import { createStandin } from './standin';

const standin = createStandin({ scenario: 'demo', now: () => Date.UTC(2026, 11, 3, 12) });

function get(path: string, user = 'viewer'): Promise<Response> {
  return standin.handle(
    new Request(`http://hawkbit.local${path}`, {
      headers: { Authorization: `Basic ${btoa(`${user}:${user}`)}` },
    }),
  );
}

interface Page {
  content: { controllerId: string; name: string; address: string }[];
  total: number;
  size: number;
}

describe('the hawkBit stand-in', () => {
  it('asks for HTTP Basic, and names the user and their hawkBit permissions', async () => {
    const anonymous = await standin.handle(new Request('http://hawkbit.local/rest/v1/userinfo'));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('WWW-Authenticate')).toBe('Basic realm="hawkBit"');
    const info = (await (await get('/rest/v1/userinfo', 'operator')).json()) as {
      username: string;
      permissions: string[];
    };
    expect(info.username).toBe('operator');
    expect(info.permissions).toContain('HANDLE_ROLLOUT');
  });

  it('pages, sorts and searches targets as the console’s server asks', async () => {
    const query = targetQuery(
      DeviceListQuery.parse({ q: '172.26.180.4', sort: 'ip', pageSize: 2 }),
      {
        currentVersions: {},
        windowed: [],
        now: Date.UTC(2026, 11, 3, 12),
        overdueMs: 2 * 60 * 60_000,
      },
    );
    const params = new URLSearchParams(
      Object.entries(query).map(([key, value]) => [key, String(value)]),
    );
    const page = (await (await get(`/rest/v1/targets?${params}`)).json()) as Page;
    expect(page.size).toBe(2);
    expect(page.total).toBeGreaterThan(2);
    expect(page.content.map((target) => target.address)).toEqual(
      [...page.content.map((target) => target.address)].sort(),
    );
    expect(page.content.every((target) => target.address.includes('172.26.180.4'))).toBe(true);
  });

  it('refuses what hawkBit does not define, and a field it does not know, in its error shape', async () => {
    const undefinedParameter = await get('/rest/v1/targets?pagesize=5');
    expect(undefinedParameter.status).toBe(400);
    expect(await undefinedParameter.json()).toMatchObject({
      errorCode: 'hawkbit.standin.request.undefined',
      message: expect.stringContaining('query parameter pagesize is not defined') as unknown,
    });
    const unknownField = await get('/rest/v1/targets?q=colour%3D%3Dred');
    expect(unknownField.status).toBe(400);
    expect(await unknownField.json()).toMatchObject({
      errorCode: 'hawkbit.server.error.rest.param.rsqlInvalidField',
    });
    expect((await get('/rest/v1/targets?sort=warranty:ASC')).status).toBe(400);
    expect((await get('/rest/v1/targets/nope')).status).toBe(404);
  });
});
