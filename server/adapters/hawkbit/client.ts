/**
 * hawkBit's Management API as the console's server calls it: as the signed-in operator (HTTP
 * Basic, or their access token from the identity provider; the credentials go in a header only, never in a URL, a log or the trace), with a
 * time limit, hawkBit's 429 answered by waiting (its `Retry-After`, else a growing pause) and
 * trying again a few times, and every failure turned into a RefusedError whose words an
 * operator can act on — hawkBit down or slow is a 502/504 with "try again", never a hang.
 * `trace` receives one line per request sent (`--trace-upstream FILE`).
 */
import { RefusedError } from '../../contract/refusal';
import { everyTarget, scopedRequest } from './customer-scope';

/**
 * Whom the console's server calls hawkBit as: a hawkBit user and password (HTTP Basic), or,
 * where operators sign in with the organisation's identity provider and hawkBit is configured
 * for the same one, the operator's access token (`bearer`). `username` names them either way.
 */
export type HawkbitCredentials = (
  { username: string; password: string } | { username: string; bearer: string }
) & {
  /** The one customer the person's role is limited to: every request is narrowed to its tag. */
  customer?: string;
};

export interface TraceLine {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number | null;
}

export interface HawkbitClientOptions {
  /** hawkBit's address, e.g. `http://hawkbit.internal:8080`. */
  baseUrl: string;
  /** A tenant named in the path (`/{tenant}/rest/v1`); none by default. */
  tenant?: string;
  fetch?: (request: Request) => Promise<Response>;
  timeoutMs?: number;
  /** How many times a 429 is waited out before the operator is told hawkBit is busy. */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
  trace?: (line: TraceLine) => void;
}

export type Query = Record<string, string | number | undefined>;

function authorization(credentials: HawkbitCredentials): string {
  if ('bearer' in credentials) return `Bearer ${credentials.bearer}`;
  const bytes = new TextEncoder().encode(`${credentials.username}:${credentials.password}`);
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return `Basic ${btoa(text)}`;
}

/** hawkBit's `ExceptionInfo` message, when it sent one. */
async function hawkbitMessage(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { message?: unknown };
    return typeof body.message === 'string' ? body.message : undefined;
  } catch {
    return undefined;
  }
}

export function hawkbitClient(options: HawkbitClientOptions) {
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retries = options.retries ?? 3;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const root = `${options.baseUrl.replace(/\/$/, '')}${options.tenant ? `/${encodeURIComponent(options.tenant)}` : ''}`;

  async function once(
    method: string,
    path: string,
    query: Record<string, string>,
    body: unknown,
    credentials: HawkbitCredentials,
  ): Promise<Response> {
    const url = new URL(`${root}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const request = new Request(url, {
      method,
      headers: {
        Authorization: authorization(credentials),
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    let status: number | null = null;
    try {
      const response = await send(request);
      status = response.status;
      return response;
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw timedOut
        ? new RefusedError(
            504,
            'hawkbit_timeout',
            `hawkBit did not answer within ${Math.round(timeoutMs / 1000)} s. Try again in a moment; if it keeps happening, hawkBit may be overloaded.`,
          )
        : new RefusedError(
            502,
            'hawkbit_unreachable',
            'hawkBit could not be reached. Try again in a moment; if it keeps happening, ask your administrator whether hawkBit is running.',
          );
    } finally {
      options.trace?.({ method, path, query, body: body ?? null, status });
    }
  }

  async function call<T>(
    method: string,
    path: string,
    credentials: HawkbitCredentials,
    { query = {}, body: asked }: { query?: Query; body?: unknown } = {},
  ): Promise<T> {
    let body = asked;
    let given: Record<string, string> = Object.fromEntries(
      Object.entries(query)
        .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
        .map(([key, value]) => [key, String(value)]),
    );
    if (credentials.customer !== undefined) {
      const unscoped = everyTarget(credentials);
      const scoped = await scopedRequest(
        credentials.customer,
        method,
        path,
        given,
        body,
        async (q, limit) =>
          (
            await call<{ content?: { controllerId: string }[] }>(
              'GET',
              '/rest/v1/targets',
              unscoped,
              {
                query: { q, limit },
              },
            )
          ).content?.map((target) => target.controllerId) ?? [],
      );
      if (scoped.answer !== undefined) return scoped.answer as T;
      given = scoped.query;
      body = scoped.body;
    }
    for (let attempt = 0; ; attempt += 1) {
      const response = await once(method, path, given, body, credentials);
      if (response.status === 429 && attempt < retries) {
        await response.body?.cancel();
        const after = Number(response.headers.get('Retry-After'));
        await sleep(Number.isFinite(after) && after > 0 ? after * 1000 : 250 * 2 ** attempt);
        continue;
      }
      if (response.ok) {
        if (response.status === 204) return undefined as T;
        const text = await response.text();
        return (text === '' ? undefined : JSON.parse(text)) as T;
      }
      const message = await hawkbitMessage(response);
      switch (response.status) {
        case 401:
          throw new RefusedError(
            401,
            'sign_in_required',
            'hawkBit no longer accepts your sign-in (your password may have changed). Sign in again.',
          );
        case 403:
          throw new RefusedError(
            403,
            'forbidden',
            `hawkBit refused: ${message ?? 'your hawkBit user lacks a permission this needs'}. Ask a hawkBit administrator.`,
          );
        case 404:
          throw new RefusedError(404, 'not_found', message ?? 'hawkBit has no such entity.');
        case 409:
          throw new RefusedError(409, 'conflict', message ?? 'hawkBit says it changed meanwhile.');
        case 429:
          throw new RefusedError(
            503,
            'hawkbit_busy',
            'hawkBit is busy and asks to wait. Try again in a few seconds.',
            { 'Retry-After': '5' },
          );
        default:
          throw response.status >= 500
            ? new RefusedError(
                502,
                'hawkbit_failed',
                `hawkBit failed to answer (${response.status}). Try again in a moment; if it keeps happening, ask your administrator to look at hawkBit's log.`,
              )
            : new RefusedError(
                500,
                'hawkbit_refused_request',
                `hawkBit refused the console's request (${response.status}${message ? `: ${message}` : ''}). This is a fault of the console's server: please report it.`,
              );
      }
    }
  }

  return {
    get: <T>(path: string, credentials: HawkbitCredentials, query?: Query) =>
      call<T>('GET', path, credentials, query ? { query } : {}),
    post: <T>(path: string, credentials: HawkbitCredentials, body?: unknown) =>
      call<T>('POST', path, credentials, { body }),
    put: <T>(path: string, credentials: HawkbitCredentials, body?: unknown) =>
      call<T>('PUT', path, credentials, { body }),
    delete: (path: string, credentials: HawkbitCredentials) =>
      call<undefined>('DELETE', path, credentials),
  };
}

export type HawkbitClient = ReturnType<typeof hawkbitClient>;
