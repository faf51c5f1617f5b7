import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../mocks/fleet/persistence';
import { currentFleet, resetFleet } from '../../mocks/node';
import { NO_APPROVAL_RULES } from '@/api/approvals';
import { DEFAULT_RULES } from '@/api/rollouts';
import { renderRoute } from '@/test/render';
import { Layout } from './Layout';

describe('the notification bell', () => {
  it('says how many notifications are unread, lists them with where to act, and marks one read when opened', async () => {
    const store = memoryStore();
    resetFleet('demo', undefined, { role: 'administrator' }, { store }).approvals.setRules({
      deviceType: null,
      rules: { ...NO_APPROVAL_RULES, rollouts: true },
    });
    resetFleet('demo', undefined, { role: 'operator' }, { store }).approvals.ask({
      requestId: 'ask-bell-0001',
      deviceType: 'Nord GSM',
      change: {
        kind: 'rollout',
        selection: { exclude: [] },
        plan: { pilot: { kind: 'count', count: 1 }, waves: [] },
        rules: DEFAULT_RULES,
      },
    });
    resetFleet('demo', undefined, { role: 'administrator' }, { store });
    const user = userEvent.setup();
    const view = renderRoute(
      [
        { path: '/', element: <Layout /> },
        { path: '/approvals', element: <Layout /> },
      ],
      '/',
    );
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    await user.click(bell);
    const panel = await screen.findByRole('dialog', { name: 'Notifications' });
    const item = within(panel).getByRole('link', {
      name: 'Waiting for your approval: Staged rollout of Nord GSM to 5.40, unread',
    });
    expect(within(panel).getByRole('listitem')).toHaveTextContent(
      'Asked by Omar Haddad. Rollouts of Nord GSM need a second person’s approval (the fleet’s rules).',
    );
    await user.click(item);
    await waitFor(() => expect(view.location().pathname).toBe('/approvals'));
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeVisible();
    expect(currentFleet().notifications.list().unread).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Notifications' }));
    const again = await screen.findByRole('dialog', { name: 'Notifications' });
    expect(
      within(again).getByRole('link', {
        name: 'Waiting for your approval: Staged rollout of Nord GSM to 5.40',
      }),
    ).toBeVisible();
    expect(within(again).getByRole('button', { name: 'Mark all as read' })).toBeDisabled();
  });
});
