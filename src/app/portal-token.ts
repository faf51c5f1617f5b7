import { setBearerToken } from '@/api/client';
import { embedOrigins, postToPortal, readPortalMessage } from './embed';

let waiting: ((token: string) => void) | null = null;

/**
 * Asks the portal for a token (`token-request`) and waits for its `set-token` answer, which
 * `listenForPortalTokens` takes. True once a token arrived; false after `waitMs`.
 */
export function requestPortalToken(waitMs = 30_000): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiting = null;
      resolve(false);
    }, waitMs);
    waiting = () => {
      clearTimeout(timer);
      waiting = null;
      resolve(true);
    };
    postToPortal({ type: 'token-request' });
  });
}

/** A token from the portal: every call carries it from now on (kept in memory only). */
function receivePortalToken(token: string): void {
  setBearerToken(token);
  waiting?.(token);
}

/**
 * Takes the portal's `set-token` messages (from the allowed origins only, see embed.ts), from
 * start-up on, before the first screen renders.
 */
export function listenForPortalTokens(): void {
  window.addEventListener('message', (event: MessageEvent) => {
    // Only the portal origins in config.json may hand over a token.
    if (!embedOrigins().includes(event.origin)) return;
    const message = readPortalMessage(event);
    if (message?.type === 'set-token') receivePortalToken(message.token);
  });
}
