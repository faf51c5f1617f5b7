/**
 * The API over Node's HTTP: what every server of the console's API shares — the console's
 * server under `/api` (scripts/console-server.ts) and the standalone fleet
 * (`npm run mock-server`). It speaks the contract's rules about requests before any handler
 * runs: only the API's methods (405), one request target form (400), the path decoded once and
 * kept under `/api` (400 `bad_path`), bodies up to a limit (413), browsers of other origins
 * only where allowed (CORS, never `*`; 403 for a change from another site), HEAD as GET
 * without the body; then it hands a Fetch `Request` to `handle` and streams its answer back
 * with back-pressure.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { API_METHODS, BAD_TARGET_MESSAGE, apiPath, splitTarget } from '../../scripts/http-rules';
import { CSRF_HEADER } from '../../src/api/session';
import {
  SIMULATED_FLEET_HEADER,
  SIMULATED_STORAGE_HEADER,
  SIMULATION_SESSION_PATH,
} from '../../src/api/simulation';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface ApiListenerOptions {
  /** Answers a request under `/api/`; undefined or an error Response drops the connection. */
  handle(request: Request): Promise<Response | undefined>;
  /** Origins whose pages may call the API from a browser (CORS). None by default. */
  allowOrigins?: readonly string[];
  /** The largest request body accepted, in bytes (413 above it). */
  maxBodyBytes?: number;
  /** The OpenAPI document, served at `/openapi.json` (standalone servers only). */
  openapi?: string;
  /** Headers every answer carries (the console's security headers). */
  headers?: Readonly<Record<string, string>>;
}

/** The origin Fetch requests are built on; handlers match it whatever the Host was. */
export const REQUEST_ORIGIN = 'http://console.local';

class BodyTooLarge extends Error {}

/**
 * How much of a refused body is still read and thrown away, so that the client, still
 * sending, reads the 413 instead of a reset connection; past it the connection is closed.
 */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * The request body, refused past `limit` bytes (BodyTooLarge) without keeping the rest: what
 * still arrives is read and dropped, up to DRAIN_LIMIT_BYTES, then the connection is closed.
 */
function readBody(
  request: IncomingMessage,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD') return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = Number(request.headers['content-length'] ?? 0) > limit;
    if (refused) reject(new BodyTooLarge());
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (refused) {
        if (size > DRAIN_LIMIT_BYTES) request.socket.destroy();
        return;
      }
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (refused) return;
      const body = Buffer.concat(chunks);
      resolve(body.length > 0 ? new Uint8Array(body) : undefined);
    });
    request.on('error', reject);
  });
}

/**
 * CORS headers for a request from `origin`: only for origins given with `--allow-origin`,
 * never `*`, so no other site's page can read or change the fleet from a visitor's browser.
 * An allowed page may send its credentials (the session cookie), the CSRF header and a bearer
 * token: what the console sends when `apiBaseUrl` names this server on another origin.
 */
export function corsFor(
  origin: string | undefined,
  allowed: ReadonlySet<string>,
): Record<string, string> {
  if (!origin || !allowed.has(origin)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': `Content-Type, Accept, Authorization, ${CSRF_HEADER}`,
    'Access-Control-Max-Age': '600',
    'Access-Control-Expose-Headers': `${SIMULATED_FLEET_HEADER}, ${SIMULATED_STORAGE_HEADER}, Content-Disposition`,
    Vary: 'Origin',
  };
}

function json(
  outgoing: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: unknown,
): void {
  outgoing
    .writeHead(status, { ...headers, 'Content-Type': 'application/json' })
    .end(JSON.stringify(body));
}

/** A listener for Node's HTTP server that serves the API (and nothing else). */
export function apiListener(options: ApiListenerOptions) {
  const allowed = new Set(options.allowOrigins ?? []);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const { openapi } = options;
  const common = options.headers ?? {};

  return async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const from = incoming.headers.origin;
    const cors = { ...common, ...corsFor(from, allowed) };
    const method = incoming.method ?? 'GET';
    if (!(API_METHODS as readonly string[]).includes(method)) {
      json(
        outgoing,
        405,
        { ...cors, Allow: API_METHODS.join(', ') },
        { code: 'method_not_allowed', message: `The API does not take ${method} requests.` },
      );
      return;
    }
    const target = splitTarget(incoming.url ?? '/');
    if (!target) {
      json(outgoing, 400, cors, { code: 'bad_request', message: BAD_TARGET_MESSAGE });
      return;
    }
    const { rawPath, search } = target;
    if (openapi && rawPath === '/openapi.json' && (method === 'GET' || method === 'HEAD')) {
      outgoing.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
      outgoing.end(method === 'HEAD' ? undefined : openapi);
      return;
    }
    const api = apiPath(rawPath);
    if (api === undefined) {
      json(outgoing, 404, cors, {
        code: 'not_found',
        message: `Nothing at ${rawPath}; the API is under /api.`,
      });
      return;
    }
    if ('refused' in api) {
      json(outgoing, 400, cors, { code: 'bad_path', message: api.refused });
      return;
    }
    // A browser names the page's origin; another site's page may not change the fleet.
    const foreign =
      from !== undefined && !sameHost(from, incoming.headers.host) && !allowed.has(from);
    if (method === 'OPTIONS') {
      if (foreign) {
        json(outgoing, 403, cors, {
          code: 'origin_not_allowed',
          message: `Pages from ${from} may not call this API. Start it with --allow-origin ${from} to let them.`,
        });
        return;
      }
      outgoing.writeHead(204, cors).end();
      return;
    }
    // The simulated sign-in and time-out act on everyone's session: never for another site.
    const simulation = api.path === `/api${SIMULATION_SESSION_PATH}`;
    const crossSite = incoming.headers['sec-fetch-site'] === 'cross-site' && from === undefined;
    if (foreign && (simulation || (method !== 'GET' && method !== 'HEAD'))) {
      json(outgoing, 403, cors, {
        code: 'origin_not_allowed',
        message: `Pages from ${from} may not change anything through this API. Start it with --allow-origin ${from} to let them.`,
      });
      return;
    }
    if (simulation && crossSite) {
      json(outgoing, 403, cors, {
        code: 'origin_not_allowed',
        message: 'The simulated sign-in is not for pages of other sites.',
      });
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    let body: Uint8Array<ArrayBuffer> | undefined;
    try {
      body = await readBody(incoming, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      json(outgoing, 413, cors, {
        code: 'payload_too_large',
        message: `The request body is larger than ${maxBodyBytes} bytes, the most this server accepts.`,
      });
      return;
    }
    // HEAD is answered as GET, without the body.
    const request = new Request(`${REQUEST_ORIGIN}${api.path}${search}`, {
      method: method === 'HEAD' ? 'GET' : method,
      headers,
      ...(body ? { body } : {}),
    });
    const response = await options.handle(request);
    if (!response || response.type === 'error') {
      // An injected dropped connection (every path under /api has a handler).
      outgoing.destroy();
      return;
    }
    const responseHeaders: Record<string, string> = { ...cors };
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    outgoing.writeHead(response.status, responseHeaders);
    if (!response.body || method === 'HEAD') {
      await response.body?.cancel();
      outgoing.end();
      return;
    }
    // Streamed with back-pressure: a CSV export of 100,000 devices is never held whole.
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), outgoing);
  };
}

/** Whether a browser's `Origin` is the server the request was sent to (its Host). */
function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
