import { MutationObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/errors';
import { createQueryClient } from './query-client';

function seeded() {
  const client = createQueryClient();
  client.setQueryData(['devices', 'list', {}], { items: [] });
  client.setQueryData(['sites', 'stats'], { items: [] });
  const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated ?? false;
  return { client, stale };
}

describe('the query client', () => {
  it('refreshes what a change declares once it succeeds, and nothing else', async () => {
    const { client, stale } = seeded();
    await new MutationObserver(client, {
      mutationFn: () => Promise.resolve('done'),
      meta: { invalidates: [['devices']] },
    }).mutate();
    expect(stale(['devices', 'list', {}])).toBe(true);
    expect(stale(['sites', 'stats'])).toBe(false);
  });

  it('refreshes after a refusal only where the change asks for it', async () => {
    const refused = () =>
      Promise.reject(
        new ApiError({
          kind: 'http',
          status: 422,
          code: 'no_ip_channel',
          message: 'No IP channel.',
        }),
      );
    const { client, stale } = seeded();
    await expect(
      new MutationObserver(client, {
        mutationFn: refused,
        meta: { invalidates: [['sites']] },
      }).mutate(),
    ).rejects.toThrow('No IP channel.');
    expect(stale(['sites', 'stats'])).toBe(false);
    await expect(
      new MutationObserver(client, {
        mutationFn: refused,
        meta: { invalidates: [['sites']], alsoOnError: true },
      }).mutate(),
    ).rejects.toThrow('No IP channel.');
    expect(stale(['sites', 'stats'])).toBe(true);
    expect(stale(['devices', 'list', {}])).toBe(false);
  });

  it('refreshes everything when a change meets a conflict (409)', async () => {
    const { client, stale } = seeded();
    await expect(
      new MutationObserver(client, {
        mutationFn: () =>
          Promise.reject(
            new ApiError({
              kind: 'http',
              status: 409,
              code: 'already_updating',
              message: 'Moved on.',
            }),
          ),
        meta: { invalidates: [] },
      }).mutate(),
    ).rejects.toThrow('Moved on.');
    expect(stale(['devices', 'list', {}])).toBe(true);
    expect(stale(['sites', 'stats'])).toBe(true);
  });
});
