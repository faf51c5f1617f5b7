// @vitest-environment node
/**
 * The console's server in front of a vendor backend (`--api URL --oidc-issuer …`), against a
 * real OpenID provider (mocks/idp): operators sign in at the provider, and each call goes on
 * to the vendor with their access token as a bearer token — never the session cookie or the
 * CSRF token — after the console's server checked the session, the CSRF header and the
 * contract's permission. The vendor's answers come back as they are.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdp } from '../mocks/idp/idp';
import { server as interceptor } from '../mocks/node';
import { openOidc, type OidcIdentity } from './adapters/oidc/oidc';
import { signInThrough, testProviderSettings } from './adapters/oidc/oidc-test-support';
import { migrate } from './adapters/sql-store/migrate';
import { sqlStore } from './adapters/sql-store/sql-store';
import { openPglite, type Sql } from './adapters/sql-store/sql';
import { openVendorBackend } from './adapters/vendor-api/vendor-backend';
import { createApi, type Api } from './api';
import { call, type Caller } from './api-test-support';
import { sealer } from './contract/seal';

const CONSOLE = 'http://console.test/';

interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  cookie: string | undefined;
  csrf: string | undefined;
  body: string;
}

let idpServer: Server;
let vendorServer: Server;
let issuer: string;
let sql: Sql;
let api: Api;
let identity: OidcIdentity;
const received: Received[] = [];

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  interceptor.close();
  idpServer = createServer();
  issuer = `http://127.0.0.1:${await listen(idpServer)}`;
  idpServer.on('request', createIdp({ issuer, consoles: [CONSOLE] }).listener);
  // The vendor: answers what it was asked, as the contract's backend would.
  vendorServer = createServer((request, response) => {
    void bodyOf(request).then((body) => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        cookie: request.headers.cookie,
        csrf: request.headers['x-csrf-token'] as string | undefined,
        body,
      });
      if (request.method === 'GET' && request.url === '/api/device-types') {
        response
          .writeHead(200, { 'Content-Type': 'application/json', 'X-Vendor-Secret': 'internal' })
          .end(JSON.stringify({ items: [{ deviceType: 'Nord GSM' }] }));
      } else {
        response
          .writeHead(404, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ code: 'not_found', message: 'No such thing at the vendor.' }));
      }
    });
  });
  const vendor = `http://127.0.0.1:${await listen(vendorServer)}`;
  sql = await openPglite();
  await migrate(sql);
  const store = sqlStore(sql);
  const sealing = await sealer('a-secret-of-at-least-32-characters-for-tests');
  identity = await openOidc({
    settings: testProviderSettings(issuer, {
      operator: ['fleet-operators'],
      viewer: ['fleet-viewers'],
    }),
    store,
    sealer: sealing,
  });
  const backend = openVendorBackend({ url: vendor, timeoutMs: 5_000 });
  api = createApi({ store, backend, sealer: sealing, identity });
}, 60_000);

afterAll(async () => {
  for (const server of [idpServer, vendorServer]) {
    await new Promise<void>((done) => server.close(() => done()));
    server.closeAllConnections();
  }
  await sql.close();
});

/** Signs in at the provider as a browser does; answers the session's cookie and CSRF token. */
async function signIn(username: string): Promise<Caller> {
  return (await signInThrough({ identity, api, issuer, address: CONSOLE }, username)).as;
}

describe('a vendor backend behind the provider’s sign-in', () => {
  it('passes each call on with the operator’s access token, and nothing of the browser’s session', async () => {
    const omar = await signIn('omar');
    received.length = 0;
    const answer = await call(api, 'GET', '/device-types', { as: omar });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ items: [{ deviceType: 'Nord GSM' }] });
    expect(answer.headers.get('X-Vendor-Secret')).toBeNull();
    expect(received).toHaveLength(1);
    const [sent] = received;
    expect(sent?.url).toBe('/api/device-types');
    expect(sent?.authorization).toMatch(/^Bearer \S{20,}$/);
    expect(sent?.cookie).toBeUndefined();
    expect(sent?.csrf).toBeUndefined();

    // A change: the console's server asks for its CSRF header, then the vendor gets the body.
    const noCsrf = await call(api, 'POST', '/device-types/Nord%20GSM/update-all', {
      body: { requestId: 'vendor-00000001' },
      as: { cookie: omar.cookie },
    });
    expect(noCsrf.status).toBe(403);
    expect(received).toHaveLength(1);
    const change = await call(api, 'POST', '/device-types/Nord%20GSM/update-all', {
      body: { requestId: 'vendor-00000001' },
      as: omar,
    });
    expect(change.status).toBe(404);
    expect(await change.json()).toEqual({
      code: 'not_found',
      message: 'No such thing at the vendor.',
    });
    expect(received[1]).toMatchObject({
      method: 'POST',
      body: JSON.stringify({ requestId: 'vendor-00000001' }),
    });
  });

  it('refuses a change the role may not make before it reaches the vendor, and a call with no session', async () => {
    const vera = await signIn('vera');
    received.length = 0;
    const refused = await call(api, 'POST', '/device-types/Nord%20GSM/update-all', {
      body: { requestId: 'vendor-00000002' },
      as: vera,
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      message: expect.stringMatching(/^Your role, Viewer, cannot update sites/) as unknown,
    });
    const stranger = await call(api, 'GET', '/device-types');
    expect(stranger.status).toBe(401);
    expect(await stranger.json()).toMatchObject({ code: 'unauthenticated' });
    // API tokens are not served here: a bearer header opens nothing, and names no token.
    const bearer = await call(api, 'GET', '/device-types', { as: { token: 'fuc_anything' } });
    expect(bearer.status).toBe(401);
    expect(await bearer.json()).toMatchObject({ code: 'unauthenticated' });
    expect(received).toHaveLength(0);
  });
});
