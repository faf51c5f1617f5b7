/**
 * The console server's `/api` pass-through (`npm run serve -- --api <origin>`), built on
 * undici's connection pool rather than hand-written forwarding.
 *
 * One request in is at most one request out:
 * - the framing is decided once, here: a body goes on with its `Content-Length` or chunked,
 *   never bare; a request with both `Content-Length` and `Transfer-Encoding`, with a transfer
 *   coding other than `chunked`, or with a body where the method takes none (GET, HEAD,
 *   DELETE, OPTIONS) is refused with 400 and its connection closed;
 * - the path is decoded once and encoded again (`apiPath`), so `%2e%2e` cannot leave `/api`;
 * - methods outside the API's (TRACE, CONNECT, …) are answered 405 and never sent;
 * - undici closes a backend connection after any framing error, a body that does not match
 *   its length, a time-out or an abort, and never reuses it.
 * Hop-by-hop headers are dropped both ways, `X-Forwarded-*` set here, the backend's address
 * kept out of every answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { Pool, errors } from 'undici';
import { API_METHODS, BODYLESS_METHODS, endToEnd } from './http-rules';

export interface PassThroughOptions {
  /** The backend's origin. */
  backend: URL;
  /** How long the backend may take to start answering, and may pause while answering, in ms. */
  timeoutMs: number;
  /** Answers in the contract's error shape, with the server's own headers. */
  sendError: (
    response: ServerResponse,
    status: number,
    code: string,
    message: string,
    extra?: Record<string, string>,
  ) => void;
  /** The server's own headers (security headers), put on every answer. */
  headers: Record<string, string>;
}

export interface PassThrough {
  /** Passes one request on; `path` has been through `apiPath`, `search` is the raw query. */
  forward(incoming: IncomingMessage, outgoing: ServerResponse, path: string, search: string): void;
  close(): Promise<void>;
}

/** Why a request's framing is refused, or undefined when it is sound. */
export function framingProblem(incoming: IncomingMessage): string | undefined {
  const coding = incoming.headers['transfer-encoding'];
  const length = incoming.headers['content-length'];
  if (coding !== undefined && length !== undefined) {
    return 'The request has both Content-Length and Transfer-Encoding; send one of them.';
  }
  if (coding !== undefined && coding.trim().toLowerCase() !== 'chunked') {
    return `The request's Transfer-Encoding "${coding}" is not supported; send the body with a Content-Length or chunked.`;
  }
  const hasBody = coding !== undefined || (length !== undefined && length !== '0');
  if (hasBody && BODYLESS_METHODS.has(incoming.method ?? '')) {
    return `A ${incoming.method ?? ''} request carries no body here; send it without one.`;
  }
  return undefined;
}

/** Request headers the pass-through sets itself or that undici must decide. */
const DECIDED_HERE = ['host', 'content-length', 'expect', 'forwarded'];

export function createPassThrough(options: PassThroughOptions): PassThrough {
  const { backend, timeoutMs, sendError, headers } = options;
  const pool = new Pool(backend.origin, {
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    // One request at a time on a connection: no answer can be read as another's.
    pipelining: 1,
  });

  function forward(
    incoming: IncomingMessage,
    outgoing: ServerResponse,
    path: string,
    search: string,
  ): void {
    const method = incoming.method ?? 'GET';
    if (!(API_METHODS as readonly string[]).includes(method)) {
      sendError(outgoing, 405, 'method_not_allowed', `The API does not take ${method} requests.`, {
        Allow: API_METHODS.join(', '),
      });
      return;
    }
    const problem = framingProblem(incoming);
    // The query was checked by Node's parser; anything outside visible ASCII is refused too.
    const badQuery = /[^\x21-\x7e]/.test(search);
    if (problem || badQuery) {
      // What follows on this connection cannot be trusted to start where the body ends.
      sendError(
        outgoing,
        400,
        'bad_request',
        problem ?? 'The query has characters a URL cannot hold; encode them.',
        { Connection: 'close' },
      );
      return;
    }
    const forwarded: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(endToEnd(incoming.headers))) {
      if (value !== undefined && !DECIDED_HERE.includes(name)) {
        forwarded[name] = typeof value === 'number' ? String(value) : value;
      }
    }
    const length = incoming.headers['content-length'];
    const chunked = incoming.headers['transfer-encoding'] !== undefined;
    const hasBody = chunked || (length !== undefined && length !== '0');
    const aborter = new AbortController();
    // The client went away before the answer was complete: stop the backend's work too.
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) aborter.abort();
    });
    pool
      .request({
        method,
        path: `${path}${search}`,
        headers: {
          ...forwarded,
          ...(length !== undefined ? { 'content-length': length } : {}),
          'x-forwarded-for': incoming.socket.remoteAddress ?? '',
          'x-forwarded-proto': 'http',
          'x-forwarded-host': incoming.headers.host ?? '',
        },
        body: hasBody ? incoming : null,
        signal: aborter.signal,
      })
      .then(
        (answer) => {
          if (outgoing.destroyed) {
            answer.body.destroy();
            return;
          }
          // The console's own headers win over the backend's, whatever their case: one of each.
          const ours = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
          const theirs = Object.fromEntries(
            Object.entries(endToEnd(answer.headers)).filter(([name]) => !ours.has(name)),
          );
          outgoing.writeHead(answer.statusCode, { ...theirs, ...headers });
          pipeline(answer.body, outgoing, () => undefined);
        },
        (error: unknown) => {
          if (aborter.signal.aborted) return;
          if (error instanceof errors.HeadersTimeoutError) {
            sendError(
              outgoing,
              504,
              'gateway_timeout',
              `The backend did not answer within ${Math.round(timeoutMs / 1000)} s. Try again; if it keeps happening, tell whoever runs the backend.`,
            );
            return;
          }
          // The backend's address stays out of the answer: it is the deployment's business.
          sendError(
            outgoing,
            502,
            'bad_gateway',
            'The backend could not be reached or answered outside HTTP. Try again; if it keeps happening, tell whoever runs the backend.',
          );
        },
      );
  }

  return { forward, close: () => pool.destroy() };
}
