/**
 * A vendor backend that implements the whole contract itself (`--api URL`), behind the
 * console's server when operators sign in with the organisation's identity provider
 * (`--oidc-issuer`): the server keeps the session (cookie, CSRF, the provider's tokens) and
 * passes each call on to the vendor as the operator, with their access token as
 * `Authorization: Bearer`, so the vendor checks who calls and what they may. The browser
 * never holds the token; the vendor never sees the session cookie or the CSRF token.
 *
 * The console's server answers `GET /session` (the role from the provider's claim) and
 * `DELETE /session` (sign-out, at the provider too); a change is checked against the
 * contract's permission for it before it leaves. Everything else under `/api/` goes on as it
 * came: the vendor's answers, error shapes and files are the contract's.
 */
import { http, type HttpHandler } from 'msw';
import { allEndpoints } from '../../../src/api/contract';
import type { Endpoint } from '../../../src/api/endpoint';
import { DEFAULT_AREAS, sessionEndpoints, type Capabilities } from '../../../src/api/session';
import type { Gate } from '../../contract/gate';
import { Answered, errorResponse, RefusedError, route } from '../../contract/route';
import type { Directory } from '../../contract/store-gate';
import type { Backend } from '../../ports/backend';

export interface VendorBackendOptions {
  /** The vendor backend's origin; calls go to the same path under it (`/api/…`). */
  url: string;
  /** How long the vendor may take to answer, in ms. */
  timeoutMs: number;
  /** Tests only: how the server reaches the vendor. */
  fetch?: typeof fetch;
}

/** Headers a call takes on to the vendor; nothing of the browser's session goes with it. */
const FORWARDED = ['accept', 'accept-language', 'content-type'];
/** Headers of the vendor's answer that come back. */
const RETURNED = ['content-type', 'content-disposition', 'retry-after', 'cache-control'];

/** Each contract endpoint with its path as a pattern, made once. */
const PATTERNS = allEndpoints().map((endpoint) => ({
  endpoint,
  pattern: new RegExp(
    `^${endpoint.path
      .split('/')
      .map((part) =>
        /^\{\w+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/')}$`,
  ),
}));

/** The contract endpoint a method and path name, to know the permission a change needs. */
function endpointFor(method: string, path: string): Endpoint | undefined {
  return PATTERNS.find(({ endpoint, pattern }) => endpoint.method === method && pattern.test(path))
    ?.endpoint;
}

/** No one signs in here with a password: the identity provider does it. */
const noDirectory: Directory = {
  verify: () => Promise.resolve(undefined),
  find: () => Promise.resolve(undefined),
};

export function openVendorBackend(options: VendorBackendOptions): Backend {
  const origin = new URL(options.url).origin;
  const send = options.fetch ?? fetch;
  const capabilities: Capabilities = { areas: [...DEFAULT_AREAS], signOut: true };

  async function forward(request: Request, apiRoot: string, gate: Gate): Promise<Response> {
    const url = new URL(request.url);
    const path = `/${url.pathname.slice(new URL(apiRoot).pathname.length)}`;
    try {
      const actor = await gate.authenticate(request);
      await gate.admit(request, actor, endpointFor(request.method, path)?.permission);
      const credentials = await gate.credentials?.(request);
      const bearer = credentials?.bearer;
      if (typeof bearer !== 'string') {
        throw new RefusedError(
          401,
          'session_expired',
          'Your session has ended. Sign in again to continue.',
        );
      }
      const headers = new Headers({ Authorization: `Bearer ${bearer}` });
      for (const name of FORWARDED) {
        const value = request.headers.get(name);
        if (value) headers.set(name, value);
      }
      const bodyless = request.method === 'GET' || request.method === 'HEAD';
      let answer: Response;
      try {
        answer = await send(new URL(`/api${path}${url.search}`, origin), {
          method: request.method,
          headers,
          ...(bodyless ? {} : { body: await request.arrayBuffer() }),
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        const late = error instanceof Error && error.name === 'TimeoutError';
        return errorResponse(
          late ? 504 : 502,
          late ? 'backend_timeout' : 'backend_unreachable',
          late
            ? `The backend did not answer within ${Math.round(options.timeoutMs / 1000)} s. Try again in a moment.`
            : 'The backend could not be reached. Try again in a moment; if it goes on, tell your administrator.',
        );
      }
      const returned = new Headers();
      for (const name of RETURNED) {
        const value = answer.headers.get(name);
        if (value) returned.set(name, value);
      }
      return new Response(answer.body, { status: answer.status, headers: returned });
    } catch (error) {
      if (error instanceof RefusedError) {
        return errorResponse(error.status, error.code, error.message, undefined, error.headers);
      }
      throw error;
    }
  }

  return {
    description: `the vendor backend at ${origin}`,
    capabilities,
    directory: noDirectory,
    handlers: (apiRoot: string, gate: () => Gate): HttpHandler[] => {
      const { signOut } = gate();
      return [
        route(
          apiRoot,
          sessionEndpoints.get,
          ({ request }) => gate().session(request),
          undefined,
          (request) => gate().authenticate(request),
        ),
        ...(signOut
          ? [
              route(apiRoot, sessionEndpoints.signOut, async ({ request }) => {
                const { value, headers } = await signOut(request);
                return new Answered(value, headers);
              }),
            ]
          : []),
        http.all(`${apiRoot}*`, ({ request }) => forward(request, apiRoot, gate())),
      ];
    },
    around: (_change, work) => work(),
    // The vendor keeps its own activity; sign-ins are the provider's to log.
    recordSession: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
