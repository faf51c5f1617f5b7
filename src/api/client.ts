import type { z } from 'zod/mini';
import {
  fillPath,
  serializeQuery,
  type Endpoint,
  type EndpointInput,
  type EndpointResponse,
} from './endpoint';
import { ApiError, ErrorBody, describeStatus } from './errors';
import {
  CSRF_HEADER,
  SESSION_EXPIRED,
  SIGN_IN_FAILED,
  sessionEndpoints,
  type Session,
} from './session';
import { noteSimulation } from './simulation';

/** How the console proves who it is (config.json `auth.mode`). */
export type AuthMode = 'cookie' | 'bearer';

export interface ApiClientSettings {
  /** Where the API lives, absolute or relative to the page (`/api` by default). */
  baseUrl: string;
  /** How long one call may take before it fails as a time-out. */
  timeoutMs: number;
  /**
   * Settles when the API can be called: the built-in fleet starts while the console renders,
   * and calls made before then wait for it. A rejection fails every call with its message.
   */
  ready: Promise<unknown>;
  /**
   * `cookie`: the browser sends the session cookie, and every change carries the session's
   * CSRF token. `bearer`: every call carries the token the portal handed over
   * (`setBearerToken`), kept in memory only; cookies are never sent.
   */
  auth: AuthMode;
  /**
   * Told of every 401 with its code: the session has ended, or (`sign_in_required`) the
   * operator signs in to the console itself (see app/session-state.ts).
   */
  onUnauthorized: (code: string) => void;
}

const settings: ApiClientSettings = {
  baseUrl: '/api',
  timeoutMs: 20_000,
  ready: Promise.resolve(),
  auth: 'cookie',
  onUnauthorized: () => undefined,
};

/** Credentials of this page only: in memory, never in storage other scripts could read. */
const credentials: { csrfToken: string | null; bearerToken: string | null } = {
  csrfToken: null,
  bearerToken: null,
};

/** Forgets the session's CSRF token and any bearer token (tests; a sign-out). */
export function forgetCredentials(): void {
  credentials.csrfToken = null;
  credentials.bearerToken = null;
}

/** The token the portal handed over (bearer mode); calls from now on carry it. */
export function setBearerToken(token: string | null): void {
  credentials.bearerToken = token;
}

function authHeaders(method: string): Record<string, string> {
  if (settings.auth === 'bearer') {
    return credentials.bearerToken ? { Authorization: `Bearer ${credentials.bearerToken}` } : {};
  }
  return method !== 'GET' && credentials.csrfToken ? { [CSRF_HEADER]: credentials.csrfToken } : {};
}

export function configureApiClient(next: Partial<ApiClientSettings>): void {
  Object.assign(settings, next);
}

/** The absolute URL of the API root, resolved against the page (or localhost outside one). */
export function apiRoot(baseUrl: string = settings.baseUrl): URL {
  const page = globalThis.document?.baseURI ?? globalThis.location?.href ?? 'http://localhost/';
  const root = new URL(baseUrl, page);
  if (!root.pathname.endsWith('/')) root.pathname += '/';
  return root;
}

export function endpointUrl(endpoint: Endpoint, input: EndpointInput<Endpoint>): URL {
  const url = new URL(fillPath(endpoint.path, input.params).replace(/^\//, ''), apiRoot());
  url.search = serializeQuery(input.query).toString();
  return url;
}

function summarizeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  return JSON.parse(text) as unknown;
}

/** An answer that is not a success, as an ApiError in the server's words where it gave any. */
async function httpError(response: Response): Promise<ApiError> {
  let json: unknown;
  try {
    json = await readJson(response);
  } catch (cause) {
    return new ApiError({
      kind: 'http',
      status: response.status,
      message: describeStatus(response.status),
      cause,
    });
  }
  const parsed = ErrorBody.safeParse(json);
  // A refused sign-in is not an ended session: it says what to fix.
  if (response.status === 401 && !(parsed.success && parsed.data.code === SIGN_IN_FAILED)) {
    return new ApiError({
      kind: 'http',
      status: 401,
      message:
        'Your session has ended. Sign in again, then try once more: what you entered is kept.',
      code: parsed.success ? parsed.data.code : SESSION_EXPIRED,
    });
  }
  return new ApiError({
    kind: 'http',
    status: response.status,
    message: parsed.success ? parsed.data.message : describeStatus(response.status),
    code: parsed.success ? parsed.data.code : `http_${response.status}`,
    details: parsed.success ? parsed.data.details : undefined,
  });
}

/**
 * Sends one call of the contract and returns its successful answer. Every failure becomes an
 * ApiError whose message an operator can read; a caller's own abort is passed through.
 */
async function send(
  endpoint: Endpoint,
  input: EndpointInput<Endpoint>,
  options: { signal?: AbortSignal },
  accept: string,
): Promise<Response> {
  try {
    return await sendOnce(endpoint, input, options, accept);
  } catch (error) {
    // The server refused the CSRF token without acting (a new session began since it was
    // read): read the session's token again and send once more.
    if (error instanceof ApiError && error.code === 'csrf_failed') {
      credentials.csrfToken = null;
      return sendOnce(endpoint, input, options, accept);
    }
    throw error;
  }
}

async function sendOnce(
  endpoint: Endpoint,
  input: EndpointInput<Endpoint>,
  options: { signal?: AbortSignal },
  accept: string,
): Promise<Response> {
  try {
    await settings.ready;
  } catch (cause) {
    throw new ApiError({
      kind: 'network',
      message: `The built-in fleet could not start (${cause instanceof Error ? cause.message : String(cause)}). Reload the page to try again.`,
      cause,
    });
  }
  // A change in cookie mode needs the session's CSRF token: read the session first.
  if (
    settings.auth === 'cookie' &&
    endpoint.method !== 'GET' &&
    credentials.csrfToken === null &&
    endpoint.path !== sessionEndpoints.signIn.path
  ) {
    await apiRequest(sessionEndpoints.get, {}, options);
  }
  const url = endpointUrl(endpoint, input);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), settings.timeoutMs);
  const onCallerAbort = () => timeout.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  const body = input.body === undefined ? undefined : JSON.stringify(input.body);
  let response: Response;
  try {
    response = await fetch(url, {
      method: endpoint.method,
      headers: {
        Accept: accept,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...authHeaders(endpoint.method),
      },
      credentials: settings.auth === 'cookie' ? 'include' : 'omit',
      body,
      signal: timeout.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    if (timeout.signal.aborted) {
      throw new ApiError({
        kind: 'timeout',
        message: `The server did not answer within ${Math.round(settings.timeoutMs / 1000)} seconds. Try again.`,
        cause,
      });
    }
    throw new ApiError({
      kind: 'network',
      message: 'Could not reach the server. Check the network connection, then try again.',
      cause,
    });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }

  noteSimulation(response.headers, endpoint.method !== 'GET');

  // A web page where JSON was expected: the address reached a web server, not the backend
  // (no backend deployed, or `apiBaseUrl` pointing at the console itself).
  if ((response.headers.get('Content-Type') ?? '').includes('text/html')) {
    throw new ApiError({
      kind: 'network',
      status: response.status,
      message: `The backend cannot be reached at ${apiRoot().href}: a web page answered instead of the API. Check that the backend runs and that apiBaseUrl in config.json points to it, then try again.`,
    });
  }

  if (!response.ok) {
    const error = await httpError(response);
    if (response.status === 401 && error.code !== SIGN_IN_FAILED) {
      credentials.csrfToken = null;
      settings.onUnauthorized(error.code);
    }
    throw error;
  }
  return response;
}

/**
 * Calls one endpoint of the contract and returns its parsed answer. Every failure becomes an
 * ApiError whose message an operator can read; a caller's own abort is passed through.
 */
export async function apiRequest<E extends Endpoint>(
  endpoint: E,
  input: EndpointInput<E>,
  options: { signal?: AbortSignal } = {},
): Promise<EndpointResponse<E>> {
  const response = await send(
    endpoint,
    input as EndpointInput<Endpoint>,
    options,
    'application/json',
  );
  let json: unknown;
  try {
    json = await readJson(response);
  } catch (cause) {
    throw new ApiError({
      kind: 'invalid-response',
      status: response.status,
      message:
        'The server sent an answer that is not valid JSON. Try again; if it keeps happening, report it.',
      cause,
    });
  }

  const parsed = endpoint.response.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({
      kind: 'invalid-response',
      status: response.status,
      message: `The server's answer does not match what this console expects (${summarizeIssues(parsed.error)}). The console and server versions may not match.`,
      cause: parsed.error,
    });
  }
  if (
    (endpoint as Endpoint) === sessionEndpoints.get ||
    (endpoint as Endpoint) === sessionEndpoints.signIn
  ) {
    credentials.csrfToken = (parsed.data as Session).csrfToken;
  }
  return parsed.data as EndpointResponse<E>;
}

/** Calls an endpoint that answers a file (`produces`, e.g. CSV) and returns it whole. */
export async function apiDownload<E extends Endpoint>(
  endpoint: E,
  input: EndpointInput<E>,
  options: { signal?: AbortSignal } = {},
): Promise<Blob> {
  const response = await send(
    endpoint,
    input as EndpointInput<Endpoint>,
    options,
    endpoint.produces,
  );
  return response.blob();
}
