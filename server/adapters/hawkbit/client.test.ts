// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createStandin } from '../../../mocks/hawkbit/standin';
import { RefusedError } from '../../contract/refusal';
import { hawkbitClient, type TraceLine } from './client';

const standin = createStandin({ scenario: 'demo' });
const operator = { username: 'operator', password: 'operator' };

describe("the console's server calling hawkBit", () => {
  it('calls as the operator and traces each request without the credentials', async () => {
    const lines: TraceLine[] = [];
    const client = hawkbitClient({
      baseUrl: 'http://hawkbit.local',
      fetch: (request) => standin.handle(request),
      trace: (line) => lines.push(line),
    });
    const info = await client.get<{ username: string }>('/rest/v1/userinfo', operator);
    expect(info.username).toBe('operator');
    const page = await client.get<{ total: number }>('/rest/v1/targets', operator, {
      q: 'name==*Lobby*',
      limit: 5,
      offset: undefined,
    });
    expect(page.total).toBeGreaterThan(0);
    expect(lines).toEqual([
      { method: 'GET', path: '/rest/v1/userinfo', query: {}, body: null, status: 200 },
      {
        method: 'GET',
        path: '/rest/v1/targets',
        query: { q: 'name==*Lobby*', limit: '5' },
        body: null,
        status: 200,
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('operator:operator');
  });

  it('says what to do when hawkBit refuses the sign-in, or a request it does not define', async () => {
    const client = hawkbitClient({
      baseUrl: 'http://hawkbit.local',
      fetch: (request) => standin.handle(request),
    });
    await expect(
      client.get('/rest/v1/userinfo', { username: 'operator', password: 'wrong' }),
    ).rejects.toMatchObject({ status: 401, code: 'sign_in_required' });
    await expect(client.get('/rest/v1/targets', operator, { pageSize: 5 })).rejects.toMatchObject({
      status: 500,
      code: 'hawkbit_refused_request',
      message: expect.stringContaining('query parameter pageSize is not defined') as unknown,
    });
  });

  it('waits out hawkBit’s 429 as it asks, then says it is busy', async () => {
    const waits: number[] = [];
    let calls = 0;
    const busy = hawkbitClient({
      baseUrl: 'http://hawkbit.local',
      retries: 2,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      fetch: () => {
        calls += 1;
        return Promise.resolve(
          new Response(null, { status: 429, headers: calls === 1 ? { 'Retry-After': '2' } : {} }),
        );
      },
    });
    await expect(busy.get('/rest/v1/targets', operator)).rejects.toMatchObject({
      status: 503,
      code: 'hawkbit_busy',
    });
    expect(waits).toEqual([2000, 500]);
    expect(calls).toBe(3);
  });

  it('turns hawkBit down or slow into words and a way forward, not a hang', async () => {
    const down = hawkbitClient({
      baseUrl: 'http://hawkbit.local',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    const error: unknown = await down.get('/rest/v1/targets', operator).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedError);
    expect(error).toMatchObject({ status: 502, code: 'hawkbit_unreachable' });
    expect((error as Error).message).toMatch(/Try again/);

    const slow = hawkbitClient({
      baseUrl: 'http://hawkbit.local',
      timeoutMs: 20,
      fetch: (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener('abort', () => reject(request.signal.reason as Error)),
        ),
    });
    await expect(slow.get('/rest/v1/targets', operator)).rejects.toMatchObject({
      status: 504,
      code: 'hawkbit_timeout',
    });
  });
});
