// @vitest-environment node
/**
 * API tokens for automation, on the console's server in front of the built-in fleet, on PGlite
 * and on PostgreSQL: an administrator creates one (its secret answered once, kept only as a
 * hash), a program calls with it as a bearer token — no cookie, no CSRF — and its changes are
 * in the activity in its own name; revoked or expired, it answers 401 with words; nobody but
 * an administrator sees or makes tokens.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src/api/session';
import type { ApiToken, ApiTokenList, CreatedApiToken } from '../../src/api/tokens';
import { openFleetBackend } from '../adapters/fleet-backend/fleet-backend';
import { sqlStore } from '../adapters/sql-store/sql-store';
import {
  migratedDatabase,
  testDatabases,
  type TestDatabase,
} from '../adapters/sql-store/test-databases';
import { createApi, type Api } from '../api';
import { activity, call, signIn, type Caller } from '../api-test-support';
import type { Backend } from '../ports/backend';
import { tokenHash } from './store-gate';

const START = Date.UTC(2026, 11, 6, 9);
const DAY = 24 * 60 * 60_000;

describe.each(testDatabases())('API tokens on $name', (kind) => {
  let database: TestDatabase;
  let clock: number;
  let api: Api;
  let backend: Backend | undefined;

  const opening = migratedDatabase(kind);
  beforeEach(async () => {
    database = opening();
    clock = START;
    const store = sqlStore(database.sql);
    const now = () => clock;
    backend = await openFleetBackend({ store, scenario: 'demo', now });
    api = createApi({ store, backend, now });
  });
  afterEach(async () => {
    await backend?.close();
  });

  async function create(
    as: Caller,
    body: { name: string; role: string; customer?: string | null; expiresAt: string },
  ): Promise<Response> {
    return call(api, 'POST', '/tokens', { body, as });
  }

  it('creates a token whose secret is shown once and kept only as a hash, and acts with it', async () => {
    const ada = await signIn(api, 'ada');
    const made = await create(ada, {
      name: 'Nightly report',
      role: 'operator',
      expiresAt: new Date(START + 90 * DAY).toISOString(),
    });
    expect(made.status).toBe(201);
    const { token, secret } = (await made.json()) as CreatedApiToken;
    expect(secret).toMatch(/^fuc_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({
      name: 'Nightly report',
      role: 'operator',
      createdBy: { name: 'Ada Novak' },
      lastUsedAt: null,
      revokedAt: null,
      hint: `${secret.slice(0, 8)}…`,
    });
    // The database holds its hash, never the secret.
    const rows = await database.sql.query<{ hash: string; dump: string }>(
      'SELECT hash, row_to_json(api_tokens)::text AS dump FROM api_tokens',
    );
    expect(rows[0]?.hash).toBe(await tokenHash(secret));
    expect(rows[0]?.dump).not.toContain(secret);
    // The list never shows it again.
    const list = (await (await call(api, 'GET', '/tokens', { as: ada })).json()) as ApiTokenList;
    expect(JSON.stringify(list)).not.toContain(secret);
    expect(list.items.map((item) => item.name)).toEqual(['Nightly report']);

    // A program: the token alone, no cookie and no CSRF header.
    const program: Caller = { token: secret };
    const session = (await (await call(api, 'GET', '/session', { as: program })).json()) as Session;
    expect(session).toMatchObject({
      operator: { name: 'Nightly report (API token), created by Ada Novak' },
      role: 'operator',
      csrfToken: null,
    });
    clock += 5 * 60_000;
    const update = await call(api, 'POST', '/device-types/Nord%20GSM/update-all', {
      body: { requestId: 'nightly-0001' },
      as: program,
    });
    expect(update.status).toBe(202);
    const { items } = await activity(api, ada);
    expect(items[0]).toMatchObject({
      kind: 'site-update-all',
      operator: { name: 'Nightly report (API token), created by Ada Novak' },
      role: 'operator',
    });
    expect(items[1]).toMatchObject({
      kind: 'api-token-create',
      operator: { name: 'Ada Novak' },
      scope: { text: 'API token “Nightly report”' },
    });
    const used = (await (await call(api, 'GET', '/tokens', { as: ada })).json()) as ApiTokenList;
    expect(used.items[0]?.lastUsedAt).toBe(new Date(clock).toISOString());
  });

  it('answers 401 with words for a token revoked, expired or unknown, and 403 for a role it lacks', async () => {
    const ada = await signIn(api, 'ada');
    const made = (await (
      await create(ada, {
        name: 'Inventory sync',
        role: 'viewer',
        expiresAt: new Date(START + DAY).toISOString(),
      })
    ).json()) as CreatedApiToken;
    const program: Caller = { token: made.secret };
    const refused = await call(api, 'POST', '/device-types/Nord%20GSM/update-all', {
      body: { requestId: 'sync-00000001' },
      as: program,
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      message: expect.stringMatching(/^Your role, Viewer, cannot update sites/) as unknown,
    });

    const unknown = await call(api, 'GET', '/session', { as: { token: `${made.secret}x` } });
    expect(unknown.status).toBe(401);
    const unknownBody = await unknown.clone().text();
    // No refusal repeats the token it was given.
    expect(unknownBody).not.toContain(made.secret);
    expect(await unknown.json()).toMatchObject({
      code: 'token_invalid',
      message: expect.stringMatching(/copied whole.*Settings → API tokens/) as unknown,
    });

    clock += DAY + 1;
    const expired = await call(api, 'GET', '/devices?page=1&pageSize=10', { as: program });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ code: 'token_expired' });

    // A day on, Ada's own session has ended too: she signs in again.
    const again = await signIn(api, 'ada');
    const second = (await (
      await create(again, {
        name: 'Ticket bot',
        role: 'operator',
        expiresAt: new Date(clock + DAY).toISOString(),
      })
    ).json()) as CreatedApiToken;
    const revoke = await call(api, 'DELETE', `/tokens/${second.token.id}`, { as: again });
    expect(revoke.status).toBe(200);
    expect((await revoke.json()) as ApiToken).toMatchObject({
      revokedBy: { name: 'Ada Novak' },
    });
    const gone = await call(api, 'GET', '/session', { as: { token: second.secret } });
    expect(gone.status).toBe(401);
    expect(await gone.json()).toMatchObject({
      code: 'token_revoked',
      message: expect.stringMatching(/“Ticket bot” was revoked at .* by Ada Novak/) as unknown,
    });
    // Revoking again changes nothing and records nothing more.
    await call(api, 'DELETE', `/tokens/${second.token.id}`, { as: again });
    const kinds = (await activity(api, again)).items.map((item) => item.kind);
    expect(kinds.filter((item) => item === 'api-token-revoke')).toHaveLength(1);
  });

  it('lets only administrators see and make tokens, for at most a year, with a CSRF header from a browser', async () => {
    const omar = await signIn(api, 'omar');
    const list = await call(api, 'GET', '/tokens', { as: omar });
    expect(list.status).toBe(403);
    expect(await list.json()).toMatchObject({
      message: expect.stringMatching(/^Your role, Operator, cannot manage API tokens/) as unknown,
    });
    const ada = await signIn(api, 'ada');
    const body = { name: 'Report', role: 'viewer', expiresAt: new Date(START + DAY).toISOString() };
    const noCsrf = await call(api, 'POST', '/tokens', { body, as: { cookie: ada.cookie } });
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toMatchObject({ code: 'csrf_failed' });

    const tooLong = await create(ada, {
      ...body,
      expiresAt: new Date(START + 366 * DAY).toISOString(),
    });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({
      message: expect.stringMatching(/at most 365 days ahead \(until 2027-12-06\)/) as unknown,
    });
    const past = await create(ada, { ...body, expiresAt: new Date(START - 1).toISOString() });
    expect(past.status).toBe(400);
    const unnamed = await create(ada, { ...body, name: '   ' });
    expect(unnamed.status).toBe(400);
    expect(await unnamed.json()).toMatchObject({
      message: expect.stringMatching(/Give the token a name/) as unknown,
    });
    const missing = await call(api, 'DELETE', '/tokens/tok-nothing', { as: ada });
    expect(missing.status).toBe(404);
  });

  it('limits a token to one customer: its program sees and changes that customer’s things only, and an administrator of one customer makes and sees only theirs', async () => {
    interface Owned {
      id: string;
      customer?: { id: string };
    }
    const expiresAt = new Date(START + 30 * DAY).toISOString();
    const ada = await signIn(api, 'ada');
    const unknown = await create(ada, {
      name: 'X',
      role: 'viewer',
      customer: 'nowhere',
      expiresAt,
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      message: expect.stringMatching(
        /no customer “nowhere”.*Nordic Alarm AB \(nordic\)/,
      ) as unknown,
    });
    const made = await create(ada, {
      name: 'Nordic sync',
      role: 'operator',
      customer: 'nordic',
      expiresAt,
    });
    expect(made.status).toBe(201);
    const { token, secret } = (await made.json()) as CreatedApiToken;
    expect(token.customer).toEqual({ id: 'nordic', name: 'Nordic Alarm AB' });

    const program: Caller = { token: secret };
    expect(await (await call(api, 'GET', '/session', { as: program })).json()).toMatchObject({
      role: 'operator',
      customer: { id: 'nordic', name: 'Nordic Alarm AB' },
    });
    const everyone = (await (
      await call(api, 'GET', '/devices?pageSize=200', { as: ada })
    ).json()) as { items: Owned[]; total: number };
    const nordic = everyone.items.filter((device) => device.customer?.id === 'nordic');
    const seen = (await (
      await call(api, 'GET', '/devices?pageSize=200', { as: program })
    ).json()) as { items: Owned[]; total: number };
    expect(seen.total).toBe(nordic.length);
    expect(seen.total).toBeLessThan(everyone.total);
    expect(seen.items.every((device) => device.customer?.id === 'nordic')).toBe(true);
    const other = everyone.items.find((device) => device.customer?.id !== 'nordic');
    const outside = await call(api, 'GET', `/devices/${other?.id ?? ''}`, { as: program });
    expect(outside.status).toBe(404);

    // Hanna administers Harbour Retail Group only: tokens for it alone, and she sees no other.
    const hanna = await signIn(api, 'hanna');
    const hers = (await (await call(api, 'GET', '/tokens', { as: hanna })).json()) as ApiTokenList;
    expect(hers.items).toEqual([]);
    expect(hers.customers).toEqual([{ id: 'harbour', name: 'Harbour Retail Group' }]);
    for (const customer of [null, 'nordic']) {
      const wider = await create(hanna, { name: 'Wide', role: 'viewer', customer, expiresAt });
      expect(wider.status, String(customer)).toBe(403);
      expect(await wider.json()).toMatchObject({
        message: expect.stringMatching(/You administer Harbour Retail Group only/) as unknown,
      });
    }
    const own = await create(hanna, { name: 'Harbour report', role: 'viewer', expiresAt });
    expect(((await own.json()) as CreatedApiToken).token.customer).toEqual({
      id: 'harbour',
      name: 'Harbour Retail Group',
    });
    const revoke = await call(api, 'DELETE', `/tokens/${token.id}`, { as: hanna });
    expect(revoke.status).toBe(404);
    const still = (await (await call(api, 'GET', '/tokens', { as: ada })).json()) as ApiTokenList;
    expect(still.items.map((item) => [item.name, item.revokedAt]).sort()).toEqual([
      ['Harbour report', null],
      ['Nordic sync', null],
    ]);
    expect(still.customers?.map((customer) => customer.id)).toEqual([
      'nordic',
      'harbour',
      'alpine',
    ]);
    const { items } = await activity(api, ada);
    expect(items.map((entry) => entry.result)).toContainEqual({
      status: 'accepted',
      text: `Created the API token “Nordic sync” (Operator · Nordic Alarm AB), valid until ${expiresAt}.`,
    });
  });
});
