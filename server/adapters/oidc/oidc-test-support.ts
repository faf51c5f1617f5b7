/**
 * The browser's part of signing in at the test provider (mocks/idp), for the server's tests:
 * its cookies, its sign-in page, and the way back to the console's callback.
 */
import { expect } from 'vitest';
import type { Session } from '../../../src/api/session';
import type { Api } from '../../api';
import { call, type Caller } from '../../api-test-support';
import { IDP_CLIENT } from '../../../mocks/idp/idp';
import type { OidcIdentity, OidcSettings } from './oidc';

/** The console's registration at the test provider, groups as the role claim. */
export function testProviderSettings(issuer: string, roles?: OidcSettings['roles']): OidcSettings {
  return {
    issuer,
    clientId: IDP_CLIENT.id,
    clientSecret: IDP_CLIENT.secret,
    scopes: 'openid profile email groups',
    ...(roles ? { roleClaim: 'groups', roles } : {}),
  };
}

/** Cookies as a browser keeps them for one site (enough for the provider's). */
export class Jar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      if (/max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) {
        this.cookies.delete(name.trim());
      } else this.cookies.set(name.trim(), value.join('='));
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** The browser at the provider: its sign-in page, then back with a code (the callback URL). */
export async function atProvider(
  issuer: string,
  consoleAddress: string,
  authorize: URL,
  username: string,
  password = username,
) {
  const jar = new Jar();
  const get = async (url: string) => {
    const response = await fetch(url, { redirect: 'manual', headers: { Cookie: jar.header() } });
    jar.take(response);
    return response;
  };
  let response = await get(authorize.href);
  const interaction = new URL(response.headers.get('Location') ?? '', issuer).href;
  response = await get(interaction);
  expect(await response.text()).toContain('<label for="password">Password</label>');
  response = await fetch(`${interaction}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: jar.header(), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }),
  });
  jar.take(response);
  if (response.status !== 303) return { refused: await response.text() };
  response = await get(new URL(response.headers.get('Location') ?? '', issuer).href);
  const callback = response.headers.get('Location') ?? '';
  expect(callback.startsWith(`${consoleAddress}auth/callback?`)).toBe(true);
  return { callback };
}

/**
 * Signs in through the console's server at the test provider, as a browser does: the
 * callback's answer (the way back, or a page that says why not) and, where it started one,
 * the session's cookie and CSRF token.
 */
export async function signInThrough(
  server: { identity: OidcIdentity; api: Api; issuer: string; address: string },
  username: string,
): Promise<{ page: Response; as: Caller }> {
  const { identity, api, issuer, address } = server;
  const login = await identity.handle(new Request(`${address}auth/login`), address);
  const attempt = (login.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
  const reached = await atProvider(
    issuer,
    address,
    new URL(login.headers.get('Location') ?? ''),
    username,
  );
  if (!('callback' in reached)) throw new Error(`${username} was refused at the provider`);
  const page = await identity.handle(
    new Request(reached.callback ?? '', { headers: { Cookie: attempt } }),
    address,
  );
  const line = page.headers.getSetCookie().find((cookie) => cookie.startsWith('fuc_session='));
  const cookie = (line ?? '').split(';')[0] ?? '';
  if (!cookie) return { page, as: {} };
  const session = (await (
    await call(api, 'GET', '/session', { as: { cookie } })
  ).json()) as Session;
  return { page, as: { cookie, csrf: session.csrfToken ?? '' } };
}
