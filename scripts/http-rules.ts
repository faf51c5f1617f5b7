/**
 * The HTTP rules the console server applies, as plain functions (console-server.ts puts them
 * together): content types, which files are compressed and how, cache validators, the
 * security headers, the mount path and the refusal of paths that could leave the served
 * folder, and the headers a proxy must not pass on.
 */
import type { Stats } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';

export const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
export const compressible = new Set(['.html', '.js', '.css', '.json', '.map', '.svg', '.txt']);

/** Headers that describe one connection, never passed on by a proxy (RFC 9110, 7.6.1). */
const hopByHop = [
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'proxy-authorization',
  'proxy-authenticate',
  'proxy-connection',
];

/** `headers` less hop-by-hop ones, including those the Connection header names. */
export function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const drop = new Set([...hopByHop, ...named]);
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !drop.has(name.toLowerCase())) kept[name] = value;
  }
  return kept;
}

/**
 * The headers every answer carries. `frameAncestors` and `connectSources` must have passed
 * `checkFrameAncestors` and `originOf` (server-options.ts): a header is never built from
 * unchecked text.
 */
export function securityHeaders(
  frameAncestors: string,
  connectSources: readonly string[] = [],
): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      // Emotion (MUI) inserts <style> elements at run time.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      // An API on another origin (config.json `apiBaseUrl`) is named here, so it can be called.
      ["connect-src 'self'", ...connectSources].join(' '),
      "worker-src 'self'",
      "base-uri 'none'",
      "form-action 'self'",
      `frame-ancestors ${frameAncestors}`,
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
  };
}

/** The mount path with one slash at each end: `console` → `/console/`, `` → `/`. */
export function normalizeBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * The request path relative to the mount path, decoded once, or why it is refused: `..`
 * segments, backslashes and NUL are never let through, whatever their encoding.
 */
export function relativePath(
  rawPath: string,
  base: string,
): { relative: string } | { refused: 400 | 404 } | { redirect: true } {
  const pathname = safeDecode(rawPath);
  if (pathname === undefined) return { refused: 400 };
  if (pathname.includes('\\') || pathname.includes('\0')) return { refused: 400 };
  const segments = pathname.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) {
    return { refused: 400 };
  }
  // Dot-files and dot-folders (`.vite/manifest.json`, `.git/`) are never the console's.
  if (segments.some((segment) => segment.startsWith('.'))) return { refused: 404 };
  if (`${pathname}/` === base) return { redirect: true };
  if (!pathname.startsWith(base)) return { refused: 404 };
  return { relative: pathname.slice(base.length) };
}

/**
 * A request target split into its path and query, split by hand (`new URL('//host/x', …)`
 * would read a path as another host). Only a path that starts with one slash is taken:
 * `//[/api`, `*` and absolute-form targets (`http://host/…`) are refused (undefined).
 */
export function splitTarget(target: string): { rawPath: string; search: string } | undefined {
  if (!target.startsWith('/') || target.startsWith('//')) return undefined;
  const queryAt = target.search(/[?#]/);
  return {
    rawPath: queryAt === -1 ? target : target.slice(0, queryAt),
    search: queryAt === -1 ? '' : target.slice(queryAt).replace(/#.*$/, ''),
  };
}

export const BAD_TARGET_MESSAGE =
  'The request target is not a path such as /api/devices: it must start with a single slash.';

/** Methods the API may be called with; anything else (TRACE, CONNECT, …) is answered 405. */
export const API_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
/** Methods whose requests never carry a body in the contract. */
export const BODYLESS_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/**
 * A request path below `/api/`, decoded once and encoded again segment by segment, so what
 * is passed on is exactly what was checked: `.` and `..` segments (`%2e%2e` included), an
 * encoded slash or backslash, NUL and other control characters, and malformed `%` escapes
 * are refused. `undefined` when the path is not under `/api/` at all.
 */
export function apiPath(rawPath: string): { path: string } | { refused: string } | undefined {
  const [first, prefix, ...rest] = rawPath.split('/');
  if (first !== '' || rest.length === 0 || safeDecode(prefix ?? '') !== 'api') return undefined;
  const segments: string[] = [];
  for (const segment of rest) {
    const decoded = safeDecode(segment);
    if (decoded === undefined) {
      return { refused: `The path has a malformed %-escape in "${segment}".` };
    }
    if (decoded === '.' || decoded === '..') {
      return { refused: 'The path leaves the API: "." and ".." segments are refused.' };
    }
    // eslint-disable-next-line no-control-regex
    if (/[/\\\u0000-\u001f\u007f]/.test(decoded)) {
      return {
        refused: 'The path has an encoded slash, a backslash or a control character in a segment.',
      };
    }
    segments.push(encodeURIComponent(decoded));
  }
  return { path: `/api/${segments.join('/')}` };
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The encoding to answer with, from the client's Accept-Encoding: brotli, gzip or none. */
export function pickEncoding(accept: string | undefined): 'br' | 'gzip' | undefined {
  const offered = new Map<string, number>();
  for (const part of (accept ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
    offered.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => offered.get(name) ?? (offered.get('*') || 0);
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

export function etagOf(stats: Stats): string {
  return `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
}

export function isFresh(request: IncomingMessage, etag: string, modified: Stats['mtime']): boolean {
  const match = request.headers['if-none-match'];
  if (match !== undefined) {
    return match
      .split(',')
      .map((tag) => tag.trim())
      .some((tag) => tag === '*' || tag === etag || `W/${tag}` === etag);
  }
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return Number.isFinite(since) && Math.floor(modified.getTime() / 1000) * 1000 <= since;
}
