/**
 * Sign-in with the organisation's OpenID provider (Entra ID, Okta, Keycloak, Google…), in
 * the console's server: the browser never holds a token. The authorization code flow with
 * PKCE, `state` and `nonce`, through openid-client:
 *
 * - `GET <console>auth/login?return=<page>` remembers the attempt in a sealed, HttpOnly cookie
 *   of its own (one per attempt, ten minutes) and sends the browser to the provider;
 * - `GET <console>auth/callback` takes the provider's answer once: the attempt's cookie must
 *   be there and match (`state`), the code is exchanged with its PKCE verifier, the ID token's
 *   issuer, audience, signature, expiry (a minute's clock skew tolerated) and `nonce` are
 *   checked; then the role comes from a claim, a new session (a new id) starts in the store
 *   and the browser returns to the page it came from;
 * - every request renews the access token a minute before it expires (refresh token); when
 *   it cannot, the session ends and the console says so;
 * - `DELETE /session` ends the session, and the provider's too where it offers RP-initiated
 *   logout (the answer's `next`).
 *
 * Refusals are pages with words and a way back ("Sign in again"), never a 500.
 */
import * as client from 'openid-client';
import { parseRoleGrant, type CustomerRef, type RoleGrant } from '../../../src/api/customers';
import { ROLE_PERMISSIONS, type Permission, type Role } from '../../../src/api/permissions';
import { RefusedError } from '../../contract/refusal';
import type { Sealer } from '../../contract/seal';
import type { SessionEvent, StoreGate, StoreGateOptions } from '../../contract/store-gate';
import type { BackendAccess } from '../../ports/backend';
import type { SessionRecord, Store } from '../../ports/store';

export interface OidcSettings {
  /** The provider's issuer, e.g. `https://login.example/realms/ops`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Scopes asked for, `openid` among them (default `openid profile email`). */
  scopes?: string;
  /** The claim that lists a person's roles or groups (default `roles`; dots for nested). */
  roleClaim?: string;
  /**
   * Which claim values give which role, by role grant: `operator` for every customer,
   * `operator:nordic` for one (default: each grant's own words, `operator` or `operator:nordic`).
   */
  roles?: Partial<Record<string, string[]>>;
}

/** The attempt kept in its cookie between login and callback. */
interface Attempt {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  address: string;
}

/** What a session keeps of the provider's answer, sealed. */
interface Tokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface OidcIdentity {
  /** What the store gate needs to work with the provider. */
  gateOptions: Pick<
    StoreGateOptions,
    'signInElsewhere' | 'renew' | 'signOutNext' | 'credentialsOf'
  >;
  /** Hands it the gate its sessions start in (once, when the API is made). */
  attach(
    gate: StoreGate,
    record: (event: SessionEvent) => Promise<void>,
    access?: BackendAccess,
    customerNamed?: (id: string) => CustomerRef | undefined,
  ): void;
  /**
   * Answers `GET <address>auth/login` and `auth/callback`; `address` is the console's address
   * as the browser opened it, with its mount path (`https://ops.example/fleet/`).
   */
  handle(request: Request, address: string): Promise<Response>;
  /** "OpenID provider https://login.example" */
  describe: string;
}

const ATTEMPT_COOKIE = 'fuc_login_';
const ATTEMPT_SECONDS = 600;
/** An access token is renewed when less than this is left of it. */
const RENEW_BEFORE_MS = 60_000;
const ROLE_ORDER: Role[] = ['administrator', 'operator', 'viewer'];

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The console's look, light or dark as the browser prefers, for the sign-in's own pages. */
const PAGE_STYLE = [
  ':root{color-scheme:light dark;font-family:Roboto,system-ui,sans-serif;line-height:1.5}',
  'body{margin:0;background:Canvas;color:CanvasText}',
  'header{background:#005a9c;color:#fff;padding:12px 16px;font-size:1.25rem}',
  'main{max-width:420px;margin:48px auto;padding:24px;border:1px solid #8886;border-radius:4px}',
  'h1{font-size:1.5rem;font-weight:400;margin:0 0 8px}',
  '.links{display:flex;flex-wrap:wrap;gap:8px;margin-top:16px}',
  '.links a{padding:6px 16px;border:1px solid currentColor;border-radius:4px;text-decoration:none}',
  '.links a:first-child{background:#005a9c;color:#fff;border-color:#005a9c}',
  '@media (max-width:480px){main{margin:16px 12px;padding:16px}}',
].join('');

/** A page of the sign-in's own: what happened, and the way on. */
function page(
  status: number,
  title: string,
  text: string,
  links: { href: string; label: string }[],
  headers: Record<string, string> = {},
): Response {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} · Fleet Update Console</title><style>${PAGE_STYLE}</style></head><body><header>Fleet Update Console</header><main><h1>${escape(title)}</h1><p role="${status >= 400 ? 'alert' : 'status'}">${escape(text)}</p><p class="links">${links
    .map((link) => `<a href="${escape(link.href)}">${escape(link.label)}</a>`)
    .join('')}</p></main></body></html>`;
  return new Response(body, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
  });
}

function cookieOf(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('Cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || undefined;
  }
  return undefined;
}

/** The values of a claim (a string, a list, or a dotted path to one). */
function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims[path];
  if (value === undefined && path.includes('.')) {
    value = path
      .split('.')
      .reduce<unknown>(
        (at, key) =>
          at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined,
        claims,
      );
  }
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** The grants the claim's values give: mapped by `--oidc-roles`, or the values that are grants. */
function grantsOf(
  values: readonly string[],
  roles: Partial<Record<string, string[]>> | undefined,
): RoleGrant[] {
  return (
    roles
      ? Object.entries(roles).flatMap(([spec, mapped]) =>
          (mapped ?? []).some((value) => values.includes(value)) ? [spec] : [],
        )
      : values
  )
    .map(parseRoleGrant)
    .filter((grant): grant is RoleGrant => grant !== null);
}

/**
 * Where the backend says what a person may do (hawkBit's permissions), the claim may still
 * limit them to one customer: the customer of their highest grant, when every grant they have
 * names one; undefined when any grant is for every customer, or they have none.
 */
export function customerLimit(
  values: readonly string[],
  roles: Partial<Record<string, string[]>> | undefined,
): string | undefined {
  const grants = grantsOf(values, roles);
  if (grants.length === 0 || grants.some((grant) => grant.customer === undefined)) return undefined;
  return [...grants].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))[0]
    ?.customer;
}

/**
 * The highest role any of the person's values maps to; of one role, a grant for every
 * customer before one for a single customer (the first configured).
 */
export function roleFor(
  values: readonly string[],
  roles: Partial<Record<string, string[]>> | undefined,
): RoleGrant | undefined {
  const grants = grantsOf(values, roles);
  const rank = (grant: RoleGrant) =>
    ROLE_ORDER.indexOf(grant.role) * 2 + (grant.customer === undefined ? 0 : 1);
  return grants.sort((a, b) => rank(a) - rank(b))[0];
}

/** The provider did not answer (the network, a time-out), rather than answering no. */
function outOfReach(error: unknown): boolean {
  if (error instanceof client.ResponseBodyError) return false;
  if (error instanceof client.AuthorizationResponseError) return false;
  if (!(error instanceof client.ClientError)) return true;
  const cause = error.cause instanceof Error ? error.cause.message : '';
  return /fetch failed|ECONN|timeout/i.test(`${error.message} ${cause}`);
}

/** A problem of the provider's answer or reach, in words. */
function why(error: unknown): { status: number; text: string } {
  if (error instanceof client.ResponseBodyError) {
    return {
      status: 400,
      text:
        error.error === 'invalid_grant'
          ? 'The identity provider refused the sign-in code: it was already used or has expired. Sign in again.'
          : `The identity provider refused the sign-in (${error.error}${error.error_description ? `: ${error.error_description}` : ''}). Sign in again; if it happens again, tell your administrator.`,
    };
  }
  if (error instanceof client.AuthorizationResponseError) {
    return {
      status: 400,
      text: `The identity provider did not sign you in (${error.error}${error.error_description ? `: ${error.error_description}` : ''}). Sign in again.`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof client.ClientError) {
    const code = (error as { code?: string }).code ?? '';
    // openid-client wraps the check that failed (e.g. `unexpected ID Token "nonce" claim value`).
    const detail = error.cause instanceof Error ? error.cause.message : message;
    if (outOfReach(error)) {
      return {
        status: 502,
        text: 'The identity provider did not answer. Try again in a moment; if it goes on, tell your administrator.',
      };
    }
    return {
      status: 400,
      text: `The identity provider's answer could not be trusted (${detail}${code ? `, ${code}` : ''}), so you were not signed in. Sign in again; if it happens again, tell your administrator.`,
    };
  }
  return {
    status: 502,
    text: 'The identity provider did not answer. Try again in a moment; if it goes on, tell your administrator.',
  };
}

export interface OpenOidcOptions {
  settings: OidcSettings;
  store: Store;
  sealer: Sealer;
  secureCookies?: boolean;
  now?: () => number;
  /** Tests only: how the client reaches the provider (to stand between them). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Tests only: seconds this server's clock is off the provider's (negative: behind). */
  clockSkew?: number;
}

/**
 * Reads the provider's discovery document (a provider that does not answer stops the start
 * with words) and answers the console's sign-in with it.
 */
export async function openOidc(options: OpenOidcOptions): Promise<OidcIdentity> {
  const { settings, store, sealer } = options;
  const now = options.now ?? Date.now;
  const issuer = new URL(settings.issuer);
  const insecure = issuer.protocol === 'http:';
  let config: client.Configuration;
  try {
    config = await client.discovery(
      issuer,
      settings.clientId,
      // A minute of clock skew between this server and the provider is tolerated.
      {
        [client.clockTolerance]: 60,
        ...(options.clockSkew ? { [client.clockSkew]: options.clockSkew } : {}),
      },
      client.ClientSecretBasic(settings.clientSecret),
      {
        ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
        timeout: 10,
      },
    );
  } catch (error) {
    throw new Error(
      `the provider's discovery document at ${issuer.href.replace(/\/$/, '')}/.well-known/openid-configuration could not be read (${error instanceof Error ? error.message : String(error)}). Check the issuer and that the provider runs.`,
      { cause: error },
    );
  }
  const given = options.fetch;
  if (given) config[client.customFetch] = (url, init) => given(url, init as RequestInit);
  const scopes = settings.scopes ?? 'openid profile email';
  const roleClaim = settings.roleClaim ?? 'roles';
  let gate: StoreGate | undefined;
  let record: (event: SessionEvent) => Promise<void> = async () => {};
  let access: BackendAccess | undefined;
  let customerNamed: ((id: string) => CustomerRef | undefined) | undefined;
  /** A customer by the id a grant names: its name where the backend knows it, else the id. */
  const customerRef = (id: string): CustomerRef => customerNamed?.(id) ?? { id, name: id };
  const renewing = new Map<string, Promise<SessionRecord | undefined>>();

  const secure = options.secureCookies ? '; Secure' : '';
  const attemptCookie = (state: string, value: string, path: string, maxAge: number) =>
    `${ATTEMPT_COOKIE}${state}=${value}; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;

  /** A page of the console's own to return to, or its start page. */
  function returnTo(given: string | null, address: string): string {
    if (!given) return address;
    try {
      const url = new URL(given, address);
      return url.origin === new URL(address).origin &&
        url.pathname.startsWith(new URL(address).pathname) &&
        !url.pathname.startsWith(`${new URL(address).pathname}auth/`)
        ? url.href
        : address;
    } catch {
      return address;
    }
  }

  async function tokensOf(session: SessionRecord): Promise<Tokens | undefined> {
    const sealed = session.data.tokens;
    if (typeof sealed !== 'string') return undefined;
    try {
      return (await sealer.open(sealed)) as Tokens;
    } catch {
      return undefined;
    }
  }

  async function login(request: Request, address: string): Promise<Response> {
    const url = new URL(request.url);
    const attempt: Attempt = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      returnTo: returnTo(url.searchParams.get('return'), address),
      address,
    };
    const target = client.buildAuthorizationUrl(config, {
      redirect_uri: `${address}auth/callback`,
      scope: scopes,
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(attempt.verifier),
      code_challenge_method: 'S256',
    });
    const path = `${new URL(address).pathname}auth/`;
    return new Response(null, {
      status: 303,
      headers: {
        Location: target.href,
        'Cache-Control': 'no-store',
        'Set-Cookie': attemptCookie(
          attempt.state,
          await sealer.seal(attempt),
          path,
          ATTEMPT_SECONDS,
        ),
      },
    });
  }

  async function callback(request: Request, address: string): Promise<Response> {
    const url = new URL(request.url);
    const path = `${new URL(address).pathname}auth/`;
    const again = [{ href: `${path}login`, label: 'Sign in again' }];
    const state = url.searchParams.get('state') ?? '';
    const sealed = /^[A-Za-z0-9_-]{1,128}$/.test(state)
      ? cookieOf(request, `${ATTEMPT_COOKIE}${state}`)
      : undefined;
    let attempt: Attempt | undefined;
    try {
      attempt = sealed ? ((await sealer.open(sealed)) as Attempt) : undefined;
    } catch {
      attempt = undefined;
    }
    if (!attempt || attempt.state !== state || attempt.address !== address) {
      return page(
        400,
        'Sign-in not completed',
        'This sign-in was already used, has expired (after ten minutes), or did not start in this browser, so it was refused. Sign in again.',
        again,
      );
    }
    // The attempt is used up whatever happens next: its answer cannot be replayed.
    const forget = { 'Set-Cookie': attemptCookie(state, '', path, 0) };
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    let claims: Record<string, unknown>;
    try {
      const current = new URL(`${address}auth/callback`);
      current.search = url.search;
      tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: attempt.verifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token');
      claims = { ...idClaims };
      if (claimValues(claims, roleClaim).length === 0 || !claims.name) {
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...info, ...claims, ...pick(info, roleClaim) };
      }
    } catch (error) {
      const problem = why(error);
      return page(problem.status, 'Sign-in not completed', problem.text, again, forget);
    }
    const text = (key: string) => {
      const value = claims[key];
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const sub = text('sub') ?? '';
    const username = text('preferred_username') ?? text('email') ?? sub;
    const name = text('name') ?? text('preferred_username') ?? text('email') ?? sub;
    const operator = { id: `oidc:${sub}`, name };
    const values = claimValues(claims, roleClaim);
    const signOut = endSessionUrl(tokens.id_token, address);
    const leave = [
      ...(signOut ? [{ href: signOut, label: 'Sign out of the identity provider' }] : []),
      ...again,
    ];
    let granted: { role: Role; permissions: Permission[]; customer?: CustomerRef } | undefined;
    if (access) {
      try {
        granted = await access({ username, bearer: tokens.access_token });
        const limit = granted.customer ? undefined : customerLimit(values, settings.roles);
        if (limit !== undefined) granted = { ...granted, customer: customerRef(limit) };
      } catch (error) {
        if (!(error instanceof RefusedError)) throw error;
        await record({
          step: 'refused',
          at: now(),
          code: error.code,
          message: error.message,
          actor: { ...operator, role: 'viewer' },
        });
        return page(403, 'No access in this console', `${name}: ${error.message}`, leave, forget);
      }
    } else {
      const grant = roleFor(values, settings.roles);
      if (grant) {
        granted = {
          role: grant.role,
          permissions: [...ROLE_PERMISSIONS[grant.role]],
          ...(grant.customer === undefined ? {} : { customer: customerRef(grant.customer) }),
        };
      }
    }
    if (!granted) {
      await record({
        step: 'refused',
        at: now(),
        code: 'no_role',
        message: `Signed in at the identity provider with no role in the console (${roleClaim}: ${values.join(', ') || 'none'}).`,
        actor: { ...operator, role: 'viewer' },
      });
      return page(
        403,
        'No role in this console',
        `You signed in as ${name}, but none of your ${roleClaim} (${values.join(', ') || 'none'}) gives a role in Fleet Update Console. Ask an administrator to add you to a group the console maps to viewer, operator or administrator, then sign in again.`,
        leave,
        forget,
      );
    }
    if (!gate) throw new Error('The OpenID sign-in has no gate.');
    const kept: Tokens = {
      accessToken: tokens.access_token,
      ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
      ...(tokens.id_token ? { idToken: tokens.id_token } : {}),
      expiresAt: now() + (tokens.expiresIn() ?? 300) * 1000,
    };
    const { headers } = await gate.begin(
      {
        operator,
        role: granted.role,
        permissions: granted.permissions,
        ...(granted.customer ? { customer: granted.customer } : {}),
      },
      username,
      { tokens: await sealer.seal(kept), address },
    );
    const response = new Response(null, {
      status: 303,
      headers: { Location: attempt.returnTo, 'Cache-Control': 'no-store' },
    });
    response.headers.append('Set-Cookie', forget['Set-Cookie']);
    for (const [key, value] of Object.entries(headers)) {
      if (key.toLowerCase() === 'set-cookie') response.headers.append('Set-Cookie', value);
    }
    return response;
  }

  function endSessionUrl(idToken: string | undefined, address: string): string | undefined {
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, {
      ...(idToken ? { id_token_hint: idToken } : {}),
      post_logout_redirect_uri: address,
    }).href;
  }

  /**
   * Refreshes a session's access token a minute before it expires, once whoever asks at the
   * same time: once in this process, and under the session's lock across servers, where the
   * one that waited reads what the other renewed (a provider that rotates refresh tokens
   * takes each only once). Undefined: it cannot go on.
   */
  function renew(session: SessionRecord, at: number): Promise<SessionRecord | undefined> {
    const running = renewing.get(session.id);
    if (running) return running;
    const work = (async () => {
      const tokens = await tokensOf(session);
      if (!tokens) return undefined;
      if (tokens.expiresAt - at > RENEW_BEFORE_MS) return session;
      return store.sessions.exclusive(session.id, async () => {
        const latest = await store.sessions.find(session.id, new Date(at).toISOString());
        const held = latest ? await tokensOf(latest) : undefined;
        if (!latest || !held) return undefined;
        // Another server renewed it while this one waited.
        if (held.expiresAt > tokens.expiresAt) return latest;
        if (!held.refreshToken) return undefined;
        try {
          const fresh = await client.refreshTokenGrant(config, held.refreshToken);
          const kept: Tokens = {
            accessToken: fresh.access_token,
            refreshToken: fresh.refresh_token ?? held.refreshToken,
            ...(fresh.id_token || held.idToken ? { idToken: fresh.id_token ?? held.idToken } : {}),
            expiresAt: now() + (fresh.expiresIn() ?? 300) * 1000,
          };
          const data = { ...latest.data, tokens: await sealer.seal(kept) };
          await store.sessions.update(session.id, data);
          return { ...latest, data };
        } catch (error) {
          // Refused (revoked, expired, the person disabled): the session cannot go on. The
          // provider out of reach for a moment: the access token serves while it lasts.
          return outOfReach(error) && held.expiresAt > at ? latest : undefined;
        }
      });
    })();
    renewing.set(session.id, work);
    void work.finally(() => renewing.delete(session.id));
    return work;
  }

  return {
    describe: `OpenID provider ${issuer.href.replace(/\/$/, '')}`,
    gateOptions: {
      signInElsewhere: true,
      renew,
      // A backend that takes the provider's tokens (a vendor API, hawkBit on the same
      // provider) is called with the operator's access token, renewed before each request.
      credentialsOf: async (session) => {
        const tokens = await tokensOf(session);
        return tokens
          ? { bearer: tokens.accessToken, username: session.operator.username }
          : undefined;
      },
      signOutNext: async (session) => {
        const tokens = await tokensOf(session);
        const address = typeof session.data.address === 'string' ? session.data.address : undefined;
        return address ? (endSessionUrl(tokens?.idToken, address) ?? null) : null;
      },
    },
    attach(given, recordEvent, backendAccess, named) {
      gate = given;
      record = recordEvent;
      access = backendAccess;
      customerNamed = named;
    },
    async handle(request, address) {
      const path = new URL(request.url).pathname;
      const auth = `${new URL(address).pathname}auth/`;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return page(
          405,
          'Not here',
          'Sign in from the console.',
          [{ href: address, label: 'Open the console' }],
          {
            Allow: 'GET',
          },
        );
      }
      if (path === `${auth}login`) return login(request, address);
      if (path === `${auth}callback`) return callback(request, address);
      return page(404, 'Not here', 'There is no such page.', [
        { href: address, label: 'Open the console' },
      ]);
    },
  };
}

function pick(source: Record<string, unknown>, path: string): Record<string, unknown> {
  const key = path.split('.')[0] ?? path;
  return key in source ? { [key]: source[key] } : {};
}
