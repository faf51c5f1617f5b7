import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentFleet, resetFleet, server } from '../../mocks/node';
import { apiRequest, configureApiClient, forgetCredentials, setBearerToken } from './client';
import { siteEndpoints } from './sites';

const updateSite = (siteNumber: number) =>
  apiRequest(siteEndpoints.updateSite, {
    params: { deviceType: 'Nord GSM' },
    body: { siteNumber },
  });

/** The headers of every request the client sends, in order. */
function recordHeaders(): { url: string; headers: Headers }[] {
  const seen: { url: string; headers: Headers }[] = [];
  server.events.on('request:start', ({ request }) => {
    seen.push({ url: request.url, headers: request.headers });
  });
  return seen;
}

describe('the client’s credentials', () => {
  afterEach(() => {
    configureApiClient({ auth: 'cookie', onUnauthorized: () => undefined });
    forgetCredentials();
  });

  it('reads the session’s CSRF token before the first change and sends it with each', async () => {
    const seen = recordHeaders();
    await updateSite(1011);
    await updateSite(1012);
    expect(seen.map((request) => new URL(request.url).pathname)).toEqual([
      '/api/session',
      '/api/device-types/Nord%20GSM/updates',
      '/api/device-types/Nord%20GSM/updates',
    ]);
    const token = seen[1]?.headers.get('X-CSRF-Token');
    expect(token).toMatch(/^csrf-/);
    expect(seen[2]?.headers.get('X-CSRF-Token')).toBe(token);
  });

  it('reads the token again once when a new session refused the old one', async () => {
    await updateSite(1011);
    // A sign-in elsewhere began a new session with a new token.
    currentFleet().sessions.renew();
    await expect(updateSite(1012)).resolves.toMatchObject({ number: 1012 });
  });

  it('tells of a 401 and says the session has ended, without sending the change again', async () => {
    const onUnauthorized = vi.fn();
    configureApiClient({ onUnauthorized });
    await updateSite(1011);
    currentFleet().sessions.expire();
    const seen = recordHeaders();
    await expect(updateSite(1012)).rejects.toMatchObject({
      status: 401,
      message:
        'Your session has ended. Sign in again, then try once more: what you entered is kept.',
    });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(seen.filter((request) => request.url.endsWith('/updates'))).toHaveLength(1);
  });

  it('in bearer mode sends the portal’s token and no CSRF header', async () => {
    resetFleet('demo', undefined, { auth: 'bearer' });
    configureApiClient({ auth: 'bearer' });
    setBearerToken('portal-token-7');
    const seen = recordHeaders();
    await updateSite(1011);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.get('Authorization')).toBe('Bearer portal-token-7');
    expect(seen[0]?.headers.get('X-CSRF-Token')).toBeNull();
  });
});
