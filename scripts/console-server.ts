/**
 * The web server for the production build (`npm run serve`, `npm run preview`, the Playwright
 * suite), as a module so its guarantees are tested over real sockets (console-server.test.ts).
 *
 * What it guarantees:
 * - nothing outside the served folder is ever read: the path is decoded once, `..` segments,
 *   backslashes and NUL are refused (400), and every file is checked against the folder plus a
 *   separator, so a sibling folder whose name starts the same (`dist-private/`) stays out;
 * - any mount path (`base`), deep links answered by index.html, relative asset URLs resolved
 *   from any depth (`/console/firmware/assets/x.js` → `assets/x.js`);
 * - a file that cannot be read (removed during a deploy, EACCES) answers 500 and the server
 *   keeps serving;
 * - security headers on every answer (404s, redirects, 400s and `/api` answers included);
 *   gzip or brotli for text files, and ETag / Last-Modified validators (304);
 * - with `api`, `/api/…` is passed to that backend with a time limit (504), hop-by-hop headers
 *   dropped both ways, `X-Forwarded-For/Proto/Host` set by this server, the upstream request
 *   aborted when the client goes away, and a 502 that does not reveal the backend's address.
 *
 * Left to the deployer: TLS, rate limits, access control, and the backend's own checks.
 */
import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip as gzipCallback } from 'node:zlib';
import {
  compressible,
  endToEnd,
  etagOf,
  isFresh,
  normalizeBase,
  pickEncoding,
  relativePath,
  securityHeaders,
  types,
} from './http-rules';

const brotli = promisify(brotliCompress);
const gzip = promisify(gzipCallback);

export interface ConsoleServerOptions {
  /** The folder to serve: the production build. */
  dir: string;
  port: number;
  host: string;
  /** Mount path, e.g. `/console/`. */
  base?: string;
  /** `frame-ancestors` of the Content-Security-Policy. */
  frameAncestors?: string;
  /** Merged over config.json when it is served. */
  configOverride?: object;
  /** Backend origin that `/api/…` is passed to. */
  api?: string;
  /** How long the backend may take to start answering, in ms (default 30 s). */
  apiTimeoutMs?: number;
}

export interface ConsoleServer {
  /** e.g. `http://127.0.0.1:4173` */
  origin: string;
  /** The mount path, always with slashes at both ends. */
  base: string;
  close(): Promise<void>;
}

export const DEFAULT_API_TIMEOUT_MS = 30_000;

/** The JSON error shape of the API contract. */
function sendError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string>,
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response
    .writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' })
    .end(JSON.stringify({ code, message }));
}

function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
): void {
  response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}

export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const root = resolve(options.dir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`No build in ${root}. Run \`npm run build\` first.`);
  }
  const base = normalizeBase(options.base ?? '/');
  const headers = securityHeaders(options.frameAncestors ?? "'self'");
  const apiOrigin = options.api ? new URL(options.api) : undefined;
  const apiTimeoutMs = options.apiTimeoutMs ?? DEFAULT_API_TIMEOUT_MS;

  /** A regular file inside the served folder, never beside or above it. */
  function fileAt(relative: string): string | undefined {
    const path = resolve(root, relative);
    if (!path.startsWith(root + sep)) return undefined;
    try {
      return statSync(path).isFile() ? path : undefined;
    } catch {
      return undefined;
    }
  }

  /** The file a request means: itself, or the same file seen from a shallower depth. */
  function resolveFile(relative: string): string | undefined {
    const segments = relative.split('/').filter(Boolean);
    for (let start = 0; start < segments.length; start += 1) {
      const found = fileAt(segments.slice(start).join('/'));
      if (found) return found;
    }
    return undefined;
  }

  function proxy(incoming: IncomingMessage, outgoing: ServerResponse, backend: URL): void {
    const forwardedHeaders: OutgoingHttpHeaders = {
      ...endToEnd(incoming.headers),
      host: backend.host,
      'x-forwarded-for': incoming.socket.remoteAddress ?? '',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': incoming.headers.host ?? '',
    };
    delete forwardedHeaders.forwarded;
    const upstream = forward({
      host: backend.hostname,
      port: backend.port,
      method: incoming.method,
      path: incoming.url,
      headers: forwardedHeaders,
    });
    const timer = setTimeout(() => {
      sendError(
        outgoing,
        504,
        'gateway_timeout',
        `The backend did not answer within ${Math.round(apiTimeoutMs / 1000)} s. Try again; if it keeps happening, tell whoever runs the backend.`,
        headers,
      );
      upstream.destroy();
    }, apiTimeoutMs);
    upstream.on('response', (answer) => {
      clearTimeout(timer);
      if (outgoing.headersSent) {
        answer.destroy();
        return;
      }
      outgoing.writeHead(answer.statusCode ?? 502, { ...endToEnd(answer.headers), ...headers });
      pipeline(answer, outgoing, () => undefined);
    });
    upstream.on('error', () => {
      clearTimeout(timer);
      // The backend's address stays out of the answer: it is the deployment's business.
      sendError(
        outgoing,
        502,
        'bad_gateway',
        'The backend could not be reached. Try again; if it keeps happening, tell whoever runs the backend.',
        headers,
      );
    });
    // The client went away before the answer was complete: stop the backend's work too.
    outgoing.on('close', () => {
      clearTimeout(timer);
      if (!outgoing.writableFinished) upstream.destroy();
    });
    pipeline(incoming, upstream, () => undefined);
  }

  /** Compressed bodies by file, encoding and version: the build's files never change in place. */
  const compressed = new Map<string, Promise<Buffer>>();

  function encoded(path: string, etag: string, encoding: 'br' | 'gzip', body: Buffer) {
    const key = `${path}|${encoding}|${etag}`;
    let result = compressed.get(key);
    if (!result) {
      result =
        encoding === 'br'
          ? brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } })
          : gzip(body);
      compressed.set(key, result);
    }
    return result;
  }

  /**
   * Files are read whole before anything is sent (the build's files are small), so a file that
   * cannot be read — removed during a deploy, EACCES, EIO — answers 500, never a cut answer.
   */
  async function serveFile(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
  ): Promise<void> {
    let stats: Stats;
    let body: Buffer;
    try {
      stats = await stat(path);
      body = await readFile(path);
    } catch {
      sendText(response, 500, 'This file could not be read. Try again in a moment.', headers);
      return;
    }
    const extension = extname(path);
    const immutable = path.startsWith(join(root, 'assets') + sep);
    const etag = etagOf(stats);
    const fileHeaders: Record<string, string> = {
      ...headers,
      'Content-Type': types[extension] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: etag,
      'Last-Modified': stats.mtime.toUTCString(),
      Vary: 'Accept-Encoding',
    };
    if (isFresh(request, etag, stats.mtime)) {
      response.writeHead(304, fileHeaders).end();
      return;
    }
    const encoding =
      compressible.has(extension) && body.length > 256
        ? pickEncoding(request.headers['accept-encoding'])
        : undefined;
    if (encoding) {
      fileHeaders['Content-Encoding'] = encoding;
      body = await encoded(path, etag, encoding, body);
    }
    fileHeaders['Content-Length'] = String(body.length);
    response.writeHead(200, fileHeaders).end(request.method === 'HEAD' ? undefined : body);
  }

  function serveConfig(response: ServerResponse, path: string, override: object): void {
    let merged: string;
    try {
      merged = JSON.stringify({
        ...(JSON.parse(readFileSync(path, 'utf8')) as object),
        ...override,
      });
    } catch {
      sendText(response, 500, 'config.json could not be read.', headers);
      return;
    }
    response
      .writeHead(200, {
        ...headers,
        'Content-Type': types['.json'] as string,
        'Cache-Control': 'no-cache',
      })
      .end(merged);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Split by hand: `new URL('//host/x', …)` would read a path as another host.
    const target = request.url ?? '/';
    const queryAt = target.search(/[?#]/);
    const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
    const search = queryAt === -1 ? '' : target.slice(queryAt).replace(/#.*$/, '');
    if (apiOrigin && rawPath.startsWith('/api/')) {
      proxy(request, response, apiOrigin);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const where = relativePath(rawPath, base);
    if ('redirect' in where) {
      response.writeHead(301, { ...headers, Location: base + search }).end();
      return;
    }
    if ('refused' in where) {
      sendText(response, where.refused, where.refused === 400 ? 'Bad path' : 'Not found', headers);
      return;
    }
    const hasExtension = extname(where.relative) !== '';
    const file = hasExtension ? resolveFile(where.relative) : join(root, 'index.html');
    if (!file) {
      sendText(response, 404, 'Not found', headers);
      return;
    }
    if (options.configOverride && file === join(root, 'config.json')) {
      serveConfig(response, file, options.configOverride);
      return;
    }
    await serveFile(request, response, file);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendText(response, 500, 'The server failed.', headers);
      else response.destroy();
    });
  });
  await new Promise<void>((done) => server.listen(options.port, options.host, done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${options.host}:${port}`,
    base,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      }),
  };
}
