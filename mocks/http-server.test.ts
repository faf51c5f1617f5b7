// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { server as mswServer } from './node';
import { startFleetServer, type FleetServer } from './http-server';

describe('the standalone fleet server', () => {
  let fleetServer: FleetServer;

  beforeAll(async () => {
    // Real sockets here: MSW's in-process interception must not answer these requests.
    mswServer.close();
    fleetServer = await startFleetServer({ port: 0, host: '127.0.0.1', scenario: 'demo' });
  });
  afterAll(async () => {
    await fleetServer.close();
    mswServer.listen({ onUnhandledRequest: 'error' });
  });

  it('answers the contract over HTTP, with CORS for other origins', async () => {
    const response = await fetch(`${fleetServer.origin}/api/devices?sort=ip&pageSize=1`, {
      headers: { Origin: 'https://portal.example' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const page = (await response.json()) as { total: number; items: { ip: string }[] };
    expect(page.total).toBe(20);
    expect(page.items[0]?.ip).toBe('172.26.180.2');
  });

  it('validates requests with the contract', async () => {
    const response = await fetch(`${fleetServer.origin}/api/devices?order=sideways`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('answers CORS preflights and serves the OpenAPI document', async () => {
    const preflight = await fetch(`${fleetServer.origin}/api/devices`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    const document = (await (await fetch(`${fleetServer.origin}/openapi.json`)).json()) as {
      openapi: string;
    };
    expect(document.openapi).toBe('3.1.0');
  });
});
