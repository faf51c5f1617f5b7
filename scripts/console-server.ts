/**
 * The web server for the production build (`npm run serve`, `npm run preview`, the Playwright
 * suite), as a module so its guarantees are tested over real sockets (console-server.test.ts,
 * api-pass-through.test.ts).
 *
 * What it guarantees:
 * - every option is checked before it listens (server-options.ts): no header is built from
 *   unchecked text, and no setting can crash it at its first request;
 * - nothing outside the served folder is ever read: the path is decoded once, `..` segments,
 *   backslashes and NUL are refused (400), and every file is checked against the folder plus a
 *   separator, so a sibling folder whose name starts the same (`dist-private/`) stays out;
 *   dot-files and dot-folders (`.vite/`) are never served, source maps only when asked;
 * - any mount path (`base`), deep links answered by index.html, relative asset URLs resolved
 *   from any depth (`/console/firmware/assets/x.js` → `assets/x.js`);
 * - a file that cannot be read (removed during a deploy, EACCES) answers 500 and the server
 *   keeps serving;
 * - security headers on every answer (404s, redirects, 400s and `/api` answers included), with
 *   an API on another origin (config.json `apiBaseUrl`) named in `connect-src`; gzip or brotli
 *   for text files, and ETag / Last-Modified validators (304);
 * - with `api`, `/api/…` is passed to that backend (api-pass-through.ts): one request in is at
 *   most one request out, the path never leaves `/api`, with a time limit (504), and a 502
 *   that does not reveal the backend's address.
 *
 * - with `localApi`, `/api/…` is the console's own API (server/api.ts) over the same rules
 *   (server/http/api-listener.ts).
 *
 * Left to the deployer: TLS, rate limits, access control, and the backend's own checks.
 */
import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip as gzipCallback } from 'node:zlib';
import { apiListener } from '../server/http/api-listener';
import { createPassThrough } from './api-pass-through';
import {
  BAD_TARGET_MESSAGE,
  apiPath,
  compressible,
  etagOf,
  isFresh,
  normalizeBase,
  pickEncoding,
  relativePath,
  securityHeaders,
  splitTarget,
  types,
} from './http-rules';
import {
  checkBase,
  checkBuildFolder,
  checkFrameAncestors,
  checkHost,
  checkOrigin,
  checkPort,
  checkPositiveInteger,
} from './server-options';

const brotli = promisify(brotliCompress);
const gzip = promisify(gzipCallback);

export interface ConsoleServerOptions {
  /** The folder to serve: the production build. */
  dir: string;
  /** A port number (0 for any free one), as a number or as given on the command line. */
  port: number | string;
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
  /** Serve the build's source maps (`*.map`); off by default. */
  sourceMaps?: boolean;
  /**
   * The console's own API (server/api.ts: the contract layer in front of a backend), served
   * under `/api`; instead of `api`.
   */
  localApi?: {
    handle(request: Request): Promise<Response>;
    /** The sign-in's own pages under `<base>auth/` (with an OpenID provider). */
    handleAuth?: (request: Request, address: string) => Promise<Response>;
    close(): Promise<void>;
  };
  /**
   * The console's address as operators open it (`https://ops.example/fleet/`): the provider's
   * callback is made from it. Default: the request's own host, over http, with `base`.
   */
  publicUrl?: string;
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
  if (response.destroyed) return;
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

/**
 * The origin of an API on another origin than the console's (config.json `apiBaseUrl` as an
 * absolute URL, after `--config`), which the page must be allowed to call (`connect-src`).
 */
function apiOriginOf(root: string, override: object | undefined): string[] {
  let config: Record<string, unknown> = {};
  try {
    config = JSON.parse(readFileSync(join(root, 'config.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    // No config.json, or a broken one: the console says so itself when it starts.
  }
  const apiBaseUrl = { ...config, ...override }.apiBaseUrl;
  if (typeof apiBaseUrl !== 'string' || !/^https?:\/\//i.test(apiBaseUrl)) return [];
  return [checkOrigin('config.json apiBaseUrl', new URL(apiBaseUrl).origin)];
}

export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const root = checkBuildFolder('--dir', options.dir);
  const port = checkPort('--port', options.port);
  const host = checkHost('--host', options.host);
  const base = normalizeBase(checkBase('--base', options.base ?? '/'));
  const headers = securityHeaders(
    checkFrameAncestors('--frame-ancestors', options.frameAncestors ?? "'self'"),
    apiOriginOf(root, options.configOverride),
  );
  const apiTimeoutMs = checkPositiveInteger(
    '--api-timeout',
    String(options.apiTimeoutMs ?? DEFAULT_API_TIMEOUT_MS),
    'milliseconds',
  );
  const passThrough = options.api
    ? createPassThrough({
        backend: new URL(checkOrigin('--api', options.api, ['http:'])),
        timeoutMs: apiTimeoutMs,
        headers,
        sendError: (response, status, code, message, extra) =>
          sendError(response, status, code, message, { ...headers, ...extra }),
      })
    : undefined;
  const local = options.localApi;
  const localListener = local
    ? apiListener({ handle: (request) => local.handle(request), headers })
    : undefined;

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
      // The build's maps are hidden (no comment in the code): with --source-maps the header
      // tells the browser's tools where a script's map is.
      ...(options.sourceMaps && extension === '.js' && existsSync(`${path}.map`)
        ? { SourceMap: `${basename(path)}.map` }
        : {}),
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
    const target = splitTarget(request.url ?? '/');
    if (!target) {
      sendText(response, 400, BAD_TARGET_MESSAGE, headers);
      return;
    }
    const { rawPath, search } = target;
    if (localListener && apiPath(rawPath)) {
      await localListener(request, response);
      return;
    }
    const api = passThrough ? apiPath(rawPath) : undefined;
    if (passThrough && api) {
      if ('refused' in api) sendError(response, 400, 'bad_path', api.refused, headers);
      else passThrough.forward(request, response, api.path, search);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const where = relativePath(rawPath, base);
    if (local?.handleAuth && 'relative' in where && where.relative.startsWith('auth/')) {
      await answerAuth(local.handleAuth, request, response, where.relative, search);
      return;
    }
    if ('redirect' in where) {
      // Node's parser admits only visible ASCII in a request target: the query is fit for a header.
      response.writeHead(301, { ...headers, Location: base + search }).end();
      return;
    }
    if ('refused' in where) {
      sendText(response, where.refused, where.refused === 400 ? 'Bad path' : 'Not found', headers);
      return;
    }
    const extension = extname(where.relative);
    if (extension === '.map' && !options.sourceMaps) {
      sendText(response, 404, 'Not found', headers);
      return;
    }
    const hasExtension = extension !== '';
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

  /** The sign-in's pages: a Fetch request at the console's public address, its answer sent back. */
  async function answerAuth(
    handleAuth: NonNullable<NonNullable<ConsoleServerOptions['localApi']>['handleAuth']>,
    request: IncomingMessage,
    response: ServerResponse,
    relative: string,
    search: string,
  ): Promise<void> {
    const address =
      options.publicUrl ?? `http://${request.headers.host ?? `${host}:${port}`}${base}`;
    const answer = await handleAuth(
      new Request(`${address}${relative}${search}`, {
        method: request.method ?? 'GET',
        headers: request.headers.cookie ? { Cookie: request.headers.cookie } : {},
      }),
      address,
    );
    const sent: Record<string, string | string[]> = { ...headers };
    answer.headers.forEach((value, key) => {
      if (key !== 'set-cookie') sent[key] = value;
    });
    const cookies = answer.headers.getSetCookie();
    if (cookies.length > 0) sent['Set-Cookie'] = cookies;
    response.writeHead(answer.status, sent).end(Buffer.from(await answer.arrayBuffer()));
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendText(response, 500, 'The server failed.', headers);
      else response.destroy();
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    origin: `http://${shownHost}:${bound}`,
    base,
    close: async () => {
      await new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      });
      await passThrough?.close();
      await local?.close();
    },
  };
}
