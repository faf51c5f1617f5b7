/**
 * One webhook POST over undici's own connections (never the process's global `fetch`, which a
 * test's request interception may own): no redirect followed, a time limit on connecting, on
 * the answer's headers and on its body.
 */
import { request } from 'undici';

export interface SendResult {
  status: number;
  text: string;
}

export type Send = (
  url: string,
  init: { headers: Record<string, string>; body: string; timeoutMs: number },
) => Promise<SendResult>;

export const send: Send = async (url, { headers, body, timeoutMs }) => {
  const response = await request(url, {
    method: 'POST',
    headers,
    body,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.statusCode, text: await response.body.text() };
};

/** Why a POST got no answer, in words an administrator can act on. */
export function failureWords(error: unknown, timeoutMs: number): string {
  const code =
    error && typeof error === 'object' && 'code' in error ? String(error.code) : undefined;
  const name = error instanceof Error ? error.name : '';
  if (
    name === 'TimeoutError' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return `No answer within ${Math.round(timeoutMs / 1000)} seconds.`;
  }
  if (code === 'ECONNREFUSED') return 'The connection was refused: is the receiver running?';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return 'The host name is unknown: check the address.';
  }
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) {
    return `The receiver's certificate was refused (${code}).`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `The request failed: ${message}.`;
}
