import { http, HttpResponse, delay } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { server, testApiRoot } from '../../mocks/node';
import { apiRequest, configureApiClient } from './client';
import { deviceEndpoints } from './devices';
import { ApiError } from './errors';

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('The call succeeded');
}

const listPage = () => apiRequest(deviceEndpoints.list, { query: { page: 1, pageSize: 5 } });

describe('apiRequest', () => {
  afterEach(() => configureApiClient({ timeoutMs: 20_000, baseUrl: '/api' }));

  it('prefixes apiBaseUrl, sends typed query values and parses the answer', async () => {
    let seen = '';
    server.events.on('request:start', ({ request }) => {
      seen = request.url;
    });
    const page = await apiRequest(deviceEndpoints.list, {
      query: { page: 1, pageSize: 5, model: ['AXIS P3227-LV', 'AXIS Q1656'], onboarded: true },
    });
    server.events.removeAllListeners();
    expect(seen).toBe(
      `${testApiRoot}devices?page=1&pageSize=5&model=AXIS+P3227-LV&model=AXIS+Q1656&onboarded=true`,
    );
    expect(page.items.every((device) => device.onboarded)).toBe(true);
    expect(page.total).toBe(4);
    expect(new Set(page.items.map((device) => device.model))).toEqual(
      new Set(['AXIS P3227-LV', 'AXIS Q1656']),
    );
  });

  it('turns an error answer into an ApiError with the server’s words', async () => {
    const error = await failureOf(
      apiRequest(deviceEndpoints.detail, { params: { deviceId: 'dev-9999' } }),
    );
    expect(error.kind).toBe('http');
    expect(error.status).toBe(404);
    expect(error.code).toBe('not_found');
    expect(error.message).toBe(
      'Device dev-9999 was not found. It may have been removed from the fleet.',
    );
    expect(error.retryable).toBe(false);
  });

  it('explains a status that came without a readable body', async () => {
    server.use(
      http.get(
        `${testApiRoot}devices`,
        () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502 }),
      ),
    );
    const error = await failureOf(listPage());
    expect(error).toMatchObject({ kind: 'http', status: 502, retryable: true });
    expect(error.message).toBe('The server had a problem (HTTP 502). Try again in a moment.');
  });

  it('says the backend cannot be reached when a web page answers instead of the API', async () => {
    server.use(
      http.get(`${testApiRoot}devices`, () =>
        HttpResponse.html('<!doctype html><title>Console</title>'),
      ),
    );
    const error = await failureOf(listPage());
    expect(error).toMatchObject({ kind: 'network', status: 200 });
    expect(error.message).toMatch(/^The backend cannot be reached at .*apiBaseUrl in config\.json/);
  });

  it('reports a dropped connection as a network failure', async () => {
    server.use(http.get(`${testApiRoot}devices`, () => HttpResponse.error()));
    const error = await failureOf(listPage());
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/Could not reach the server/);
    expect(error.retryable).toBe(true);
  });

  it('reports an answer outside the contract, naming the field', async () => {
    server.use(
      http.get(`${testApiRoot}devices`, () =>
        HttpResponse.json({ items: [{ id: 1 }], total: 1, page: 1, pageSize: 5 }),
      ),
    );
    const error = await failureOf(listPage());
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(/does not match what this console expects \(items\.0\.id/);
  });

  it('gives up after the time limit with a time-out', async () => {
    configureApiClient({ timeoutMs: 50 });
    server.use(
      http.get(`${testApiRoot}devices`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const error = await failureOf(listPage());
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('The server did not answer within 0 seconds. Try again.');
  });

  it('passes a caller’s abort through instead of reporting a failure', async () => {
    server.use(
      http.get(`${testApiRoot}devices`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const controller = new AbortController();
    const call = apiRequest(deviceEndpoints.list, { query: {} }, { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.not.toBeInstanceOf(ApiError);
  });
});
