import { useSyncExternalStore } from 'react';
import type { AuthMode } from '@/api/client';

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
const listeners = new Set<() => void>();

export function configureAuth(next: AuthSettings): void {
  settings = next;
}

export function authSettings(): AuthSettings {
  return settings;
}

function setEnded(value: boolean): void {
  if (ended === value) return;
  ended = value;
  for (const listener of listeners) listener();
}

export function markSessionEnded(): void {
  setEnded(true);
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
