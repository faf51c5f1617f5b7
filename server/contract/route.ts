import { HttpResponse, http, type HttpHandler } from 'msw';
import type { z } from 'zod/mini';
import { readQuery, toColonPath, type Endpoint } from '../../src/api/endpoint';
import type { ErrorBody } from '../../src/api/errors';
import { SIMULATED_FLEET_HEADER } from '../../src/api/simulation';
import { CsvRows } from '../../mocks/fleet/csv';
import type { Actor } from './gate';
import { RefusedError } from './refusal';

/** An answer in the contract's error shape. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  details?: ErrorBody['details'],
  headers?: Readonly<Record<string, string>>,
): Response {
  const body: ErrorBody = { code, message, ...(details ? { details } : {}) };
  return HttpResponse.json(body, { status, ...(headers ? { headers } : {}) });
}

function refusedResponse(error: RefusedError): Response {
  return errorResponse(error.status, error.code, error.message, undefined, error.headers);
}

export { RefusedError };

/** An answer with headers of its own (a sign-in's session cookie). */
export class Answered<T> {
  constructor(
    readonly body: T,
    readonly headers: Readonly<Record<string, string>>,
  ) {}
}

function validationFailed(where: string, error: z.core.$ZodError): Response {
  return errorResponse(
    400,
    'validation_failed',
    `The request ${where} does not fit the contract: ${error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || where}: ${issue.message}`)
      .join('; ')}.`,
    error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}

type Parsed<T> = T extends z.ZodMiniType ? z.output<T> : undefined;

/**
 * What a resolver answers: the response's input, or for a CSV file its rows, streamed, or an
 * answer with headers.
 */
type Answer<E extends Endpoint> =
  z.input<E['response']> | CsvRows | Answered<z.input<E['response']>>;
export type Resolver<E extends Endpoint> = (input: RouteInput<E>) => Answer<E> | Promise<Answer<E>>;

export interface RouteInput<E extends Endpoint> {
  params: Parsed<E['params']>;
  query: Parsed<E['query']>;
  body: Parsed<E['body']>;
  request: Request;
  /** Who calls, once the gate has let them in (absent for routes without a gate). */
  actor?: Actor;
}

/** `application/json`, with or without parameters such as `charset`. */
function isJson(contentType: string | null): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** Joins the API root and an endpoint path into the pattern MSW matches. */
export function routePattern(apiRoot: string, path: string): string {
  return `${apiRoot.replace(/\/$/, '')}${toColonPath(path)}`;
}

/** Marks an answer as the simulator's (see src/api/simulation.ts). */
export function markSimulated(response: Response, scenario: string): Response {
  response.headers.set(SIMULATED_FLEET_HEADER, scenario);
  return response;
}

/**
 * Serves one endpoint: the contract layer every backend shares. Who calls comes first (401
 * before the input is read); then path parameters, query and body are parsed with the
 * contract (400 in the error shape when they do not fit, 415 for a body that is not JSON);
 * then the resolver runs, and its answer is checked against the contract too, so no backend
 * can drift from it (500 `contract_violation`). A RefusedError becomes its status in the
 * error shape.
 */
export function route<E extends Endpoint>(
  apiRoot: string,
  endpoint: E,
  resolve: Resolver<E>,
  scenario?: () => string,
  /** Refuses a request (a RefusedError) before its input is parsed: who calls comes first. */
  authenticate?: (request: Request) => Actor | Promise<Actor>,
): HttpHandler {
  const method = endpoint.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  return http[method](routePattern(apiRoot, endpoint.path), async (info) => {
    const response = await serve(info);
    return scenario ? markSimulated(response, scenario()) : response;
  });

  async function serve({
    request,
    params,
  }: {
    request: Request;
    params: Record<string, unknown>;
  }): Promise<Response> {
    let actor: Actor | undefined;
    try {
      actor = await authenticate?.(request);
    } catch (error) {
      if (error instanceof RefusedError) return refusedResponse(error);
      throw error;
    }
    const parsedParams = endpoint.params ? endpoint.params.safeParse(params) : undefined;
    if (parsedParams && !parsedParams.success) return validationFailed('path', parsedParams.error);

    const query = endpoint.query
      ? endpoint.query.safeParse(readQuery(endpoint.query, new URL(request.url).searchParams))
      : undefined;
    if (query && !query.success) return validationFailed('query', query.error);

    let body: unknown;
    if (endpoint.body) {
      if (!isJson(request.headers.get('Content-Type'))) {
        return errorResponse(
          415,
          'unsupported_media_type',
          'The request body must be JSON, sent with `Content-Type: application/json`.',
        );
      }
      let json: unknown;
      try {
        json = await request.json();
      } catch {
        return errorResponse(400, 'validation_failed', 'The request body is not valid JSON.');
      }
      const parsedBody = endpoint.body.safeParse(json);
      if (!parsedBody.success) return validationFailed('body', parsedBody.error);
      body = parsedBody.data;
    }

    let result: unknown;
    try {
      result = await resolve({
        params: parsedParams?.data,
        query: query?.data,
        body,
        request,
        ...(actor ? { actor } : {}),
      } as RouteInput<E>);
    } catch (error) {
      if (error instanceof RefusedError) return refusedResponse(error);
      throw error;
    }
    let headers: Readonly<Record<string, string>> = {};
    if (result instanceof Answered) {
      headers = result.headers;
      result = result.body;
    }
    if (endpoint.produces === 'text/csv') {
      const file = result instanceof CsvRows ? result.stream() : String(result);
      return new HttpResponse(file, {
        status: endpoint.status,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${endpoint.id}.csv"`,
        },
      });
    }
    const checked = endpoint.response.safeParse(result);
    if (!checked.success) {
      return errorResponse(
        500,
        'contract_violation',
        `The server produced an answer outside the contract for ${endpoint.id}.`,
      );
    }
    return HttpResponse.json(result as never, { status: endpoint.status, headers });
  }
}
