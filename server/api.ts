/**
 * The console's API, served by the console's server: the contract layer in front of one
 * backend, its state in the store. `handle` takes a Fetch `Request` under `/api/` and answers
 * a `Response` (server/http/api-listener.ts speaks Node's HTTP to it).
 *
 * In order, for every request: the backend catches up with what other servers did; the gate
 * says who calls (401) and whether they may (CSRF, permission: 403); the contract checks the
 * input (400, 415); an idempotency key already used answers its first answer again, or 422
 * for another request, or 409 while the first is still running; the backend resolves; the
 * answer is checked against the contract.
 */
import { getResponse, http } from 'msw';
import { tokenHandlers } from './contract/api-tokens';
import { errorResponse } from './contract/route';
import { canonical } from './contract/canonical';
import { RefusedError } from './contract/refusal';
import type { Sealer } from './contract/seal';
import { storeGate } from './contract/store-gate';
import type { OidcIdentity } from './adapters/oidc/oidc';
import type { Backend } from './ports/backend';
import type { Store } from './ports/store';
import { webhookDispatcher, type WebhookDispatcher } from './webhooks/dispatcher';
import { webhookHandlers } from './webhooks/handlers';

export interface ApiOptions {
  store: Store;
  backend: Backend;
  /** Cookies only over HTTPS. */
  secureCookies?: boolean;
  /** Seals what a session keeps for the backend (a hawkBit user's password). */
  sealer?: Sealer;
  /** Operators sign in with the organisation's OpenID provider instead of a password. */
  identity?: OidcIdentity;
  now?: () => number;
  /**
   * How webhooks are delivered: every `intervalMs` the backend's new events are sent and due
   * retries made (no timer without it: a test ticks by hand); `retrySeconds` between attempts.
   */
  webhooks?: { intervalMs?: number; retrySeconds?: readonly number[]; timeoutMs?: number };
}

export interface Api {
  handle(request: Request): Promise<Response>;
  /** The webhooks' deliveries (served with the API tokens, where the backend leaves room). */
  webhooks: WebhookDispatcher;
  /** Stops delivering webhooks; answers when the delivery under way has finished. */
  close(): Promise<void>;
}

/** The origin the handlers match: every request is mapped onto it, whatever its Host. */
export const API_ORIGIN = 'http://console.local';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The idempotency key of a change, if its JSON body carries one (`requestId`). */
async function idempotencyKey(request: Request): Promise<string | undefined> {
  if (!CHANGES.has(request.method)) return undefined;
  try {
    const body = (await request.clone().json()) as unknown;
    if (body && typeof body === 'object' && 'requestId' in body) {
      const key = body.requestId;
      return typeof key === 'string' && key.length > 0 ? key : undefined;
    }
  } catch {
    // Not JSON: the contract layer answers it.
  }
  return undefined;
}

export function createApi(options: ApiOptions): Api {
  const { store, backend } = options;
  const now = options.now ?? Date.now;
  // API tokens are the server's own, where the backend leaves room for them (its areas).
  const servesTokens = backend.capabilities.areas.includes('settings');
  const gate = storeGate({
    store,
    directory: backend.directory,
    capabilities: backend.capabilities,
    acceptTokens: servesTokens,
    record: (event) => backend.recordSession(event),
    now,
    secureCookies: options.secureCookies ?? false,
    ...(options.sealer ? { sealer: options.sealer } : {}),
    ...options.identity?.gateOptions,
  });
  const webhooks = webhookDispatcher({
    store,
    ...(backend.events ? { events: () => backend.events?.() ?? Promise.resolve([]) } : {}),
    now,
    ...(options.webhooks?.retrySeconds ? { retrySeconds: options.webhooks.retrySeconds } : {}),
    ...(options.webhooks?.timeoutMs ? { timeoutMs: options.webhooks.timeoutMs } : {}),
  });
  if (servesTokens && options.webhooks?.intervalMs) webhooks.start(options.webhooks.intervalMs);
  const customers = backend.customers ?? [];
  options.identity?.attach(
    gate,
    (event) => backend.recordSession(event),
    backend.accessOf,
    backend.customers ? (id) => customers.find((customer) => customer.id === id) : undefined,
  );
  // The server's own resources answer outside the backend's turn: a webhook's test waits on
  // a receiver for up to 10 seconds, which must hold up no request of the fleet's.
  const own = [
    ...(servesTokens
      ? tokenHandlers({
          apiRoot: `${API_ORIGIN}/api/`,
          gate: () => gate,
          store,
          customers,
          record: (event) => backend.recordSession(event),
          now,
        })
      : []),
    ...(servesTokens
      ? webhookHandlers({
          apiRoot: `${API_ORIGIN}/api/`,
          gate: () => gate,
          store,
          dispatcher: webhooks,
          record: (event) => backend.recordSession(event),
          now,
        })
      : []),
  ];
  const handlers = [
    ...backend.handlers(`${API_ORIGIN}/api/`, () => gate),
    http.all(`${API_ORIGIN}/api/*`, ({ request }) =>
      errorResponse(
        404,
        'not_found',
        `The API has no ${request.method} ${new URL(request.url).pathname}. The console and server versions may not match.`,
      ),
    ),
  ];

  async function resolve(request: Request): Promise<Response> {
    const answered = await getResponse(own, request);
    if (answered) return answered;
    const response = await backend.around(CHANGES.has(request.method), () =>
      getResponse(handlers, request),
    );
    return response ?? errorResponse(404, 'not_found', 'Nothing here.');
  }

  /**
   * A change with a key runs once across servers: the key is claimed in the store before the
   * backend sees it, and its answer kept. Refusals that changed nothing (401, 403, 400, 415,
   * 5xx) free the key again, so the same request may be sent once the cause is fixed.
   */
  async function once(request: Request, key: string): Promise<Response> {
    const fingerprint = `${request.method} ${new URL(request.url).pathname} ${canonical(
      await request.clone().json(),
    )}`;
    const claim = await store.idempotency.claim(key, fingerprint, new Date(now()).toISOString());
    if (claim.state === 'reused') {
      return errorResponse(
        422,
        'idempotency_key_reused',
        `The request ID ${key} was already used for another request, so this one was not carried out. Send a new request ID with each new request.`,
      );
    }
    if (claim.state === 'pending') {
      return errorResponse(
        409,
        'request_in_progress',
        'The same request is still being carried out. Wait a moment, then look at the result or send it again.',
        undefined,
        { 'Retry-After': '2' },
      );
    }
    if (claim.state === 'answered') {
      return Response.json(claim.body, { status: claim.status });
    }
    let response: Response;
    try {
      response = await resolve(request);
    } catch (error) {
      await store.idempotency.release(key);
      throw error;
    }
    const kept = response.status < 500 && ![400, 401, 403, 415, 429].includes(response.status);
    if (!kept) {
      await store.idempotency.release(key);
      return response;
    }
    const body: unknown = await response.clone().json();
    await store.idempotency.answer(key, response.status, body);
    return response;
  }

  return {
    webhooks,
    close: () => webhooks.stop(),
    async handle(request) {
      const key = await idempotencyKey(request);
      if (!key) return resolve(request);
      // Who calls comes first: a key is never claimed (nor its use revealed) for a stranger.
      try {
        await gate.authenticate(request);
      } catch (error) {
        if (error instanceof RefusedError) {
          return errorResponse(error.status, error.code, error.message);
        }
        throw error;
      }
      return once(request, key);
    },
  };
}
