import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { buildOpenApiDocument } from '../src/api/openapi';
import { Fleet } from './fleet/fleet';
import type { ScenarioName } from './fleet/scenarios';
import { createHandlers } from './handlers';
import type { FaultSettings } from './handlers/faults';

export interface FleetServerOptions {
  port: number;
  host: string;
  scenario: ScenarioName;
  faults?: FaultSettings;
}

export interface FleetServer {
  /** e.g. `http://127.0.0.1:8787` */
  origin: string;
  fleet: Fleet;
  close(): Promise<void>;
}

// Handlers match one fixed origin; every request is mapped onto it, whatever its Host.
const handlerOrigin = 'http://fleet.local';

const cors = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Accept',
};

async function readBody(request: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  return body.length > 0 ? new Uint8Array(body) : undefined;
}

/**
 * The built-in fleet over real HTTP, for clients other than the console: the same handlers
 * as in the browser, under `/api`, with the OpenAPI document at `/openapi.json`. State is in
 * memory and time is real.
 */
export async function startFleetServer(options: FleetServerOptions): Promise<FleetServer> {
  const fleet = new Fleet({ scenario: options.scenario });
  const faults = options.faults ?? { faults: 0, latency: 0 };
  const handlers = createHandlers({
    apiRoot: `${handlerOrigin}/api/`,
    fleet: () => fleet,
    faults: () => faults,
  });
  const openapi = JSON.stringify(buildOpenApiDocument({ version: 'mock' }), null, 2);

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', handlerOrigin);
    if (incoming.method === 'OPTIONS') {
      outgoing.writeHead(204, cors).end();
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
    const body = await readBody(incoming);
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
      if (!outgoing.headersSent) {
        outgoing.writeHead(500, { ...cors, 'Content-Type': 'application/json' });
      }
      outgoing.end(JSON.stringify({ code: 'internal', message: 'The mock server failed.' }));
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${options.host}:${port}`,
    fleet,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
