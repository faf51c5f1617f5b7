/**
 * Serves the production build the way a deployment should (`npm run serve`, `npm run preview`,
 * and the Playwright suite):
 * - under any mount path (`--base /console/`), with deep links answered by index.html;
 * - relative asset URLs resolved from any depth (`/console/firmware/assets/x.js` → `assets/x.js`),
 *   because a deep link's relative `./assets/` is resolved against the deep path;
 * - a Content-Security-Policy without inline script, and `frame-ancestors` for embedding;
 * - with `--api <origin>`, `/api/…` passed to a backend there, as a reverse
 *   proxy in front of a real backend would: same origin, so no CORS and `connect-src 'self'`.
 *
 *   tsx scripts/serve.ts --port 4173 --base / --frame-ancestors "'self' https://portal.example"
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    port: { type: 'string', default: process.env.PORT ?? '4173' },
    host: { type: 'string', default: '127.0.0.1' },
    base: { type: 'string', default: '/' },
    'frame-ancestors': { type: 'string', default: "'self'" },
    config: { type: 'string', description: 'JSON merged over config.json, e.g. {"mockApi":false}' },
    api: { type: 'string', description: 'Backend origin that /api/… is passed to' },
  },
});

const root = resolve(values.dir);
if (!existsSync(join(root, 'index.html'))) {
  console.error(`No build in ${root}. Run \`npm run build\` first.`);
  process.exit(1);
}
const base = `/${values.base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const securityHeaders = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    // Emotion (MUI) inserts <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    `frame-ancestors ${values['frame-ancestors']}`,
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

function fileAt(relative: string): string | undefined {
  const path = normalize(join(root, relative));
  if (!path.startsWith(root)) return undefined;
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

const apiOrigin = values.api ? new URL(values.api) : undefined;

/** Passes an API call to the backend and its answer back, unchanged. */
function proxyToBackend(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  backend: URL,
  path: string,
): void {
  const upstream = forward(
    {
      host: backend.hostname,
      port: backend.port,
      method: incoming.method,
      path,
      headers: { ...incoming.headers, host: backend.host },
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  upstream.on('error', () => {
    if (!outgoing.headersSent) {
      outgoing.writeHead(502, { 'Content-Type': 'application/json' }).end(
        JSON.stringify({
          code: 'bad_gateway',
          message: `The backend at ${backend.origin} did not answer.`,
        }),
      );
    } else outgoing.destroy();
  });
  incoming.pipe(upstream);
}

const configOverride = values.config ? (JSON.parse(values.config) as object) : undefined;

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    response.writeHead(400).end('Bad path');
    return;
  }
  if (apiOrigin && url.pathname.startsWith('/api/')) {
    proxyToBackend(request, response, apiOrigin, `${url.pathname}${url.search}`);
    return;
  }
  if (`${pathname}/` === base) {
    response.writeHead(301, { Location: base + url.search }).end();
    return;
  }
  if (!pathname.startsWith(base)) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  const relative = pathname.slice(base.length);
  const hasExtension = extname(relative) !== '';
  const file = hasExtension ? resolveFile(relative) : undefined;

  if (hasExtension && !file) {
    response.writeHead(404, { 'Content-Type': 'text/plain', ...securityHeaders }).end('Not found');
    return;
  }
  const path = file ?? join(root, 'index.html');
  const type = types[extname(path)] ?? 'application/octet-stream';
  const immutable = path.includes(`${join(root, 'assets')}`);
  const headers = {
    ...securityHeaders,
    'Content-Type': type,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  if (configOverride && path === join(root, 'config.json')) {
    const merged = {
      ...(JSON.parse(readFileSync(path, 'utf8')) as object),
      ...configOverride,
    };
    response.writeHead(200, headers).end(JSON.stringify(merged));
    return;
  }
  response.writeHead(200, headers);
  createReadStream(path).pipe(response);
});

server.listen(Number(values.port), values.host, () => {
  console.log(`Fleet Update Console at http://${values.host}:${values.port}${base}`);
});
