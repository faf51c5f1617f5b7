import { useCallback, useSyncExternalStore } from 'react';

/**
 * Operator preferences remembered per browser (density, hidden columns, theme, time zone
 * display). Every storage access is guarded: where the browser refuses storage (a cross-site
 * frame, a full quota) a preference lasts as long as the page.
 */
const PREFIX = 'fleet-update-console:';
const memory = new Map<string, string>();
const listeners = new Set<() => void>();

function read(key: string): string | null {
  try {
    const stored = globalThis.localStorage?.getItem(PREFIX + key);
    if (stored !== null && stored !== undefined) return stored;
  } catch {
    // Storage denied: fall back to this page's memory.
  }
  return memory.get(key) ?? null;
}

function write(key: string, value: string | null): void {
  if (value === null) memory.delete(key);
  else memory.set(key, value);
  try {
    if (value === null) globalThis.localStorage?.removeItem(PREFIX + key);
    else globalThis.localStorage?.setItem(PREFIX + key, value);
  } catch {
    // Kept in memory for this page.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * A remembered preference: the stored value when `parse` accepts it, else `fallback`.
 * Setting `null` forgets it (back to the default).
 */
export function usePreference<T>(
  key: string,
  fallback: T,
  parse: (stored: string) => T | undefined,
): [T, (value: T | null) => void] {
  const raw = useSyncExternalStore(subscribe, () => read(key));
  const value = raw === null ? fallback : (parse(raw) ?? fallback);
  const set = useCallback(
    (next: T | null) => write(key, next === null ? null : JSON.stringify(next)),
    [key],
  );
  return [value, set];
}

/** Parses a stored JSON value that must be one of `choices`. */
export function oneOf<T extends string>(choices: readonly T[]) {
  return (stored: string): T | undefined => {
    try {
      const value: unknown = JSON.parse(stored);
      return choices.find((choice) => choice === value);
    } catch {
      return undefined;
    }
  };
}

/** For tests: forget every preference of this page. */
export function resetPreferences(): void {
  memory.clear();
  try {
    for (let index = globalThis.localStorage.length - 1; index >= 0; index -= 1) {
      const key = globalThis.localStorage.key(index);
      if (key?.startsWith(PREFIX)) globalThis.localStorage.removeItem(key);
    }
  } catch {
    // Nothing stored.
  }
  for (const listener of listeners) listener();
}
