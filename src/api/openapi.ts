import { z } from 'zod/mini';
import { allEndpoints } from './contract';
import type { Endpoint } from './endpoint';
import { ErrorBody } from './errors';
import { contractRegistry } from './registry';
import { CSRF_HEADER } from './session';

type JsonObject = { [key: string]: unknown };

const refFor = (id: string) => `#/components/schemas/${id}`;

function schemaRef(schema: z.ZodMiniType, where: string): JsonObject {
  const meta = contractRegistry.get(schema);
  if (!meta?.id) throw new Error(`${where} must be a named schema (see src/api/registry.ts)`);
  return { $ref: refFor(meta.id) };
}

function inlineSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonObject;
  if (json.$defs) throw new Error('Path and query parameters must not use named schemas');
  delete json.$schema;
  return json;
}

function parametersOf(endpoint: Endpoint): JsonObject[] {
  const parameters: JsonObject[] = [];
  for (const [location, object] of [
    ['path', endpoint.params],
    ['query', endpoint.query],
  ] as const) {
    if (!object) continue;
    for (const [name, field] of Object.entries(object.shape)) {
      const schema = field as z.ZodMiniType;
      const json = inlineSchema(schema, 'input');
      const description = typeof json.description === 'string' ? json.description : undefined;
      delete json.description;
      parameters.push({
        name,
        in: location,
        required: location === 'path' || !schema.safeParse(undefined).success,
        ...(description ? { description } : {}),
        ...(json.type === 'array' ? { style: 'form', explode: true } : {}),
        schema: json,
      });
    }
  }
  return parameters;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: refFor('Error') } } },
});

const statusWords: Record<number, string> = {
  400: 'The request does not fit the contract; `details` says where.',
  404: 'Not found.',
  409: 'Conflict: the state moved on, or another operation is running.',
  401: 'No valid session or bearer token: sign in again.',
  403: 'The operator’s role does not permit this change, or (cookie mode) the CSRF header is missing or wrong.',
  413: 'The request body is larger than the server accepts.',
  415: 'The request body is not sent as `application/json`.',
  422: 'Refused by a rule; `message` says which.',
};

export interface OpenApiInfo {
  version: string;
}

/** The OpenAPI 3.1 document of the contract, generated from the zod schemas. */
export function buildOpenApiDocument(info: OpenApiInfo): JsonObject {
  // Make sure the error shape is present even if no endpoint names it.
  void ErrorBody;
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const endpoint of allEndpoints()) {
    const operation: JsonObject = {
      operationId: endpoint.id,
      summary: endpoint.summary,
      ...(endpoint.description ? { description: endpoint.description } : {}),
      tags: [endpoint.tag],
      ...(endpoint.permission
        ? {
            'x-permission': endpoint.permission,
            // A change: the session cookie with its CSRF header, or a bearer token.
            security: [{ sessionCookie: [], csrfHeader: [] }, { bearerToken: [] }],
          }
        : {}),
      parameters: parametersOf(endpoint),
      responses: {
        [String(endpoint.status)]: {
          description: 'Success',
          content: {
            [endpoint.produces]: {
              schema: schemaRef(endpoint.response, `${endpoint.id} response`),
            },
          },
        },
        ...Object.fromEntries(
          [
            400,
            401,
            ...(endpoint.permission ? [403] : []),
            ...endpoint.errors,
            ...(endpoint.body ? [413, 415] : []),
          ]
            .sort((a, b) => a - b)
            .map((status) => [
              String(status),
              errorResponse(statusWords[status] ?? `HTTP ${status}`),
            ]),
        ),
        '5XX': errorResponse('The server had a problem; the call may be retried.'),
      },
    };
    if (endpoint.body) {
      operation.requestBody = {
        required: true,
        content: {
          'application/json': { schema: schemaRef(endpoint.body, `${endpoint.id} body`) },
        },
      };
    }
    const path = (paths[endpoint.path] ??= {});
    path[endpoint.method.toLowerCase()] = operation;
  }

  // `input`: what travels on the wire; objects stay open to fields added later.
  const { schemas } = z.toJSONSchema(contractRegistry, {
    target: 'draft-2020-12',
    io: 'input',
    uri: refFor,
    unrepresentable: 'any',
  }) as { schemas: Record<string, JsonObject> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Fleet Update Console API',
      version: info.version,
      description:
        'The contract between the Fleet Update Console and its backend. Generated from the zod schemas in src/api; do not edit by hand. Errors always have the `Error` shape.',
    },
    servers: [{ url: '/api' }],
    // Reads: the session cookie or a bearer token. Changes add the CSRF header to the cookie.
    security: [{ sessionCookie: [] }, { bearerToken: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'fuc_session',
          description:
            'The session the sign-in page sets: HttpOnly, Secure, SameSite=Lax, so scripts cannot read it.',
        },
        csrfHeader: {
          type: 'apiKey',
          in: 'header',
          name: CSRF_HEADER,
          description:
            'With the session cookie, every change sends the `csrfToken` of `GET /session` in this header.',
        },
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'Sent as `Authorization: Bearer …`: an API token for automation (`fuc_…`, created under Settings → API tokens; 401 `token_revoked`, `token_expired` or `token_invalid` with words once it may no longer be used), or a token the portal hands to the embedded console (`set-token` message).',
        },
      },
    },
  };
}
