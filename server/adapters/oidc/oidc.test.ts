// @vitest-environment node
/**
 * Sign-in with an OpenID provider, against a real one (oidc-provider, mocks/idp): the whole
 * authorization code flow as a browser makes it, and every forged or replayed callback
 * refused with words — wrong `state`, a code used twice, a wrong `nonce`, another issuer, an
 * ID token for another audience — never a 500. Then renewal, a provider that is gone, and
 * sign-out at the provider.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/api/session';
import { createIdp } from '../../../mocks/idp/idp';
import { server as interceptor } from '../../../mocks/node';
import { call } from '../../api-test-support';
import { createApi, type Api } from '../../api';
import { sealer } from '../../contract/seal';
import { openFleetBackend } from '../fleet-backend/fleet-backend';
import { migrate } from '../sql-store/migrate';
import { sqlStore } from '../sql-store/sql-store';
import { openPglite, type Sql } from '../sql-store/sql';
import { customerLimit, openOidc, roleFor, type OidcIdentity } from './oidc';
import { atProvider, testProviderSettings } from './oidc-test-support';

const CONSOLE = 'http://console.test/fleet/';
const OTHER = { id: 'other-app', secret: 'other-app-secret-for-tests-only' };

let idpServer: Server;
let issuer: string;
let sql: Sql;
/** What the test puts between the console's server and the provider. */
let meddle: ((url: string, response: Response) => Promise<Response>) | undefined;
/** Token requests to the provider: how many were under way as each one began. */
const grants: number[] = [];
let grantsInFlight = 0;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  // Real HTTP to a real provider: nothing in between but what a test puts there (`meddle`).
  interceptor.close();
  idpServer = createServer();
  const port = await listen(idpServer);
  issuer = `http://127.0.0.1:${port}`;
  const idp = createIdp({
    issuer,
    consoles: [CONSOLE],
    accessTokenTtl: 30,
    extraClients: [OTHER],
  });
  idpServer.on('request', idp.listener);
  sql = await openPglite();
  await migrate(sql);
}, 60_000);

afterAll(async () => {
  await new Promise<void>((done) => idpServer.close(() => done()));
  idpServer.closeAllConnections();
  await sql.close();
});

interface Console {
  api: Api;
  identity: OidcIdentity;
}

async function openConsole(clockSkew?: number): Promise<Console> {
  const store = sqlStore(sql);
  const backend = await openFleetBackend({ store, scenario: 'demo' });
  const sealing = await sealer('a-secret-of-at-least-32-characters-for-tests');
  const identity = await openOidc({
    settings: testProviderSettings(issuer, {
      administrator: ['fleet-admins'],
      operator: ['fleet-operators'],
      viewer: ['fleet-viewers'],
      'operator:nordic': ['nordic-operators'],
    }),
    store,
    sealer: sealing,
    ...(clockSkew ? { clockSkew } : {}),
    fetch: async (url, init) => {
      const grant = url.endsWith('/token');
      if (grant) grants.push((grantsInFlight += 1));
      try {
        const response = await fetch(url, init);
        return meddle ? meddle(url, response) : response;
      } finally {
        if (grant) grantsInFlight -= 1;
      }
    },
  });
  return { api: createApi({ store, backend, sealer: sealing, identity }), identity };
}

let consoleServer: Console;
beforeAll(async () => {
  consoleServer = await openConsole();
}, 60_000);
beforeEach(() => {
  meddle = undefined;
});

/** `GET <console>auth/login`: the provider's address, and the attempt's cookie. */
async function startLogin(returnTo = `${CONSOLE}devices?status=unreachable`) {
  const response = await consoleServer.identity.handle(
    new Request(`${CONSOLE}auth/login?return=${encodeURIComponent(returnTo)}`),
    CONSOLE,
  );
  expect(response.status).toBe(303);
  const cookie = (response.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
  expect(response.headers.get('Set-Cookie')).toMatch(
    /^fuc_login_.+; Path=\/fleet\/auth\/; HttpOnly; SameSite=Lax/,
  );
  return { authorize: new URL(response.headers.get('Location') ?? ''), cookie };
}

async function callback(url: string, cookie: string): Promise<Response> {
  return consoleServer.identity.handle(new Request(url, { headers: { Cookie: cookie } }), CONSOLE);
}

async function signIn(username: string) {
  const { authorize, cookie } = await startLogin();
  const reached = await atProvider(issuer, CONSOLE, authorize, username);
  if (!('callback' in reached)) throw new Error('refused at the provider');
  const response = await callback(reached.callback ?? '', cookie);
  return { response, callbackUrl: reached.callback ?? '', cookie };
}

function sessionCookie(response: Response): string {
  const line = response.headers.getSetCookie().find((c) => c.startsWith('fuc_session='));
  return (line ?? '').split(';')[0] ?? '';
}

describe('sign-in with an OpenID provider', () => {
  it('signs an operator in through the provider and returns to the page they came from', async () => {
    const { response } = await signIn('omar');
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(`${CONSOLE}devices?status=unreachable`);
    const cookies = response.headers.getSetCookie();
    expect(cookies.some((c) => /^fuc_login_.+=; .*Max-Age=0/.test(c))).toBe(true);
    expect(cookies.find((c) => c.startsWith('fuc_session='))).toMatch(/HttpOnly; SameSite=Lax/);
    const session = await call(consoleServer.api, 'GET', '/session', {
      as: { cookie: sessionCookie(response) },
    });
    expect(session.status).toBe(200);
    const body = (await session.json()) as Session;
    expect(body.operator).toEqual({
      id: expect.stringMatching(/^oidc:/) as string,
      name: 'Omar Haddad',
    });
    expect(body.role).toBe('operator');
    expect(body.customer).toBeNull();
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(body.capabilities?.signOut).toBe(true);
  });

  it('limits a person of a customer’s group to that customer’s devices', async () => {
    const { response } = await signIn('nils');
    const as = { cookie: sessionCookie(response) };
    const session = (await (
      await call(consoleServer.api, 'GET', '/session', { as })
    ).json()) as Session;
    expect(session).toMatchObject({
      operator: { name: 'Nils Ek' },
      role: 'operator',
      customer: { id: 'nordic', name: 'Nordic Alarm AB' },
    });
    const devices = (await (
      await call(consoleServer.api, 'GET', '/devices?pageSize=200', { as })
    ).json()) as {
      items: { customer?: { id: string } }[];
    };
    expect(devices.items.length).toBeGreaterThan(0);
    expect(devices.items.every((device) => device.customer?.id === 'nordic')).toBe(true);
  });

  it('gives a new session id at every sign-in, and never returns to another site', async () => {
    const first = sessionCookie((await signIn('ada')).response);
    const { authorize, cookie } = await startLogin('https://evil.example/steal');
    const reached = await atProvider(issuer, CONSOLE, authorize, 'ada');
    const again = await callback('callback' in reached ? (reached.callback ?? '') : '', cookie);
    expect(again.headers.get('Location')).toBe(CONSOLE);
    expect(sessionCookie(again)).not.toBe(first);
  });

  it('refuses a wrong password at the provider, and a callback with a wrong state', async () => {
    const { authorize, cookie } = await startLogin();
    const refused = await atProvider(issuer, CONSOLE, authorize, 'omar', 'wrong');
    expect('refused' in refused && refused.refused).toContain('Wrong user name or password');

    const { authorize: next, cookie: nextCookie } = await startLogin();
    const reached = await atProvider(issuer, CONSOLE, next, 'omar');
    const url = new URL('callback' in reached ? (reached.callback ?? '') : '');
    url.searchParams.set('state', 'forged-state');
    const response = await callback(url.href, `${cookie}; ${nextCookie}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('This sign-in was already used, has expired');
  });

  it('refuses a callback replayed with its code and cookie: the provider will not take a code twice', async () => {
    const { response, callbackUrl, cookie } = await signIn('omar');
    expect(response.status).toBe(303);
    const replay = await callback(callbackUrl, cookie);
    expect(replay.status).toBe(400);
    const text = await replay.text();
    expect(text).toContain('it was already used or has expired');
    expect(text).toContain('Sign in again');
    expect(replay.headers.getSetCookie().some((c) => c.startsWith('fuc_session='))).toBe(false);
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const { authorize, cookie } = await startLogin();
    authorize.searchParams.set('nonce', 'a-nonce-of-another-sign-in');
    const reached = await atProvider(issuer, CONSOLE, authorize, 'omar');
    const response = await callback('callback' in reached ? (reached.callback ?? '') : '', cookie);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/could not be trusted \(.*nonce/);
  });

  it('refuses an answer that names another issuer', async () => {
    const { authorize, cookie } = await startLogin();
    const reached = await atProvider(issuer, CONSOLE, authorize, 'omar');
    const url = new URL('callback' in reached ? (reached.callback ?? '') : '');
    url.searchParams.set('iss', 'https://evil.example');
    const response = await callback(url.href, cookie);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/could not be trusted \(.*iss/);
  });

  it('refuses an ID token made for another client (audience)', async () => {
    const { authorize, cookie } = await startLogin();
    // A genuine ID token of the same provider, for the same person and nonce, but another client…
    const forged = await otherIdToken(authorize.searchParams.get('nonce') ?? '');
    const reached = await atProvider(issuer, CONSOLE, authorize, 'omar');
    // …in place of the console's own in the provider's token answer.
    meddle = async (url, response) => {
      if (!url.endsWith('/token')) return response;
      const genuine = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...genuine, id_token: forged });
    };
    const response = await callback('callback' in reached ? (reached.callback ?? '') : '', cookie);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/could not be trusted \(.*aud/);
  });

  it('says so when the person has no role in the console, and records it', async () => {
    const { response } = await signIn('eve');
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(text).toContain('No role in this console');
    expect(text).toContain('You signed in as Eve Stranger, but none of your groups (staff)');
    expect(text).toContain('Sign out of the identity provider');
    expect(response.headers.getSetCookie().some((c) => c.startsWith('fuc_session='))).toBe(false);
  });
});

/** An ID token the provider issued to the other client, for omar and `nonce`. */
async function otherIdToken(nonce: string): Promise<string> {
  const verifier = 'v'.repeat(43);
  const challenge = Buffer.from(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)),
  ).toString('base64url');
  const authorize = new URL(`${issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: OTHER.id,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: `${CONSOLE}auth/callback`,
    state: 'other',
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const reached = await atProvider(issuer, CONSOLE, authorize, 'omar');
  const code = new URL('callback' in reached ? (reached.callback ?? '') : '').searchParams.get(
    'code',
  );
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${OTHER.id}:${OTHER.secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: code ?? '',
      redirect_uri: `${CONSOLE}auth/callback`,
      code_verifier: verifier,
    }),
  });
  const tokens = (await response.json()) as { id_token?: string };
  if (!tokens.id_token) throw new Error('The provider issued no ID token to the other client.');
  return tokens.id_token;
}

describe('a session from the provider', () => {
  it('renews the access token before it expires, and ends with words when it cannot', async () => {
    // Access tokens last 30 s here: each call renews it (less than a minute left).
    const cookie = sessionCookie((await signIn('vera')).response);
    for (let i = 0; i < 2; i += 1) {
      const response = await call(consoleServer.api, 'GET', '/session', { as: { cookie } });
      expect(response.status).toBe(200);
    }
    meddle = (url, response) =>
      Promise.resolve(
        url.endsWith('/token')
          ? Response.json({ error: 'invalid_grant', error_description: 'revoked' }, { status: 400 })
          : response,
      );
    const ended = await call(consoleServer.api, 'GET', '/devices?page=1&pageSize=5', {
      as: { cookie },
    });
    expect(ended.status).toBe(401);
    expect(await ended.json()).toEqual({
      code: 'session_expired',
      message: 'Your session has ended. Sign in again to continue.',
    });
    meddle = undefined;
    // Ended on the server: the same cookie stays refused.
    const after = await call(consoleServer.api, 'GET', '/session', { as: { cookie } });
    expect(after.status).toBe(401);
  });

  it('keeps a session while the provider is out of reach and its access token lasts', async () => {
    const cookie = sessionCookie((await signIn('omar')).response);
    meddle = (url, response) =>
      url.endsWith('/token')
        ? Promise.reject(new TypeError('fetch failed'))
        : Promise.resolve(response);
    const meanwhile = await call(consoleServer.api, 'GET', '/session', { as: { cookie } });
    expect(meanwhile.status).toBe(200);
    meddle = undefined;
    expect((await call(consoleServer.api, 'GET', '/session', { as: { cookie } })).status).toBe(200);
  });

  it('renews a session one server at a time when two get its requests together', async () => {
    const cookie = sessionCookie((await signIn('omar')).response);
    // A second console server on the same database, as behind a load balancer.
    const second = await openConsole();
    grants.length = 0;
    // Access tokens last 30 s here: every request renews, and these come together.
    const answers = await Promise.all(
      [consoleServer.api, second.api, consoleServer.api, second.api].map((api) =>
        call(api, 'GET', '/session', { as: { cookie } }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(grants.length).toBeGreaterThan(0);
    // Never two refreshes of one session at once: a provider that rotates refresh tokens
    // would take the first and refuse the other, ending the session.
    expect(Math.max(...grants)).toBe(1);
  });

  it('signs out at the provider too, and the session really ends on the server', async () => {
    const cookie = sessionCookie((await signIn('ada')).response);
    const session = (await (
      await call(consoleServer.api, 'GET', '/session', { as: { cookie } })
    ).json()) as Session;
    const out = await call(consoleServer.api, 'DELETE', '/session', {
      as: { cookie, csrf: session.csrfToken ?? '' },
    });
    expect(out.status).toBe(200);
    const next = new URL(((await out.json()) as { next: string }).next);
    expect(next.origin + next.pathname).toBe(`${issuer}/session/end`);
    expect(next.searchParams.get('post_logout_redirect_uri')).toBe(CONSOLE);
    expect(next.searchParams.get('id_token_hint')).toMatch(/^ey/);
    const after = await call(consoleServer.api, 'GET', '/session', { as: { cookie } });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { code: string }).code).toBe('session_expired');
  });

  it('refuses POST /session (no passwords here) and a call with no session, with words', async () => {
    const post = await call(consoleServer.api, 'POST', '/session', {
      body: { username: 'ada', password: 'ada' },
    });
    expect(post.status).toBe(404);
    const none = await call(consoleServer.api, 'GET', '/devices?page=1&pageSize=5');
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      code: 'unauthenticated',
      message: 'Sign in to use the console.',
    });
  });
});

describe("the servers' clocks", () => {
  // The test provider's ID tokens last an hour (mocks/idp/idp.ts): a console server whose
  // clock runs an hour and a bit ahead sees them expire as they arrive.
  const HOUR = 3600;
  it('tolerates a minute between the console server and the provider, and says so past it', async () => {
    const usual = consoleServer;
    try {
      for (const skew of [-55, 55, HOUR + 45]) {
        consoleServer = await openConsole(skew);
        const { response } = await signIn('omar');
        expect(response.status, `${skew} s`).toBe(303);
        expect(sessionCookie(response)).toMatch(/^fuc_session=/);
      }
      consoleServer = await openConsole(HOUR + 90);
      const late = await signIn('omar');
      expect(late.response.status).toBe(400);
      expect(await late.response.text()).toMatch(/could not be trusted \(.*exp/);
    } finally {
      consoleServer = usual;
    }
  });
});

describe('roles from a claim', () => {
  it('gives the highest mapped role, and none for values nobody mapped', () => {
    const roles = { administrator: ['admins'], operator: ['ops', 'noc'], viewer: ['staff'] };
    expect(roleFor(['staff', 'noc'], roles)).toEqual({ role: 'operator' });
    expect(roleFor(['admins', 'staff'], roles)).toEqual({ role: 'administrator' });
    expect(roleFor(['guests'], roles)).toBeUndefined();
    // Without a mapping, the roles' own names.
    expect(roleFor(['viewer'], undefined)).toEqual({ role: 'viewer' });
    expect(roleFor(['ops'], undefined)).toBeUndefined();
  });

  it('limits a role to one customer where the grant says so, every customer winning a tie', () => {
    const roles = { operator: ['noc'], 'operator:nordic': ['nordic-noc'], viewer: ['staff'] };
    expect(roleFor(['nordic-noc', 'staff'], roles)).toEqual({
      role: 'operator',
      customer: 'nordic',
    });
    expect(roleFor(['nordic-noc', 'noc'], roles)).toEqual({ role: 'operator' });
    expect(roleFor(['operator:nordic'], undefined)).toEqual({
      role: 'operator',
      customer: 'nordic',
    });
    expect(roleFor(['operator:Not A Customer'], undefined)).toBeUndefined();
  });

  it('limits a person to a customer where the backend gives the role, only when no grant is for every customer', () => {
    const roles = { operator: ['noc'], 'operator:nordic': ['nordic-noc'], 'viewer:alpine': ['a'] };
    expect(customerLimit(['nordic-noc'], roles)).toBe('nordic');
    expect(customerLimit(['a', 'nordic-noc'], roles)).toBe('nordic');
    expect(customerLimit(['nordic-noc', 'noc'], roles)).toBeUndefined();
    expect(customerLimit(['staff'], roles)).toBeUndefined();
  });
});
