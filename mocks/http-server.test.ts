// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfHeader, server as mswServer } from './node';
import { startFleetServer, type FleetServer } from './http-server';
import { send } from '../scripts/http-test-support';
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

describe('what a security probe tried', () => {
  const fleetServer = serveFleet();
  const raw = (path: string, method = 'GET') => send(fleetServer.origin, path, { method });

  it.each([
    ['/api/devices/%', 400, 'bad_path'],
    ['/api/devices/%zz', 400, 'bad_path'],
    ['/api/device-types/Nord%20GSM/sites/%/cancel', 400, 'bad_path'],
    ['/api/%2e%2e/openapi.json', 400, 'bad_path'],
    ['//[/api/session', 400, 'bad_request'],
    ['/elsewhere', 404, 'not_found'],
  ])('answers %s with %i in words, never 500', async (path, status, code) => {
    const answer = await raw(path);
    expect(answer.status).toBe(status);
    const body = JSON.parse(answer.body.toString()) as { code: string; message: string };
    expect(body.code).toBe(code);
    expect(body.message.length).toBeGreaterThan(10);
  });

  it('answers 405 to TRACE, and HEAD as GET without a body', async () => {
    const trace = await raw('/api/devices', 'TRACE');
    expect(trace.status).toBe(405);
    expect(trace.headers.allow).toContain('HEAD');
    const head = await raw('/api/devices?pageSize=1', 'HEAD');
    const get = await raw('/api/devices?pageSize=1');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.body.length).toBe(0);
    expect(get.body.length).toBeGreaterThan(0);
  });

  it('reads who calls before the body: an ended session gets 401, not 400', async () => {
    await fetch(`${fleetServer.origin}/api/simulation/session`, { method: 'DELETE' });
    try {
      const response = await fetch(`${fleetServer.origin}/api/devices/updates`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: 'not the contract',
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'session_expired' });
    } finally {
      await fetch(`${fleetServer.origin}/api/simulation/session`, { method: 'POST' });
    }
  });

  it('keeps the simulated sign-in to its own and allowed origins', async () => {
    const url = `${fleetServer.origin}/api/simulation/session`;
    const foreign = await fetch(url, { method: 'DELETE', headers: { Origin: stranger } });
    expect(foreign.status).toBe(403);
    const crossSite = await fetch(url, {
      method: 'DELETE',
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect((await fetch(`${fleetServer.origin}/api/session`)).status).toBe(200);
    const own = await fetch(url, { method: 'POST', headers: { Origin: fleetServer.origin } });
    expect(own.status).toBe(204);
  });

  it('lets an allowed page send its credentials, CSRF header and bearer token', async () => {
    const preflight = await fetch(`${fleetServer.origin}/api/devices/updates`, {
      method: 'OPTIONS',
      headers: {
        Origin: portal,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-csrf-token',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    const allowedHeaders = preflight.headers.get('access-control-allow-headers') ?? '';
    for (const header of ['Content-Type', 'X-CSRF-Token', 'Authorization']) {
      expect(allowedHeaders).toContain(header);
    }
    expect(preflight.headers.get('access-control-expose-headers')).toContain('X-Simulated-Fleet');
  });

  it('streams an export: written as it is read, never held whole', async () => {
    const answer = await raw('/api/devices/export?sort=ip');
    expect(answer.status).toBe(200);
    expect(answer.headers['transfer-encoding']).toBe('chunked');
    expect(answer.headers['content-length']).toBeUndefined();
    expect(answer.body.toString().trimEnd().split('\r\n')).toHaveLength(21);
  });
});

describe('a bearer session', () => {
  it('ends for every token it was used with, not the last one only', async () => {
    mswServer.close();
    const bearer = await startFleetServer({
      port: 0,
      host: '127.0.0.1',
      scenario: 'demo',
      session: { auth: 'bearer' },
    });
    const sessionWith = (token: string) =>
      fetch(`${bearer.origin}/api/session`, { headers: { Authorization: `Bearer ${token}` } });
    try {
      expect((await sessionWith('first')).status).toBe(200);
      expect((await sessionWith('second')).status).toBe(200);
      await fetch(`${bearer.origin}/api/simulation/session`, { method: 'DELETE' });
      expect((await sessionWith('first')).status).toBe(401);
      expect((await sessionWith('second')).status).toBe(401);
      expect((await sessionWith('third')).status).toBe(200);
    } finally {
      await bearer.close();
      mswServer.listen({ onUnhandledRequest: 'error' });
    }
  });
});
