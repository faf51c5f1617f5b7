import { z } from 'zod/mini';

/**
 * The embedding protocol between the console (in an iframe) and the portal around it. Every
 * message is an object `{ protocol: 'fleet-update-console', version: 1, type, … }`.
 *
 * Console → portal: `ready` (with `route`) once, `height` (content height in CSS pixels) on
 * every change, `route` on every navigation, and `token-request` when it needs a bearer token
 * (at start-up in bearer mode, and when the session has ended). Portal → console: `navigate`
 * (`route`, e.g. `/firmware/Nord%20GSM`), `set-theme` (`mode`: `light`, `dark` or `system`)
 * and `set-token` (`token`: the bearer token every API call then carries, kept in memory).
 *
 * Messages go only to, and are accepted only from, the origins in `embedAllowedOrigins`;
 * anything else (other origins, other windows, malformed or other-version messages) is ignored.
 */
export const EMBED_PROTOCOL = 'fleet-update-console';
export const EMBED_VERSION = 1;

const envelope = { protocol: z.literal(EMBED_PROTOCOL), version: z.literal(EMBED_VERSION) };

const here = 'http://console.invalid';

/**
 * A route inside the console: one leading slash, no backslash or control character (browsers
 * read `/\host` as `//host`), and it stays on the console's origin once resolved.
 */
export function isConsoleRoute(route: string): boolean {
  if (!route.startsWith('/') || route.startsWith('//')) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(route)) return false;
  try {
    return new URL(route, here).origin === here;
  } catch {
    return false;
  }
}

export const PortalMessage = z.discriminatedUnion('type', [
  z.object({
    ...envelope,
    type: z.literal('navigate'),
    route: z
      .string()
      .check(
        z.maxLength(2000),
        z.refine(isConsoleRoute, 'a route inside the console, starting with one "/"'),
      ),
  }),
  z.object({
    ...envelope,
    type: z.literal('set-theme'),
    mode: z.enum(['light', 'dark', 'system']),
  }),
  z.object({
    ...envelope,
    type: z.literal('set-token'),
    token: z.string().check(z.minLength(1), z.maxLength(8192), z.regex(/^[\x21-\x7e]+$/)),
  }),
]);
export type PortalMessage = z.infer<typeof PortalMessage>;

export type ConsoleMessage =
  | { protocol: typeof EMBED_PROTOCOL; version: 1; type: 'ready'; route: string }
  | { protocol: typeof EMBED_PROTOCOL; version: 1; type: 'height'; height: number }
  | { protocol: typeof EMBED_PROTOCOL; version: 1; type: 'route'; route: string }
  | { protocol: typeof EMBED_PROTOCOL; version: 1; type: 'token-request' };

type ConsoleMessageBody =
  | { type: 'ready'; route: string }
  | { type: 'height'; height: number }
  | { type: 'route'; route: string }
  | { type: 'token-request' };

let allowedOrigins: readonly string[] = [];

/** Set once at start-up from `config.json`'s `embedAllowedOrigins`. */
export function configureEmbedding(origins: readonly string[]): void {
  allowedOrigins = origins.map((origin) => new URL(origin).origin);
}

export function embedOrigins(): readonly string[] {
  return allowedOrigins;
}

/** The window that embeds the console, or null at the top (or where it cannot be reached). */
export function embeddingWindow(): Window | null {
  try {
    return window.parent !== window ? window.parent : null;
  } catch {
    return null;
  }
}

/** Posts to the portal; only a parent whose origin is allowed receives it. */
export function postToPortal(body: ConsoleMessageBody): void {
  const parent = embeddingWindow();
  if (!parent) return;
  const message = { protocol: EMBED_PROTOCOL, version: EMBED_VERSION, ...body } as ConsoleMessage;
  for (const origin of allowedOrigins) {
    try {
      parent.postMessage(message, origin);
    } catch {
      // A closed or unreachable parent: nothing to tell.
    }
  }
}

/** The portal's message, or null when it is not one to act on. */
export function readPortalMessage(event: MessageEvent): PortalMessage | null {
  if (!allowedOrigins.includes(event.origin)) return null;
  if (event.source !== embeddingWindow()) return null;
  const parsed = PortalMessage.safeParse(event.data);
  return parsed.success ? parsed.data : null;
}
