/**
 * Checks a request against hawkBit's Management API document (document.ts): the path is one
 * the document defines, with that method; every path and query parameter is declared and fits
 * its schema (an undeclared one is refused, so a typo cannot pass unnoticed); a body is sent
 * where the operation takes one, in a media type it takes, and fits its schema. The stand-in
 * refuses what fails with 400 (404, 405, 415) and says exactly what did not fit.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { ApiDocument, JsonObject, Operation, Parameter } from './document';

export interface HawkbitRequest {
  method: string;
  /** The path as sent (percent-encoded), e.g. `/rest/v1/targets/cam%200001`. */
  path: string;
  query: URLSearchParams;
  contentType: string | null;
  /** The parsed JSON body; undefined when none was sent. */
  body: unknown;
}

export type Checked =
  | { ok: true; operationId: string; template: string; params: Record<string, string> }
  | { ok: false; status: 400 | 404 | 405 | 415; problems: string[] };

interface Route {
  template: string;
  pattern: RegExp;
  names: string[];
  literals: number;
}

function routeOf(template: string): Route {
  const names: string[] = [];
  const source = template
    .split('/')
    .map((segment) => {
      const name = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (!name) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('/');
  const literals = template.split('/').filter((segment) => !segment.startsWith('{')).length;
  return { template, pattern: new RegExp(`^${source}$`), names, literals };
}

/** Whether a parameter's text fits its (simple) schema: integers, booleans, enums, strings. */
function fits(value: string, schema: JsonObject | undefined): string | undefined {
  const type = schema?.type;
  if (type === 'integer' && !/^-?\d+$/.test(value)) return `must be an integer, not "${value}"`;
  if (type === 'number' && Number.isNaN(Number(value))) return `must be a number, not "${value}"`;
  if (type === 'boolean' && value !== 'true' && value !== 'false') {
    return `must be true or false, not "${value}"`;
  }
  const allowed = Array.isArray(schema?.enum)
    ? schema.enum.map((each) => JSON.stringify(each))
    : [];
  if (allowed.length > 0 && !allowed.includes(JSON.stringify(value))) {
    return `must be one of ${allowed.join(', ')}, not "${value}"`;
  }
  return undefined;
}

const mediaType = (contentType: string | null) =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

export function requestChecker(document: ApiDocument): (request: HawkbitRequest) => Checked {
  // The most literal template first: `/targets/{id}/actions` before `/targets/{id}/{x}`.
  const routes = Object.keys(document.paths)
    .map(routeOf)
    .sort((a, b) => b.literals - a.literals);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const bodies = new Map<string, ValidateFunction>();

  function bodyValidator(key: string, schema: JsonObject): ValidateFunction {
    let validate = bodies.get(key);
    if (!validate) {
      // The operation's schema with the document's components beside it, so that its
      // `#/components/schemas/…` references resolve.
      validate = ajv.compile({ ...schema, components: document.components });
      bodies.set(key, validate);
    }
    return validate;
  }

  function checkParameters(
    operation: Operation,
    request: HawkbitRequest,
    params: Record<string, string>,
  ): string[] {
    const problems: string[] = [];
    const declared: Parameter[] = operation.parameters ?? [];
    for (const parameter of declared.filter((each) => each.in === 'path')) {
      const value = params[parameter.name];
      const problem = value === undefined ? 'is missing' : fits(value, parameter.schema);
      if (problem) problems.push(`path parameter ${parameter.name} ${problem}`);
    }
    const queries = new Map(
      declared.filter((each) => each.in === 'query').map((each) => [each.name, each]),
    );
    for (const [name, value] of request.query) {
      const parameter = queries.get(name);
      if (!parameter) {
        problems.push(`query parameter ${name} is not defined for this operation`);
        continue;
      }
      const problem = fits(value, parameter.schema);
      if (problem) problems.push(`query parameter ${name} ${problem}`);
    }
    for (const parameter of queries.values()) {
      if (parameter.required && !request.query.has(parameter.name)) {
        problems.push(`query parameter ${parameter.name} is required`);
      }
    }
    return problems;
  }

  function checkBody(
    operation: Operation,
    request: HawkbitRequest,
    key: string,
  ): Checked | string[] {
    const content = operation.requestBody?.content;
    if (!content) {
      return request.body === undefined ? [] : ['this operation takes no request body'];
    }
    if (request.body === undefined) {
      return operation.requestBody?.required ? ['the request body is required'] : [];
    }
    const type = mediaType(request.contentType);
    const media = content[type];
    if (!media) {
      return {
        ok: false,
        status: 415,
        problems: [`the body must be sent as ${Object.keys(content).join(' or ')}, not "${type}"`],
      };
    }
    if (!media.schema) return [];
    const validate = bodyValidator(`${key} ${type}`, media.schema);
    if (validate(request.body)) return [];
    return (validate.errors ?? []).map(
      (error) => `body${error.instancePath.replace(/\//g, '.')} ${error.message ?? 'does not fit'}`,
    );
  }

  return (request) => {
    const found = routes
      .map((route) => ({ route, match: route.pattern.exec(request.path) }))
      .find(({ match }) => match !== null);
    if (!found?.match) {
      return { ok: false, status: 404, problems: [`hawkBit defines no path ${request.path}`] };
    }
    const { route, match } = found;
    const operation = document.paths[route.template]?.[request.method.toLowerCase()];
    if (!operation) {
      return {
        ok: false,
        status: 405,
        problems: [`hawkBit defines no ${request.method} ${route.template}`],
      };
    }
    let params: Record<string, string>;
    try {
      params = Object.fromEntries(
        route.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]),
      );
    } catch {
      return {
        ok: false,
        status: 400,
        problems: ['a path parameter is not valid percent-encoding'],
      };
    }
    const key = `${request.method} ${route.template}`;
    const body = checkBody(operation, request, key);
    if (!Array.isArray(body)) return body;
    const problems = [...checkParameters(operation, request, params), ...body];
    if (problems.length > 0) return { ok: false, status: 400, problems };
    return {
      ok: true,
      operationId: operation.operationId ?? key,
      template: route.template,
      params,
    };
  };
}
