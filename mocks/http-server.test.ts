// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfHeader, server as mswServer } from './node';
import { startFleetServer, type FleetServer } from './http-server';
import { SiteListQuery } from '../src/api/sites';

const portal = 'https://portal.example';
const stranger = 'https://stranger.example';

/**
 * A fleet server for the tests of one `describe`, on a free port, allowing `portal` and 4 KB
 * bodies. The returned object's `origin` and `fleet` are set once it listens.
 */
function serveFleet(): FleetServer {
  const current = {} as FleetServer;
  beforeAll(async () => {
    // Real sockets here: MSW's in-process interception must not answer these requests.
    mswServer.close();
    Object.assign(
      current,
      await startFleetServer({
        port: 0,
        host: '127.0.0.1',
        scenario: 'demo',
        allowOrigins: [portal],
        maxBodyBytes: 4096,
      }),
    );
  });
  afterAll(async () => {
    await current.close();
    mswServer.listen({ onUnhandledRequest: 'error' });
  });
  return current;
}

describe('the standalone fleet server', () => {
  const fleetServer = serveFleet();

  it('answers the contract over HTTP, with CORS for the allowed origins only', async () => {
    const response = await fetch(`${fleetServer.origin}/api/devices?sort=ip&pageSize=1`, {
      headers: { Origin: portal },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(portal);
    const foreign = await fetch(`${fleetServer.origin}/api/devices?sort=ip&pageSize=1`, {
      headers: { Origin: stranger },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const page = (await response.json()) as { total: number; items: { ip: string }[] };
    expect(page.total).toBe(20);
    expect(page.items[0]?.ip).toBe('172.26.180.2');
  });

  it('validates requests with the contract', async () => {
    const response = await fetch(`${fleetServer.origin}/api/devices?order=sideways`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('answers CORS preflights of allowed origins only, and serves the OpenAPI document', async () => {
    const preflight = await fetch(`${fleetServer.origin}/api/devices/updates`, {
      method: 'OPTIONS',
      headers: { Origin: portal, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(portal);
    const refused = await fetch(`${fleetServer.origin}/api/devices/updates`, {
      method: 'OPTIONS',
      headers: { Origin: stranger, 'Access-Control-Request-Method': 'POST' },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const document = (await (await fetch(`${fleetServer.origin}/openapi.json`)).json()) as {
      openapi: string;
    };
    expect(document.openapi).toBe('3.1.0');
  });
});

describe('changes over HTTP', () => {
  const fleetServer = serveFleet();
  const change = () => `${fleetServer.origin}/api/device-types/Nord%20GSM/updates`;

  it('take JSON only: 415 for every other body, and nothing changes', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      const response = await fetch(change(), {
        method: 'POST',
        headers: contentType ? { 'Content-Type': contentType } : {},
        body: JSON.stringify({ siteNumber: 1011 }),
      });
      expect(response.status, contentType).toBe(415);
      expect(await response.json()).toMatchObject({ code: 'unsupported_media_type' });
    }
    const site = fleetServer.fleet.listSites(
      'Nord GSM',
      SiteListQuery.parse({ q: '1011', pageSize: 1 }),
    ).items[0];
    expect(site?.update).toBeNull();
    const accepted = await fetch(change(), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        ...(await csrfHeader(`${fleetServer.origin}/api/`)),
      },
      body: JSON.stringify({ siteNumber: 1011 }),
    });
    expect(accepted.status).toBe(202);
  });

  it('need the session’s CSRF header: 403 without it or with another, and nothing changes', async () => {
    for (const token of [undefined, 'csrf-forged']) {
      const response = await fetch(change(), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { 'X-CSRF-Token': token } : {}),
        },
        body: JSON.stringify({ siteNumber: 1014 }),
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'csrf_failed' });
    }
    const site = fleetServer.fleet.listSites(
      'Nord GSM',
      SiteListQuery.parse({ q: '1014', pageSize: 1 }),
    ).items[0];
    expect(site?.update).toBeNull();
  });

  it('refuse bodies over the limit with 413', async () => {
    const response = await fetch(change(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ siteNumber: 1012, padding: 'x'.repeat(5000) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'payload_too_large' });
  });

  it('are refused to pages of origins that are not allowed, never answered with *', async () => {
    const response = await fetch(change(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: stranger },
      body: JSON.stringify({ siteNumber: 1013 }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await fetch(change(), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: portal,
        ...(await csrfHeader(`${fleetServer.origin}/api/`)),
      },
      body: JSON.stringify({ siteNumber: 1013 }),
    });
    expect(allowed.status).toBe(202);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(portal);
  });
});
