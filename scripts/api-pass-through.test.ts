// @vitest-environment node
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
} from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleetServer, type FleetServer } from '../mocks/http-server';
import { server as mswServer } from '../mocks/node';
import { startConsoleServer, type ConsoleServer } from './console-server';
import { listen, send, sendRaw, statuses, tempBuild } from './http-test-support';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  closedEarly: boolean;
}

let build: ReturnType<typeof tempBuild>;
let backend: Server;
let backendOrigin: string;
let console: ConsoleServer;
const seen: Seen[] = [];

beforeAll(async () => {
  // Real sockets here: MSW's in-process interception must not answer these requests.
  mswServer.close();
  build = tempBuild();
  backend = createServer((request: IncomingMessage, response) => {
    const record: Seen = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: '',
      closedEarly: false,
    };
    seen.push(record);
    request.on('data', (chunk: Buffer) => {
      record.body += chunk.toString('latin1');
    });
    if (request.url?.startsWith('/api/slow')) {
      // Never answers: the console server must give up, and hang up on it.
      response.on('close', () => {
        record.closedEarly = !response.writableFinished;
      });
      return;
    }
    request.on('end', () => {
      response.writeHead(200, {
        'Content-Type': 'application/json',
        Connection: 'keep-alive, X-Backend-Secret',
        'Keep-Alive': 'timeout=77, max=3',
        'X-Backend-Secret': 'internal',
        'Proxy-Authenticate': 'Basic',
        'X-Kept': 'yes',
        // A backend's own security headers give way to the console's: one of each is sent.
        'x-content-type-options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
      response.end(JSON.stringify({ answered: `${record.method} ${record.url}` }));
    });
  });
  backendOrigin = await listen(backend);
  console = await startConsoleServer({
    dir: build.dir,
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
  build.remove();
  mswServer.listen({ onUnhandledRequest: 'error' });
});

/**
 * What reached the backend because of `act`: a marker request is sent after it and waited
 * for, so a request passed on late would be seen too.
 */
async function reachingBackend(act: () => Promise<unknown>): Promise<Seen[]> {
  const before = seen.length;
  await act();
  const marker = `/api/marker-${before}`;
  await send(console.origin, marker);
  await expect.poll(() => seen.some((each) => each.url === marker)).toBe(true);
  return seen.slice(before).filter((each) => each.url !== marker);
}

const hidden = 'DELETE /api/simulation/session HTTP/1.1\r\nHost: backend\r\n\r\n';
const chunkedBody = `${hidden.length.toString(16)}\r\n${hidden}\r\n0\r\n\r\n`;

describe('request smuggling through /api', () => {
  it.each(['GET', 'DELETE', 'HEAD', 'OPTIONS'])(
    'refuses a %s with a chunked body, and sends nothing on',
    async (method) => {
      let raw = '';
      const reached = await reachingBackend(async () => {
        raw = await sendRaw(
          console.origin,
          `${method} /api/devices HTTP/1.1\r\nHost: console\r\nTransfer-Encoding: chunked\r\n\r\n${chunkedBody}`,
        );
      });
      // One answer, the refusal: the hidden DELETE is answered by no one.
      expect(statuses(raw)).toEqual([400]);
      expect(raw).toMatch(/Connection: close/i);
      expect(reached).toEqual([]);
    },
  );

  it('refuses a GET with a Content-Length body', async () => {
    let raw = '';
    const reached = await reachingBackend(async () => {
      raw = await sendRaw(
        console.origin,
        `GET /api/devices HTTP/1.1\r\nHost: console\r\nContent-Length: ${hidden.length}\r\n\r\n${hidden}`,
      );
    });
    expect(statuses(raw)).toEqual([400]);
    expect(reached).toEqual([]);
  });

  it('refuses a request with both Content-Length and Transfer-Encoding', async () => {
    let raw = '';
    const reached = await reachingBackend(async () => {
      raw = await sendRaw(
        console.origin,
        `POST /api/devices/updates HTTP/1.1\r\nHost: console\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n${chunkedBody}`,
      );
    });
    expect(statuses(raw)).toEqual([400]);
    expect(reached).toEqual([]);
  });

  it('passes a chunked POST on as one request whose body is the bytes sent', async () => {
    let raw = '';
    const reached = await reachingBackend(async () => {
      raw = await sendRaw(
        console.origin,
        `POST /api/devices/updates HTTP/1.1\r\nHost: console\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunkedBody}`,
        { end: false },
      );
    });
    expect(statuses(raw)).toEqual([200]);
    expect(reached.map((each) => `${each.method} ${each.url}`)).toEqual([
      'POST /api/devices/updates',
    ]);
    expect(reached[0]?.body).toBe(hidden);
    // Framed by a length or chunked, never bare.
    const framing = reached[0]?.headers;
    expect(framing?.['content-length'] ?? framing?.['transfer-encoding']).toBeDefined();
  });

  it('never lets an answer be read as the next client’s', async () => {
    // A backend that answers with more bytes than its Content-Length: a second, poisoned
    // answer waiting on the connection for whoever asks next.
    const poisoner = createTcpServer((socket: Socket) => {
      socket.once('data', () =>
        socket.write(
          'HTTP/1.1 200 OK\r\nContent-Length: 4\r\nContent-Type: application/json\r\n\r\n"ok"' +
            'HTTP/1.1 200 OK\r\nContent-Length: 8\r\nContent-Type: application/json\r\n\r\n"poison"',
        ),
      );
    });
    const poisonerOrigin = await listen(poisoner as unknown as Server);
    const proxy = await startConsoleServer({
      dir: build.dir,
      port: 0,
      host: '127.0.0.1',
      api: poisonerOrigin,
      apiTimeoutMs: 5_000,
    });
    try {
      const answers = [];
      for (let count = 0; count < 3; count += 1) {
        answers.push((await send(proxy.origin, '/api/devices')).body.toString());
      }
      expect(answers).not.toContain('"poison"');
    } finally {
      await proxy.close();
      await new Promise((resolve) => poisoner.close(resolve));
    }
  });
});

describe('the /api path', () => {
  it.each([
    '/api/%2e%2e/secret',
    '/api/%2E%2E/%2e%2e/secret',
    '/api/devices/..%2f..%2fsecret',
    '/api/devices/%2e%2e%2f%2e%2e%2fsecret',
    '/api/./devices',
    '/api/devices%5c..%5csecret',
    '/api/devices/%00',
    '/api/devices/%',
    '/api/devices/%zz',
  ])('never leaves /api: %s answers 400 and reaches no one', async (path) => {
    let status = 0;
    const reached = await reachingBackend(async () => {
      const answer = await send(console.origin, path);
      status = answer.status;
      expect(JSON.parse(answer.body.toString())).toMatchObject({ code: 'bad_path' });
    });
    expect(status).toBe(400);
    expect(reached).toEqual([]);
  });

  it('passes on the path it checked, encoded once', async () => {
    const reached = await reachingBackend(() =>
      send(console.origin, '/api/device-types/Nord%20GSM/sites?q=10%2011&sort=number'),
    );
    expect(reached.map((each) => each.url)).toEqual([
      '/api/device-types/Nord%20GSM/sites?q=10%2011&sort=number',
    ]);
  });

  it('answers 405 to methods the API does not take, and passes nothing on', async () => {
    for (const method of ['TRACE', 'PROPFIND', 'LINK']) {
      let answer: Awaited<ReturnType<typeof send>> | undefined;
      const reached = await reachingBackend(async () => {
        answer = await send(console.origin, '/api/devices', { method });
      });
      expect(answer?.status, method).toBe(405);
      expect(answer?.headers.allow).toContain('GET');
      expect(reached).toEqual([]);
    }
  });
});

describe('passing on', () => {
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
    expect(JSON.parse(answer.body.toString())).toEqual({ answered: 'GET /api/devices?page=1' });
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
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('same-origin');
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
      dir: build.dir,
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
    const start = () =>
      startConsoleServer({ dir: build.dir, port: 0, host: '127.0.0.1', api: deadOrigin });
    // The freed port may be handed out again at once: a server on it would pass on to itself.
    let orphan = await start();
    while (new URL(orphan.origin).port === new URL(deadOrigin).port) {
      const taken = orphan;
      orphan = await start();
      await taken.close();
    }
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

describe('in front of the built-in fleet', () => {
  let fleet: FleetServer;
  let front: ConsoleServer;
  beforeAll(async () => {
    fleet = await startFleetServer({
      port: 0,
      host: '127.0.0.1',
      scenario: 'demo',
      maxBodyBytes: 1000,
    });
    front = await startConsoleServer({
      dir: build.dir,
      port: 0,
      host: '127.0.0.1',
      api: fleet.origin,
    });
  });
  afterAll(async () => {
    await front.close();
    await fleet.close();
  });

  it.each([2_000, 5_000_000])(
    'passes on the fleet’s 413 for a body of %i bytes, not a 502',
    async (size) => {
      const answer = await send(front.origin, '/api/devices/updates', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: Buffer.alloc(size, 'x'),
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body.toString())).toMatchObject({ code: 'payload_too_large' });
    },
  );

  it('keeps a hidden request from ending the session', async () => {
    const raw = await sendRaw(
      front.origin,
      `GET /api/session HTTP/1.1\r\nHost: console\r\nTransfer-Encoding: chunked\r\n\r\n${chunkedBody}`,
    );
    expect(statuses(raw)).toEqual([400]);
    const session = await send(front.origin, '/api/session');
    expect(session.status).toBe(200);
  });
});
