// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { allEndpoints } from './contract';
import { buildOpenApiDocument } from './openapi';

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument({ version: pkg.version });

  it('is committed up to date (run `npm run openapi` after changing a schema)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../public/openapi.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('describes every endpoint of the contract with its parameters and the error shape', () => {
    const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;
    for (const endpoint of allEndpoints()) {
      const operation = paths[endpoint.path]?.[endpoint.method.toLowerCase()];
      expect(operation?.operationId).toBe(endpoint.id);
      const responses = operation?.responses as Record<string, unknown>;
      expect(Object.keys(responses)).toEqual(
        expect.arrayContaining([String(endpoint.status), '400', '5XX']),
      );
    }
    const list = paths['/devices']?.get?.parameters as { name: string }[];
    expect(list.map((parameter) => parameter.name)).toEqual([
      'q',
      'status',
      'model',
      'schedule',
      'customer',
      'id',
      'updateAvailable',
      'onboarded',
      'page',
      'pageSize',
      'sort',
      'order',
    ]);
    const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Device', 'DeviceList', 'Error']));
  });
});
