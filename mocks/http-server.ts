import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { buildOpenApiDocument } from '../src/api/openapi';
import { SIMULATED_FLEET_HEADER } from '../src/api/simulation';
import { Fleet } from './fleet/fleet';
import type { ScenarioName } from './fleet/scenarios';
import type { SessionOptions } from './fleet/sessions';
import { createHandlers } from './handlers';
import type { FaultSettings } from './handlers/faults';

export interface FleetServerOptions {
  port: number;
  host: string;
  scenario: ScenarioName;
  /** Who signs in, and how (administrator with a session cookie by default). */
  session?: SessionOptions;
  faults?: FaultSettings;
  /** Origins whose pages may call this server from a browser (CORS). None by default. */
  allowOrigins?: readonly string[];
  /** The largest request body accepted, in bytes (413 above it). */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface FleetServer {
  /** e.g. `http://127.0.0.1:8787` */
  origin: string;
  fleet: Fleet;
  close(): Promise<void>;
}

// Handlers match one fixed origin; every request is mapped onto it, whatever its Host.
const handlerOrigin = 'http://fleet.local';

class BodyTooLarge extends Error {}

/** The request body, refused past `limit` bytes without reading the rest. */
async function readBody(
  request: IncomingMessage,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  if (Number(request.headers['content-length'] ?? 0) > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  return body.length > 0 ? new Uint8Array(body) : undefined;
}

/**
 * CORS headers for a request from `origin`: only for origins given with `--allow-origin`,
 * never `*`, so no other site's page can read or change the fleet from a visitor's browser.
 */
function corsFor(origin: string | undefined, allowed: ReadonlySet<string>): Record<string, string> {
  if (!origin || !allowed.has(origin)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, Accept',
    'Access-Control-Max-Age': '600',
    'Access-Control-Expose-Headers': SIMULATED_FLEET_HEADER,
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

/**
 * The built-in fleet over real HTTP, for clients other than the console: the same handlers
 * as in the browser, under `/api`, with the OpenAPI document at `/openapi.json`. State is in
 * memory and time is real.
 */
export async function startFleetServer(options: FleetServerOptions): Promise<FleetServer> {
  const fleet = new Fleet({ scenario: options.scenario, session: options.session });
  const faults = options.faults ?? { faults: 0, latency: 0 };
  const handlers = createHandlers({
    apiRoot: `${handlerOrigin}/api/`,
    fleet: () => fleet,
    faults: () => faults,
  });
  const openapi = JSON.stringify(buildOpenApiDocument({ version: 'mock' }), null, 2);
  const allowed = new Set(options.allowOrigins ?? []);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let origin = '';

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', handlerOrigin);
    const from = incoming.headers.origin;
    const cors = corsFor(from, allowed);
    // A browser names the page's origin; another site's page may not change the fleet.
    const foreign = from !== undefined && from !== origin && !allowed.has(from);
    if (incoming.method === 'OPTIONS') {
      if (foreign) {
        json(outgoing, 403, cors, {
          code: 'origin_not_allowed',
          message: `Pages from ${from} may not call this fleet. Start it with --allow-origin ${from} to let them.`,
        });
        return;
      }
      outgoing.writeHead(204, cors).end();
      return;
    }
    if (foreign && incoming.method !== 'GET' && incoming.method !== 'HEAD') {
      json(outgoing, 403, cors, {
        code: 'origin_not_allowed',
        message: `Pages from ${from} may not change this fleet. Start it with --allow-origin ${from} to let them.`,
      });
      return;
    }
    if (url.pathname === '/openapi.json') {
      outgoing.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end(openapi);
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
      json(
        outgoing,
        413,
        { ...cors, Connection: 'close' },
        {
          code: 'payload_too_large',
          message: `The request body is larger than ${maxBodyBytes} bytes, the most this server accepts.`,
        },
      );
      return;
    }
    const request = new Request(url, {
      method: incoming.method ?? 'GET',
      headers,
      ...(body ? { body } : {}),
    });
    const response = await getResponse(handlers, request);
    if (!response) {
      outgoing.writeHead(404, { ...cors, 'Content-Type': 'application/json' });
      outgoing.end(
        JSON.stringify({
          code: 'not_found',
          message: `Nothing at ${url.pathname}; the API is under /api.`,
        }),
      );
      return;
    }
    if (response.type === 'error') {
      // An injected dropped connection.
      outgoing.destroy();
      return;
    }
    const responseHeaders: Record<string, string> = { ...cors };
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    outgoing.writeHead(response.status, responseHeaders);
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  }

  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: unknown) => {
      console.error(error);
      if (outgoing.headersSent) {
        outgoing.destroy();
        return;
      }
      json(outgoing, 500, corsFor(incoming.headers.origin, allowed), {
        code: 'internal',
        message: 'The mock server failed.',
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://${options.host}:${port}`;
  return {
    origin,
    fleet,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
