import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { apiListener, DEFAULT_MAX_BODY_BYTES, REQUEST_ORIGIN } from '../server/http/api-listener';
import { buildOpenApiDocument } from '../src/api/openapi';
import { Fleet } from './fleet/fleet';
import type { ScenarioName } from './fleet/scenarios';
import type { SessionOptions } from './fleet/sessions';
import { createHandlers } from './handlers';
import type { FaultSettings } from './handlers/faults';

export { DEFAULT_MAX_BODY_BYTES };

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

export interface FleetServer {
  /** e.g. `http://127.0.0.1:8787` */
  origin: string;
  fleet: Fleet;
  close(): Promise<void>;
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
    apiRoot: `${REQUEST_ORIGIN}/api/`,
    fleet: () => fleet,
    faults: () => faults,
  });
  const openapi = JSON.stringify(buildOpenApiDocument({ version: 'mock' }), null, 2);

  const handle = apiListener({
    handle: (request) => getResponse(handlers, request),
    allowOrigins: options.allowOrigins ?? [],
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    openapi,
  });

  const server = createServer((incoming, outgoing) => void handle(incoming, outgoing));

  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  return {
    origin,
    fleet,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
