// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { server as mswServer } from '../mocks/node';
import { startConsoleServer, type ConsoleServer } from './console-server';
import { send } from './http-test-support';

const SECRET = 'the deployment key';
let folder: string;
let dist: string;

beforeAll(() => {
  // Real sockets here: MSW's in-process interception must not answer these requests.
  mswServer.close();
  folder = mkdtempSync(join(tmpdir(), 'console-server-'));
  dist = join(folder, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(
    join(dist, 'index.html'),
    `<!doctype html><title>Console</title>${'<p>'.repeat(200)}`,
  );
  writeFileSync(
    join(dist, 'assets', 'app.js'),
    `console.log(${JSON.stringify('x'.repeat(2000))});`,
  );
  writeFileSync(join(dist, 'assets', 'app.js.map'), '{"version":3,"sources":["src/secret.ts"]}');
  mkdirSync(join(dist, '.vite'));
  writeFileSync(join(dist, '.vite', 'manifest.json'), '{"index.html":{}}');
  writeFileSync(join(dist, 'config.json'), '{"mockApi":true}');
  // A sibling whose name starts like the served folder's.
  mkdirSync(join(folder, 'dist-private'));
  writeFileSync(join(folder, 'dist-private', 'secret.txt'), SECRET);
  writeFileSync(join(folder, 'secret.txt'), SECRET);
});
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
  mswServer.listen({ onUnhandledRequest: 'error' });
});

describe('the console web server', () => {
  let root: ConsoleServer;
  let mounted: ConsoleServer;

  beforeAll(async () => {
    root = await startConsoleServer({ dir: dist, port: 0, host: '127.0.0.1' });
    mounted = await startConsoleServer({
      dir: dist,
      port: 0,
      host: '127.0.0.1',
      base: '/tools/console/',
    });
  });
  afterAll(async () => {
    await root.close();
    await mounted.close();
  });

  it.each([
    '/..%2fdist-private/secret.txt',
    '/..%2Fdist-private%2Fsecret.txt',
    '/%2e%2e%2fdist-private/secret.txt',
    '/%2e%2e/dist-private/secret.txt',
    '/assets/..%2f..%2fdist-private/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/%252e%252e%252fdist-private/secret.txt',
    '/..%252fdist-private/secret.txt',
    '/..%5cdist-private%5csecret.txt',
    '/assets/app.js%00.txt',
    '/%2e/secret.txt',
  ])('never reads outside its folder: %s', async (path) => {
    const answer = await send(root.origin, path);
    expect([400, 404]).toContain(answer.status);
    expect(answer.body.toString()).not.toContain(SECRET);
    expect(answer.headers['content-security-policy']).toContain("base-uri 'none'");
  });

  it.each([
    '/tools/console/..%2f..%2fdist-private/secret.txt',
    '/tools/console/%2e%2e%2f%2e%2e%2fdist-private/secret.txt',
    '/tools/console/firmware/..%2f..%2f..%2fsecret.txt',
    '/tools/console/%252e%252e%252f..%252fsecret.txt',
  ])('never reads outside its folder under a sub-path: %s', async (path) => {
    const answer = await send(mounted.origin, path);
    expect([400, 404]).toContain(answer.status);
    expect(answer.body.toString()).not.toContain(SECRET);
  });

  it('serves deep links, assets from any depth, and redirects to the mount path', async () => {
    const deep = await send(mounted.origin, '/tools/console/firmware/Nord%20GSM');
    expect(deep.status).toBe(200);
    expect(deep.body.toString()).toContain('<title>Console</title>');
    const asset = await send(mounted.origin, '/tools/console/firmware/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const redirect = await send(mounted.origin, '/tools/console?scenario=large');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/tools/console/?scenario=large');
    expect(redirect.headers['x-content-type-options']).toBe('nosniff');
    const outside = await send(mounted.origin, '/elsewhere');
    expect(outside.status).toBe(404);
    expect(outside.headers['referrer-policy']).toBe('same-origin');
  });

  it('puts its security headers on every answer', async () => {
    for (const path of ['/devices', '/missing.js', '/%E0%A4%A', '/..%2fx']) {
      const answer = await send(root.origin, path);
      const csp = answer.headers['content-security-policy'] ?? '';
      expect(csp, path).toContain("base-uri 'none'");
      expect(csp, path).toContain("form-action 'self'");
      expect(csp, path).toContain("frame-ancestors 'self'");
      expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
      expect(answer.headers['referrer-policy'], path).toBe('same-origin');
    }
  });

  it('compresses text files with brotli or gzip, as the client accepts', async () => {
    const br = await send(root.origin, '/assets/app.js', {
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toContain('console.log');
    const gz = await send(root.origin, '/assets/app.js', {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toContain('console.log');
    const plain = await send(root.origin, '/assets/app.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toContain('console.log');
  });

  it('answers 304 to a client whose copy is current', async () => {
    const first = await send(root.origin, '/assets/app.js');
    const etag = first.headers.etag ?? '';
    expect(etag).not.toBe('');
    expect(first.headers['last-modified']).toBeTruthy();
    const again = await send(root.origin, '/assets/app.js', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const since = await send(root.origin, '/assets/app.js', {
      headers: { 'If-Modified-Since': first.headers['last-modified'] ?? '' },
    });
    expect(since.status).toBe(304);
  });

  it.runIf(process.platform === 'linux')(
    'answers 500 for a file it cannot read, and keeps serving',
    async () => {
      // Reading /proc/self/mem from its start fails (EIO), as an unreadable file would.
      symlinkSync('/proc/self/mem', join(dist, 'assets', 'broken.js'));
      const broken = await send(root.origin, '/assets/broken.js');
      expect(broken.status).toBe(500);
      expect(broken.headers['content-security-policy']).toContain("base-uri 'none'");
      const next = await send(root.origin, '/devices');
      expect(next.status).toBe(200);
    },
  );

  it('refuses methods other than GET and HEAD for files', async () => {
    const answer = await send(root.origin, '/devices', { method: 'POST', body: '{}' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });
});

describe('what the build keeps to itself', () => {
  let plain: ConsoleServer;
  beforeAll(async () => {
    plain = await startConsoleServer({ dir: dist, port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await plain.close();
  });

  it('serves no source maps unless asked, and never dot-folders', async () => {
    const debugging = await startConsoleServer({
      dir: dist,
      port: 0,
      host: '127.0.0.1',
      sourceMaps: true,
    });
    try {
      expect((await send(plain.origin, '/assets/app.js.map')).status).toBe(404);
      expect((await send(plain.origin, '/firmware/assets/app.js.map')).status).toBe(404);
      expect((await send(debugging.origin, '/assets/app.js.map')).status).toBe(200);
      // The build's maps are hidden: only a server that serves them names them, in a header.
      expect((await send(debugging.origin, '/assets/app.js')).headers.sourcemap).toBe('app.js.map');
      expect((await send(plain.origin, '/assets/app.js')).headers.sourcemap).toBeUndefined();
      for (const server of [plain, debugging]) {
        for (const path of ['/.vite/manifest.json', '/%2evite/manifest.json', '/assets/.vite']) {
          const answer = await send(server.origin, path);
          expect(answer.status, path).toBe(404);
          expect(answer.body.toString()).not.toContain('index.html');
        }
      }
    } finally {
      await debugging.close();
    }
  });

  it('lets the page call an API on another origin named in config.json, and no other', async () => {
    const crossOrigin = await startConsoleServer({
      dir: dist,
      port: 0,
      host: '127.0.0.1',
      configOverride: { mockApi: false, apiBaseUrl: 'https://api.example:8443/fleet/api' },
    });
    try {
      const csp = (await send(crossOrigin.origin, '/devices')).headers['content-security-policy'];
      expect(csp).toContain("connect-src 'self' https://api.example:8443;");
      const config = await send(crossOrigin.origin, '/config.json');
      expect(JSON.parse(config.body.toString())).toMatchObject({
        apiBaseUrl: 'https://api.example:8443/fleet/api',
      });
      const same = (await send(plain.origin, '/devices')).headers['content-security-policy'];
      expect(same).toContain("connect-src 'self';");
    } finally {
      await crossOrigin.close();
    }
  });
});
