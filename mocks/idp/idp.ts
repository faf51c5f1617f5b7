/**
 * An OpenID provider for tests and local trying only (`npm run idp`): the certified
 * `oidc-provider` package with a handful of people in groups, its own sign-in page that
 * checks their passwords, and RP-initiated logout. It is the real protocol — discovery,
 * authorization code with PKCE, signed ID tokens, refresh tokens, userinfo, end session — so
 * the console's server is tested against what Entra ID, Okta or Keycloak would answer, not
 * against a stub of it. Never a provider to sign real people in with: its keys and users are
 * made up at start.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, {
  type Adapter,
  type AdapterPayload,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';

export interface IdpPerson {
  /** The user name typed on the sign-in page; the password is the same word. */
  username: string;
  name: string;
  email: string;
  groups: string[];
}

/**
 * The people of the test provider: one per role, one operator of one customer (Nordic Alarm AB's
 * `nordic-operators`), one with no group the console maps.
 */
export const IDP_PEOPLE: readonly IdpPerson[] = [
  { username: 'ada', name: 'Ada Novak', email: 'ada@example.test', groups: ['fleet-admins'] },
  {
    username: 'omar',
    name: 'Omar Haddad',
    email: 'omar@example.test',
    groups: ['fleet-operators', 'staff'],
  },
  {
    username: 'nils',
    name: 'Nils Ek',
    email: 'nils@example.test',
    groups: ['nordic-operators'],
  },
  { username: 'vera', name: 'Vera Lind', email: 'vera@example.test', groups: ['fleet-viewers'] },
  { username: 'eve', name: 'Eve Stranger', email: 'eve@example.test', groups: ['staff'] },
];

/** The client the console's server is registered as. */
export const IDP_CLIENT = { id: 'fleet-console', secret: 'fleet-console-secret-for-tests-only' };

export interface IdpOptions {
  /** The provider's address as the console reaches it, e.g. `http://127.0.0.1:8191`. */
  issuer: string;
  /** Console addresses (with their mount path) registered for the callback and after sign-out. */
  consoles: readonly string[];
  /** Seconds an access token lasts (600); short in tests of its renewal. */
  accessTokenTtl?: number;
  /** Another client, e.g. one a test uses to check the audience. */
  extraClients?: { id: string; secret: string }[];
}

export interface Idp {
  /** Node's request listener: mount it on an HTTP server at the issuer's address. */
  listener: (request: IncomingMessage, response: ServerResponse) => void;
  provider: Provider;
  /**
   * Ends everything a person holds at the provider — its session, grants, access and refresh
   * tokens — as an administrator does with "revoke sessions"; answers how many were ended.
   * Also `POST /admin/revoke-sessions?username=…` over HTTP.
   */
  revokeSessions(username: string): number;
}

/**
 * What the provider keeps (sessions, grants, codes, tokens), in memory, where the test
 * provider can also end one person's share of it.
 */
function memoryAdapter(): {
  adapter: new (name: string) => Adapter;
  revoke(account: string): number;
} {
  const kept = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const live = (key: string) => {
    const entry = kept.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      kept.delete(key);
      return undefined;
    }
    return entry?.payload;
  };
  class MemoryAdapter implements Adapter {
    constructor(private readonly name: string) {}
    private key(id: string) {
      return `${this.name}:${id}`;
    }
    upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
      kept.set(this.key(id), {
        payload,
        expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity,
      });
      return Promise.resolve();
    }
    find(id: string) {
      return Promise.resolve(live(this.key(id)));
    }
    findByUid(uid: string) {
      for (const [key, entry] of kept) {
        if (key.startsWith(`${this.name}:`) && entry.payload.uid === uid) {
          return Promise.resolve(live(key));
        }
      }
      return Promise.resolve(undefined);
    }
    findByUserCode(userCode: string) {
      for (const [key, entry] of kept) {
        if (key.startsWith(`${this.name}:`) && entry.payload.userCode === userCode) {
          return Promise.resolve(live(key));
        }
      }
      return Promise.resolve(undefined);
    }
    consume(id: string) {
      const entry = kept.get(this.key(id));
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      return Promise.resolve();
    }
    destroy(id: string) {
      kept.delete(this.key(id));
      return Promise.resolve();
    }
    revokeByGrantId(grantId: string) {
      for (const [key, entry] of kept) if (entry.payload.grantId === grantId) kept.delete(key);
      return Promise.resolve();
    }
  }
  return {
    adapter: MemoryAdapter,
    revoke(account) {
      let ended = 0;
      for (const [key, entry] of kept) {
        if (entry.payload.accountId === account) {
          kept.delete(key);
          ended += 1;
        }
      }
      return ended;
    },
  };
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

function signInPage(uid: string, username: string, problem: string | undefined): string {
  return page(
    'Example Identity: sign in',
    `<p>Sign in to continue to Fleet Update Console.</p>${
      problem ? `<p role="alert">${escape(problem)}</p>` : ''
    }<form method="post" action="/interaction/${escape(uid)}/login">
<p><label for="username">User name</label><br><input id="username" name="username" autocomplete="username" value="${escape(username)}" required></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p></form>`,
  );
}

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16_384) break;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function createIdp(options: IdpOptions): Idp {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: 'jwk' }),
    kid: 'test-key',
    use: 'sig',
    alg: 'RS256',
  };
  const consoles = options.consoles.map((address) => address.replace(/\/?$/, '/'));
  const person = (id: string) => IDP_PEOPLE.find((p) => p.username === id);
  const memory = memoryAdapter();
  const configuration: Configuration = {
    adapter: memory.adapter,
    clients: [
      {
        client_id: IDP_CLIENT.id,
        client_secret: IDP_CLIENT.secret,
        redirect_uris: consoles.map((address) => `${address}auth/callback`),
        post_logout_redirect_uris: consoles,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code' as const],
      },
      ...(options.extraClients ?? []).map((client) => ({
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: consoles.map((address) => `${address}auth/callback`),
        grant_types: ['authorization_code'],
        response_types: ['code' as const],
      })),
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
      groups: ['groups'],
      roles: ['roles'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email', 'groups', 'roles'],
    pkce: { required: () => true },
    ttl: {
      AccessToken: options.accessTokenTtl ?? 600,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 8 * 3600,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = page(
            'Example Identity: sign out',
            `${form}<p>Sign out of Example Identity?</p><p><button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button></p>`,
          );
        },
      },
    },
    // Every client here is the organisation's own: no consent screen, the grant is given.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId;
      const client = ctx.oidc.client;
      if (!accountId || !client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId: client.clientId });
      const scope = ctx.oidc.params?.scope;
      grant.addOIDCScope(typeof scope === 'string' ? scope : 'openid');
      await grant.save();
      return grant;
    },
    // The console's server is a confidential client: it may keep a session going.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    findAccount: (_ctx, sub) => {
      const found = person(sub);
      if (!found) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          name: found.name,
          preferred_username: found.username,
          email: found.email,
          groups: found.groups,
          roles: found.groups,
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    clockTolerance: 60,
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page(
        'Example Identity: something went wrong',
        `<p role="alert">${escape(String(out.error_description ?? out.error))}</p>`,
      );
    },
  };
  const provider = new Provider(options.issuer, configuration);
  const handleProvider = provider.callback();

  async function interaction(request: IncomingMessage, response: ServerResponse, path: string) {
    const send = (status: number, html: string) => {
      response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    };
    try {
      const details = await provider.interactionDetails(request, response);
      if (request.method === 'GET') {
        send(200, signInPage(details.uid, '', undefined));
        return;
      }
      if (request.method === 'POST' && path.endsWith('/login')) {
        const form = await formBody(request);
        const username = (form.get('username') ?? '').trim().toLowerCase();
        const found = person(username);
        if (!found || form.get('password') !== found.username) {
          send(401, signInPage(details.uid, username, 'Wrong user name or password. Try again.'));
          return;
        }
        await provider.interactionFinished(
          request,
          response,
          { login: { accountId: found.username } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      send(405, page('Example Identity', '<p role="alert">Not here.</p>'));
    } catch {
      send(
        400,
        page(
          'Example Identity: sign in',
          '<p role="alert">This sign-in has expired. Go back to the console and sign in again.</p>',
        ),
      );
    }
  }

  return {
    provider,
    revokeSessions: (username) => memory.revoke(username),
    listener: (request, response) => {
      const [path = '/', query = ''] = (request.url ?? '/').split('?');
      if (path === '/admin/revoke-sessions' && request.method === 'POST') {
        const username = new URLSearchParams(query).get('username') ?? '';
        const ended = memory.revoke(username);
        response
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ username, ended }));
        return;
      }
      if (path.startsWith('/interaction/')) {
        void interaction(request, response, path);
        return;
      }
      void handleProvider(request, response);
    },
  };
}
