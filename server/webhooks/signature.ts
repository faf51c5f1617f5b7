/**
 * The signature of a webhook delivery: `X-Fleet-Signature: t=<unix seconds>,v1=<hex>`, where
 * `<hex>` is the HMAC-SHA256, keyed with the webhook's secret, of `<t>.<body>` (the body
 * exactly as sent). WebCrypto only, so that a receiver written in any runtime with it (Node,
 * Deno, a worker) can check it the same way; `verifyWebhookSignature` is that check.
 */
import { WEBHOOK_TOLERANCE_SECONDS } from '../../src/api/webhooks';

export const SIGNATURE_HEADER = 'X-Fleet-Signature';
export const EVENT_HEADER = 'X-Fleet-Event';
export const DELIVERY_HEADER = 'X-Fleet-Delivery';

const encoder = new TextEncoder();

async function hmac(secret: string, text: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
}

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** The header's value for `body` sent at `timestamp` (unix seconds). */
export async function signWebhook(
  secret: string,
  timestamp: number,
  body: string,
): Promise<string> {
  return `t=${timestamp},v1=${hex(await hmac(secret, `${timestamp}.${body}`))}`;
}

/**
 * Whether `header` signs `body` with `secret`, within five minutes of `nowSeconds`: null when
 * it does, else why not, in words.
 */
export async function verifyWebhookSignature(
  secret: string,
  header: string | null,
  body: string,
  nowSeconds: number,
): Promise<string | null> {
  const parts = new Map(
    (header ?? '').split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) {
    return `No signature: expected ${SIGNATURE_HEADER}: t=<seconds>,v1=<hex>.`;
  }
  if (Math.abs(nowSeconds - timestamp) > WEBHOOK_TOLERANCE_SECONDS) {
    return 'The signature is older than five minutes (or the clocks disagree).';
  }
  const expected = await hmac(secret, `${timestamp}.${body}`);
  let difference = 0;
  for (let index = 0; index < expected.length; index += 1) {
    difference |= (expected[index] ?? 0) ^ parseInt(given.slice(index * 2, index * 2 + 2), 16);
  }
  return difference === 0 ? null : 'The signature does not match the body and the secret.';
}
