import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../mocks/node';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('reads config.json from the base path', async () => {
    server.use(
      http.get('http://localhost/tools/console/config.json', () =>
        HttpResponse.json({
          apiBaseUrl: 'https://api.example/v1',
          mockApi: false,
          auth: { mode: 'bearer', signInUrl: 'https://id.example/sign-in' },
        }),
      ),
    );
    await expect(loadConfig('/tools/console')).resolves.toEqual({
      apiBaseUrl: 'https://api.example/v1',
      mockApi: false,
      embedAllowedOrigins: [],
      auth: { mode: 'bearer', signInUrl: 'https://id.example/sign-in' },
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
      auth: { mode: 'cookie', signInUrl: null },
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

  it.each([
    [{ mode: 'token' }, 'auth.mode'],
    [{ signInUrl: 'javascript:alert(1)' }, 'auth.signInUrl'],
  ])('refuses auth %j, naming the setting', async (auth, setting) => {
    server.use(http.get('http://localhost/config.json', () => HttpResponse.json({ auth })));
    await expect(loadConfig('')).rejects.toThrow(new RegExp(`${setting.replace('.', '\\.')}: `));
  });

  it('says when config.json is not JSON', async () => {
    server.use(http.get('http://localhost/config.json', () => new HttpResponse('<html>')));
    await expect(loadConfig('')).rejects.toThrow('/config.json is not valid JSON.');
  });

  it.each([
    ['javascript:alert(1)', 'apiBaseUrl'],
    ['ftp://files.example/api', 'apiBaseUrl'],
    ['//other.example/api', 'apiBaseUrl'],
    ['', 'apiBaseUrl'],
  ])('refuses apiBaseUrl %j, naming the setting', async (apiBaseUrl, setting) => {
    server.use(http.get('http://localhost/config.json', () => HttpResponse.json({ apiBaseUrl })));
    await expect(loadConfig('')).rejects.toThrow(
      new RegExp(`${setting}: use a path such as /api, or an http\\(s\\) URL`),
    );
  });

  it.each(['null', 'javascript:alert(1)', 'https://portal.example/path', 'file:///etc'])(
    'refuses the embedding origin %j, naming the setting',
    async (origin) => {
      server.use(
        http.get('http://localhost/config.json', () =>
          HttpResponse.json({ embedAllowedOrigins: ['https://portal.example', origin] }),
        ),
      );
      await expect(loadConfig('')).rejects.toThrow(
        /embedAllowedOrigins\.1: use an http\(s\) origin such as https:\/\/portal\.example/,
      );
    },
  );

  it('takes a path or an http(s) URL, and http(s) origins', async () => {
    server.use(
      http.get('http://localhost/config.json', () =>
        HttpResponse.json({
          apiBaseUrl: '/tools/api',
          embedAllowedOrigins: ['https://portal.example', 'http://localhost:4176/'],
        }),
      ),
    );
    await expect(loadConfig('')).resolves.toMatchObject({
      apiBaseUrl: '/tools/api',
      embedAllowedOrigins: ['https://portal.example', 'http://localhost:4176/'],
    });
  });
});
