// @vitest-environment node
/**
 * The console's server as its clients see it — the contract layer in front of the built-in
 * fleet, its state in the store — on PGlite and on PostgreSQL: sign-in, refusals, two servers
 * on one database, idempotency keys across them, and a restart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../src/api/session';
import { openFleetBackend } from './adapters/fleet-backend/fleet-backend';
import { sqlStore } from './adapters/sql-store/sql-store';
import type { Sql } from './adapters/sql-store/sql';
import {
  migratedDatabase,
  testDatabases,
  type TestDatabase,
} from './adapters/sql-store/test-databases';
import { createApi, type Api } from './api';
import { activity, call, signIn } from './api-test-support';
import type { Backend } from './ports/backend';

const START = Date.UTC(2026, 11, 3, 10);

const schedule = {
  selection: { mode: 'ids', ids: ['dev-0001'] },
  schedule: { mode: 'asap' },
};

describe.each(testDatabases())("the console's server on $name", (kind) => {
  let database: TestDatabase;
  let clock: number;
  const opened: Backend[] = [];

  /** One console server on `sql`, as a load balancer's member would be. */
  async function server(sql: Sql): Promise<Api> {
    const store = sqlStore(sql);
    const now = () => clock;
    const backend = await openFleetBackend({ store, scenario: 'demo', now });
    opened.push(backend);
    return createApi({ store, backend, now });
  }

  const opening = migratedDatabase(kind);
  beforeEach(() => {
    database = opening();
    clock = START;
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((backend) => backend.close()));
  });

  it('asks for a sign-in, signs in with a password, and refuses a wrong one with words', async () => {
    const api = await server(database.sql);
    const before = await call(api, 'GET', '/session');
    expect(before.status).toBe(401);
    expect(await before.json()).toMatchObject({ code: 'sign_in_required' });

    const wrong = await call(api, 'POST', '/session', {
      body: { username: 'omar', password: 'Omar' },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({
      code: 'sign_in_failed',
      message: expect.stringMatching(/do not match/) as unknown,
    });

    const omar = await signIn(api, 'omar');
    const session = (await (await call(api, 'GET', '/session', { as: omar })).json()) as Session;
    expect(session).toMatchObject({
      operator: { name: 'Omar Haddad' },
      role: 'operator',
      capabilities: { signOut: true },
    });
    const { items } = await activity(api, omar);
    expect(items.map((item) => [item.kind, item.operator.name, item.result.status])).toEqual([
      ['sign-in', 'Omar Haddad', 'accepted'],
      ['sign-in', 'Omar Haddad', 'refused'],
    ]);
  });

  it('signs in an operator of one customer, who sees that customer’s devices and sites only and may make no token', async () => {
    const api = await server(database.sql);
    const nora = await signIn(api, 'nora');
    const session = (await (await call(api, 'GET', '/session', { as: nora })).json()) as Session;
    expect(session).toMatchObject({
      operator: { name: 'Nora Falk' },
      role: 'operator',
      customer: { id: 'nordic', name: 'Nordic Alarm AB' },
    });
    type Owned = { customer?: { id: string } };
    const devices = (await (
      await call(api, 'GET', '/devices?pageSize=200', { as: nora })
    ).json()) as { items: Owned[]; total: number };
    expect(devices.total).toBeGreaterThan(0);
    expect(devices.items.every((device) => device.customer?.id === 'nordic')).toBe(true);
    const sites = (await (
      await call(api, 'GET', '/device-types/Nord%20GSM/sites?pageSize=100', { as: nora })
    ).json()) as { items: Owned[] };
    expect(sites.items.length).toBeGreaterThan(0);
    expect(sites.items.every((site) => site.customer?.id === 'nordic')).toBe(true);
    const token = await call(api, 'POST', '/tokens', {
      body: { name: 'Mine', role: 'viewer', expiresAt: new Date(START + 86_400_000).toISOString() },
      as: nora,
    });
    expect(token.status).toBe(403);
    expect(await token.json()).toMatchObject({
      message: expect.stringMatching(/^Your role, Operator, cannot manage API tokens/) as unknown,
    });
  });

  it('slows a wrong password down after five tries in a minute, and lets it try again after', async () => {
    const api = await server(database.sql);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const response = await call(api, 'POST', '/session', {
        body: { username: 'ada', password: 'guess' },
      });
      statuses.push(response.status);
      if (response.status === 429) expect(response.headers.get('Retry-After')).toBe('60');
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Even the right password waits out the minute.
    const early = await call(api, 'POST', '/session', {
      body: { username: 'ada', password: 'ada' },
    });
    expect(early.status).toBe(429);
    clock += 61_000;
    await signIn(api, 'ada');
  });

  it('refuses a change without the CSRF token, and one the role may not make', async () => {
    const api = await server(database.sql);
    const omar = await signIn(api, 'omar');
    const noToken = await call(api, 'PUT', '/devices/schedule', {
      body: schedule,
      as: { cookie: omar.cookie },
    });
    expect(noToken.status).toBe(403);
    expect(await noToken.json()).toMatchObject({ code: 'csrf_failed' });

    const ines = await signIn(api, 'ines');
    const viewer = await call(api, 'PUT', '/devices/schedule', { body: schedule, as: ines });
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/Viewer, cannot change update schedules/) as unknown,
    });
    expect((await call(api, 'PUT', '/devices/schedule', { body: schedule, as: omar })).status).toBe(
      200,
    );
  });

  it('gives a new session id at every sign-in, whatever cookie the browser brought (no fixation)', async () => {
    const api = await server(database.sql);
    const planted = 'fuc_session=an-id-an-attacker-chose-beforehand';
    const response = await api.handle(
      new Request('http://console.local/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: planted },
        body: JSON.stringify({ username: 'omar', password: 'omar' }),
      }),
    );
    expect(response.status).toBe(200);
    const given = (response.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    expect(given).toMatch(/^fuc_session=[\w-]{40,}$/);
    expect(given).not.toBe(planted);
    // The planted id opens nothing.
    expect((await call(api, 'GET', '/session', { as: { cookie: planted } })).status).toBe(401);
    const again = await signIn(api, 'omar');
    expect(again.cookie).not.toBe(given);
  });

  it('shows a change made through one server through another at once', async () => {
    const first = await server(database.sql);
    const second = await server(await database.another());
    const omar = await signIn(first, 'omar');
    // The session is in the database: the other server knows it.
    expect((await call(second, 'GET', '/session', { as: omar })).status).toBe(200);

    expect(
      (await call(first, 'PUT', '/devices/schedule', { body: schedule, as: omar })).status,
    ).toBe(200);
    const device = (await (
      await call(second, 'GET', '/devices/dev-0001', { as: omar })
    ).json()) as {
      schedule: { mode: string };
    };
    expect(device.schedule.mode).toBe('asap');
    const kinds = (await activity(second, omar)).items.map((item) => item.kind);
    expect(kinds).toEqual(['device-schedule', 'sign-in']);
  });

  it('carries out a request once per key across servers, and refuses the key for another request', async () => {
    const first = await server(database.sql);
    const second = await server(await database.another());
    const omar = await signIn(first, 'omar');
    const key = { requestId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f' };
    const path = '/device-types/Nord%20GSM/update-all';
    const answers = await Promise.all([
      call(first, 'POST', path, { body: key, as: omar }),
      call(second, 'POST', path, { body: key, as: omar }),
    ]);
    const statuses = answers.map((answer) => answer.status).sort();
    // One carries it out; the other gets its answer, or hears that it is still running.
    expect(statuses[0]).toBe(202);
    expect([202, 409]).toContain(statuses[1]);
    // The same answer again, from the server that did not carry it out too (whichever won).
    const carried = answers.find((answer) => answer.status === 202);
    const again = await call(second, 'POST', path, { body: key, as: omar });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual(await carried?.json());
    expect(
      (await activity(first, omar)).items.filter((item) => item.kind === 'site-update-all'),
    ).toHaveLength(1);

    const other = await call(first, 'POST', '/device-types/Nord%20LAN/update-all', {
      body: key,
      as: omar,
    });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('loses nothing in a restart, and a sign-out ends the session on every server', async () => {
    const first = await server(database.sql);
    const omar = await signIn(first, 'omar');
    expect(
      (await call(first, 'PUT', '/devices/schedule', { body: schedule, as: omar })).status,
    ).toBe(200);
    await opened.splice(0)[0]?.close();

    const restarted = await server(database.sql);
    const other = await server(await database.another());
    const kinds = (await activity(restarted, omar)).items.map((item) => item.kind);
    expect(kinds).toEqual(['device-schedule', 'sign-in']);

    const signOut = await call(restarted, 'DELETE', '/session', { as: omar });
    expect(signOut.status).toBe(200);
    expect(signOut.headers.get('Set-Cookie')).toMatch(/Max-Age=0/);
    expect((await call(other, 'GET', '/session', { as: omar })).status).toBe(401);
    const ada = await signIn(other, 'ada');
    expect((await activity(other, ada)).items.map((item) => item.kind).slice(0, 2)).toEqual([
      'sign-in',
      'sign-out',
    ]);
  });
});
