import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { server, testApiRoot } from '../../../mocks/node';
import type { CreateWebhook, Webhook, WebhookDelivery } from '@/api/webhooks';
import { AppRoutes } from '@/app/router';
import { renderAt } from '@/test/render';
import { adminSession } from './test-session';

const ada = adminSession;

const AT = '2026-12-06T09:00:00.000Z';
const RECEIVER = 'https://tickets.example.com/hooks/fleet';

/**
 * The console's server's webhooks as it answers them (server/webhooks/handlers.ts): the first
 * test is answered 500 and retried, the next one 200.
 */
function webhookBackend() {
  let webhooks: Webhook[] = [];
  const added: CreateWebhook[] = [];
  const deliveries: WebhookDelivery[] = [];
  server.use(
    http.get(`${testApiRoot}session`, () => HttpResponse.json(ada)),
    http.get(`${testApiRoot}tokens`, () => HttpResponse.json({ items: [] })),
    http.get(`${testApiRoot}webhooks`, () => HttpResponse.json({ items: webhooks })),
    http.post(`${testApiRoot}webhooks`, async ({ request }) => {
      const body = (await request.json()) as CreateWebhook;
      added.push(body);
      const webhook: Webhook = {
        id: 'whk-1',
        url: body.url,
        events: body.events,
        secretHint: `${body.secret.slice(0, 4)}…`,
        createdAt: AT,
        createdBy: ada.operator,
        lastDelivery: null,
      };
      webhooks = [webhook];
      return HttpResponse.json(webhook, { status: 201 });
    }),
    http.post(`${testApiRoot}webhooks/:id/test`, () => {
      const first = deliveries.length === 0;
      const delivery: WebhookDelivery = {
        id: `dlv-${deliveries.length + 1}`,
        webhookId: 'whk-1',
        event: 'test',
        title: 'A test from Fleet Update Console',
        createdAt: AT,
        status: first ? 'retrying' : 'delivered',
        attempts: [
          {
            at: AT,
            status: first ? 500 : 200,
            error: first ? 'Answered 500.' : null,
            durationMs: 12,
            answer: first ? 'the ticket queue is down' : 'thanks',
          },
        ],
        nextAttemptAt: first ? '2026-12-06T09:00:30.000Z' : null,
      };
      deliveries.unshift(delivery);
      webhooks = webhooks.map((webhook) => ({ ...webhook, lastDelivery: delivery }));
      return HttpResponse.json(delivery);
    }),
    http.get(`${testApiRoot}webhooks/:id/deliveries`, () =>
      HttpResponse.json({ items: deliveries }),
    ),
    http.delete(`${testApiRoot}webhooks/:id`, () => {
      const [removed] = webhooks;
      webhooks = [];
      return HttpResponse.json(removed);
    }),
  );
  return { added };
}

describe('Settings: webhooks', () => {
  beforeEach(() => {
    server.use(
      http.get(`${testApiRoot}activity`, () =>
        HttpResponse.json({ items: [], page: 1, pageSize: 50, total: 0 }),
      ),
    );
  });

  it('adds a webhook with a generated secret, sends a test, lists its deliveries and removes it', async () => {
    const { added } = webhookBackend();
    const user = userEvent.setup();
    renderAt(<AppRoutes />, '/*', '/settings');
    const section = await screen.findByRole('region', { name: 'Webhooks' });
    expect(
      await within(section).findByText(/No webhook yet\. Add one for each system/),
    ).toBeVisible();

    await user.click(within(section).getByRole('button', { name: 'Add a webhook…' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a webhook' });
    const address = within(dialog).getByRole('textbox', { name: 'Address' });
    await user.type(address, 'ftp://tickets.example.com');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Approval waiting' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Rollout halted' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add webhook' }));
    expect(
      await within(dialog).findByText(
        'Use an address starting with https:// (or http:// inside your network).',
      ),
    ).toBeVisible();
    expect(within(dialog).getByText('Choose at least one event.')).toBeVisible();
    expect(within(dialog).getByText(/Use a secret of at least 16 characters/)).toBeVisible();
    expect(added).toEqual([]);

    await user.clear(address);
    await user.type(address, RECEIVER);
    await user.click(within(dialog).getByRole('checkbox', { name: 'Rollout halted' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Hold ending' }));
    await user.click(within(dialog).getByRole('button', { name: 'Generate' }));
    const secret = within(dialog).getByRole('textbox', { name: 'Secret' });
    expect((secret as HTMLInputElement).value).toMatch(/^[A-Za-z0-9_-]{32}$/);
    await user.click(within(dialog).getByRole('button', { name: 'Add webhook' }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(added).toEqual([
      {
        url: RECEIVER,
        events: ['rollout-halted', 'hold-ending'],
        secret: (secret as HTMLInputElement).value,
      },
    ]);
    const table = within(section).getByRole('table', { name: 'Webhooks' });
    expect(
      await within(table).findByRole('cell', { name: 'Rollout halted, Hold ending' }),
    ).toBeVisible();
    expect(within(table).getByRole('cell', { name: 'Nothing sent yet' })).toBeVisible();

    await user.click(within(table).getByRole('button', { name: `Send a test to ${RECEIVER}` }));
    expect(
      await screen.findByText(
        new RegExp(
          `^The test did not reach ${RECEIVER}: Retrying \\(500\\), next attempt at .+\\. See its deliveries for the answer\\.$`,
        ),
      ),
    ).toBeVisible();
    await user.click(within(table).getByRole('button', { name: `Send a test to ${RECEIVER}` }));
    expect(await screen.findByText(`The test reached ${RECEIVER}: Delivered (200).`)).toBeVisible();
    expect(await within(table).findByRole('cell', { name: 'Delivered (200)' })).toBeVisible();

    await user.click(within(table).getByRole('button', { name: `Deliveries to ${RECEIVER}` }));
    const list = await screen.findByRole('dialog', { name: `Deliveries to ${RECEIVER}` });
    const items = within(await within(list).findByRole('list', { name: 'Deliveries' }));
    expect(items.getByRole('listitem', { name: 'Test: Delivered (200)' })).toBeVisible();
    const retried = items.getByRole('listitem', { name: /^Test: Retrying \(500\)/ });
    expect(retried).toHaveTextContent('Answered 500 in 12 ms: “the ticket queue is down”');
    await user.click(within(list).getByRole('button', { name: 'Close' }));

    await user.click(within(table).getByRole('button', { name: `Remove ${RECEIVER}…` }));
    const confirm = screen.getByRole('dialog', { name: 'Remove webhook' });
    await user.click(within(confirm).getByRole('button', { name: 'Remove webhook' }));
    expect(await screen.findByText(`The webhook ${RECEIVER} is removed.`)).toBeVisible();
    expect(await within(section).findByText(/No webhook yet/)).toBeVisible();
  });
});
