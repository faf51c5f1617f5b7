/**
 * Imported before MSW wherever MSW runs. MSW keeps cookies in `localStorage`, which dedicated
 * workers do not have and which a cross-site frame may not touch (every access throws a
 * SecurityError): there MSW gets a storage in memory. The fleet's own state is kept by
 * persistence.ts, which guards every access itself.
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

function usable(): boolean {
  try {
    return typeof globalThis.localStorage?.getItem === 'function';
  } catch {
    return false;
  }
}

if (!usable()) {
  Object.defineProperty(globalThis, 'localStorage', { value: memoryStorage(), configurable: true });
}
