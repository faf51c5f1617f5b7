import { useSyncExternalStore } from 'react';
import type { AuthMode } from '@/api/client';
import { SESSION_EXPIRED, SIGN_IN_REQUIRED, UNAUTHENTICATED } from '@/api/session';

/**
 * Whether the operator's session has ended (a call answered 401), and how to sign in again:
 * config.json's `auth` settings. The API client reports each 401 here; the session-ended
 * dialog reads it and clears it once a session answers again.
 */
export interface AuthSettings {
  mode: AuthMode;
  signInUrl: string | null;
}

let settings: AuthSettings = { mode: 'cookie', signInUrl: null };
let ended = false;
/** The backend said its operators sign in to the console itself (user name and password). */
let signInHere = false;
const listeners = new Set<() => void>();

export function configureAuth(next: AuthSettings): void {
  settings = next;
}

export function authSettings(): AuthSettings {
  return settings;
}

/**
 * Whether a page with no session yet shows the sign-in screen with the way to a sign-in page
 * (in cookie mode with a `signInUrl`): the whole tab goes there and comes back, nothing to lose.
 */
export function signInPageFirst(): boolean {
  return settings.mode === 'cookie' && settings.signInUrl !== null;
}

/**
 * The sign-in page's address (config.json's `signInUrl`: an identity provider's, or the
 * console's server's `auth/login`), with the page to come back to; null where there is none.
 */
export function signInAddress(returnTo: string = window.location.href): string | null {
  if (!settings.signInUrl) return null;
  const url = new URL(settings.signInUrl, document.baseURI);
  url.searchParams.set('return', returnTo);
  return url.href;
}

function setEnded(value: boolean, here = signInHere): void {
  if (ended === value && signInHere === here) return;
  ended = value;
  signInHere = here;
  for (const listener of listeners) listener();
}

/**
 * A call answered 401 with `code`: `sign_in_required` means sign in here, with a password;
 * `unauthenticated` and `session_expired`, sign in elsewhere (a sign-in page, the portal).
 */
export function markSessionEnded(code?: string): void {
  const elsewhere = code === UNAUTHENTICATED || code === SESSION_EXPIRED;
  setEnded(true, !elsewhere && (signInHere || code === SIGN_IN_REQUIRED));
}

/** Whether the operator signs in on the console's own sign-in form. */
export function useSignInHere(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => signInHere,
    () => false,
  );
}

export function markSessionRestored(): void {
  setEnded(false);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSessionEnded(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => ended,
    () => false,
  );
}
