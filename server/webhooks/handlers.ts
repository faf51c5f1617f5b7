/**
 * The webhooks' endpoints, served by the console's server whatever its backend (like API
 * tokens): administrators list, add and remove webhooks, send a test, and read each one's
 * deliveries with every attempt's answer. Adding and removing one is in the activity.
 */
import type { HttpHandler } from 'msw';
import {
  DELIVERIES_LISTED,
  WEBHOOK_EVENT_LABELS,
  webhookEndpoints,
  type Webhook,
} from '../../src/api/webhooks';
import { admittedRoute } from '../contract/admitted';
import type { Gate } from '../contract/gate';
import { RefusedError } from '../contract/route';
import type { SessionEvent } from '../contract/store-gate';
import type { Store, WebhookRecord } from '../ports/store';
import { shownDelivery, type WebhookDispatcher } from './dispatcher';

export interface WebhookHandlerOptions {
  apiRoot: string;
  gate: () => Gate;
  store: Store;
  dispatcher: WebhookDispatcher;
  record: (event: SessionEvent) => Promise<void>;
  now: () => number;
}

export function webhookHandlers(options: WebhookHandlerOptions): HttpHandler[] {
  const { apiRoot, gate, store, dispatcher, record, now } = options;
  const admitted = admittedRoute(apiRoot, gate);

  async function shown(webhook: WebhookRecord): Promise<Webhook> {
    const [last] = await store.deliveries.list(webhook.id, 1);
    return {
      id: webhook.id,
      url: webhook.url,
      events: webhook.events,
      secretHint: `${webhook.secret.slice(0, 4)}…`,
      createdAt: webhook.createdAt,
      createdBy: webhook.createdBy,
      lastDelivery: last ? shownDelivery(last) : null,
    };
  }

  async function found(id: string): Promise<WebhookRecord> {
    const webhook = await store.webhooks.byId(id);
    if (!webhook) {
      throw new RefusedError(404, 'not_found', 'There is no such webhook. Reload the list.');
    }
    return webhook;
  }

  const subject = (webhook: WebhookRecord) => `Webhook ${webhook.url}`;

  return [
    admitted(webhookEndpoints.list, async () => ({
      items: await Promise.all((await store.webhooks.list()).map(shown)),
    })),

    admitted(webhookEndpoints.create, async ({ body, actor }) => {
      // What the backend notifies already is noted first: the new webhook hears what comes next.
      await dispatcher.baseline();
      const at = now();
      const webhook: WebhookRecord = {
        id: `whk-${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`,
        url: body.url,
        events: body.events,
        secret: body.secret,
        createdBy: { id: actor.id, name: actor.name },
        createdAt: new Date(at).toISOString(),
        removedAt: null,
      };
      await store.webhooks.create(webhook);
      const events = body.events.map((event) => WEBHOOK_EVENT_LABELS[event]).join(', ');
      await record({
        step: 'webhook-added',
        at,
        actor,
        subject: subject(webhook),
        detail: `Added the webhook ${webhook.url} for: ${events}. Deliveries are signed with its secret (${webhook.secret.slice(0, 4)}…).`,
      });
      return shown(webhook);
    }),

    admitted(webhookEndpoints.remove, async ({ params, actor }) => {
      const at = now();
      const removed = await store.webhooks.remove(params.webhookId, new Date(at).toISOString());
      if (!removed) {
        throw new RefusedError(404, 'not_found', 'There is no such webhook. Reload the list.');
      }
      await record({
        step: 'webhook-removed',
        at,
        actor,
        subject: subject(removed),
        detail: `Removed the webhook ${removed.url}: nothing more is sent to it, retries included.`,
      });
      return shown(removed);
    }),

    admitted(webhookEndpoints.test, async ({ params }) =>
      shownDelivery(await dispatcher.test(await found(params.webhookId))),
    ),

    admitted(webhookEndpoints.deliveries, async ({ params }) => {
      const webhook = await found(params.webhookId);
      const items = await store.deliveries.list(webhook.id, DELIVERIES_LISTED);
      return { items: items.map(shownDelivery) };
    }),
  ];
}
