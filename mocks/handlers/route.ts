import { HttpResponse, http, type HttpHandler } from 'msw';
import type { z } from 'zod/mini';
import { readQuery, toColonPath, type Endpoint } from '../../src/api/endpoint';
import type { ErrorBody } from '../../src/api/errors';
import { SIMULATED_FLEET_HEADER } from '../../src/api/simulation';
import { CsvRows } from '../fleet/csv';
import type { Fleet } from '../fleet/fleet';
import { RefusedError } from '../fleet/refusal';

/** An answer in the contract's error shape. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  details?: ErrorBody['details'],
): Response {
  const body: ErrorBody = { code, message, ...(details ? { details } : {}) };
  return HttpResponse.json(body, { status });
}

export { RefusedError };

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

/** What a resolver answers: the response's input, or for a CSV file its rows, streamed. */
type Answer<E extends Endpoint> = z.input<E['response']> | CsvRows;
type Resolver<E extends Endpoint> = (input: RouteInput<E>) => Answer<E> | Promise<Answer<E>>;

export interface RouteInput<E extends Endpoint> {
  params: Parsed<E['params']>;
  query: Parsed<E['query']>;
  body: Parsed<E['body']>;
  request: Request;
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
 * The `route` of one fleet: every answer it serves, refusals included, says which simulated
 * scenario answered. Each call is admitted by the fleet's session desk: 401 without a session
 * before its input is even read; once its input fits the contract, 403 without the CSRF
 * header or the permission a change needs. A change the fleet refuses (403, 404, 409, 422)
 * is recorded in its activity.
 */
export function fleetRoute(apiRoot: string, fleet: () => Fleet) {
  return <E extends Endpoint>(endpoint: E, resolve: Resolver<E>): HttpHandler =>
    route(
      apiRoot,
      endpoint,
      async (input) => {
        const current = fleet();
        try {
          current.sessions.admit(input.request, endpoint.permission);
          return await resolve(input);
        } catch (error) {
          if (endpoint.permission && error instanceof RefusedError && error.status !== 401) {
            current.refused(endpoint.id, input.params ?? {}, input.body, error);
          }
          throw error;
        }
      },
      () => fleet().scenario.name,
      (request) => fleet().sessions.authenticate(request),
    );
}

/**
 * Serves one endpoint: parses path parameters, query and body with the contract (400 in the
 * error shape when they do not fit), calls the resolver, and checks its answer against the
 * contract too, so the built-in fleet can never drift from it.
 */
export function route<E extends Endpoint>(
  apiRoot: string,
  endpoint: E,
  resolve: Resolver<E>,
  scenario?: () => string,
  /** Refuses a request (a RefusedError) before its input is parsed: who calls comes first. */
  authenticate?: (request: Request) => void,
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
    try {
      authenticate?.(request);
    } catch (error) {
      if (error instanceof RefusedError) {
        return errorResponse(error.status, error.code, error.message);
      }
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
      } as RouteInput<E>);
    } catch (error) {
      if (error instanceof RefusedError)
        return errorResponse(error.status, error.code, error.message);
      throw error;
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
        `The built-in fleet produced an answer outside the contract for ${endpoint.id}.`,
      );
    }
    return HttpResponse.json(result as never, { status: endpoint.status });
  }
}
