/**
 * Where the fleet keeps the operator's changes. In a browser that allows it, localStorage,
 * so changes survive a reload; where storage is denied (a cross-site iframe throws a
 * SecurityError on access) or absent (Node), memory only. Every access is guarded.
 */
export interface FleetStore {
  /** Changes outlive the page: false in memory, or once the browser refused to store them. */
  readonly durable: boolean;
  load(): unknown;
  save(value: unknown): void;
  clear(): void;
}

export function memoryStore(initial?: unknown): FleetStore {
  let value: unknown = initial;
  return {
    durable: false,
    load: () => value,
    save: (next) => {
      value = next;
    },
    clear: () => {
      value = undefined;
    },
  };
}

function localStorageOrNull(): Storage | null {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return null;
    const probe = '__fleet_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

export function browserStore(key: string): FleetStore {
  const storage = localStorageOrNull();
  if (!storage) return memoryStore();
  const memory = memoryStore();
  let durable = true;
  return {
    get durable() {
      return durable;
    },
    load() {
      // After a refused save, the stored copy is older than the one in memory.
      if (!durable) return memory.load();
      try {
        const text = storage.getItem(key);
        return text === null ? undefined : (JSON.parse(text) as unknown);
      } catch {
        return memory.load();
      }
    },
    save(value) {
      memory.save(value);
      try {
        storage.setItem(key, JSON.stringify(value));
        durable = true;
      } catch {
        // Quota, or a storage that went away: the change is kept in memory for this page,
        // and the console says so (see SIMULATED_STORAGE_HEADER).
        durable = false;
      }
    },
    clear() {
      memory.clear();
      try {
        storage.removeItem(key);
      } catch {
        // Nothing stored, nothing to clear.
      }
    },
  };
}
