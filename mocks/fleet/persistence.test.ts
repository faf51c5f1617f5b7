import { afterEach, describe, expect, it, vi } from 'vitest';
import { Fleet } from './fleet';
import { browserStore } from './persistence';

afterEach(() => localStorage.clear());

describe('the browser store', () => {
  it('is durable while the browser stores the changes', () => {
    const store = browserStore('fleet-test');
    store.save({ n: 1 });
    expect(store.durable).toBe(true);
    expect(JSON.parse(localStorage.getItem('fleet-test') ?? 'null')).toEqual({ n: 1 });
  });

  it('keeps a change the browser refuses to store, and says it is kept for this page only', () => {
    const store = browserStore('fleet-test');
    const refusing = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const fleet = new Fleet({ scenario: 'demo', store, now: () => Date.UTC(2024, 10, 8, 10) });
    fleet.setSchedule({ mode: 'ids', ids: ['dev-0001'] }, { mode: 'asap' });
    expect(fleet.devices().get('dev-0001')?.schedule).toEqual({ mode: 'asap' });
    expect(store.durable).toBe(false);
    expect(store.load()).toMatchObject({ operations: [{ kind: 'schedule' }] });

    // Once the browser stores again, so does the fleet.
    refusing.mockRestore();
    store.save(store.load());
    expect(store.durable).toBe(true);
  });
});
