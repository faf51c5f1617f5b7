import { useSyncExternalStore } from 'react';
import type { AuthMode } from '@/api/client';
import { SIGN_IN_REQUIRED } from '@/api/session';

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

function setEnded(value: boolean, here = signInHere): void {
  if (ended === value && signInHere === here) return;
  ended = value;
  signInHere = here;
  for (const listener of listeners) listener();
}

/** A call answered 401 with `code`; `sign_in_required` means: sign in here, with a password. */
export function markSessionEnded(code?: string): void {
  setEnded(true, signInHere || code === SIGN_IN_REQUIRED);
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
