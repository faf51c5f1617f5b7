import { describe, expect, it } from 'vitest';
import { handleServiceWorkerUpdates } from './transport';

describe('service worker update checks', () => {
  it('never leave an unhandled rejection, and still fail for a caller who waits', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const registration = {
        update: () => Promise.reject(new TypeError('Failed to update a ServiceWorker')),
      } as unknown as ServiceWorkerRegistration;
      handleServiceWorkerUpdates(registration);
      handleServiceWorkerUpdates(registration);
      // As MSW does: the update check's promise is dropped.
      void registration.update();
      await expect(registration.update()).rejects.toThrow('Failed to update');
      // Unhandled rejections are reported after the microtask queue drains: let it drain.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
