import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../mocks/node';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('reads config.json from the base path', async () => {
    server.use(
      http.get('http://localhost/tools/console/config.json', () =>
        HttpResponse.json({ apiBaseUrl: 'https://api.example/v1', mockApi: false }),
      ),
    );
    await expect(loadConfig('/tools/console')).resolves.toEqual({
      apiBaseUrl: 'https://api.example/v1',
      mockApi: false,
      embedAllowedOrigins: [],
    });
  });

  it('uses the defaults when there is no config.json', async () => {
    server.use(
      http.get('http://localhost/config.json', () => new HttpResponse(null, { status: 404 })),
    );
    await expect(loadConfig('')).resolves.toEqual({
      apiBaseUrl: '/api',
      mockApi: false,
      embedAllowedOrigins: [],
    });
  });

  it('names the setting that is wrong', async () => {
    server.use(
      http.get('http://localhost/config.json', () =>
        HttpResponse.json({ mockApi: 'yes', embedAllowedOrigins: ['not a url'] }),
      ),
    );
    await expect(loadConfig('')).rejects.toThrow(
      /config\.json has invalid settings \(mockApi: .*; embedAllowedOrigins\.0: /,
    );
  });

  it('says when config.json is not JSON', async () => {
    server.use(http.get('http://localhost/config.json', () => new HttpResponse('<html>')));
    await expect(loadConfig('')).rejects.toThrow('/config.json is not valid JSON.');
  });
});
