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

export function securityHeaders(frameAncestors: string): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      // Emotion (MUI) inserts <style> elements at run time.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
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
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    return { refused: 400 };
  }
  if (pathname.includes('\\') || pathname.includes('\0')) return { refused: 400 };
  if (pathname.split('/').some((segment) => segment === '..' || segment === '.')) {
    return { refused: 400 };
  }
  if (`${pathname}/` === base) return { redirect: true };
  if (!pathname.startsWith(base)) return { refused: 404 };
  return { relative: pathname.slice(base.length) };
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
