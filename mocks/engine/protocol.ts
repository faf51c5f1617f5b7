import type { ScenarioName } from '../fleet/scenario-names';
import type { SessionOptions } from '../fleet/sessions';
import type { AfterReboot } from '../fleet/site-seeds';

/**
 * The messages between the page and the fleet's dedicated worker. The page owns the clock
 * and the storage (a worker has neither `page.clock` nor localStorage): it sends its
 * `Date.now()` with every request and keeps what the worker asks it to save.
 */
export type ToWorker =
  | {
      type: 'init';
      scenario: ScenarioName;
      session: SessionOptions;
      /** Sites whose first reboot goes wrong (a test's hook: `?afterReboot=1011:fell-back`). */
      afterReboot?: Record<number, AfterReboot>;
      stored: unknown;
      apiRoot: string;
      now: number;
    }
  | { type: 'request'; id: number; now: number; request: SerializedRequest };

export type FromWorker =
  | { type: 'save'; value: unknown }
  | { type: 'response'; id: number; response: SerializedResponse | null }
  | { type: 'failed'; message: string };

export interface SerializedRequest {
  url: string;
  method: string;
  headers: [string, string][];
  body: string | null;
}

/** `null` stands for a dropped connection (`Response.error()`). */
export interface SerializedResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

export async function serializeRequest(request: Request): Promise<SerializedRequest> {
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.text();
  return { url: request.url, method: request.method, headers: [...request.headers], body };
}

export function deserializeRequest(request: SerializedRequest): Request {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body === null ? {} : { body: request.body }),
  });
}

export async function serializeResponse(response: Response): Promise<SerializedResponse | null> {
  if (response.type === 'error') return null;
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    body: await response.text(),
  };
}

export function deserializeResponse(response: SerializedResponse | null): Response {
  if (response === null) return Response.error();
  const empty = response.status === 204 || response.status === 304;
  return new Response(empty ? null : response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
