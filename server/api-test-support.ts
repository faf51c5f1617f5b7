/** Calls to the console's API as its clients make them, for the server's tests. */
import { expect } from 'vitest';
import type { ActivityList } from '../src/api/activity';
import type { Session } from '../src/api/session';
import { API_ORIGIN, type Api } from './api';

export interface Caller {
  cookie?: string;
  csrf?: string;
  /** An API token's secret, sent as `Authorization: Bearer`. */
  token?: string;
}

export async function call(
  api: Api,
  method: string,
  path: string,
  options: { body?: unknown; as?: Caller } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.as?.cookie) headers.Cookie = options.as.cookie;
  if (options.as?.csrf) headers['X-CSRF-Token'] = options.as.csrf;
  if (options.as?.token) headers.Authorization = `Bearer ${options.as.token}`;
  return api.handle(
    new Request(`${API_ORIGIN}/api${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    }),
  );
}

export async function signIn(api: Api, username: string, password = username): Promise<Caller> {
  const response = await call(api, 'POST', '/session', { body: { username, password } });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get('Set-Cookie') ?? '').split(';')[0];
  expect(response.headers.get('Set-Cookie')).toMatch(/HttpOnly; SameSite=Lax/);
  const session = (await response.json()) as Session;
  return { cookie, csrf: session.csrfToken ?? '' };
}

export async function activity(api: Api, as: Caller): Promise<ActivityList> {
  const response = await call(api, 'GET', '/activity?page=1&pageSize=50', { as });
  expect(response.status).toBe(200);
  return (await response.json()) as ActivityList;
}
