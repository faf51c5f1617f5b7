// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { server as mswServer } from '../mocks/node';
import { startConsoleServer, type ConsoleServer } from './console-server';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request sent byte for byte as written: fetch would normalise `%2e%2e` before sending. */
function send(
  origin: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(origin);
    const outgoing = httpRequest(
      { hostname, port, path, method: options.method ?? 'GET', headers: options.headers },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const SECRET = 'the deployment key';
let folder: string;
let dist: string;

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

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

describe('the /api pass-through', () => {
  let backend: Server;
  let backendOrigin: string;
  let console: ConsoleServer;
  const seen: { headers: IncomingHttpHeaders; closedEarly: boolean }[] = [];

  beforeAll(async () => {
    backend = createServer((request: IncomingMessage, response) => {
      const record = { headers: request.headers, closedEarly: false };
      seen.push(record);
      if (request.url?.startsWith('/api/slow')) {
        // Never answers: the console server must give up, and hang up on it.
        response.on('close', () => {
          record.closedEarly = !response.writableFinished;
        });
        return;
      }
      response.writeHead(200, {
        'Content-Type': 'application/json',
        Connection: 'keep-alive, X-Backend-Secret',
        'Keep-Alive': 'timeout=77, max=3',
        'X-Backend-Secret': 'internal',
        'Proxy-Authenticate': 'Basic',
        'X-Kept': 'yes',
      });
      response.end('{"items":[]}');
    });
    backendOrigin = await listen(backend);
    console = await startConsoleServer({
      dir: dist,
      port: 0,
      host: '127.0.0.1',
      api: backendOrigin,
      apiTimeoutMs: 300,
    });
  });
  afterAll(async () => {
    await console.close();
    backend.closeAllConnections();
    await new Promise((resolve) => backend.close(resolve));
  });

  it('drops hop-by-hop headers both ways and sets X-Forwarded-* itself', async () => {
    const answer = await send(console.origin, '/api/devices?page=1', {
      headers: {
        Connection: 'X-Client-Secret',
        'X-Client-Secret': 'hop',
        TE: 'trailers',
        Upgrade: 'websocket',
        'Proxy-Authorization': 'Basic abc',
        'X-Forwarded-For': '6.6.6.6',
        'X-Forwarded-Host': 'evil.example',
        'X-Kept': 'yes',
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe('{"items":[]}');
    const upstream = seen.at(-1)?.headers ?? {};
    expect(upstream['x-client-secret']).toBeUndefined();
    expect(upstream.te).toBeUndefined();
    expect(upstream.upgrade).toBeUndefined();
    expect(upstream['proxy-authorization']).toBeUndefined();
    expect(upstream['x-kept']).toBe('yes');
    expect(upstream['x-forwarded-for']).toBe('127.0.0.1');
    expect(upstream['x-forwarded-host']).toBe(new URL(console.origin).host);
    expect(upstream['x-forwarded-proto']).toBe('http');
    expect(answer.headers['x-backend-secret']).toBeUndefined();
    // The console server's own Keep-Alive may describe its own connection, never the backend's.
    expect(answer.headers['keep-alive']).not.toBe('timeout=77, max=3');
    expect(answer.headers['proxy-authenticate']).toBeUndefined();
    expect(answer.headers['x-kept']).toBe('yes');
    expect(answer.headers['content-security-policy']).toContain("base-uri 'none'");
  });

  it('answers 504 in the error shape when the backend takes too long, and hangs up on it', async () => {
    const answer = await send(console.origin, '/api/slow');
    expect(answer.status).toBe(504);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ code: 'gateway_timeout' });
    await expect.poll(() => seen.at(-1)?.closedEarly).toBe(true);
  });

  it('aborts the backend request when the client goes away', async () => {
    // A time limit far away, so only the client's leaving can end the backend's request.
    const patient = await startConsoleServer({
      dir: dist,
      port: 0,
      host: '127.0.0.1',
      api: backendOrigin,
      apiTimeoutMs: 600_000,
    });
    try {
      const before = seen.length;
      const { hostname, port } = new URL(patient.origin);
      const outgoing = httpRequest({ hostname, port, path: '/api/slow-abandoned' });
      outgoing.on('error', () => undefined);
      outgoing.end();
      await expect.poll(() => seen.length).toBe(before + 1);
      outgoing.destroy();
      await expect.poll(() => seen.at(-1)?.closedEarly).toBe(true);
    } finally {
      await patient.close();
    }
  });

  it('answers 502 without naming the backend when it cannot be reached', async () => {
    const lonely = createServer();
    const deadOrigin = await listen(lonely);
    await new Promise((resolve) => lonely.close(resolve));
    const orphan = await startConsoleServer({
      dir: dist,
      port: 0,
      host: '127.0.0.1',
      api: deadOrigin,
    });
    try {
      const answer = await send(orphan.origin, '/api/devices');
      expect(answer.status).toBe(502);
      const body = answer.body.toString();
      expect(JSON.parse(body)).toMatchObject({ code: 'bad_gateway' });
      expect(body).not.toContain(new URL(deadOrigin).port);
      expect(body).not.toContain('127.0.0.1');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await orphan.close();
    }
  });
});
