/**
 * Imported first by the fleet's worker. MSW keeps cookies in `localStorage`, which dedicated
 * workers do not have: the worker gets a storage in memory (the fleet's own state is kept by
 * the page, see protocol.ts).
 */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => {
      items.delete(key);
    },
    setItem: (key, value) => {
      items.set(key, String(value));
    },
  };
}

if (!('localStorage' in globalThis)) {
  Object.defineProperty(globalThis, 'localStorage', { value: memoryStorage(), configurable: true });
}
