/**
 * The built-in fleet as a standalone HTTP server (`npm run mock-server`), for clients other
 * than the console: a portal's own tests, curl, a backend team checking the contract.
 *
 *   npm run mock-server -- --port 8787 --scenario demo --faults 0 --latency 0
 *
 * The API is served under /api, the OpenAPI document at /openapi.json. State is in memory.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { getResponse } from 'msw';
import { buildOpenApiDocument } from '../src/api/openapi';
import { Fleet } from './fleet/fleet';
import { isScenarioName } from './fleet/scenarios';
import { createHandlers } from './handlers';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    scenario: { type: 'string', default: 'demo' },
    faults: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
  },
});

if (!isScenarioName(values.scenario)) {
  console.error(`Unknown scenario "${values.scenario}". Use demo, large or empty.`);
  process.exit(2);
}

// Handlers match one fixed origin; every request is mapped onto it, whatever its Host.
const origin = 'http://fleet.local';
const apiRoot = `${origin}/api/`;
const fleet = new Fleet({ scenario: values.scenario });
const faults = { faults: Number(values.faults) || 0, latency: Number(values.latency) || 0 };
const handlers = createHandlers({ apiRoot, fleet: () => fleet, faults: () => faults });
const openapi = JSON.stringify(buildOpenApiDocument({ version: 'mock' }), null, 2);

const cors = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Accept',
};

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const url = new URL(incoming.url ?? '/', origin);
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
    ...(body && body.length > 0 ? { body: new Uint8Array(body) } : {}),
  });
  const response = await getResponse(handlers, request);
  if (!response) {
    outgoing.writeHead(404, { ...cors, 'Content-Type': 'application/json' });
    outgoing.end(JSON.stringify({ code: 'not_found', message: `Nothing at ${url.pathname}.` }));
    return;
  }
  if (response.type === 'error') {
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

server.listen(Number(values.port), values.host, () => {
  console.log(
    `Built-in fleet (${values.scenario}) answering at http://${values.host}:${values.port}/api — OpenAPI at /openapi.json`,
  );
});
