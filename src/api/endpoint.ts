import { type z } from 'zod/mini';
import type { Permission } from './permissions';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type AnyObjectSchema = z.ZodMiniObject;

/**
 * One operation of the wire contract. The client calls it, the built-in fleet serves it, and
 * the OpenAPI document describes it, all from this one definition.
 */
export interface Endpoint<
  TParams extends AnyObjectSchema | undefined = AnyObjectSchema | undefined,
  TQuery extends AnyObjectSchema | undefined = AnyObjectSchema | undefined,
  TBody extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  TResponse extends z.ZodMiniType = z.ZodMiniType,
> {
  /** OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** Path below `apiBaseUrl`, with `{name}` placeholders, e.g. `/devices/{deviceId}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  params: TParams;
  query: TQuery;
  body: TBody;
  response: TResponse;
  /** Status of a successful answer. */
  status: 200 | 201 | 202;
  /** The answer's media type: JSON, or a file such as CSV (its response schema a string). */
  produces: 'application/json' | 'text/csv';
  /** Error statuses this operation is documented to answer with, besides 400 and 5xx. */
  errors: readonly number[];
  /**
   * For a change, or a read only some roles may make: the permission it needs (403 without it).
   * Other reads need a session only.
   */
  permission?: Permission;
}

export function defineEndpoint<
  TParams extends AnyObjectSchema | undefined = undefined,
  TQuery extends AnyObjectSchema | undefined = undefined,
  TBody extends z.ZodMiniType | undefined = undefined,
  TResponse extends z.ZodMiniType = z.ZodMiniType,
>(
  definition: Omit<
    Endpoint<TParams, TQuery, TBody, TResponse>,
    'params' | 'query' | 'body' | 'status' | 'errors' | 'produces'
  > & {
    produces?: 'application/json' | 'text/csv';
    params?: TParams;
    query?: TQuery;
    body?: TBody;
    status?: 200 | 201 | 202;
    errors?: readonly number[];
  },
): Endpoint<TParams, TQuery, TBody, TResponse> {
  return {
    ...definition,
    params: definition.params as TParams,
    query: definition.query as TQuery,
    body: definition.body as TBody,
    status: definition.status ?? 200,
    produces: definition.produces ?? 'application/json',
    errors: definition.errors ?? [],
  };
}

type OutputOf<T> = T extends z.ZodMiniType ? z.output<T> : never;

/** What a caller passes: typed path parameters, query and body, each only where defined. */
export type EndpointInput<E extends Endpoint> = (E['params'] extends AnyObjectSchema
  ? { params: z.input<E['params']> }
  : { params?: undefined }) &
  (E['query'] extends AnyObjectSchema
    ? { query?: Partial<z.output<E['query']>> }
    : { query?: undefined }) &
  (E['body'] extends z.ZodMiniType ? { body: z.input<E['body']> } : { body?: undefined });

export type EndpointResponse<E extends Endpoint> = OutputOf<E['response']>;

/** `/devices/{deviceId}` → `/devices/:deviceId`, the form MSW and most routers match. */
export function toColonPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new Error(`Missing path parameter ${name}`);
    }
    return encodeURIComponent(String(value));
  });
}

/** Peel optional/default/nullable wrappers to see whether a field is an array. */
function isArrayField(schema: z.core.$ZodType): boolean {
  let current: z.core.$ZodType = schema;
  for (;;) {
    const def = current._zod.def;
    if (def.type === 'array') return true;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') {
      current = (def as z.core.$ZodOptionalDef).innerType;
      continue;
    }
    return false;
  }
}

/** Turns typed query values into search parameters; arrays repeat their key. */
export function serializeQuery(values: Record<string, unknown> | undefined): URLSearchParams {
  const search = new URLSearchParams();
  if (!values) return search;
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
        throw new Error(`Query parameter ${key} must be strings, numbers or booleans`);
      }
      search.append(key, String(item));
    }
  }
  return search;
}

/** Reads search parameters back into the raw object the query schema parses. */
export function readQuery(
  schema: AnyObjectSchema,
  search: URLSearchParams,
): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    if (isArrayField(field)) {
      const all = search.getAll(key);
      if (all.length > 0) raw[key] = all;
    } else {
      const value = search.get(key);
      if (value !== null) raw[key] = value;
    }
  }
  return raw;
}
